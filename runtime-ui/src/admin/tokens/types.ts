/** `GET /api/tokens`: one of my API tokens (never its secret). */
export type { ApiToken } from '@forecourt/schemas/api';
