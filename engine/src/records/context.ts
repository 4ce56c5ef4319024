import type { FieldContext, FormDefinition } from '@forecourt/schemas';
import type { Actor } from '../accounts/actor';

/** Which path wrote a record: every path goes through the same pipeline. */
export type WritePath = 'api' | 'import' | 'workflow' | 'automation' | 'system' | 'public';

export interface WriteContext {
  actor: Actor;
  via: WritePath;
  /** One clock reading per request, so defaults, formulas and serials agree. */
  now: Date;
  timeZone: string;
  /**
   * Set when an anonymous person submits through a form's public fill link: the record then has no
   * owner, creator or department, and carries the link's channel tag.
   */
  publicLink?: { id: string; channel: string | null };
  /**
   * Set when an automation writes: the automations and records that led to this write, oldest
   * first, so the next automation can refuse to loop (automations/chain.ts).
   */
  chain?: ChainLink[];
}

/** One step of an automation chain: this automation ran for this record. */
export interface ChainLink {
  automationId: string;
  recordId: string;
}

/** The way a write came, as record events carry it: a public fill is `public`. */
export function channelOf(context: WriteContext): WritePath {
  return context.publicLink ? 'public' : context.via;
}

/** The zone dates without a time are read in (a workspace setting later; every store is in China today). */
export const WORKSPACE_TIME_ZONE = 'Asia/Shanghai';

export function writeContext(actor: Actor, via: WritePath = 'api', now = new Date()): WriteContext {
  return { actor, via, now, timeZone: WORKSPACE_TIME_ZONE };
}

export function fieldContext(context: WriteContext): FieldContext {
  return { now: context.now, timeZone: context.timeZone };
}

/** A published form version as the pipeline needs it. */
export interface FormVersion {
  formId: string;
  version: number;
  definition: FormDefinition;
}
