// 1. kill -9 of one of two instances under load: the clients (standing in for a balancer) send
// what was cut to the survivor; nothing acknowledged is lost, nothing is half-written, the
// sessions opened on the dead instance refresh on the survivor, and the dead one restarts.
import {
  ClientMix,
  Tally,
  halfWrittenUsers,
  lostAcknowledgedWrites,
  runClients,
  sendAndRecord,
  sendCounted,
  sleep,
} from './traffic.js';

export async function killInstance(world) {
  const tally = new Tally('kill -9 of one instance');
  const mix = new ClientMix(world);
  const { a, b } = world;
  const acknowledgedBefore = world.acknowledged.length;
  let aDown = false;
  let turn = 0;
  const onSurvivor = new Tally('answers of B to retried requests');
  let cutInFlight = 0;
  let stop = false;

  const clientsDone = runClients(
    6,
    () => stop,
    async (client) => {
      const request = mix.next(client);
      const target = aDown || turn++ % 2 === 0 ? b : a;
      const result = await sendCounted(tally, target, request);
      if (result.error && target === a) {
        // The balancer takes A out at its first failure and sends the request to B.
        aDown = true;
        if (result.error !== 'ECONNREFUSED') cutInFlight += 1;
        const retried = await sendCounted(tally, b, request);
        onSurvivor.add(retried);
        request.onAnswer?.(retried, b);
        return;
      }
      if (result.error === undefined && target === b && aDown) onSurvivor.add(result);
      request.onAnswer?.(result, target);
    },
  );

  await sleep(3000);
  const killed = await a.kill('SIGKILL');
  tally.check(
    killed.signal === 'SIGKILL',
    `A ended by ${killed.signal ?? killed.code}, not SIGKILL`,
  );
  await sleep(3000);
  stop = true;
  const clients = await clientsDone;

  tally.check(
    onSurvivor.classes['5xx'] === 0 && Object.keys(onSurvivor.connectionErrors).length === 0,
    `B answered retried or redirected requests with ${JSON.stringify(onSurvivor.statuses)} and errors ${JSON.stringify(onSurvivor.connectionErrors)}`,
  );
  tally.check(tally.classes['5xx'] === 0, `5xx answers: ${JSON.stringify(tally.statuses)}`);

  // Every session opened on A (and not cut mid-refresh, whose new token the client never got)
  // refreshes on B.
  const openedOnA = clients
    .flatMap((client) => client.sessions)
    .filter((session) => session.openedOn === 'A' && !session.uncertain && !session.revoked);
  let refreshedOnB = 0;
  for (const session of openedOnA) {
    const result = await sendAndRecord(tally, b, mix.refresh({ sessions: [session] }));
    if (result.status === 200) refreshedOnB += 1;
  }
  tally.check(openedOnA.length > 0, 'no session was opened on A before the kill');
  tally.check(
    refreshedOnB === openedOnA.length,
    `${openedOnA.length - refreshedOnB} of ${openedOnA.length} sessions opened on A did not refresh on B`,
  );

  tally.lostWrites = await lostAcknowledgedWrites(
    world.sql,
    world.acknowledged.slice(acknowledgedBefore),
  );
  const halfWritten = await halfWrittenUsers(world.sql);
  tally.check(tally.lostWrites === 0, `${tally.lostWrites} acknowledged sign-ups are missing`);
  tally.check(halfWritten === 0, `${halfWritten} users are half-written (no email or no role)`);

  // Restarted with the same command and environment: no manual step, it serves at once.
  const restartedAt = Date.now();
  world.a = await a.restart();
  world.a.name = 'A';
  tally.recoverySeconds = (Date.now() - restartedAt) / 1000;
  const session = openedOnA.find((candidate) => !candidate.revoked) ?? openedOnA[0];
  const again = session
    ? await sendAndRecord(tally, world.a, mix.refresh({ sessions: [session] }))
    : { status: 'no session' };
  tally.check(again.status === 200, `a refresh on the restarted A answered ${again.status}`);

  tally.notes.push(
    `${cutInFlight} requests cut in flight on A, resent to B; ${refreshedOnB}/${openedOnA.length} sessions of A refreshed on B; restarted A ready in ${tally.recoverySeconds.toFixed(1)} s`,
  );
  return tally;
}
