import type { UserKitClient } from '@userkit/client';
import { loadActiveOrganization } from './active-organization.js';

/** A sign-in, a sign-out, or the session's organization now being `orgId`. */
type TabMessage = 'signed-in' | 'signed-out' | { orgId: string | null };

/**
 * Tabs of one origin share the session (the refresh token in localStorage, or the cookie): a
 * sign-out in one tab signs the others out, a sign-in signs them in (they restore the shared
 * session), and a new active organization there is read again here (the session holds it).
 * BroadcastChannel, where the platform has it; returns the stop.
 */
export function syncTabs(client: UserKitClient, channelName = 'userkit.session'): () => void {
  const Channel = (globalThis as { BroadcastChannel?: typeof BroadcastChannel }).BroadcastChannel;
  if (!Channel) return () => undefined;
  const channel = new Channel(channelName);
  let signedIn = client.user !== null;
  let orgId = client.orgId;
  channel.onmessage = (event: MessageEvent<TabMessage>) => {
    const message = event.data;
    if (message === 'signed-out' && client.user) {
      // The other tab revoked the shared session: only this tab's copy is left to forget.
      void client.signOut().catch(() => undefined);
    } else if (message === 'signed-in' && !client.user) {
      void client
        .restore()
        .then((user) => (user ? loadActiveOrganization(client) : undefined))
        .catch(() => undefined);
    } else if (typeof message === 'object' && client.user && message.orgId !== client.orgId) {
      // Another tab's session may not be this one's: ask the API what this session has.
      void loadActiveOrganization(client);
    }
  };
  const stopListening = client.onChange((user) => {
    const nowSignedIn = user !== null;
    if (nowSignedIn !== signedIn) {
      signedIn = nowSignedIn;
      orgId = client.orgId;
      channel.postMessage(nowSignedIn ? 'signed-in' : 'signed-out');
    } else if (nowSignedIn && client.orgId !== orgId) {
      orgId = client.orgId;
      channel.postMessage({ orgId } satisfies TabMessage);
    }
  });
  return () => {
    stopListening();
    channel.close();
  };
}
