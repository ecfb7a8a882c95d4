// `npm run test:host`: the full host as an ES module app ("type": "module"), on SQLite and PostgreSQL.
import { fullHostSuite } from './support/full-host-suite.js';

fullHostSuite('module');
