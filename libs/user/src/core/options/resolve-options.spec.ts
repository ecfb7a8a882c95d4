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

describe('resolveUserOptions: sessionValidation', () => {
  const broadcast = {
    publish: async () => undefined,
    subscribe: async () => async () => undefined,
  };

  it("keeps the database mode and its 15-minute tokens by default; 'stateless' defaults to 60 s", () => {
    const database = resolveUserOptions(optionsOf({}));
    expect(database.sessionValidation).toBe('database');
    expect(database.accessTokenTtlSeconds).toBe(900);
    const stateless = resolveUserOptions(optionsOf({ sessionValidation: 'stateless' }));
    expect(stateless.accessTokenTtlSeconds).toBe(60);
    expect(
      resolveUserOptions(optionsOf({ sessionValidation: 'stateless', accessTokenTtlSeconds: 300 }))
        .accessTokenTtlSeconds,
    ).toBe(300);
  });

  it('refuses a stateless lifetime over 5 minutes, an unknown mode, a broadcast without stateless', () => {
    expect(() =>
      resolveUserOptions(optionsOf({ sessionValidation: 'stateless', accessTokenTtlSeconds: 301 })),
    ).toThrow(/accessTokenTtlSeconds must be at most 300 with sessionValidation 'stateless'/);
    expect(() => resolveUserOptions(optionsOf({ sessionValidation: 'cached' }))).toThrow(
      /sessionValidation must be 'database' or 'stateless'/,
    );
    expect(() => resolveUserOptions(optionsOf({ sessionRevocationBroadcast: broadcast }))).toThrow(
      /sessionRevocationBroadcast needs sessionValidation 'stateless'/,
    );
    expect(() =>
      resolveUserOptions(
        optionsOf({ sessionValidation: 'stateless', sessionRevocationBroadcast: {} }),
      ),
    ).toThrow(/sessionRevocationBroadcast must have publish\(\) and subscribe\(\)/);
    expect(
      resolveUserOptions(
        optionsOf({ sessionValidation: 'stateless', sessionRevocationBroadcast: broadcast }),
      ).sessionRevocationBroadcast,
    ).toBe(broadcast);
  });
});
