import type { OAuthProviderDefinition } from '../extension-points/oauth-provider-definition.js';
import type { ResolvedOAuthOptions } from '../options/resolve-oauth-options.js';
import { BUILT_IN_OAUTH_PROVIDERS, loadBuiltInProvider } from './built-in-providers.js';

/** Token of the definitions of the enabled providers, by name (built by an async factory). */
export const OAUTH_PROVIDER_DEFINITIONS = Symbol('OAUTH_PROVIDER_DEFINITIONS');

export type OAuthProviderDefinitions = ReadonlyMap<string, OAuthProviderDefinition>;

/** Whether a provider's options switch it on: a client id and secret. */
export function isProviderEnabled(
  provider: { clientId?: string; clientSecret?: string } | undefined,
) {
  return Boolean(provider?.clientId && provider.clientSecret);
}

/**
 * The definition of each enabled provider: the host's own, else the built-in one, imported here
 * (at module start) so its passport packages load only when the host configures it.
 */
export async function loadOAuthProviderDefinitions(
  options: Pick<ResolvedOAuthOptions, 'providers'>,
): Promise<OAuthProviderDefinitions> {
  const definitions = new Map<string, OAuthProviderDefinition>();
  for (const [name, provider] of Object.entries(options.providers)) {
    if (!isProviderEnabled(provider)) continue;
    if (provider!.definition) definitions.set(name, provider!.definition);
    else if (BUILT_IN_OAUTH_PROVIDERS[name]) definitions.set(name, await loadBuiltInProvider(name));
  }
  return definitions;
}
