/**
 * Options UserModule took in 0.1.0 whose features have since left the core, and where each went.
 * Names only (no import of a feature folder): the core refuses them at start with their new home,
 * rather than ignoring them and starting without the feature the host asked for.
 */
interface NewHome {
  /** The feature module that takes the option now. */
  module: string;
  /** Its name among that module's `forRoot` options. */
  option: string;
  /** The package entry point the module is imported from. */
  entryPoint: string;
}

const oauth = (option: string): NewHome => ({
  module: 'UserOAuthModule',
  option,
  entryPoint: '@userkit/user/oauth',
});
const twoFactor = (option: string): NewHome => ({
  module: 'UserTwoFactorModule',
  option,
  entryPoint: '@userkit/user/two-factor',
});
const profileImages = (option: string): NewHome => ({
  module: 'UserProfileImagesModule',
  option,
  entryPoint: '@userkit/user/profile-images',
});
const tokenTemplates = (option: string): NewHome => ({
  module: 'UserTokenTemplatesModule',
  option,
  entryPoint: '@userkit/user/token-templates',
});
const pages = (option: string): NewHome => ({
  module: 'UserPagesModule',
  option,
  entryPoint: '@userkit/user/pages',
});

/** Old UserModule option (or extra) → its new home, in the order problems are listed. */
export const MOVED_USER_MODULE_OPTIONS: Readonly<Record<string, NewHome>> = {
  providers: oauth('providers'),
  redirectAllowList: oauth('redirectAllowList'),
  oauthProfileMapper: oauth('profileMapper'),
  oauthTimeoutSeconds: oauth('timeoutSeconds'),
  twoFactorIssuer: twoFactor('issuer'),
  fileStorage: profileImages('fileStorage'),
  profileImageDirectory: profileImages('directory'),
  tokenTemplates: tokenTemplates('templates'),
  tokenSigningKey: tokenTemplates('signingKey'),
  tokenSigningKeyId: tokenTemplates('signingKeyId'),
  // A structural extra in 0.1.0 (`ui: true` or `{ path }`), beside globalGuards and routes.
  ui: pages('path'),
};

/**
 * One problem per moved option set (not undefined) in any of `sources` (the options, the
 * structural extras), e.g. `providers moved to UserOAuthModule.forRoot({ providers }) from
 * @userkit/user/oauth`.
 */
export function movedOptionProblems(...sources: readonly object[]): string[] {
  return Object.entries(MOVED_USER_MODULE_OPTIONS)
    .filter(([name]) =>
      sources.some((source) => (source as Record<string, unknown>)[name] !== undefined),
    )
    .map(
      ([name, home]) =>
        `${name} moved to ${home.module}.forRoot({ ${home.option} }) from ${home.entryPoint}`,
    );
}
