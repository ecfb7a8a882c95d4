// Metadata is edited as JSON text: parse it here so a typo is named next to its field before
// anything is sent; the server still checks size, depth and forbidden keys and its message is
// shown on the same field.
import type { Json } from './api.js';

export type Parsed = { ok: true; value: Json } | { ok: false; error: string };

export function formatJson(value: unknown): string {
  return JSON.stringify(value ?? {}, null, 2);
}

export function parseJsonObject(text: string): Parsed {
  if (text.trim() === '') return { ok: true, value: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `Not valid JSON: ${(error as Error).message}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { ok: false, error: 'Must be a JSON object, e.g. { "plan": "pro" }' };
  return { ok: true, value: value as Json };
}

/**
 * The server's messages name the property ("publicMetadata must be at most 8192 bytes…", "the key
 * "constructor" is not allowed (at publicMetadata.constructor)"): picks those about `field`, so
 * each shows under its own text area.
 */
export function messagesAbout(messages: readonly string[], field: string): string[] {
  const named = new RegExp(`(^|[^A-Za-z])${field}($|[^A-Za-z])`);
  return messages.filter((message) => named.test(message));
}
