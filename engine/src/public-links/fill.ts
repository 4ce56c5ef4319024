import type { PublicSubmission } from '@forecourt/schemas/api';
import type { Executor } from '../db/schema';
import { DomainError, ValidationError } from '../errors';
import { formVersion } from '../forms/forms';
import { writeContext } from '../records/context';
import { createRecord } from '../records/service';
import { unfillableKeys } from './fields';
import { fillDefinition } from './fill-fields';
import { linkActor, type OpenLink } from './public';

export type { PublicSubmission };

/**
 * Stores an anonymous person's submission through a fill link, through the one record pipeline
 * (defaults, formulas, rules, validation, uniqueness, serials). Only the link's listed fields, as its
 * page shows them, may be sent (anything else is a 422 and nothing is stored); the record has no owner and carries the link's channel tag.
 */
export async function submitThroughLink(
  db: Executor,
  link: OpenLink,
  data: unknown,
): Promise<PublicSubmission> {
  if (link.kind !== 'fill')
    throw new DomainError('not_found', 'This link looks records up; it takes no submissions.');
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new ValidationError('Some fields are not valid.', [
      { path: '/', message: 'A record must be an object of field values.' },
    ]);
  const { definition } = await formVersion(db, link.workspace_id, link.form_id);
  const refused = unfillableKeys(
    fillDefinition(definition, link.fill_fields).fields,
    data as Record<string, unknown>,
  );
  if (refused.length) throw new ValidationError('Some fields cannot be filled through this link.', refused);
  const context = {
    ...writeContext(linkActor(link), 'public'),
    publicLink: { id: link.id, channel: link.channel },
  };
  const created = await createRecord(db, context, link.form_id, data);
  const serials = definition.fields.filter((f) => f.type === 'serial' && !f.hidden);
  if (serials.length === 0) return { id: created.id };
  return {
    id: created.id,
    serial: Object.fromEntries(serials.map((f) => [f.id, created.data[f.id] ?? null])),
  };
}
