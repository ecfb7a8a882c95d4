import { Inject, Injectable, RequestMethod, type OnModuleInit } from '@nestjs/common';
import { UserKitException } from '../../core/errors/user-kit.exception.js';
import type { ExternalSignInProviders } from '../../core/extension-points/external-sign-in-providers.js';
import { RouteUrlsService } from '../../core/services/route-urls.service.js';
import type { ResolvedOAuthOptions } from '../options/resolve-oauth-options.js';
import { OAUTH_OPTIONS } from '../tokens.js';
import { OAuthClient } from './oauth-client.js';
import {
  OAUTH_PROVIDER_DEFINITIONS,
  type OAuthProviderDefinitions,
} from './oauth-provider-definitions.js';
import type { OAuthProviderDefinition } from '../extension-points/oauth-provider-definition.js';

/** A configured, enabled provider: its definition and a client driving its strategy. */
export interface EnabledOAuthProvider {
  name: string;
  definition: OAuthProviderDefinition;
  client: OAuthClient;
}

/**
 * The providers this app serves: the built-in ones and the host's own (`providers.<name>.definition`),
 * each on only when it has a client id. Options are checked when the module is built; strategies
 * are built once, at app.init() (onModuleInit), because their default callback URL carries the
 * host's global prefix, which is set after the module's providers are constructed. The core reads
 * the names through ExternalSignInProviders (the pages' sign-in buttons).
 */
@Injectable()
export class OAuthProviderRegistry implements OnModuleInit, ExternalSignInProviders {
  private enabled: Map<string, EnabledOAuthProvider> | null = null;

  constructor(
    @Inject(OAUTH_OPTIONS) private readonly options: ResolvedOAuthOptions,
    private readonly urls: RouteUrlsService,
    @Inject(OAUTH_PROVIDER_DEFINITIONS) private readonly definitions: OAuthProviderDefinitions,
  ) {}

  onModuleInit(): void {
    this.providers();
  }

  /** The enabled provider of this name, or a 404 (unknown and switched-off look the same). */
  get(name: string): EnabledOAuthProvider {
    const provider = this.providers().get(name);
    if (!provider) throw new UserKitException('OAUTH_PROVIDER_NOT_FOUND');
    return provider;
  }

  names(): string[] {
    return [...this.providers().keys()];
  }

  /** Built on first use when nobody called onModuleInit (a bare application context). */
  private providers(): Map<string, EnabledOAuthProvider> {
    if (this.enabled) return this.enabled;
    const enabled = new Map<string, EnabledOAuthProvider>();
    for (const [name, provider] of Object.entries(this.options.providers)) {
      const definition = this.definitions.get(name);
      if (!provider || !definition) continue;
      const callbackUrl =
        provider.callbackUrl ??
        this.urls.publicUrlOf(
          '/oauth/:provider/callback',
          RequestMethod.GET,
          `/oauth/${name}/callback`,
        );
      const strategy = definition.createStrategy({
        clientId: provider.clientId!,
        clientSecret: provider.clientSecret!,
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
        timeoutMs: this.options.timeoutMs,
      });
      enabled.set(name, { name, definition, client });
    }
    this.enabled = enabled;
    return enabled;
  }
}
