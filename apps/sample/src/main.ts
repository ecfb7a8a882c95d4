// First: the library's entry stops an unsupported Node (one line, exit 1) before anything runs.
import '@userkit/user';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { GracefulShutdown } from '@userkit/user';
import { createApp } from './create-app.js';
import { readSampleConfig } from './sample-config.js';

const config = readSampleConfig();
const app = await createApp(config);
await app.listen(config.port);
// SIGTERM: readiness 503 for SHUTDOWN_READINESS_DELAY_MS, then requests in flight finish and the
// process exits (at the latest SHUTDOWN_GRACE_PERIOD_MS after the signal). SIGINT: no delay.
app.get(GracefulShutdown).handleSignals(app);
new Logger('Sample').log(
  `Nest UserKit sample on http://localhost:${config.port} (API docs: /docs)`,
);
