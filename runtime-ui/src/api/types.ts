/** The shapes of the API answers the web app reads (docs/api.md; the live reference is /api/docs). */
import type { FieldDef, FormDefinition, Label } from '@forecourt/schemas';

export type { FieldDef, FormDefinition, Label };

export interface User {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  status: 'active' | 'disabled';
}

export interface Me {
  user: User;
  departments: { departmentId: string; isPrimary: boolean }[];
  roleIds: string[];
  csrfToken?: string;
}

export interface App {
  id: string;
  name: Label;
  icon: string | null;
  sort: number;
}

export interface Form {
  id: string;
  appId: string;
  draft: FormDefinition;
  publishedVersion: number | null;
}

/** `GET /api/forms/:formId`: the published definition is what records are written with. */
export interface FormView {
  form: Form;
  published: FormDefinition | null;
  actions: string[];
  manages: boolean;
  /** Saved records can be submitted to a published approval flow. */
  hasFlow: boolean;
}

export interface RecordRow {
  id: string;
  formId: string;
  formVersion: number;
  rev: number;
  data: Record<string, unknown>;
  ownerId: string | null;
  flowState: string | null;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  updatedBy: string | null;
}

export interface RecordPage {
  records: RecordRow[];
  next: string | null;
}

export type InboxBox = 'todo' | 'done' | 'initiated' | 'cc';

export interface InboxItem {
  taskId: string | null;
  instanceId: string;
  formId: string;
  recordId: string;
  nodeId: string | null;
  nodeLabel: Label | null;
  kind: string | null;
  taskStatus: string | null;
  instanceStatus: string;
  submitter: { id: string; name: string } | null;
  /** The record's first text-like field the viewer may read (not every form has one filled). */
  title: string | null;
  submittedAt: string;
  createdAt: string;
  actedAt: string | null;
  dueAt: string | null;
}

/** `GET /api/directory/users`: what any colleague may know of a person (no email, no admin details). */
export interface DirectoryUser {
  id: string;
  name: string;
  /** False for a disabled account (answered only when asked by id). */
  active: boolean;
  /** The primary department first. */
  departments: { id: string; name: string }[];
}

/** `GET /api/directory/departments`: a flat list; the tree comes from `parentId`. */
export interface DirectoryDepartment {
  id: string;
  name: string;
  parentId: string | null;
}

export interface InboxCounts {
  todo: number;
  cc: number;
  initiated: number;
}

/** `GET /api/tasks/:taskId`: the record as the task's node shows it (hidden fields left out). */
export interface TaskView {
  task: { id: string; nodeId: string; kind: string; status: string; dueAt: string | null; createdAt: string };
  instance: { id: string; status: string; formId: string; recordId: string; submitterId: string | null };
  record: { id: string; rev: number; data: Record<string, unknown> };
  fields: Record<string, 'read' | 'edit' | 'required'>;
  actions: string[];
}

/** The definition records are shown with: the published one, else the draft (admins before publishing). */
export function definitionOf(view: FormView): FormDefinition {
  return view.published ?? view.form.draft;
}
