/** Why an outbound call did not go through; stable codes for logs, timelines and the web app's texts. */
export type OutboundReason =
  | 'url_invalid'
  | 'userinfo'
  | 'name_refused'
  | 'address_refused'
  | 'dns_failed'
  | 'timeout'
  | 'network'
  | 'redirect'
  | 'too_large'
  | 'status';

/**
 * A refused or failed outbound call. `reason` and `params` are what a person is shown (in their
 * language); the message is the English text for logs and `jobs.last_error`.
 */
export class OutboundError extends Error {
  constructor(
    readonly reason: OutboundReason,
    message: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = 'OutboundError';
  }

  /** Refusals by policy never succeed on a retry; the others may. */
  get refused(): boolean {
    return ['url_invalid', 'userinfo', 'name_refused', 'address_refused'].includes(this.reason);
  }

  /** Read by the job runner: a refused call is not tried again. */
  get retryable(): boolean {
    return !this.refused;
  }
}
