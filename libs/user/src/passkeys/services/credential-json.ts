import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';

/** A base64url string of at most `max` characters (WebAuthn's JSON encodes every binary so). */
function isBase64Url(value: unknown, max: number): value is string {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    value.length <= max &&
    /^[A-Za-z0-9_-]+$/.test(value)
  );
}

/** Credential IDs are at most 1023 bytes. */
const MAX_ID = 1400;
/** Attestation objects, authenticator data, client data and signatures: far below this. */
const MAX_BLOB = 16_384;

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function commonShape(raw: Record<string, unknown>): Record<string, unknown> | null {
  if (!isBase64Url(raw.id, MAX_ID) || raw.rawId !== raw.id || raw.type !== 'public-key')
    return null;
  const response = record(raw.response);
  if (!response || !isBase64Url(response.clientDataJSON, MAX_BLOB)) return null;
  if (raw.clientExtensionResults !== undefined && !record(raw.clientExtensionResults)) return null;
  return response;
}

/** A registration answer of the right shape (what it proves is for the verification), or null. */
export function registrationResponseOf(
  raw: Record<string, unknown>,
): RegistrationResponseJSON | null {
  const response = commonShape(raw);
  if (!response || !isBase64Url(response.attestationObject, MAX_BLOB)) return null;
  const transports = response.transports;
  if (
    transports !== undefined &&
    !(
      Array.isArray(transports) &&
      transports.length <= 8 &&
      transports.every((t) => typeof t === 'string' && t.length <= 16)
    )
  )
    return null;
  return {
    id: raw.id as string,
    rawId: raw.rawId as string,
    type: 'public-key',
    response: {
      clientDataJSON: response.clientDataJSON as string,
      attestationObject: response.attestationObject as string,
      ...(transports === undefined
        ? {}
        : { transports: transports as RegistrationResponseJSON['response']['transports'] }),
    },
    clientExtensionResults: (raw.clientExtensionResults ??
      {}) as RegistrationResponseJSON['clientExtensionResults'],
  };
}

/** A sign-in answer of the right shape, or null. */
export function authenticationResponseOf(
  raw: Record<string, unknown>,
): AuthenticationResponseJSON | null {
  const response = commonShape(raw);
  if (
    !response ||
    !isBase64Url(response.authenticatorData, MAX_BLOB) ||
    !isBase64Url(response.signature, MAX_BLOB) ||
    (response.userHandle !== undefined &&
      response.userHandle !== null &&
      !isBase64Url(response.userHandle, 128))
  )
    return null;
  return {
    id: raw.id as string,
    rawId: raw.rawId as string,
    type: 'public-key',
    response: {
      clientDataJSON: response.clientDataJSON as string,
      authenticatorData: response.authenticatorData as string,
      signature: response.signature as string,
      ...(typeof response.userHandle === 'string' ? { userHandle: response.userHandle } : {}),
    },
    clientExtensionResults: (raw.clientExtensionResults ??
      {}) as AuthenticationResponseJSON['clientExtensionResults'],
  };
}

/**
 * The challenge the client data names: what finds the stored challenge (its digest). Null when the
 * client data is not JSON with a challenge; the verification checks the rest (type, origin).
 */
export function challengeOf(clientDataJSON: string): string | null {
  try {
    const clientData = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8'));
    const challenge = record(clientData)?.challenge;
    return isBase64Url(challenge, 128) ? challenge : null;
  } catch {
    return null;
  }
}
