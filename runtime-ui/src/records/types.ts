/** Answers of the record page's routes (docs/api.md: history, approvals, timeline, comments). */
import type { Label } from '../api/types';

export interface Person {
  id: string;
  name: string;
}

/** `GET …/records/:recordId/history`: one write, with a before/after per changed field. */
export interface HistoryEntry {
  id: string;
  rev: number;
  action: 'create' | 'update' | 'delete' | 'restore' | 'convert' | 'purge';
  at: string;
  via: string;
  actor: Person | null;
  changes: {
    fieldId: string;
    label: Label;
    type: string | null;
    hidden: boolean;
    before: unknown;
    after: unknown;
    typeChange?: { from: string; to: string };
  }[];
}

export type RecordAction = 'edit' | 'delete' | 'print' | 'submit' | 'withdraw' | 'urge';

/** `GET …/records/:recordId/approvals`: the record's approvals, newest first, and what the reader may do. */
export interface RecordApprovals {
  approvals: {
    id: string;
    status: string;
    version: number;
    submitter: Person | null;
    startedAt: string;
    endedAt: string | null;
  }[];
  actions: RecordAction[];
}

/** `GET /api/instances/:instanceId`: an approval's timeline. */
/** An automatic action that failed for good (GET /api/instances/:id `instance.failure`). */
export interface TimelineFailure {
  nodeId: string;
  nodeLabel: Label | null;
  index: number;
  action: string | null;
  attempts: number;
  error: { code: string; params: Record<string, string | number>; message: string };
  at: string;
  canResolve: boolean;
}

export interface Timeline {
  instance: {
    id: string;
    status: string;
    formId: string;
    recordId: string;
    version: number;
    failure: TimelineFailure | null;
  };
  entries: {
    at: string;
    action: string;
    nodeId: string | null;
    nodeLabel: Label | null;
    taskId: string | null;
    actor: Person | null;
    comment: string | null;
    details: Record<string, unknown>;
  }[];
}

/** `GET …/records/:recordId/comments`. */
export interface RecordComment {
  id: string;
  recordId: string;
  author: Person;
  body: string;
  mentions: Person[];
  createdAt: string;
  mine: boolean;
}
