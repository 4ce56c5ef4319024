import type { PublicLink } from '@forecourt/schemas/api';

/** `GET /api/forms/:formId/public-links`: a fill or query link (the password itself is never shown). */
export type { PublicLink };

/** The address to hand out: this server's origin and the link's path. */
export function publicUrl(link: PublicLink): string {
  return new URL(link.url, window.location.origin).toString();
}
