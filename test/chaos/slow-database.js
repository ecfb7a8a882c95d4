// 5. A slow database: an instance reaches PostgreSQL through a relay adding 200 ms per round trip,
// and gets more requests than its pool can serve at that pace. Requests slow down, but none waits
// past the pool's deadline (DATABASE_POOL_TIMEOUT_MS) for a connection: the excess is answered
// 503 with Retry-After instead of piling up, and memory stays bounded.
import { TcpRelay } from '../../scripts/tcp-relay.js';
import { send } from '../support/http-client.js';
import { startInstance } from '../support/instances.js';
import {
  ClientMix,
  Tally,
  lostAcknowledgedWrites,
  sendAndRecord,
  secondsUntil,
  sleep,
} from './traffic.js';

const DELAY_MS = 200;
const POOL = { size: 4, timeoutMs: 2000 };
const LOAD = { readsPerSecond: 40, signUpsPerSecond: 3, seconds: 8 };
const RSS_GROWTH_LIMIT_MB = 100;
/**
 * The pool connections a request takes one after the other (counted on pg's Pool): a sign-up
 * reads the profile schema, writes the user (with its events), its email's code, its session,
 * then reads the schema again for the answer; GET /me checks the session, reads, and touches
 * the session's last use.
 */
const CONNECTIONS = { signUp: 5, me: 3 };
/** Event-loop and scheduling slack of a loaded machine, on top of the bound. */
const SLACK_MS = 1000;

export async function slowDatabase(world) {
  const tally = new Tally('slow database (+200 ms per round trip)');
  const mix = new ClientMix(world);
  const target = new URL(world.databaseUrl);
  const relay = new TcpRelay(target.hostname, Number(target.port));
  const relayed = new URL(world.databaseUrl);
  relayed.port = String(await relay.start());
  const c = await startInstance({
    ...world.env,
    DATABASE_URL: relayed.toString(),
    DATABASE_POOL_SIZE: String(POOL.size),
    DATABASE_POOL_TIMEOUT_MS: String(POOL.timeoutMs),
  });
  c.name = 'C';
  const acknowledgedBefore = world.acknowledged.length;
  const client = { sessions: [{ tokens: world.probeSession, openedOn: 'A' }] };
  try {
    relay.delayMs = DELAY_MS;
    // Each kind alone through the slow relay first: its time without any wait for a connection.
    const alone = {};
    for (const request of [mix.signUp({ sessions: [] }), mix.readMe(client)]) {
      const result = await sendAndRecord(tally, c, request);
      alone[request.kind] = result.ms;
    }
    const rssBefore = c.rssMb();
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, c.rssMb())), 250);
    // Open loop: requests arrive at a fixed pace whatever the answers' speed, as users do.
    const pending = [];
    const startedAt = Date.now();
    const total = LOAD.seconds * (LOAD.readsPerSecond + LOAD.signUpsPerSecond);
    const every = 1000 / (LOAD.readsPerSecond + LOAD.signUpsPerSecond);
    for (let index = 0; index < total; index += 1) {
      const request =
        index % Math.round(total / (LOAD.seconds * LOAD.signUpsPerSecond)) === 0
          ? mix.signUp({ sessions: [] })
          : mix.readMe(client);
      pending.push(
        sendAndRecord(tally, c, request).then((result) => ({ ...result, kind: request.kind })),
      );
      const due = startedAt + (index + 1) * every;
      if (due > Date.now()) await sleep(due - Date.now());
    }
    const results = await Promise.all(pending);
    clearInterval(sampler);
    rssPeak = Math.max(rssPeak, c.rssMb());

    // Still slow, but no longer flooded: answers come back at the database's pace.
    tally.recoverySeconds = await secondsUntil(
      async () =>
        (await send(c.base, 'GET', '/me', { token: world.probeSession.accessToken })).status ===
        200,
      10_000,
    );
    const refused = results.filter((result) => result.status === 503);
    tally.check(
      Object.keys(tally.statuses).every((status) => status < 500 || status === '503'),
      `5xx other than 503: ${JSON.stringify(tally.statuses)}`,
    );
    tally.check(
      refused.every((result) => result.headers['retry-after'] !== undefined),
      'a 503 without Retry-After',
    );
    tally.check(
      refused.length > 0,
      'no request met the deadline: the load did not exceed the pool',
    );
    tally.check(
      Object.keys(tally.connectionErrors).length === 0,
      `connection errors: ${JSON.stringify(tally.connectionErrors)}`,
    );
    // Each wait for a connection ends at the deadline: a request's time under the flood is its
    // time alone plus at most one deadline per connection it takes, and does not grow with the
    // flood's length. Without the deadline the backlog grows all along: the requests sent last
    // would wait about 20 s, four times the early ones.
    const allowed = (kind) => alone[kind] + CONNECTIONS[kind] * POOL.timeoutMs + SLACK_MS;
    const slowest = results.reduce((worst, result) =>
      result.ms - allowed(result.kind) > worst.ms - allowed(worst.kind) ? result : worst,
    );
    tally.check(
      slowest.ms <= allowed(slowest.kind),
      `a ${slowest.kind} took ${slowest.ms} ms > ${allowed(slowest.kind)} ms (${alone[slowest.kind]} ms alone + ${CONNECTIONS[slowest.kind]} × ${POOL.timeoutMs} ms + ${SLACK_MS} ms): requests piled up`,
    );
    const sentBetween = (from, to) =>
      results
        .filter(
          (result) =>
            result.startedAt - startedAt >= from * 1000 && result.startedAt - startedAt < to * 1000,
        )
        .map((result) => result.ms)
        .sort((x, y) => x - y);
    const median = (values) => values[Math.floor(values.length / 2)] ?? 0;
    const early = median(sentBetween(2, 4));
    const late = median(sentBetween(LOAD.seconds - 2, LOAD.seconds));
    tally.check(
      late <= 1.5 * early + 500,
      `median time of the requests sent last ${late} ms against ${early} ms early on: requests piled up`,
    );
    tally.check(
      rssPeak - rssBefore <= RSS_GROWTH_LIMIT_MB,
      `RSS grew ${Math.round(rssPeak - rssBefore)} MB (limit ${RSS_GROWTH_LIMIT_MB})`,
    );
    tally.check(
      tally.recoverySeconds !== null && tally.recoverySeconds <= 5,
      `GET /me not back within 5 s after the flood (${tally.recoverySeconds})`,
    );
    tally.lostWrites = await lostAcknowledgedWrites(
      world.sql,
      world.acknowledged.slice(acknowledgedBefore),
    );
    tally.check(tally.lostWrites === 0, `${tally.lostWrites} acknowledged sign-ups are missing`);
    const ok = results.filter((result) => result.status && result.status < 500);
    tally.notes.push(
      `${LOAD.readsPerSecond + LOAD.signUpsPerSecond} requests/s for ${LOAD.seconds} s on a pool of ${POOL.size} (deadline ${POOL.timeoutMs} ms): ${ok.length} answered, ${refused.length} refused 503; nearest its bound a ${slowest.kind} in ${slowest.ms} ms (${alone[slowest.kind]} ms alone), median ${early} ms early and ${late} ms at the end; RSS ${Math.round(rssBefore)} → ${Math.round(rssPeak)} MB`,
    );
  } finally {
    relay.delayMs = 0;
    await c.stop();
    await relay.stop();
  }
  return tally;
}
