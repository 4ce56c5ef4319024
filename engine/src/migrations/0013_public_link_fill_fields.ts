import { type Kysely, sql } from 'kysely';

/**
 * A fill link names the fields it shows and accepts (`fill_fields`, top-level field ids; a listed
 * table brings its public columns). Before, a fill link showed and accepted every field of the form
 * not of a type kept from the public, so a field added later, or one every permission set hides,
 * could be filled anonymously. Each existing fill link keeps what its page showed when this ran:
 * the published form's live fields, less the types below (frozen here, as the engine's rule was
 * then: people, relations, files and system fields). A link whose form has no published version
 * gets none; its admin ticks them.
 */
const NOT_PUBLIC_TYPES = new Set([
  'member',
  'department',
  'relation',
  'lookup',
  'rollup',
  'attachment',
  'image',
  'signature',
  'created_by',
  'created_at',
  'updated_by',
  'updated_at',
  'flow_state',
]);

interface FieldShape {
  id?: unknown;
  type?: unknown;
  hidden?: unknown;
}

function shownFieldIds(definition: unknown): string[] {
  const fields = (definition as { fields?: unknown } | null)?.fields;
  if (!Array.isArray(fields)) return [];
  return (fields as FieldShape[])
    .filter((f) => typeof f.id === 'string' && f.hidden !== true && !NOT_PUBLIC_TYPES.has(String(f.type)))
    .map((f) => f.id as string);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table public_links add column fill_fields jsonb not null default '[]'::jsonb`.execute(db);
  const { rows } = await sql<{ id: string; definition: unknown }>`
    select l.id, v.definition
    from public_links l
    join forms f on f.id = l.form_id and f.workspace_id = l.workspace_id
    join form_versions v on v.workspace_id = f.workspace_id and v.form_id = f.id and v.version = f.published_version
    where l.kind = 'fill'`.execute(db);
  for (const row of rows)
    await sql`update public_links set fill_fields = ${JSON.stringify(shownFieldIds(row.definition))}::jsonb where id = ${row.id}`.execute(
      db,
    );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table public_links drop column fill_fields`.execute(db);
}
