export { isPublicAddress } from './addresses';
export { type AllowList, AllowListError, EMPTY_ALLOW_LIST, parseAllowList } from './allow-list';
export {
  createOutboundClient,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_OUTBOUND_TIMEOUT_MS,
  type OutboundClient,
  type OutboundPolicy,
  type OutboundRequest,
  type OutboundResponse,
} from './client';
export { OutboundError, type OutboundReason } from './errors';
export { checkTarget, type Resolver } from './target';
