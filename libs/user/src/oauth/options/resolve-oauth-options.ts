import type { ResolvedUserOptions } from '../../core/options/resolved-options.js';
import {
  DEFAULT_OAUTH_PROFILE_MAPPER,
  type OAuthProfileMapper,
} from '../extension-points/oauth-profile-mapper.js';
import { createPrivateKey } from 'node:crypto';
import { definitionOf } from '../providers/oauth-provider-definitions.js';
import type { OAuthProviderOptions, UserOAuthModuleOptions } from './user-oauth-module-options.js';

/** Thrown at start-up so a misconfigured host fails with a readable message. */
export class UserOAuthOptionsError extends Error {
  constructor(problems: string[]) {
    super(`Invalid UserOAuthModule options:\n - ${problems.join('\n - ')}`);
    this.name = 'UserOAuthOptionsError';
  }
}

/** UserOAuthModule's options after defaults are applied and validation passed. */
export interface ResolvedOAuthOptions {
  providers: Record<string, OAuthProviderOptions>;
  redirectAllowList: string[];
  profileMapper: OAuthProfileMapper;
  timeoutMs: number;
}

const URL_OPTIONS = [
  'callbackUrl',
  'authorizationUrl',
  'tokenUrl',
  'userInfoUrl',
  'emailsUrl',
  'jwksUrl',
  'issuer',
];

/**
 * Applies defaults and checks every option; throws one error listing all problems. The core's
 * `publicUrl` is where the default callbacks live.
 */
export function resolveOAuthOptions(
  options: UserOAuthModuleOptions,
  core: Pick<ResolvedUserOptions, 'publicUrl'>,
): ResolvedOAuthOptions {
  if (!options || typeof options !== 'object')
    throw new UserOAuthOptionsError(['options are missing']);
  const problems: string[] = [];
  const timeoutSeconds = options.timeoutSeconds ?? 30;
  if (
    typeof timeoutSeconds !== 'number' ||
    !Number.isFinite(timeoutSeconds) ||
    timeoutSeconds <= 0 ||
    timeoutSeconds > 300
  ) {
    problems.push('timeoutSeconds must be a number of seconds between 0 and 300');
  }
  const redirectAllowList = options.redirectAllowList ?? [];
  if (!Array.isArray(redirectAllowList)) problems.push('redirectAllowList must be an array');
  else
    for (const entry of redirectAllowList) {
      if (!isHttpUrl(entry))
        problems.push(`redirectAllowList entry "${entry}" must be an absolute http(s) URL`);
    }
  const profileMapper = options.profileMapper ?? DEFAULT_OAUTH_PROFILE_MAPPER;
  if (typeof (profileMapper as Partial<OAuthProfileMapper>)?.map !== 'function')
    problems.push('profileMapper must have a map function');
  for (const [name, provider] of Object.entries(options.providers ?? {})) {
    if (!/^[a-z][a-z0-9-]{0,49}$/.test(name)) {
      problems.push(`providers.${name}: a provider name is lower-case letters, digits and dashes`);
      continue;
    }
    if (!provider || typeof provider !== 'object') {
      problems.push(`providers.${name} must be an object`);
      continue;
    }
    if (!provider.clientId) continue; // off
    if (name === 'apple' && !provider.definition) problems.push(...appleProblems(provider));
    else if (!provider.clientSecret) problems.push(`providers.${name}.clientSecret is missing`);
    if (name === 'oidc' && !provider.definition && !provider.issuer)
      problems.push('providers.oidc.issuer is missing (the OpenID Connect issuer URL)');
    if (provider.tenant !== undefined && !/^[A-Za-z0-9.-]{1,100}$/.test(provider.tenant))
      problems.push(`providers.${name}.tenant must be a tenant id or name`);
    if (provider.scope !== undefined && !Array.isArray(provider.scope))
      problems.push(`providers.${name}.scope must be an array of strings`);
    for (const key of URL_OPTIONS) {
      const value = (provider as Record<string, unknown>)[key];
      if (value !== undefined && !isHttpUrl(value))
        problems.push(`providers.${name}.${key} must be an absolute http(s) URL`);
    }
    if (!provider.callbackUrl && !core.publicUrl)
      problems.push(
        `providers.${name} needs UserModule's publicUrl (or its own callbackUrl) for the callback`,
      );
    if (!definitionOf(name, provider))
      problems.push(
        `providers.${name} is not a built-in provider: give it a definition (or an OpenID Connect issuer)`,
      );
  }
  if (problems.length > 0) throw new UserOAuthOptionsError(problems);
  return {
    providers: options.providers ?? {},
    redirectAllowList,
    profileMapper,
    timeoutMs: Math.round(timeoutSeconds * 1000),
  };
}

/** Apple signs its client secret itself: the team, the key id and an EC P-256 key in PEM. */
function appleProblems(provider: OAuthProviderOptions): string[] {
  const problems: string[] = [];
  if (!provider.teamId) problems.push('providers.apple.teamId is missing');
  if (!provider.keyId) problems.push('providers.apple.keyId is missing');
  if (!provider.privateKey) problems.push('providers.apple.privateKey is missing');
  else {
    try {
      const key = createPrivateKey(provider.privateKey);
      if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1')
        problems.push('providers.apple.privateKey must be an EC P-256 key (ES256)');
    } catch {
      problems.push('providers.apple.privateKey must be a PEM private key (PKCS #8)');
    }
  }
  return problems;
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
