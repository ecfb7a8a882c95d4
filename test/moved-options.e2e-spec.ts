// A host upgrading from 0.1.0 that still hands UserModule the options of the features that left
// the core (OAuth, 2FA, profile images, token templates, the pages): the start stops with a
// message naming where each went, never a start without the feature the host configured.
import { UserModule } from '@userkit/user';
import { startBareHost } from './support/bare-host.js';
import { TEST_JWT_SECRET } from './support/test-app.js';

/** The options object of a 0.1.0 host (not a literal at the call: TypeScript lets it through). */
const CORE = { tokenSecret: TEST_JWT_SECRET, rateLimits: false as const };

describe('options of 0.1.0 that moved to a feature module', () => {
  it('forRoot({ providers }) stops the start, pointing at UserOAuthModule', async () => {
    const options = {
      ...CORE,
      providers: { github: { clientId: 'id', clientSecret: 'secret' } },
    };
    await expect(startBareHost({ userModule: UserModule.forRoot(options) })).rejects.toThrow(
      'Invalid UserModule options:\n - providers moved to UserOAuthModule.forRoot({ providers }) from @userkit/user/oauth',
    );
  });

  it('forRootAsync: fileStorage from the factory and the ui extra stop the start, each named', async () => {
    const fileStorage = {
      save: async () => ({ key: 'k' }),
      read: async () => null,
      remove: async () => undefined,
    };
    const asyncOptions = {
      useFactory: () => ({ ...CORE, fileStorage }),
      ui: { path: '/account' },
    };
    const start = startBareHost({ userModule: UserModule.forRootAsync(asyncOptions) });
    await expect(start).rejects.toThrow(
      [
        'Invalid UserModule options:',
        ' - fileStorage moved to UserProfileImagesModule.forRoot({ fileStorage }) from @userkit/user/profile-images',
        ' - ui moved to UserPagesModule.forRoot({ path }) from @userkit/user/pages',
      ].join('\n'),
    );
  });

  it('forRoot: the ui extra (true) and every other moved option, listed with the other problems', async () => {
    const options = {
      tokenSecret: 'too-short',
      ui: true,
      providers: {},
      redirectAllowList: ['http://127.0.0.1:3000'],
      oauthProfileMapper: { map: () => ({}) },
      oauthTimeoutSeconds: 10,
      twoFactorIssuer: 'Acme',
      fileStorage: {},
      profileImageDirectory: '/tmp/uploads',
      tokenTemplates: {},
      tokenSigningKey: 'key',
      tokenSigningKeyId: 'kid',
    };
    await expect(startBareHost({ userModule: UserModule.forRoot(options) })).rejects.toThrow(
      [
        'Invalid UserModule options:',
        ' - providers moved to UserOAuthModule.forRoot({ providers }) from @userkit/user/oauth',
        ' - redirectAllowList moved to UserOAuthModule.forRoot({ redirectAllowList }) from @userkit/user/oauth',
        ' - oauthProfileMapper moved to UserOAuthModule.forRoot({ profileMapper }) from @userkit/user/oauth',
        ' - oauthTimeoutSeconds moved to UserOAuthModule.forRoot({ timeoutSeconds }) from @userkit/user/oauth',
        ' - twoFactorIssuer moved to UserTwoFactorModule.forRoot({ issuer }) from @userkit/user/two-factor',
        ' - fileStorage moved to UserProfileImagesModule.forRoot({ fileStorage }) from @userkit/user/profile-images',
        ' - profileImageDirectory moved to UserProfileImagesModule.forRoot({ directory }) from @userkit/user/profile-images',
        ' - tokenTemplates moved to UserTokenTemplatesModule.forRoot({ templates }) from @userkit/user/token-templates',
        ' - tokenSigningKey moved to UserTokenTemplatesModule.forRoot({ signingKey }) from @userkit/user/token-templates',
        ' - tokenSigningKeyId moved to UserTokenTemplatesModule.forRoot({ signingKeyId }) from @userkit/user/token-templates',
        ' - ui moved to UserPagesModule.forRoot({ path }) from @userkit/user/pages',
        ' - tokenSecret must be a string of at least 32 characters',
      ].join('\n'),
    );
  });

  it('still starts with isGlobal (ignored: the core is always global) and moved names left undefined', async () => {
    const options = { ...CORE, isGlobal: true, providers: undefined, ui: undefined };
    const host = await startBareHost({ userModule: UserModule.forRoot(options) });
    try {
      await host.http.get('/me').expect(401);
    } finally {
      await host.close();
    }
  });
});
