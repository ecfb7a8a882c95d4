// 3. PostgreSQL restarted (fast shutdown, start again) under load: while it is down every answer
// that needs it is 503 with Retry-After (never 500), liveness stays 200, both instances serve again
// within 5 s of its return without a restart, and no acknowledged write is lost.
import { send } from '../support/http-client.js';
import {
  ClientMix,
  Tally,
  halfWrittenUsers,
  lostAcknowledgedWrites,
  runClients,
  sendAndRecord,
  sleep,
} from './traffic.js';

export async function postgresRestart(world) {
  const tally = new Tally('PostgreSQL fast restart');
  const mix = new ClientMix(world);
  const instances = [world.a, world.b];
  const acknowledgedBefore = world.acknowledged.length;
  let turn = 0;
  let stop = false;
  const without = { retryAfter: 0 };
  const clients = runClients(
    4,
    () => stop,
    async (client) => {
      const request = mix.next(client);
      const result = await sendAndRecord(tally, instances[turn++ % 2], request);
      if (result.status === 503 && result.headers['retry-after'] === undefined)
        without.retryAfter += 1;
    },
  );
  const liveness = { checks: 0, failures: 0 };
  const livenessDone = (async () => {
    while (!stop) {
      for (const instance of instances) {
        const probe = await send(instance.base, 'GET', '/health/live', { timeoutMs: 2000 });
        liveness.checks += 1;
        if (probe.status !== 200) liveness.failures += 1;
      }
      await sleep(200);
    }
  })();

  await sleep(2000);
  await world.postgres.fastShutdown();
  const downAt = Date.now();
  await sleep(2000);
  const statusesWhileDown = { ...tally.statuses };
  await world.postgres.start();
  const backAt = Date.now();

  // Recovered: GET /me answers 200 on both instances, with a session made before the outage.
  const token = world.probeSession.accessToken;
  const recovered = new Set();
  while (recovered.size < instances.length && Date.now() - backAt < 10_000) {
    for (const instance of instances) {
      if (recovered.has(instance)) continue;
      const probe = await send(instance.base, 'GET', '/me', { token });
      if (probe.status === 200) recovered.add(instance);
    }
    if (recovered.size < instances.length) await sleep(100);
  }
  tally.recoverySeconds = (Date.now() - backAt) / 1000;
  await sleep(2000);
  stop = true;
  await Promise.all([clients, livenessDone]);

  tally.check(
    recovered.size === instances.length && tally.recoverySeconds <= 5,
    `recovery took ${tally.recoverySeconds} s (goal 5 s), ${recovered.size}/2 instances back`,
  );
  const unexpected = Object.keys(tally.statuses).filter(
    (status) => status >= 500 && status !== '503',
  );
  tally.check(
    unexpected.length === 0,
    `answers besides 503 in the 5xx: ${JSON.stringify(tally.statuses)}`,
  );
  tally.check(without.retryAfter === 0, `${without.retryAfter} answers 503 without Retry-After`);
  tally.check(
    (statusesWhileDown[503] ?? 0) > 0,
    `no 503 seen while PostgreSQL was down (${JSON.stringify(statusesWhileDown)}): the load missed the outage`,
  );
  tally.check(
    liveness.failures === 0,
    `liveness failed ${liveness.failures}/${liveness.checks} times`,
  );
  tally.check(
    Object.keys(tally.connectionErrors).length === 0,
    `connections cut: ${JSON.stringify(tally.connectionErrors)}`,
  );
  tally.lostWrites = await lostAcknowledgedWrites(
    world.sql,
    world.acknowledged.slice(acknowledgedBefore),
  );
  tally.check(tally.lostWrites === 0, `${tally.lostWrites} acknowledged sign-ups are missing`);
  const halfWritten = await halfWrittenUsers(world.sql);
  tally.check(halfWritten === 0, `${halfWritten} users are half-written (no email or no role)`);
  tally.notes.push(
    `down ${((backAt - downAt) / 1000).toFixed(1)} s; ${statusesWhileDown[503] ?? 0} answers 503 + Retry-After meanwhile; liveness ${liveness.checks - liveness.failures}/${liveness.checks} 200; both instances back ${tally.recoverySeconds.toFixed(1)} s after PostgreSQL`,
  );
  return tally;
}
