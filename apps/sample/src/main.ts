// First: the library's entry stops an unsupported Node (one line, exit 1) before anything runs.
import '@userkit/user';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './create-app.js';
import { readSampleConfig } from './sample-config.js';

const config = readSampleConfig();
const app = await createApp(config);
await app.listen(config.port);
new Logger('Sample').log(
  `Nest UserKit sample on http://localhost:${config.port} (API docs: /docs)`,
);
