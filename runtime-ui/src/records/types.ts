/** Answers of the record page's routes (docs/api.md: history, approvals, timeline, comments): the API contract's. */
export type {
  HistoryEntry,
  Person,
  RecordAction,
  RecordApprovals,
  RecordComment,
  Timeline,
  TimelineFailure,
} from '@forecourt/schemas/api';
