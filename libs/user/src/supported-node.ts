// Imported first by the package entry and importing nothing itself, so it runs before any
// dependency: on an older Node, MikroORM and better-sqlite3 crash or spin without a word instead.
const MINIMUM = { major: 22, minor: 17 };
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < MINIMUM.major || (major === MINIMUM.major && minor < MINIMUM.minor)) {
  process.stderr.write(
    `Nest UserKit needs Node.js >= ${MINIMUM.major}.${MINIMUM.minor} (this is ${process.version}): install a newer Node.\n`,
  );
  process.exit(1);
}
export {};
