import { Inject, Injectable, RequestMethod, type OnModuleInit } from '@nestjs/common';
import { UserKitException } from '../../core/errors/user-kit.exception.js';
import type { ExternalSignInProviders } from '../../core/extension-points/external-sign-in-providers.js';
import { RouteUrlsService } from '../../core/services/route-urls.service.js';
import type { ResolvedOAuthOptions } from '../options/resolve-oauth-options.js';
import type { OAuthProviderOptions } from '../options/user-oauth-module-options.js';
import { OAUTH_OPTIONS } from '../tokens.js';
import { HttpOAuthClient } from './http-oauth-client.js';
import { OAuthClient } from './oauth-client.js';
import type { OAuthProviderClient } from './oauth-provider-client.js';
import {
  definitionOf,
  isPassportDefinition,
  isProviderEnabled,
} from './oauth-provider-definitions.js';

/** A configured, enabled provider: its name and the client that speaks to it. */
export interface EnabledOAuthProvider {
  name: string;
  client: OAuthProviderClient;
}

/**
 * The providers this app serves: the built-in ones and the host's own (`providers.<name>.definition`),
 * each on only when it has a client id. Options are checked when the module is built; clients are
 * built once, at app.init() (onModuleInit), because their default callback URL carries the host's
 * global prefix, which is set after the module's providers are constructed. The core reads the
 * names through ExternalSignInProviders (the pages' sign-in buttons).
 */
@Injectable()
export class OAuthProviderRegistry implements OnModuleInit, ExternalSignInProviders {
  private enabled: Map<string, EnabledOAuthProvider> | null = null;

  constructor(
    @Inject(OAUTH_OPTIONS) private readonly options: ResolvedOAuthOptions,
    private readonly urls: RouteUrlsService,
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
      if (!provider || !isProviderEnabled(provider)) continue;
      const client = this.clientFor(name, provider);
      if (client) enabled.set(name, { name, client });
    }
    this.enabled = enabled;
    return enabled;
  }

  private clientFor(name: string, provider: OAuthProviderOptions): OAuthProviderClient | null {
    const definition = definitionOf(name, provider);
    if (!definition) return null;
    const callbackUrl =
      provider.callbackUrl ??
      this.urls.publicUrlOf(
        '/oauth/:provider/callback',
        RequestMethod.GET,
        `/oauth/${name}/callback`,
      );
    const timeoutMs = this.options.timeoutMs;
    if (!isPassportDefinition(definition))
      return new HttpOAuthClient(definition, { name, options: provider, callbackUrl, timeoutMs });
    const scope = provider.scope ?? definition.defaultScope;
    const strategy = definition.createStrategy({
      clientId: provider.clientId!,
      clientSecret: provider.clientSecret!,
      callbackUrl,
      scope,
      authorizationUrl: provider.authorizationUrl,
      tokenUrl: provider.tokenUrl,
      userInfoUrl: provider.userInfoUrl,
      emailsUrl: provider.emailsUrl,
    });
    return new OAuthClient(definition, strategy, {
      callbackUrl,
      scope,
      pkce: definition.pkce,
      timeoutMs,
    });
  }
}
