/** Where a request came from, stored on the session it opens. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}
