import type { Http } from './http.js';

let counter = 0;

/** A unique email per call, so tests never collide. */
export function uniqueEmail(prefix = 'user'): string {
  counter += 1;
  return `${prefix}.${Date.now().toString(36)}.${counter}@example.com`;
}

/** Not on any common-password list and free of any email local part. */
export const GOOD_PASSWORD = 'violet-harbor-trumpet-92';

export interface SignedUp {
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
  user: { id: string; [key: string]: unknown };
}

export async function signUp(http: Http, fields: Record<string, unknown> = {}): Promise<SignedUp> {
  const email = (fields.email as string) ?? uniqueEmail();
  const password = (fields.password as string) ?? GOOD_PASSWORD;
  const response = await http.post('/auth/signup').send({ ...fields, email, password });
  if (response.status !== 201)
    throw new Error(`sign-up failed: ${response.status} ${JSON.stringify(response.body)}`);
  return { email, password, ...response.body };
}

export function bearer(token: string): { Authorization: string } {
  return { Authorization: `Bearer ${token}` };
}
