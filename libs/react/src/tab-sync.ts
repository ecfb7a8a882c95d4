import type { UserKitClient } from '@userkit/client';

type TabMessage = 'signed-in' | 'signed-out';

/**
 * Tabs of one origin share the session (the refresh token in localStorage, or the cookie): a
 * sign-out in one tab signs the others out, a sign-in signs them in (they restore the shared
 * session). BroadcastChannel, where the platform has it; returns the stop.
 */
export function syncTabs(client: UserKitClient, channelName = 'userkit.session'): () => void {
  const Channel = (globalThis as { BroadcastChannel?: typeof BroadcastChannel }).BroadcastChannel;
  if (!Channel) return () => undefined;
  const channel = new Channel(channelName);
  let signedIn = client.user !== null;
  channel.onmessage = (event: MessageEvent<TabMessage>) => {
    if (event.data === 'signed-out' && client.user) {
      // The other tab revoked the shared session: only this tab's copy is left to forget.
      void client.signOut().catch(() => undefined);
    } else if (event.data === 'signed-in' && !client.user) {
      void client.restore().catch(() => undefined);
    }
  };
  const stopListening = client.onChange((user) => {
    const nowSignedIn = user !== null;
    if (nowSignedIn === signedIn) return;
    signedIn = nowSignedIn;
    channel.postMessage(nowSignedIn ? 'signed-in' : 'signed-out');
  });
  return () => {
    stopListening();
    channel.close();
  };
}
