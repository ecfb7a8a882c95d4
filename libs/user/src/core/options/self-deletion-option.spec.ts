import { resolveUserOptions, UserModuleOptionsError } from './resolve-options.js';
import type { UserModuleOptions } from './user-module-options.js';

const options = (extra: Record<string, unknown>) =>
  ({ tokenSecret: 'x'.repeat(32), ...extra }) as UserModuleOptions;

describe('resolveUserOptions: selfDeletion', () => {
  it('is on unless the host turns it off', () => {
    expect(resolveUserOptions(options({}), { ui: undefined }).selfDeletion).toBe(true);
    expect(
      resolveUserOptions(options({ selfDeletion: false }), { ui: undefined }).selfDeletion,
    ).toBe(false);
  });

  it('refuses what is not a boolean (a string from the environment) at start', () => {
    const resolve = () => resolveUserOptions(options({ selfDeletion: 'false' }), { ui: undefined });
    expect(resolve).toThrow(UserModuleOptionsError);
    expect(resolve).toThrow(/selfDeletion must be true or false/);
  });
});
