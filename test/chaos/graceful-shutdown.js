// 2. SIGTERM to an instance under load: its readiness turns 503 first, the balancer (here: the
// clients, polling readiness as one would) sends new requests to the other instance, requests in
// flight when the listener closes still get their answer, and the process exits within the grace
// period.
import http from 'node:http';
import { send } from '../support/http-client.js';
import {
  ClientMix,
  PASSWORD,
  Tally,
  runClients,
  sendAndRecord,
  sendCounted,
  sleep,
} from './traffic.js';

/**
 * A sign-in whose body the client sends in two halves: between them the request is in flight on
 * the server whatever the machine's speed. Resolves with { status, connection } or { error }.
 */
function signInInTwoHalves(instance, email, password) {
  const body = JSON.stringify({ email, password });
  const request = http.request({
    host: '127.0.0.1',
    port: instance.port,
    path: '/auth/login',
    method: 'POST',
    agent: false,
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  });
  const answer = new Promise((resolve) => {
    request.on('response', (response) => {
      response.resume();
      response.on('end', () =>
        resolve({ status: response.statusCode, connection: response.headers.connection }),
      );
    });
    request.on('error', (error) => resolve({ error: error.code ?? error.message }));
  });
  request.write(body.slice(0, 10));
  return {
    answer,
    finish: () => request.end(body.slice(10)),
  };
}

export async function gracefulShutdown(world) {
  const tally = new Tally('graceful shutdown (SIGTERM)');
  const mix = new ClientMix(world);
  const { a, b } = world;
  const routable = { A: true, B: true };
  let firstNotReadyAt = null;
  let firstRefusedAt = null;
  let watching = true;
  // The balancer's readiness check of A, every 50 ms.
  const watcher = (async () => {
    while (watching) {
      const probe = await send(a.base, 'GET', '/health/ready', { timeoutMs: 2000 });
      if (probe.status === 503 && firstNotReadyAt === null) firstNotReadyAt = probe.startedAt;
      if (probe.error === 'ECONNREFUSED' && firstRefusedAt === null)
        firstRefusedAt = probe.startedAt;
      routable.A = probe.status === 200;
      await sleep(50);
    }
  })();

  let turn = 0;
  let answeredByADraining = 0;
  let stop = false;
  const clientsDone = runClients(
    4,
    () => stop,
    async (client) => {
      const request = mix.next(client);
      const target = routable.A && turn++ % 2 === 0 ? a : b;
      const result = await sendAndRecord(tally, target, request);
      // Refused: A closed between two readiness checks; nothing reached it, the balancer resends.
      if (result.error === 'ECONNREFUSED' && target === a) await sendAndRecord(tally, b, request);
      else if (target === a && firstNotReadyAt !== null && result.status) answeredByADraining += 1;
    },
  );

  await sleep(2000);
  const signalAt = Date.now();
  const exited = a.kill('SIGTERM');
  // Requests a balancer sent to A shortly before taking it out, still running (queued for the
  // password hash) when the listener closes. Sent half a delay early: a connection still in the
  // kernel's accept queue when the listener closes is reset, which is what the delay prevents.
  await sleep(world.shutdown.readinessDelayMs / 2);
  const halves = world.accounts.slice(0, 3).map((email) => signInInTwoHalves(a, email, PASSWORD));
  const inFlight = await Promise.all(
    Array.from({ length: 24 }, () => sendCounted(tally, a, mix.signIn({ sessions: [] }))),
  );
  // The rest of the slow bodies once the listener has closed.
  while (firstRefusedAt === null && Date.now() - signalAt < world.shutdown.gracePeriodMs)
    await sleep(20);
  for (const half of halves) half.finish();
  const slowBodies = await Promise.all(halves.map((half) => half.answer));
  for (const answer of slowBodies) tally.add(answer);
  const exit = await exited;
  await sleep(1000);
  stop = true;
  await clientsDone;
  watching = false;
  await watcher;

  const cut = inFlight.filter((result) => result.error);
  const acrossClose = inFlight.filter(
    (result) => firstRefusedAt !== null && result.endedAt > firstRefusedAt && !result.error,
  );
  tally.check(
    slowBodies.every((answer) => answer.status === 200 && answer.connection === 'close'),
    `sign-ins whose body ended after the listener closed: ${JSON.stringify(slowBodies)}`,
  );
  tally.check(tally.classes['5xx'] === 0, `5xx answers: ${JSON.stringify(tally.statuses)}`);
  tally.check(
    cut.length === 0,
    `${cut.length} of ${inFlight.length} requests in flight on A failed: ${cut.map((r) => r.error)}`,
  );
  const resets = Object.entries(tally.connectionErrors).filter(([code]) => code !== 'ECONNREFUSED');
  tally.check(resets.length === 0, `connections cut: ${JSON.stringify(tally.connectionErrors)}`);
  tally.check(
    firstNotReadyAt !== null && firstNotReadyAt - signalAt < 1000,
    `readiness did not turn 503 within 1 s of SIGTERM`,
  );
  tally.check(
    firstRefusedAt !== null && firstNotReadyAt !== null && firstNotReadyAt < firstRefusedAt,
    'A stopped accepting before its readiness turned 503',
  );
  tally.check(exit.code === 0, `A exited with ${exit.signal ?? exit.code}, not 0`);
  tally.check(
    exit.ms <= world.shutdown.gracePeriodMs,
    `A exited ${exit.ms} ms after SIGTERM, past its ${world.shutdown.gracePeriodMs} ms grace period`,
  );

  const restartedAt = Date.now();
  world.a = await a.restart();
  world.a.name = 'A';
  tally.recoverySeconds = (Date.now() - restartedAt) / 1000;
  tally.notes.push(
    `readiness 503 after ${firstNotReadyAt - signalAt} ms, listener closed after ${firstRefusedAt - signalAt} ms, exit 0 after ${exit.ms} ms (grace ${world.shutdown.gracePeriodMs}); ${answeredByADraining} answers from A while draining; ${acrossClose.length}/${inFlight.length} in-flight sign-ins answered after the listener closed, ${slowBodies.filter((answer) => answer.status === 200).length}/${slowBodies.length} sign-ins whose body ended after it answered 200 with Connection: close; restarted in ${tally.recoverySeconds.toFixed(1)} s`,
  );
  return tally;
}
