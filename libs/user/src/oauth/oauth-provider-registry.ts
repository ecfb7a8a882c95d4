import { Inject, Injectable } from '@nestjs/common';
import { UserKitException } from '../errors/user-kit.exception.js';
import type { ResolvedUserOptions } from '../options/resolved-options.js';
import { UserModuleOptionsError } from '../options/resolve-options.js';
import { USER_OPTIONS } from '../tokens.js';
import { BUILT_IN_OAUTH_PROVIDERS } from './built-in-providers.js';
import { OAuthClient } from './oauth-client.js';
import type { OAuthProviderDefinition } from '../extension-points/oauth-provider-definition.js';

/** A configured, enabled provider: its definition and a client driving its strategy. */
export interface EnabledOAuthProvider {
  name: string;
  definition: OAuthProviderDefinition;
  client: OAuthClient;
}

/**
 * The providers this app serves: the built-in ones and the host's own (`providers.<name>.definition`),
 * each on only when it has a client id. Strategies are built once, at start.
 */
@Injectable()
export class OAuthProviderRegistry {
  private readonly enabled = new Map<string, EnabledOAuthProvider>();

  constructor(@Inject(USER_OPTIONS) options: ResolvedUserOptions) {
    const problems: string[] = [];
    for (const [name, provider] of Object.entries(options.providers)) {
      if (!provider?.clientId || !provider.clientSecret) continue;
      const definition = provider.definition ?? BUILT_IN_OAUTH_PROVIDERS[name];
      if (!definition) {
        problems.push(`providers.${name} is not a built-in provider: give it a definition`);
        continue;
      }
      const callbackUrl = provider.callbackUrl ?? `${options.publicUrl}/oauth/${name}/callback`;
      const strategy = definition.createStrategy({
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
        callbackUrl,
        scope: provider.scope ?? definition.defaultScope,
        authorizationUrl: provider.authorizationUrl,
        tokenUrl: provider.tokenUrl,
        userInfoUrl: provider.userInfoUrl,
        emailsUrl: provider.emailsUrl,
      });
      const client = new OAuthClient(strategy, {
        callbackUrl,
        scope: provider.scope ?? definition.defaultScope,
        pkce: definition.pkce,
        timeoutMs: options.oauthTimeoutMs,
      });
      this.enabled.set(name, { name, definition, client });
    }
    if (problems.length > 0) throw new UserModuleOptionsError(problems);
  }

  /** The enabled provider of this name, or a 404 (unknown and switched-off look the same). */
  get(name: string): EnabledOAuthProvider {
    const provider = this.enabled.get(name);
    if (!provider) throw new UserKitException('OAUTH_PROVIDER_NOT_FOUND');
    return provider;
  }

  names(): string[] {
    return [...this.enabled.keys()];
  }
}
