// 2. SIGTERM to an instance under load: its readiness turns 503 first, the balancer (here: the
// clients, polling readiness as one would) sends new requests to the other instance, requests in
// flight when the listener closes still get their answer, and the process exits within the grace
// period.
import { send } from '../support/http-client.js';
import { ClientMix, Tally, runClients, sendAndRecord, sendCounted, sleep } from './traffic.js';

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
  const inFlight = await Promise.all(
    Array.from({ length: 24 }, () => sendCounted(tally, a, mix.signIn({ sessions: [] }))),
  );
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
    `readiness 503 after ${firstNotReadyAt - signalAt} ms, listener closed after ${firstRefusedAt - signalAt} ms, exit 0 after ${exit.ms} ms (grace ${world.shutdown.gracePeriodMs}); ${answeredByADraining} answers from A while draining; ${acrossClose.length}/${inFlight.length} in-flight sign-ins answered after the listener closed; restarted in ${tally.recoverySeconds.toFixed(1)} s`,
  );
  return tally;
}
