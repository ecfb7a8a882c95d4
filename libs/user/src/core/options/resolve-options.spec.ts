import { resolveUserOptions, UserModuleOptionsError } from './resolve-options.js';
import type { UserModuleOptions } from './user-module-options.js';

const TOKEN_SECRET = 'x'.repeat(32);

/** Options as a 0.1.0 host built them: the moved names are no longer in the type. */
const optionsOf = (extra: Record<string, unknown>) =>
  ({ tokenSecret: TOKEN_SECRET, ...extra }) as UserModuleOptions;

describe('resolveUserOptions: options that moved to a feature module', () => {
  it('refuses each with its new home, one line per option, in one error', () => {
    const resolve = () =>
      resolveUserOptions(optionsOf({ twoFactorIssuer: 'Acme', tokenSigningKeyId: 'kid' }), {
        ui: true,
      });
    expect(resolve).toThrow(UserModuleOptionsError);
    expect(resolve).toThrow(
      [
        'Invalid UserModule options:',
        ' - twoFactorIssuer moved to UserTwoFactorModule.forRoot({ issuer }) from @userkit/user/two-factor',
        ' - tokenSigningKeyId moved to UserTokenTemplatesModule.forRoot({ signingKeyId }) from @userkit/user/token-templates',
        ' - ui moved to UserPagesModule.forRoot({ path }) from @userkit/user/pages',
      ].join('\n'),
    );
  });

  it('names an option once when both the options and the extras carry it', () => {
    expect(() => resolveUserOptions(optionsOf({ ui: false }), { ui: false })).toThrow(
      /^Invalid UserModule options:\n - ui moved to UserPagesModule\.forRoot\(\{ path \}\) from @userkit\/user\/pages$/,
    );
  });

  it('accepts a moved name left undefined (a host config that leaves it out)', () => {
    const resolved = resolveUserOptions(
      optionsOf({ providers: undefined, fileStorage: undefined }),
      {
        ui: undefined,
      },
    );
    expect(resolved.tokenSecret).toBe(TOKEN_SECRET);
    expect(resolved).not.toHaveProperty('providers');
  });
});
