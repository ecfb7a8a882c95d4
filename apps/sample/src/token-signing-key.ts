import { generateKeyPairSync, randomBytes, type JsonWebKey } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import type { TokenTemplate } from '@userkit/user/token-templates';
import type { SampleConfig } from './sample-config.js';

/** Where the sample keeps the key it generates in development (TOKEN_SIGNING_KEY_FILE). */
export const DEFAULT_TOKEN_SIGNING_KEY_FILE = './data/token-signing-key.pem';

/** The sample's one template, so `client.user.getToken('demo')` works out of the box. */
export const DEMO_TOKEN_TEMPLATE: TokenTemplate = {
  claims: { email: 'email', email_verified: 'emailVerified', name: 'displayName', roles: 'roles' },
  lifetimeSeconds: 60,
};

/** TOKEN_SIGNING_KEY as given: a private JWK when it is JSON, else a PEM (`\n` may be escaped). */
export function parseTokenSigningKey(value: string | undefined): string | JsonWebKey | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (!text.startsWith('{')) return text.replace(/\\n/g, '\n');
  try {
    return JSON.parse(text) as JsonWebKey;
  } catch {
    throw new Error('TOKEN_SIGNING_KEY must be a PEM private key or a private JWK (JSON)');
  }
}

/**
 * The key of integration tokens: TOKEN_SIGNING_KEY when set; in development, else, the key in
 * TOKEN_SIGNING_KEY_FILE, generated there once (EC P-256, mode 0600) so every restart and every
 * instance on this disk signs with the same key; in production none (no templates, empty JWKS).
 */
export function sampleTokenSigningKey(config: SampleConfig): string | JsonWebKey | undefined {
  if (config.tokenSigningKey !== undefined) return config.tokenSigningKey;
  const logger = new Logger('Sample');
  if (config.production) {
    logger.warn(
      'TOKEN_SIGNING_KEY is not set: no integration token templates, /.well-known/jwks.json is empty.',
    );
    return undefined;
  }
  const file = resolve(config.tokenSigningKeyFile);
  const existing = readKeyFile(file);
  logger.warn(
    `TOKEN_SIGNING_KEY is not set: signing integration tokens with the development key ${
      existing === null ? 'generated now in' : 'kept in'
    } ${file}. Never do this in production.`,
  );
  return existing ?? createKeyFile(file);
}

function readKeyFile(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Written aside, then linked into place: of two instances starting at once, one key wins. */
function createKeyFile(file: string): string {
  const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .privateKey.export({ format: 'pem', type: 'pkcs8' })
    .toString();
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const pending = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(pending, pem, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(pending, file);
    return pem;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readFileSync(file, 'utf8');
  } finally {
    unlinkSync(pending);
  }
}
