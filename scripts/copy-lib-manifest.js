// After `nest build user`: put the library's package.json and README next to its build, so that
// `npm pack dist/libs/user` gives a package a host app can install.
import { copyFileSync } from 'node:fs';

copyFileSync('libs/user/package.json', 'dist/libs/user/package.json');
copyFileSync('README.md', 'dist/libs/user/README.md');
