// After `tsc -p libs/client/tsconfig.lib.json`: the client's package.json and README next to its
// build, so that `npm pack dist/libs/client` gives the @userkit/client package.
import { copyFileSync } from 'node:fs';

copyFileSync('libs/client/package.json', 'dist/libs/client/package.json');
copyFileSync('libs/client/README.md', 'dist/libs/client/README.md');
