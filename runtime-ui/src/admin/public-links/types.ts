/** `GET /api/forms/:formId/public-links`: a fill or query link (the password itself is never shown). */
export interface PublicLink {
  id: string;
  formId: string;
  kind: 'fill' | 'query';
  name: string;
  token: string;
  /** The public page's path, /p/<token>. */
  url: string;
  hasPassword: boolean;
  expiresAt: string | null;
  enabled: boolean;
  channel: string | null;
  rateLimit: number;
  queryFields: string[];
  resultFields: string[];
  /** Fill links: the fields the public page shows and accepts. */
  fillFields: string[];
  createdAt: string;
}

/** The address to hand out: this server's origin and the link's path. */
export function publicUrl(link: PublicLink): string {
  return new URL(link.url, window.location.origin).toString();
}
