/** What the properties panel is showing: a field, a column of a table field, or a section. */
export type Selection =
  | { kind: 'field'; fieldId: string }
  | { kind: 'column'; fieldId: string; columnId: string }
  | { kind: 'section'; sectionId: string };

/** Server issue paths (`/fields/3/...`) → the ids of the fields they are about, with the message. */
export function issuesByField(
  issues: { path: string; message: string }[],
  fieldIds: string[],
): Map<string, string[]> {
  const byField = new Map<string, string[]>();
  for (const issue of issues) {
    const match = /^\/fields\/(\d+)(\/.*)?$/.exec(issue.path);
    const id = match ? fieldIds[Number(match[1])] : undefined;
    const key = id ?? '';
    const where = match?.[2] ? `${match[2].slice(1)}: ` : '';
    byField.set(key, [...(byField.get(key) ?? []), `${where}${issue.message}`]);
  }
  return byField;
}
