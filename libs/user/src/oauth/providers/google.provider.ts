import { PassportStrategy } from '@nestjs/passport';
import passport from 'passport';
import { Strategy as GoogleStrategy } from 'passport-google-oauth20';
import type {
  OAuth2StrategyLike,
  OAuthProviderDefinition,
  OAuthStrategySettings,
} from '../extension-points/oauth-provider-definition.js';
import type { PassportProfile } from '../extension-points/passport-profile.js';
import { mapGoogleProfile } from './google-profile.js';

/**
 * The @nestjs/passport strategy for Google. The library drives it itself (see OAuthClient), so it
 * registers with a private passport instance and leaves the host's global one alone.
 */
export class GoogleOAuthStrategy extends PassportStrategy(GoogleStrategy, 'userkit-google') {
  constructor(settings: OAuthStrategySettings) {
    super({
      clientID: settings.clientId,
      clientSecret: settings.clientSecret,
      callbackURL: settings.callbackUrl,
      scope: settings.scope,
      authorizationURL: settings.authorizationUrl,
      tokenURL: settings.tokenUrl,
      userProfileURL: settings.userInfoUrl,
    });
  }

  getPassportInstance(): passport.PassportStatic {
    return new passport.Passport() as passport.PassportStatic;
  }

  validate(_accessToken: string, _refreshToken: string, profile: PassportProfile): PassportProfile {
    return profile;
  }
}

export const GOOGLE_PROVIDER: OAuthProviderDefinition = {
  createStrategy: (settings) => new GoogleOAuthStrategy(settings) as unknown as OAuth2StrategyLike,
  defaultScope: ['openid', 'email', 'profile'],
  pkce: true,
  mapProfile: mapGoogleProfile,
};
