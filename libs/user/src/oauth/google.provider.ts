import { PassportStrategy } from '@nestjs/passport';
import passport from 'passport';
import { Strategy as GoogleStrategy, type Profile } from 'passport-google-oauth20';
import type { OAuthProfile } from '../extension-points/oauth-profile.js';
import type {
  OAuth2StrategyLike,
  OAuthProviderDefinition,
  OAuthStrategySettings,
} from '../extension-points/oauth-provider-definition.js';
import { firstPhoto, stringOrNull } from './profile-fields.js';

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

  validate(_accessToken: string, _refreshToken: string, profile: Profile): Profile {
    return profile;
  }
}

/** Google: `email_verified` of the OpenID userinfo decides whether the address counts. */
export function mapGoogleProfile(profile: Profile): OAuthProfile {
  const json = ((profile as { _json?: unknown })._json ?? {}) as Record<string, unknown>;
  const email = stringOrNull(json.email);
  return {
    providerUserId: typeof json.sub === 'string' ? json.sub : '',
    emails: email ? [{ email, verified: json.email_verified === true, primary: true }] : [],
    displayName: stringOrNull(profile.displayName),
    firstName: stringOrNull(json.given_name),
    lastName: stringOrNull(json.family_name),
    picture: stringOrNull(json.picture) ?? firstPhoto(profile),
  };
}

export const GOOGLE_PROVIDER: OAuthProviderDefinition = {
  createStrategy: (settings) => new GoogleOAuthStrategy(settings) as unknown as OAuth2StrategyLike,
  defaultScope: ['openid', 'email', 'profile'],
  pkce: true,
  mapProfile: mapGoogleProfile,
};
