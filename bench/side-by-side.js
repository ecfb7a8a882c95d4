// The measuring kit of the bench scripts: start an app and wait for it, run autocannon, and run
// contenders side by side (interleaved rounds) with per-round ratios.
//
// Knobs (environment): BENCH_ROUNDS (5), BENCH_SECONDS per run (4).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { freePort } from '../scripts/free-port.js';

export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const benchStarted = performance.now();
export const elapsedSeconds = () => Math.round((performance.now() - benchStarted) / 1000);
export const log = (message) => console.log(`[bench ${elapsedSeconds()} s] ${message}`);

export async function startProcess(args, env, readyPath) {
  const port = await freePort();
  const startedAt = performance.now();
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      const response = await fetch(base + readyPath);
      if (response.status < 500) break;
    } catch {
      // not yet listening
    }
    if (performance.now() - startedAt > 60_000) throw new Error(`${args.join(' ')} did not start`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    base,
    pid: child.pid,
    startMs: Math.round(performance.now() - startedAt),
    signal: (name) => child.kill(name),
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export const rssMb = (pid) =>
  Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024);
export const median = (values) => {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
export const round1 = (value) => Math.round(value * 10) / 10;
export const round2 = (value) => Math.round(value * 100) / 100;

export function cannon(options) {
  return new Promise((resolve, reject) =>
    autocannon({ duration: SECONDS, ...options }, (error, result) =>
      error ? reject(error) : resolve(result),
    ),
  );
}

/** One autocannon run: 2xx per second and latency; anything else than 2xx is reported. */
export const httpRun = (label, options) => async () => {
  const result = await cannon(options);
  if (result.non2xx > 0 || result.errors > 0)
    log(`${label}: ${result.non2xx} non-2xx and ${result.errors} errors in a run`);
  return { rps: result['2xx'] / SECONDS, p50: result.latency.p50, p99: result.latency.p99 };
};

/** CPU time a process has used so far, in µs (Linux's /proc; its clock ticks are 10 ms). */
const cpuMicros = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
};

/**
 * A run and the server's CPU time per answered request (µs): what the server spends on a request,
 * which a busy neighbour moves much less than it moves requests per second.
 */
export async function withCpuPerRequest(pid, run) {
  const before = cpuMicros(pid);
  const result = await run();
  return { ...result, cpuUs: (cpuMicros(pid) - before) / (result.rps * SECONDS) };
}

/** While a run lasts, the highest RSS of a process. */
export async function withPeakRss(pid, run) {
  let peak = rssMb(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, 100);
  try {
    return { ...(await run()), rssMb: peak };
  } finally {
    clearInterval(timer);
  }
}

/**
 * ROUNDS rounds; each runs every contender once, the order rotating from round to round. Returns
 * each contender's figure (median req/s with the spread, latency of its median round) and the
 * per-round results for ratios. `warmUp`: one unrecorded run of each contender first (the JIT).
 */
export async function sideBySide(title, contenders, { warmUp = false } = {}) {
  const names = Object.keys(contenders);
  if (warmUp) for (const name of names) await contenders[name]();
  const rounds = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const results = {};
    for (let k = 0; k < names.length; k += 1) {
      const name = names[(round + k) % names.length];
      results[name] = await contenders[name]();
    }
    rounds.push(results);
  }
  const figures = {};
  for (const name of names) {
    const runs = rounds.map((round) => round[name]);
    const rps = runs.map((run) => run.rps);
    const mid = runs.find((run) => run.rps === median(rps)) ?? runs[0];
    figures[name] = {
      rps: round1(median(rps)),
      min: round1(Math.min(...rps)),
      max: round1(Math.max(...rps)),
      p50Ms: mid.p50,
      p99Ms: mid.p99,
      ...(mid.cpuUs === undefined
        ? {}
        : { cpuUsPerRequest: round1(median(runs.map((run) => run.cpuUs))) }),
    };
    log(
      `${title} / ${name}: ${figures[name].rps}/s (${figures[name].min}–${figures[name].max})` +
        (mid.p50 === undefined ? '' : `, p50 ${mid.p50} ms, p99 ${mid.p99} ms`) +
        (mid.cpuUs === undefined ? '' : `, ${figures[name].cpuUsPerRequest} µs CPU per request`),
    );
  }
  return { figures, rounds };
}

/**
 * Median and spread of ours/theirs over the rounds (each round's pair ran back to back), of req/s
 * or of another figure of the runs (`key`).
 */
export function ratio(rounds, ours, theirs, key = 'rps') {
  const values = rounds.map((round) => round[ours][key] / round[theirs][key]);
  return {
    ratio: round2(median(values)),
    min: round2(Math.min(...values)),
    max: round2(Math.max(...values)),
  };
}
