// 4. Redis restarted under load. A follows the default policy (rateLimitFailure 'closed': the
// limited routes answer 503 with Retry-After while Redis is away), B the option (`open`: it counts
// in memory). No 500 anywhere, sign-in back on A within 5 s of Redis' return, and GET /me (the
// session check, which never touches Redis) unaffected on both.
import { send } from '../support/http-client.js';
import { ClientMix, Tally, runClients, sendAndRecord, sleep } from './traffic.js';

export async function redisRestart(world) {
  const tally = new Tally('Redis restart');
  const mix = new ClientMix(world);
  const instances = [world.a, world.b];
  const outage = { from: Infinity, to: Infinity };
  const duringOutage = { A: {}, B: {}, me: {} };
  let turn = 0;
  let stop = false;
  let without503RetryAfter = 0;
  const clients = runClients(
    4,
    () => stop,
    async (client) => {
      const request = turn % 2 === 0 ? mix.signIn(client) : mix.readMe(client);
      const instance = instances[Math.floor(turn / 2) % 2];
      turn += 1;
      const result = await sendAndRecord(tally, instance, request);
      if (result.status === 503 && result.headers['retry-after'] === undefined)
        without503RetryAfter += 1;
      // Counted as during the outage only when sent after Redis stopped and answered before it returned.
      if (result.startedAt >= outage.from && result.endedAt <= outage.to) {
        const bucket = request.kind === 'me' ? duringOutage.me : duringOutage[instance.name];
        const key = result.status ?? result.error;
        bucket[key] = (bucket[key] ?? 0) + 1;
      }
    },
  );

  await sleep(2000);
  await world.redis.shutdown();
  outage.from = Date.now();
  await sleep(2500);
  outage.to = Date.now();
  await world.redis.start();
  const backAt = Date.now();
  // Recovered: a sign-in on A (fail closed) is let through again.
  let recovered = false;
  while (!recovered && Date.now() - backAt < 10_000) {
    const probe = await sendAndRecord(tally, world.a, mix.signIn({ sessions: [] }));
    recovered = probe.status === 200;
    if (!recovered) await sleep(100);
  }
  tally.recoverySeconds = (Date.now() - backAt) / 1000;
  await sleep(1000);
  stop = true;
  await clients;

  tally.check(
    recovered && tally.recoverySeconds <= 5,
    `sign-in on A back after ${tally.recoverySeconds} s (goal 5 s)`,
  );
  tally.check(
    tally.classes['5xx'] === (tally.statuses[503] ?? 0),
    `5xx other than 503: ${JSON.stringify(tally.statuses)}`,
  );
  tally.check(
    without503RetryAfter === 0,
    `${without503RetryAfter} answers 503 without Retry-After`,
  );
  tally.check(
    (duringOutage.A[503] ?? 0) > 0 && Object.keys(duringOutage.A).every((key) => key === '503'),
    `A (fail closed) answered sign-ins during the outage with ${JSON.stringify(duringOutage.A)}`,
  );
  tally.check(
    (duringOutage.B[200] ?? 0) > 0 && Object.keys(duringOutage.B).every((key) => key === '200'),
    `B (fail open) answered sign-ins during the outage with ${JSON.stringify(duringOutage.B)}`,
  );
  tally.check(
    (duringOutage.me[200] ?? 0) > 0 && Object.keys(duringOutage.me).every((key) => key === '200'),
    `GET /me answered ${JSON.stringify(duringOutage.me)} during the outage`,
  );
  const liveness = await send(world.a.base, 'GET', '/health/ready');
  tally.check(liveness.status === 200, `A's readiness answers ${liveness.status} after the outage`);
  tally.notes.push(
    `while Redis was down: sign-in on A (closed) ${JSON.stringify(duringOutage.A)}, on B (open) ${JSON.stringify(duringOutage.B)}, GET /me ${JSON.stringify(duringOutage.me)}; sign-in on A back ${tally.recoverySeconds.toFixed(1)} s after Redis`,
  );
  return tally;
}
