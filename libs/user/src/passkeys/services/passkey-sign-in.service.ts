import { isBannedAt } from '../../core/entities/ban-state.js';
import { createHmac } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type VerifiedAuthenticationResponse,
} from '@simplewebauthn/server';
import { UserKitException } from '../../core/errors/user-kit.exception.js';
import type { SignInFailureReason, SignInMethod } from '../../core/events/user-kit-events.js';
import type { ResolvedUserOptions } from '../../core/options/resolved-options.js';
import { UsersRepository } from '../../core/repositories/users.repository.js';
import { AccountsService } from '../../core/services/accounts.service.js';
import type { IssuedTokens } from '../../core/services/issued-tokens.js';
import { deriveKey } from '../../core/services/one-time-codes.js';
import type { RequestMeta } from '../../core/services/request-meta.js';
import { hashSecretToken } from '../../core/services/secret-token.js';
import { USER_OPTIONS } from '../../core/tokens.js';
import { normalizeEmail } from '../../core/validation/email.js';
import type { Passkey } from '../entities/passkey.entity.js';
import { PASSKEYS_OPTIONS, type ResolvedPasskeysOptions } from '../options/passkeys-options.js';
import { PasskeysRepository } from '../repositories/passkeys.repository.js';
import { authenticationResponseOf, challengeOf } from './credential-json.js';
import { newChallenge, PASSKEY_CHALLENGE_TTL_MS } from './passkey-challenges.js';

/** A passkey sign-in: user verification was required, so no second factor follows it. */
const PASSKEY_SIGN_IN: SignInMethod = Object.freeze({
  method: 'passkey',
  provider: null,
  secondFactor: null,
});

/**
 * Signing in with a passkey (`POST /auth/passkey/options`, then `POST /auth/passkey`): a
 * passwordless sign-in that opens a session as a password sign-in does. The challenge is in the
 * database (any instance finishes the ceremony) and spent by the first answer naming it.
 */
@Injectable()
export class PasskeySignInService {
  private readonly logger = new Logger('UserKit');
  private readonly decoyKey: Buffer;

  constructor(
    @Inject(USER_OPTIONS) core: ResolvedUserOptions,
    @Inject(PASSKEYS_OPTIONS) private readonly settings: ResolvedPasskeysOptions,
    private readonly passkeys: PasskeysRepository,
    private readonly users: UsersRepository,
    private readonly accounts: AccountsService,
  ) {
    this.decoyKey = deriveKey(core.tokenSecret, 'passkey-decoys');
  }

  /**
   * Request options. With an email, the account's passkeys; an address with none (or no account)
   * gets one made-up credential, the same for each call, so the answer does not tell them apart.
   */
  async options(email?: string): Promise<PublicKeyCredentialRequestOptionsJSON> {
    let allowCredentials: { id: string; transports?: string[] }[] = [];
    if (email !== undefined) {
      const user = await this.users.findByEmail(email);
      const owned = user ? await this.passkeys.listOf(user.id) : [];
      allowCredentials =
        owned.length > 0
          ? owned.map((passkey) => ({
              id: passkey.credentialId,
              ...(passkey.transports ? { transports: passkey.transports.split(',') } : {}),
            }))
          : [{ id: this.decoyCredentialId(email) }];
    }
    const options = await generateAuthenticationOptions({
      rpID: this.settings.rpID,
      challenge: newChallenge(),
      timeout: PASSKEY_CHALLENGE_TTL_MS,
      userVerification: 'required',
      allowCredentials: allowCredentials as Parameters<
        typeof generateAuthenticationOptions
      >[0]['allowCredentials'],
    });
    await this.passkeys.createChallenge(
      hashSecretToken(options.challenge),
      'authentication',
      null,
      new Date(Date.now() + PASSKEY_CHALLENGE_TTL_MS),
    );
    return { ...options, allowCredentials: options.allowCredentials ?? [] };
  }

  /** The authenticator's answer: the tokens of a new session. */
  async signIn(raw: Record<string, unknown>, meta: RequestMeta): Promise<IssuedTokens> {
    const response = authenticationResponseOf(raw);
    if (!response) throw new UserKitException('PASSKEY_RESPONSE_INVALID');
    const challenge = challengeOf(response.response.clientDataJSON);
    const now = new Date();
    if (
      challenge === null ||
      !(await this.passkeys.consumeChallenge(
        hashSecretToken(challenge),
        'authentication',
        null,
        now,
      ))
    )
      throw new UserKitException('PASSKEY_CHALLENGE_INVALID');
    const passkey = await this.passkeys.findByCredentialId(response.id);
    if (!passkey) throw this.refused(null, 'wrong_passkey');
    const userId = passkey.user.id;
    const verified = await this.verifyAssertion(response, challenge, passkey);
    if (!verified) throw this.refused(userId, 'wrong_passkey');
    const { newCounter, credentialBackedUp } = verified;
    // Authenticators that keep a counter must show a larger one each time: a smaller or equal one
    // means another copy of the key signed in between (a cloned authenticator).
    if ((passkey.counter > 0 || newCounter > 0) && newCounter <= passkey.counter) {
      this.logger.warn(
        `Passkey ${passkey.id} of user ${userId}: signature counter ${newCounter} is not above ${passkey.counter}; possible cloned authenticator, sign-in refused`,
      );
      throw this.refused(userId, 'passkey_counter_regressed');
    }
    if (
      !(await this.passkeys.recordUse(
        passkey.id,
        passkey.counter,
        newCounter,
        credentialBackedUp,
        now,
      ))
    )
      throw this.refused(userId, 'passkey_counter_regressed');
    const user = await this.users.findFullById(userId);
    if (!user) throw this.refused(null, 'wrong_passkey');
    if (isBannedAt(user)) throw this.refused(user.id, 'banned');
    return this.accounts.signedIn(user, meta, PASSKEY_SIGN_IN);
  }

  /**
   * Origin, RP ID, user verification and the signature (the counter is checked by the caller,
   * where a regression can be told from a bad signature); a user handle, when the authenticator
   * gives one, must be the passkey's user. Null when anything fails.
   */
  private async verifyAssertion(
    response: AuthenticationResponseJSON,
    challenge: string,
    passkey: Passkey,
  ): Promise<VerifiedAuthenticationResponse['authenticationInfo'] | null> {
    const handle = response.response.userHandle;
    if (
      handle !== undefined &&
      Buffer.from(handle, 'base64url').toString('utf8') !== passkey.user.id
    )
      return null;
    try {
      const verified = await verifyAuthenticationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: this.settings.origins,
        expectedRPID: this.settings.rpID,
        requireUserVerification: true,
        credential: {
          id: passkey.credentialId,
          publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')),
          counter: 0,
        },
      });
      return verified.verified ? verified.authenticationInfo : null;
    } catch {
      // The library throws for every malformed or mismatching answer: all of them are refusals.
      return null;
    }
  }

  private refused(userId: string | null, reason: SignInFailureReason): UserKitException {
    this.accounts.signInFailed(userId, 'passkey', reason);
    return new UserKitException('PASSKEY_SIGN_IN_FAILED');
  }

  private decoyCredentialId(email: string): string {
    return createHmac('sha256', this.decoyKey)
      .update(normalizeEmail(email))
      .digest()
      .subarray(0, 16)
      .toString('base64url');
  }
}
