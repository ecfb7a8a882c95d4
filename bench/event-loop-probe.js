// Preloaded into the benchmarked app (node --import): measures event-loop delay with perf_hooks
// and writes the histogram to EVENT_LOOP_FILE on SIGWINCH (then resets it), without touching the
// app. Not SIGUSR2: Nest's enableShutdownHooks() closes the app on it.
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const histogram = monitorEventLoopDelay({ resolution: 5 });
histogram.enable();
process.on('SIGWINCH', () => {
  const ms = (ns) => Math.round((ns / 1e6) * 100) / 100;
  writeFileSync(
    process.env.EVENT_LOOP_FILE,
    JSON.stringify({
      p50: ms(histogram.percentile(50)),
      p99: ms(histogram.percentile(99)),
      max: ms(histogram.max),
    }),
  );
  histogram.reset();
});
