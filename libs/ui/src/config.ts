/** What the server wrote into <meta name="userkit-config"> (attribute-escaped JSON, no script). */
export interface PageConfig {
  basePath: string;
  apiBaseUrl: string;
  providers: string[];
  anonymousSignUp: boolean;
}

function read(): PageConfig {
  const meta = document.querySelector('meta[name="userkit-config"]');
  try {
    return JSON.parse(meta?.getAttribute('content') ?? '') as PageConfig;
  } catch {
    return { basePath: '/account', apiBaseUrl: '', providers: [], anonymousSignUp: false };
  }
}

export const config: PageConfig = read();
