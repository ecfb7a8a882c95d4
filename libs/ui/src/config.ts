/** What the server wrote into <meta name="userkit-config"> (attribute-escaped JSON, no script). */
/** Whether sign-up asks for an identifier (UserModule's `identifiers`). */
export type IdentifierSetting = 'required' | 'optional' | false;

export interface PageConfig {
  basePath: string;
  apiBaseUrl: string;
  providers: string[];
  anonymousSignUp: boolean;
  identifiers: { email: IdentifierSetting; username: IdentifierSetting; phone: IdentifierSetting };
  requireVerifiedEmail: boolean;
  /** Whether the profile offers "Delete account" (UserModule's `selfDeletion`). */
  selfDeletion: boolean;
  /** Whether the server has passkeys (UserPasskeysModule): sign-in with one, the profile's panel. */
  passkeys: boolean;
  /** Whether the server has organizations (UserOrganizationsModule): console pages, profile panel. */
  organizations: boolean;
  /** Sign-in by a code (`emailCode`) or a link (`emailLink`) by email (UserContactsModule). */
  emailCode: boolean;
  emailLink: boolean;
}

const DEFAULTS: PageConfig = {
  basePath: '/account',
  apiBaseUrl: '',
  providers: [],
  anonymousSignUp: false,
  identifiers: { email: 'required', username: false, phone: false },
  requireVerifiedEmail: false,
  selfDeletion: true,
  passkeys: false,
  organizations: false,
  emailCode: false,
  emailLink: false,
};

function read(): PageConfig {
  const meta = document.querySelector('meta[name="userkit-config"]');
  try {
    return { ...DEFAULTS, ...(JSON.parse(meta?.getAttribute('content') ?? '') as PageConfig) };
  } catch {
    return DEFAULTS;
  }
}

export const config: PageConfig = read();
