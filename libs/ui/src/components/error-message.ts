import { UserKitError } from '@userkit/client';

/** The API's message (Nest's `message` may be a list) or a generic one. */
export function errorMessage(error: unknown): string {
  if (error instanceof UserKitError) {
    const body = error.body as { message?: unknown } | undefined;
    if (Array.isArray(body?.message)) return body.message.join('; ');
    return error.message;
  }
  return error instanceof Error ? error.message : 'Something went wrong';
}
