/** Options of UserTwoFactorModule.forRoot() (or the factory of forRootAsync). */
export interface UserTwoFactorModuleOptions {
  /** The issuer authenticator apps show next to the account. Default: UserModule's `tokenIssuer`. */
  issuer?: string;
}

/** The options after defaults. */
export interface ResolvedTwoFactorOptions {
  issuer: string;
}

/** The resolved options (ResolvedTwoFactorOptions). */
export const TWO_FACTOR_OPTIONS = Symbol('UserKit.TwoFactorOptions');

/** Defaults and checks: throws at start-up for an option the module cannot use. */
export function resolveTwoFactorOptions(
  options: UserTwoFactorModuleOptions | undefined,
  tokenIssuer: string,
): ResolvedTwoFactorOptions {
  const issuer = options?.issuer ?? tokenIssuer;
  if (typeof issuer !== 'string' || issuer.length === 0)
    throw new Error('Invalid UserTwoFactorModule options:\n - issuer must be a non-empty string');
  return { issuer };
}
