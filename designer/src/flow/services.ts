import type { WorkflowDefinition } from '@forecourt/schemas';
import type {
  DirectoryDepartment,
  DirectoryRole,
  DirectoryUser,
  WorkflowVersionSummary as FlowVersionSummary,
} from '@forecourt/schemas/api';

/**
 * What the designer needs from the server, given by the host page (runtime-ui owns the API client).
 * Errors are thrown as the host's API errors: `status`, `message` and `details[]` with JSON-pointer paths.
 */
export interface FlowDesignerServices {
  saveDraft(flow: WorkflowDefinition): Promise<void>;
  /** Publishes the saved draft; a refusal (422) carries one detail per problem, its path at the node. */
  publish(): Promise<{ publishedVersion: number | null }>;
  versions(): Promise<FlowVersionSummary[]>;
  searchUsers(q: string): Promise<DirectoryUser[]>;
  usersByIds(ids: string[]): Promise<DirectoryUser[]>;
  departments(): Promise<DirectoryDepartment[]>;
  roles(): Promise<DirectoryRole[]>;
}

/** The server's answers the designer reads: the API contract's own types. */
export type {
  DirectoryDepartment,
  DirectoryRole,
  DirectoryUser,
  WorkflowVersionSummary as FlowVersionSummary,
} from '@forecourt/schemas/api';

export interface ProblemDetail {
  path: string;
  message: string;
}

/** The details of a refused request, when the error carries them. */
export function detailsOf(error: unknown): ProblemDetail[] {
  const details = (error as { details?: unknown } | null)?.details;
  return Array.isArray(details) ? (details as ProblemDetail[]) : [];
}
