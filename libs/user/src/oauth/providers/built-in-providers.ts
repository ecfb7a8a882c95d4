import type { OAuthProviderDefinition } from '../extension-points/oauth-provider-definition.js';

interface BuiltInProvider {
  /** The optional peer packages its strategy needs, named in the error when one is missing. */
  packages: string[];
  load(): Promise<OAuthProviderDefinition>;
}

/**
 * Providers the library knows without a `definition` in the options. Each is imported only when a
 * host configures it, so a host without OAuth installs none of the passport packages.
 */
export const BUILT_IN_OAUTH_PROVIDERS: Readonly<Record<string, BuiltInProvider>> = {
  google: {
    packages: ['passport', '@nestjs/passport', 'passport-google-oauth20'],
    load: async () => (await import('./google.provider.js')).GOOGLE_PROVIDER,
  },
  github: {
    packages: ['passport', '@nestjs/passport', 'passport-github2'],
    load: async () => (await import('./github.provider.js')).GITHUB_PROVIDER,
  },
};

/** The definition of a built-in provider, or an error naming the packages to install. */
export async function loadBuiltInProvider(name: string): Promise<OAuthProviderDefinition> {
  const provider = BUILT_IN_OAUTH_PROVIDERS[name]!;
  try {
    return await provider.load();
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new Error(
      `providers.${name} needs the packages ${provider.packages.join(', ')}: ` +
        `npm install ${provider.packages.join(' ')} (${(error as Error).message})`,
      { cause: error },
    );
  }
}
