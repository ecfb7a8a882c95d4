import { randomBytes } from 'node:crypto';

/** Challenges live five minutes: the options' `timeout` says the same to the browser. */
export const PASSKEY_CHALLENGE_TTL_MS = 5 * 60 * 1000;

/** 32 random bytes: the authenticator signs over them, base64url in the client data. */
export function newChallenge(): Uint8Array<ArrayBuffer> {
  return new Uint8Array(randomBytes(32));
}
