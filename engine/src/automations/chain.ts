import type { ChainLink } from '../records/context';

/** How many automations may follow one another from one person's write (issue 16: default 5). */
export const MAX_CHAIN_DEPTH = 5;

export interface LoopStop {
  code: 'automation.loop';
  message: string;
  params: { depth: number; limit: number; revisits: boolean };
}

/**
 * Loop protection: the run that would follow `chain` stops when it is deeper than the limit or its
 * automation already ran earlier in the chain, on any record. (Only on the same record would let an
 * automation that creates records in its own form multiply them: 20 creates a run, 20^5 records.)
 */
export function loopStop(chain: ChainLink[], next: ChainLink, limit = MAX_CHAIN_DEPTH): LoopStop | undefined {
  const depth = chain.length + 1;
  const revisits = chain.some((l) => l.automationId === next.automationId);
  if (depth <= limit && !revisits) return undefined;
  return {
    code: 'automation.loop',
    message: revisits
      ? `Automation ${next.automationId} already ran earlier in this chain: stopped so it does not loop.`
      : `This chain of automations is ${depth} deep, more than the limit of ${limit}: stopped so it does not loop.`,
    params: { depth, limit, revisits },
  };
}
