import { PassportStrategy } from '@nestjs/passport';
import passport from 'passport';
import { Strategy as GitHubStrategy, type Profile } from 'passport-github2';
import type { OAuthProfile, OAuthProfileEmail } from '../extension-points/oauth-profile.js';
import type {
  OAuth2StrategyLike,
  OAuthProviderDefinition,
  OAuthStrategySettings,
} from '../extension-points/oauth-provider-definition.js';
import { firstPhoto, stringOrNull } from './profile-fields.js';

/**
 * The @nestjs/passport strategy for GitHub (and GitHub Enterprise through the URL options), with
 * `allRawEmails` so each address keeps GitHub's `primary` and `verified` flags.
 */
export class GitHubOAuthStrategy extends PassportStrategy(GitHubStrategy, 'userkit-github') {
  constructor(settings: OAuthStrategySettings) {
    super({
      clientID: settings.clientId,
      clientSecret: settings.clientSecret,
      callbackURL: settings.callbackUrl,
      scope: settings.scope,
      authorizationURL: settings.authorizationUrl,
      tokenURL: settings.tokenUrl,
      userProfileURL: settings.userInfoUrl,
      userEmailURL: settings.emailsUrl,
      allRawEmails: true,
    } as ConstructorParameters<typeof GitHubStrategy>[0]);
  }

  getPassportInstance(): passport.PassportStatic {
    return new passport.Passport() as passport.PassportStatic;
  }

  validate(_accessToken: string, _refreshToken: string, profile: Profile): Profile {
    return profile;
  }
}

/**
 * GitHub: only an address that is both `primary` and `verified` on GitHub's emails endpoint counts
 * as verified; the public `email` of /user proves nothing.
 */
export function mapGitHubProfile(profile: Profile): OAuthProfile {
  const json = ((profile as { _json?: unknown })._json ?? {}) as Record<string, unknown>;
  const emails: OAuthProfileEmail[] = [];
  for (const entry of (profile.emails ?? []) as Array<Record<string, unknown>>) {
    const email = stringOrNull(entry.value);
    if (!email) continue;
    const primary = entry.primary === true;
    emails.push({ email, primary, verified: primary && entry.verified === true });
  }
  const name = stringOrNull(profile.displayName);
  return {
    providerUserId: idOf(json.id),
    emails,
    displayName: name ?? stringOrNull(profile.username),
    firstName: null,
    lastName: null,
    picture: stringOrNull(json.avatar_url) ?? firstPhoto(profile),
  };
}

export const GITHUB_PROVIDER: OAuthProviderDefinition = {
  createStrategy: (settings) => new GitHubOAuthStrategy(settings) as unknown as OAuth2StrategyLike,
  defaultScope: ['read:user', 'user:email'],
  pkce: true,
  mapProfile: mapGitHubProfile,
};

/** GitHub's numeric user id; anything else is no id (the sign-in is then refused). */
function idOf(value: unknown): string {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return typeof value === 'string' ? value : '';
}
