import type { UserModuleOptions } from '../../core/options/user-module-options.js';

export interface ResolvedOAuthOptions {
  oauthTimeoutMs: number;
}

const URL_OPTIONS = ['callbackUrl', 'authorizationUrl', 'tokenUrl', 'userInfoUrl', 'emailsUrl'];

/** OAuth settings: the provider timeout and the shape of each provider entry. */
export function resolveOAuthOptions(
  options: UserModuleOptions,
  problems: string[],
): ResolvedOAuthOptions {
  const timeoutSeconds = options.oauthTimeoutSeconds ?? 30;
  if (
    typeof timeoutSeconds !== 'number' ||
    !Number.isFinite(timeoutSeconds) ||
    timeoutSeconds <= 0 ||
    timeoutSeconds > 300
  ) {
    problems.push('oauthTimeoutSeconds must be a number of seconds between 0 and 300');
  }
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
    if (!provider.clientSecret) problems.push(`providers.${name}.clientSecret is missing`);
    if (provider.scope !== undefined && !Array.isArray(provider.scope))
      problems.push(`providers.${name}.scope must be an array of strings`);
    for (const key of URL_OPTIONS) {
      const value = (provider as Record<string, unknown>)[key];
      if (value !== undefined && !isHttpUrl(value))
        problems.push(`providers.${name}.${key} must be an absolute http(s) URL`);
    }
    if (!provider.callbackUrl && !options.publicUrl)
      problems.push(`providers.${name} needs publicUrl (or its own callbackUrl) for the callback`);
  }
  return { oauthTimeoutMs: Math.round(timeoutSeconds * 1000) };
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
