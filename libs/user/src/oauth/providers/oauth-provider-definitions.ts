import type { OAuthProviderDefinition } from '../extension-points/oauth-provider-definition.js';
import type { OAuthProviderDescriptor } from '../extension-points/oauth-provider-descriptor.js';
import type { OAuthProviderOptions } from '../options/user-oauth-module-options.js';
import { builtInDescriptor } from './built-in-providers.js';

/** How one provider is spoken to: a descriptor (the library's client) or a passport strategy. */
export type AnyOAuthProviderDefinition = OAuthProviderDefinition | OAuthProviderDescriptor;

/** Whether a provider's options switch it on: a client id, and a secret (Apple: its signing key). */
export function isProviderEnabled(provider: OAuthProviderOptions | undefined): boolean {
  return Boolean(provider?.clientId && (provider.clientSecret || provider.privateKey));
}

/** The host's own definition, else the built-in one; undefined for an unknown name. */
export function definitionOf(
  name: string,
  provider: OAuthProviderOptions,
): AnyOAuthProviderDefinition | undefined {
  return provider.definition ?? builtInDescriptor(name, provider);
}

export function isPassportDefinition(
  definition: AnyOAuthProviderDefinition,
): definition is OAuthProviderDefinition {
  return typeof (definition as Partial<OAuthProviderDefinition>).createStrategy === 'function';
}
