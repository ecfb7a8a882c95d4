import { UserKitError } from './errors.js';
import type {
  PasskeyCreationOptionsResponse,
  PasskeyRequestOptionsResponse,
} from './generated/api-types.js';

/** An authenticator's answer in WebAuthn's JSON form (`PublicKeyCredential.toJSON()`). */
export type PasskeyCredentialJSON = Record<string, unknown>;

/**
 * What creates and uses passkeys for the client: the browser's WebAuthn by default
 * (`browserPasskeys`); a native shell or a test passes its own (`passkeys` option).
 */
export interface PasskeyAuthenticator {
  create(options: PasskeyCreationOptionsResponse): Promise<PasskeyCredentialJSON>;
  get(
    options: PasskeyRequestOptionsResponse,
    request?: PasskeyGetRequest,
  ): Promise<PasskeyCredentialJSON>;
}

/** How a sign-in asks: `conditional` waits for the browser's autofill (passkey autofill UI). */
export interface PasskeyGetRequest {
  mediation?: 'conditional';
  /** Ends a pending request (e.g. the autofill one when the user clicks the passkey button). */
  signal?: AbortSignal;
}

/**
 * The parts of the browser's WebAuthn the client uses, typed here (this package is built for
 * Node too): the JSON helpers of current browsers (Chrome 129, Safari 18.4, Firefox 119).
 */
interface WebAuthnBrowser {
  helpers: {
    parseCreationOptionsFromJSON(options: unknown): unknown;
    parseRequestOptionsFromJSON(options: unknown): unknown;
  };
  credentials: {
    create(options: { publicKey: unknown }): Promise<unknown>;
    get(options: {
      publicKey: unknown;
      mediation?: 'conditional';
      signal?: AbortSignal;
    }): Promise<unknown>;
  };
}

function webAuthn(): WebAuthnBrowser {
  const scope = globalThis as {
    PublicKeyCredential?: Partial<WebAuthnBrowser['helpers']>;
    navigator?: { credentials?: WebAuthnBrowser['credentials'] };
  };
  const helpers = scope.PublicKeyCredential;
  const credentials = scope.navigator?.credentials;
  if (
    typeof helpers?.parseCreationOptionsFromJSON !== 'function' ||
    typeof helpers.parseRequestOptionsFromJSON !== 'function' ||
    !credentials
  )
    throw new UserKitError(0, 'PASSKEYS_UNSUPPORTED', 'This browser cannot use passkeys');
  return { helpers: helpers as WebAuthnBrowser['helpers'], credentials };
}

function toJSON(credential: unknown): PasskeyCredentialJSON {
  const json = (credential as { toJSON?: () => PasskeyCredentialJSON } | null)?.toJSON?.();
  if (!json) throw new UserKitError(0, 'PASSKEY_CANCELLED', 'No passkey was chosen');
  return json;
}

/** The browser's `navigator.credentials`, with the options and answers as WebAuthn JSON. */
export const browserPasskeys: PasskeyAuthenticator = {
  async create(options) {
    const { helpers, credentials } = webAuthn();
    const publicKey = helpers.parseCreationOptionsFromJSON(options);
    return toJSON(await credentials.create({ publicKey }));
  },
  async get(options, request = {}) {
    const { helpers, credentials } = webAuthn();
    const publicKey = helpers.parseRequestOptionsFromJSON(options);
    return toJSON(await credentials.get({ publicKey, ...request }));
  },
};

/** Whether the browser offers passkeys in the autofill of a `username webauthn` field. */
export async function passkeyAutofillAvailable(): Promise<boolean> {
  const scope = globalThis as {
    PublicKeyCredential?: { isConditionalMediationAvailable?: () => Promise<boolean> };
  };
  try {
    return (await scope.PublicKeyCredential?.isConditionalMediationAvailable?.()) === true;
  } catch {
    return false;
  }
}
