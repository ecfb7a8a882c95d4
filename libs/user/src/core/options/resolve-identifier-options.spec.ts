import { resolveIdentifierOptions } from './resolve-identifier-options.js';
import type { UserModuleOptions } from './user-module-options.js';

const resolve = (extra: Record<string, unknown>) => {
  const problems: string[] = [];
  const resolved = resolveIdentifierOptions(
    { tokenSecret: 'x'.repeat(32), ...extra } as UserModuleOptions,
    problems,
  );
  return { resolved, problems };
};

describe('resolveIdentifierOptions: identifiers and requireVerifiedEmail', () => {
  it('defaults to a required email, no username, no phone, no verified-email rule', () => {
    const { resolved, problems } = resolve({});
    expect(problems).toEqual([]);
    expect(resolved).toMatchObject({
      email: 'required',
      username: false,
      phone: false,
      requireVerifiedEmail: false,
    });
  });

  it('takes each setting given, keeping the defaults of the others', () => {
    const { resolved, problems } = resolve({
      identifiers: { email: 'optional', username: 'required', phone: 'optional' },
    });
    expect(problems).toEqual([]);
    expect(resolved).toMatchObject({ email: 'optional', username: 'required', phone: 'optional' });
  });

  it('names each problem: an unknown identifier or setting, no identifier for the password, the rule without a required email', () => {
    expect(resolve({ identifiers: { email: true, nickname: 'optional' } }).problems).toEqual([
      "identifiers.email must be 'required', 'optional' or false",
      'identifiers.nickname is not an identifier (email, username, phone)',
    ]);
    expect(resolve({ identifiers: { email: false } }).problems).toEqual([
      "identifiers: email or username must be 'required' (a password is typed with one of them)",
    ]);
    expect(
      resolve({
        identifiers: { email: 'optional', username: 'required' },
        requireVerifiedEmail: true,
      }).problems,
    ).toEqual(["requireVerifiedEmail needs identifiers.email to be 'required'"]);
    expect(resolve({ requireVerifiedEmail: 'yes' }).problems).toEqual([
      'requireVerifiedEmail must be a boolean',
    ]);
    expect(resolve({ identifiers: ['email'] }).problems[0]).toMatch(
      /identifiers must be an object/,
    );
  });
});
