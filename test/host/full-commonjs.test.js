// `npm run test:host`: the full host as a CommonJS app (no "type"), on SQLite and PostgreSQL.
import { fullHostSuite } from './support/full-host-suite.js';

fullHostSuite('commonjs');
