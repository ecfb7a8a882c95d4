import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import {
  generateRegistrationOptions,
  verifyRegistrationResponse,
  type PublicKeyCredentialCreationOptionsJSON,
  type VerifiedRegistrationResponse,
} from '@simplewebauthn/server';
import { UserKitException } from '../../core/errors/user-kit.exception.js';
import { UsersRepository } from '../../core/repositories/users.repository.js';
import { hashSecretToken } from '../../core/services/secret-token.js';
import { UserUpdateService } from '../../core/services/user-update.service.js';
import type { Passkey } from '../entities/passkey.entity.js';
import { PASSKEYS_OPTIONS, type ResolvedPasskeysOptions } from '../options/passkeys-options.js';
import { PasskeysRepository } from '../repositories/passkeys.repository.js';
import { challengeOf, registrationResponseOf } from './credential-json.js';
import { newChallenge, PASSKEY_CHALLENGE_TTL_MS } from './passkey-challenges.js';

/** ES256 and RS256 (what platform authenticators and security keys use), EdDSA. */
const ALGORITHMS = [-8, -7, -257];

/** Adding a passkey to a signed-in user: the options, then the authenticator's answer. */
@Injectable()
export class PasskeyRegistrationService {
  constructor(
    @Inject(PASSKEYS_OPTIONS) private readonly settings: ResolvedPasskeysOptions,
    private readonly passkeys: PasskeysRepository,
    private readonly users: UsersRepository,
    private readonly updates: UserUpdateService,
  ) {}

  /**
   * Creation options for the user: a discoverable credential preferred (sign-in without typing
   * anything), user verification required (so the passkey alone is as good as two factors), no
   * attestation (the app trusts the user's choice of authenticator).
   */
  async options(userId: string): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const user = await this.users.findFullById(userId);
    if (!user) throw new UserKitException('USER_NOT_FOUND');
    const existing = await this.passkeys.listOf(user.id);
    const email = user.emailAddresses.getItems().find((address) => address.primary)?.email;
    const userName = email ?? user.username ?? user.id;
    const options = await generateRegistrationOptions({
      rpName: this.settings.rpName,
      rpID: this.settings.rpID,
      userName,
      userDisplayName: user.displayName ?? userName,
      // The user's id as the handle: stable, and no personal data in it.
      userID: new Uint8Array(Buffer.from(user.id, 'utf8')),
      challenge: newChallenge(),
      timeout: PASSKEY_CHALLENGE_TTL_MS,
      attestationType: 'none',
      excludeCredentials: existing.map((passkey) => ({
        id: passkey.credentialId,
        ...(passkey.transports ? { transports: passkey.transports.split(',') } : {}),
      })) as Parameters<typeof generateRegistrationOptions>[0]['excludeCredentials'],
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
      supportedAlgorithmIDs: ALGORITHMS,
    });
    await this.passkeys.createChallenge(
      hashSecretToken(options.challenge),
      'registration',
      user.id,
      new Date(Date.now() + PASSKEY_CHALLENGE_TTL_MS),
    );
    return options;
  }

  /**
   * The authenticator's answer: its challenge is spent first (a refused answer spends it too), then
   * origin, RP ID, user verification and the attestation are checked; the passkey is stored with
   * `passkey.added`.
   */
  async register(userId: string, raw: Record<string, unknown>, name?: string): Promise<Passkey> {
    const response = registrationResponseOf(raw);
    if (!response) throw new UserKitException('PASSKEY_RESPONSE_INVALID');
    const challenge = challengeOf(response.response.clientDataJSON);
    if (
      challenge === null ||
      !(await this.passkeys.consumeChallenge(
        hashSecretToken(challenge),
        'registration',
        userId,
        new Date(),
      ))
    )
      throw new UserKitException('PASSKEY_CHALLENGE_INVALID');
    let verified: VerifiedRegistrationResponse;
    try {
      verified = await verifyRegistrationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: this.settings.origins,
        expectedRPID: this.settings.rpID,
        requireUserVerification: true,
        supportedAlgorithmIDs: ALGORITHMS,
      });
    } catch {
      // The library throws for every malformed or mismatching answer: all of them are the client's.
      throw new UserKitException('PASSKEY_RESPONSE_INVALID');
    }
    if (!verified.verified) throw new UserKitException('PASSKEY_RESPONSE_INVALID');
    const info = verified.registrationInfo;
    const record = {
      credentialId: info.credential.id,
      publicKey: Buffer.from(info.credential.publicKey).toString('base64url'),
      counter: info.credential.counter,
      transports: response.response.transports?.join(',').slice(0, 128) || null,
      deviceType: info.credentialDeviceType,
      backedUp: info.credentialBackedUp,
      name: name?.trim() || 'Passkey',
    };
    if (await this.passkeys.findByCredentialId(record.credentialId))
      throw new UserKitException('PASSKEY_ALREADY_REGISTERED');
    try {
      return await this.updates.passkeyChangedBy(
        'added',
        () => this.passkeys.add(userId, record),
        (added) => ({ userId, passkeyId: added.id, name: added.name }),
      );
    } catch (error) {
      // Two registrations of one credential at once: the unique index lets one in.
      if (error instanceof UniqueConstraintViolationException)
        throw new UserKitException('PASSKEY_ALREADY_REGISTERED');
      throw error;
    }
  }
}
