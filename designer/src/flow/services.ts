import type { WorkflowDefinition } from '@forecourt/schemas';

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

export interface FlowVersionSummary {
  version: number;
  publishedAt: string;
  publishedBy: { id: string; name: string } | null;
  /** Instances still running on this version. */
  running: number;
  /** All instances ever started on it. */
  instances: number;
}

export interface DirectoryUser {
  id: string;
  name: string;
  active: boolean;
  departments: { id: string; name: string }[];
}
export interface DirectoryDepartment {
  id: string;
  name: string;
  parentId: string | null;
}
export interface DirectoryRole {
  id: string;
  name: string;
}

export interface ProblemDetail {
  path: string;
  message: string;
}

/** The details of a refused request, when the error carries them. */
export function detailsOf(error: unknown): ProblemDetail[] {
  const details = (error as { details?: unknown } | null)?.details;
  return Array.isArray(details) ? (details as ProblemDetail[]) : [];
}
