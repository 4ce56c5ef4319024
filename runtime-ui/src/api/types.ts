/**
 * The API's answers as the web app reads them: the contract's own types (schemas/src/api, the server
 * validates and serialises with the same shapes), imported type-only so no TypeBox reaches the bundle.
 * The live reference is /api/docs.
 */
import type { FormDefinition } from '@forecourt/schemas';
import type { VisibleForm } from '@forecourt/schemas/api';

export type { FieldDef, FormDefinition, Label } from '@forecourt/schemas';
export type {
  App,
  DirectoryDepartment,
  DirectoryUser,
  Form,
  InboxBox,
  InboxCounts,
  InboxItem,
  InboxPage,
  Me,
  RecordPage,
  /** A record as the API shows it. */
  RecordView as RecordRow,
  TaskView,
  User,
  /** `GET /api/forms/:formId`: the published definition is what records are written with. */
  VisibleForm as FormView,
} from '@forecourt/schemas/api';

/** The definition records are shown with: the published one, else the draft (admins before publishing). */
export function definitionOf(view: VisibleForm): FormDefinition {
  return view.published ?? view.form.draft;
}
