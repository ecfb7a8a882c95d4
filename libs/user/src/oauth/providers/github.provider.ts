import { PassportStrategy } from '@nestjs/passport';
import passport from 'passport';
import { Strategy as GitHubStrategy } from 'passport-github2';
import type {
  OAuth2StrategyLike,
  OAuthProviderDefinition,
  OAuthStrategySettings,
} from '../extension-points/oauth-provider-definition.js';
import type { PassportProfile } from '../extension-points/passport-profile.js';
import { mapGitHubProfile } from './github-profile.js';

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

  validate(_accessToken: string, _refreshToken: string, profile: PassportProfile): PassportProfile {
    return profile;
  }
}

export const GITHUB_PROVIDER: OAuthProviderDefinition = {
  createStrategy: (settings) => new GitHubOAuthStrategy(settings) as unknown as OAuth2StrategyLike,
  defaultScope: ['read:user', 'user:email'],
  pkce: true,
  mapProfile: mapGitHubProfile,
};
