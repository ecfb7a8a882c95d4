import type { Passkey } from '../entities/passkey.entity.js';
import type { PasskeyResponse } from './passkey.response.js';

export function mapPasskey(passkey: Passkey): PasskeyResponse {
  return {
    id: passkey.id,
    name: passkey.name,
    createdAt: passkey.createdAt.toISOString(),
    lastUsedAt: passkey.lastUsedAt?.toISOString() ?? null,
    deviceType: passkey.deviceType === 'multiDevice' ? 'multiDevice' : 'singleDevice',
    backedUp: passkey.backedUp,
  };
}
