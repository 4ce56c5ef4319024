/**
 * What the form designer needs from its host. The designer never imports runtime-ui (runtime-ui imports
 * the designer): the host page passes these functions, built on its own API client, and the preview.
 */
import type { FormDefinition, Label } from '@forecourt/schemas';
import type { ReactNode } from 'react';

/** One problem the server found, with its JSON pointer into the definition (`/fields/3/expression`). */
export interface DefinitionIssue {
  path: string;
  message: string;
}

/** `POST /api/forms/:formId/publish[?dryRun=true]` (engine/src/forms/publish.ts). */
export interface PublishSummary {
  version: number;
  added: string[];
  renamed: { fieldId: string; from: string; to: string }[];
  hidden: string[];
  typeChanges: {
    fieldId: string;
    from: string;
    to: string;
    converted: number;
    failed: { recordId: string; value: unknown; message: string }[];
  }[];
}

export interface FormSummary {
  id: string;
  appId: string;
  title: Label;
}

export interface FormDesignerApi {
  /** PUT the draft; answers the stored draft. A refusal throws an error with `details: DefinitionIssue[]`. */
  saveDraft(definition: FormDefinition): Promise<FormDefinition>;
  /** The same PUT as a request that outlives the page (fetch keepalive), sent when the tab closes. */
  saveOnLeave?(definition: FormDefinition): void;
  publish(dryRun: boolean): Promise<PublishSummary>;
  /** Forms of the workspace, for relation targets and data linkage. */
  listForms(): Promise<FormSummary[]>;
  /** Another form's definition (published, else draft), for picking its fields. */
  loadForm(formId: string): Promise<FormDefinition>;
}

export interface FormDesignerProps {
  /** The draft as loaded. */
  draft: FormDefinition;
  /** The published definition, or null before the first publication (its field ids are fixed). */
  published: FormDefinition | null;
  /** The published version number, or null. */
  version: number | null;
  api: FormDesignerApi;
  /** The form exactly as staff will see it, at `width` pixels (runtime-ui's FormRenderer). */
  renderPreview(definition: FormDefinition, width: number): ReactNode;
  /** Links to the form's permission sets and public links (host routes). */
  links: { permissions: string; publicLinks: string; records: string };
  /** Client-side navigation of the host (react-router's navigate). */
  navigate(href: string): void;
  /** Called after a publication, with the new version. */
  onPublished?(version: number): void;
}

/** Errors thrown by the host's API client carry the server's details. */
export function issuesOf(error: unknown): DefinitionIssue[] {
  const details = (error as { details?: unknown })?.details;
  return Array.isArray(details) ? (details as DefinitionIssue[]) : [];
}
