// After `tsc -p libs/react/tsconfig.lib.json`: the package.json and README of @userkit/react next
// to its build, so that `npm pack dist/libs/react` gives the package.
import { copyFileSync } from 'node:fs';

copyFileSync('libs/react/package.json', 'dist/libs/react/package.json');
copyFileSync('libs/react/README.md', 'dist/libs/react/README.md');
