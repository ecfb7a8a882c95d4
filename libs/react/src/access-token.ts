/** When an access token (a JWT) was issued and expires, in ms since the epoch; null if unreadable. */
export function accessTokenTiming(token: string): { issuedAt: number; expiresAt: number } | null {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(json) as { iat?: unknown; exp?: unknown };
    if (typeof claims.exp !== 'number') return null;
    const issuedAt = typeof claims.iat === 'number' ? claims.iat : claims.exp - 60;
    return { issuedAt: issuedAt * 1000, expiresAt: claims.exp * 1000 };
  } catch {
    return null;
  }
}
