import type { OAuthProviderDescriptor } from '../../extension-points/oauth-provider-descriptor.js';
import { objectOf } from '../profile-fields.js';
import { mapOpenIdClaims } from './profile-mapping.js';

/** The tenant of personal Microsoft accounts (outlook.com, hotmail.com …). */
const CONSUMER_TENANT = '9188040d-6c67-4c5b-b112-36a304b66dad';
const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Microsoft identity platform (v2.0; `tenant` option, default `common`): the profile is the ID
 * token, verified against the tenant's keys; its issuer is the user's tenant
 * (`https://login.microsoftonline.com/<tid>/v2.0`). The `email` claim is not verified by Microsoft
 * for work accounts (any tenant admin may set it): it counts as verified only for a personal
 * account (the consumer tenant) or when the optional claim `xms_edov` (email domain owner
 * verified) is true. The id is `sub`.
 */
export const MICROSOFT: OAuthProviderDescriptor = {
  endpoints: (options) => {
    const tenant = encodeURIComponent(options.tenant ?? 'common');
    const base = `https://login.microsoftonline.com/${tenant}`;
    return {
      authorizationUrl: `${base}/oauth2/v2.0/authorize`,
      tokenUrl: `${base}/oauth2/v2.0/token`,
      jwksUrl: `${base}/discovery/v2.0/keys`,
      // One tenant: its own issuer; `common`, `organizations`, `consumers`: the user's (below).
      issuer:
        options.tenant && TENANT_ID.test(options.tenant)
          ? `https://login.microsoftonline.com/${options.tenant}/v2.0`
          : undefined,
    };
  },
  defaultScope: ['openid', 'profile', 'email'],
  pkce: true,
  idToken: {
    issuer: (claims, endpoints) => {
      const tid = claims.tid;
      if (typeof tid !== 'string' || !TENANT_ID.test(tid)) return false;
      const expected = endpoints.issuer ?? `https://login.microsoftonline.com/${tid}/v2.0`;
      return claims.iss === expected && expected.includes(`/${tid}/`);
    },
  },
  fetchProfile: async ({ idTokenClaims }) => ({ profile: idTokenClaims }),
  mapProfile: (documents) => {
    const claims = objectOf(documents.profile);
    const verified = claims.tid === CONSUMER_TENANT || claims.xms_edov === true;
    return { ...mapOpenIdClaims(claims, verified), picture: null };
  },
};
