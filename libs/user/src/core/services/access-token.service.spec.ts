import { createHmac } from 'node:crypto';
import type { ResolvedUserOptions } from '../options/resolved-options.js';
import { AccessTokenService } from './access-token.service.js';

// Under ESM the jest object is not a global: it comes with the module.
const jest = import.meta.jest;

const SECRET = 'unit-test-secret-that-is-long-enough-0123';
const options = { tokenSecret: SECRET, tokenIssuer: 'userkit', accessTokenTtlSeconds: 60 };
const service = () => new AccessTokenService(options as ResolvedUserOptions);
const CLAIMS = { sub: 'user-1', sid: 'session-1', roles: ['user'] };

const segment = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** A token signed with the service's secret over any header and payload. */
function signed(header: object, payload: object, secret = SECRET): string {
  const input = `${segment(header)}.${segment(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}
const HS256 = { alg: 'HS256', typ: 'JWT' };
const now = () => Math.floor(Date.now() / 1000);

describe('AccessTokenService.verify', () => {
  it('answers the claims of a token it signed', async () => {
    const tokens = service();
    const token = await tokens.sign({ ...CLAIMS, act: { sub: 'admin-1' }, authTime: 1700000000 });
    await expect(tokens.verify(token)).resolves.toEqual({
      ...CLAIMS,
      act: { sub: 'admin-1' },
      authTime: 1700000000,
    });
  });

  it('accepts a token of the same form signed elsewhere with the secret', async () => {
    const token = signed(HS256, { ...CLAIMS, iss: 'userkit', iat: now(), exp: now() + 60 });
    await expect(service().verify(token)).resolves.toEqual(CLAIMS);
  });

  it.each([
    [
      'another secret',
      signed(HS256, { ...CLAIMS, iss: 'userkit', exp: now() + 60 }, 'x'.repeat(40)),
    ],
    [
      'alg none',
      `${segment({ alg: 'none', typ: 'JWT' })}.${segment({ ...CLAIMS, iss: 'userkit', exp: now() + 60 })}.`,
    ],
    [
      'another header',
      signed({ typ: 'JWT', alg: 'HS256' }, { ...CLAIMS, iss: 'userkit', exp: now() + 60 }),
    ],
    ['expired', signed(HS256, { ...CLAIMS, iss: 'userkit', exp: now() })],
    ['no expiry', signed(HS256, { ...CLAIMS, iss: 'userkit' })],
    [
      'not yet valid',
      signed(HS256, { ...CLAIMS, iss: 'userkit', exp: now() + 60, nbf: now() + 30 }),
    ],
    ['another issuer', signed(HS256, { ...CLAIMS, iss: 'someone', exp: now() + 60 })],
    ['no subject', signed(HS256, { sid: 'session-1', iss: 'userkit', exp: now() + 60 })],
    ['a payload that is not an object', signed(HS256, [1, 2])],
    ['a trailing segment', `${signed(HS256, { ...CLAIMS, iss: 'userkit', exp: now() + 60 })}.x`],
    ['garbage', 'not-a-token'],
  ])('refuses %s', async (_name, token) => {
    await expect(service().verify(token)).resolves.toBeNull();
  });

  it('refuses a payload changed after signing', async () => {
    const tokens = service();
    const [header, , signature] = (await tokens.sign(CLAIMS)).split('.');
    const forged = segment({ ...CLAIMS, roles: ['admin'], iss: 'userkit', exp: now() + 60 });
    await expect(tokens.verify(`${header}.${forged}.${signature}`)).resolves.toBeNull();
  });

  it('refuses another spelling of a valid signature', async () => {
    const tokens = service();
    const token = await tokens.sign(CLAIMS);
    const last = token.at(-1) as string;
    // The 43rd character carries 4 bits of the HMAC and 2 spare ones: flipping a spare bit decodes
    // to the same 32 bytes, so only a comparison of the text tells the two apart.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const twin = alphabet[alphabet.indexOf(last) ^ 1];
    const respelled = `${token.slice(0, -1)}${twin}`;
    expect(Buffer.from(respelled.split('.')[2], 'base64url')).toEqual(
      Buffer.from(token.split('.')[2], 'base64url'),
    );
    await expect(service().verify(respelled)).resolves.toBeNull();
  });
});

describe('AccessTokenService.verify of a token seen before', () => {
  it('answers the same claims again, and null once the token expired', async () => {
    jest.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') });
    try {
      const tokens = service();
      const token = await tokens.sign(CLAIMS);
      const first = await tokens.verify(token);
      expect(await tokens.verify(token)).toBe(first);
      expect(Object.isFrozen(first?.roles)).toBe(true);
      jest.advanceTimersByTime(59_000);
      await expect(tokens.verify(token)).resolves.toEqual(CLAIMS);
      jest.advanceTimersByTime(1_000);
      await expect(tokens.verify(token)).resolves.toBeNull();
      await expect(tokens.verify(token)).resolves.toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });

  it('keeps nothing for a token that did not verify', async () => {
    const tokens = service();
    const token = await tokens.sign(CLAIMS);
    const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    await expect(tokens.verify(forged)).resolves.toBeNull();
    await expect(tokens.verify(forged)).resolves.toBeNull();
    await expect(tokens.verify(token)).resolves.toEqual(CLAIMS);
  });
});
