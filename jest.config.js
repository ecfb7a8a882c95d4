/** jest 30 on ESM: swc transforms TypeScript with legacy decorators and their metadata. */
export default {
  testEnvironment: 'node',
  rootDir: '.',
  testMatch: ['<rootDir>/test/**/*.e2e-spec.ts', '<rootDir>/libs/**/*.spec.ts'],
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2023',
          parser: { syntax: 'typescript', decorators: true },
          transform: {
            legacyDecorator: true,
            decoratorMetadata: true,
            useDefineForClassFields: false,
          },
          keepClassNames: true,
        },
        module: { type: 'es6' },
      },
    ],
    // @userkit/react (libs/react): TSX with React's automatic runtime.
    '^.+\\.tsx$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2023',
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } },
        },
        module: { type: 'es6' },
      },
    ],
  },
  moduleNameMapper: {
    '^@userkit/user$': '<rootDir>/libs/user/src/index.ts',
    '^@userkit/user/([a-z-]+)$': '<rootDir>/libs/user/src/$1/index.ts',
    '^@userkit/client$': '<rootDir>/libs/client/src/index.ts',
    '^@userkit/react$': '<rootDir>/libs/react/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // Its ESM build imports JSON without an import attribute, which jest 30 warns about at every
    // import (and will refuse): the CommonJS build reads the same metadata with require().
    '^libphonenumber-js$': '<rootDir>/node_modules/libphonenumber-js/index.cjs',
    '^libphonenumber-js/max$': '<rootDir>/node_modules/libphonenumber-js/max/index.cjs',
  },
  // Built packages (dist/libs/*/package.json) would shadow the sources' package names.
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  // test/redis needs a redis-server binary: `npm run test:redis` runs it (in CI), `npm test` not.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/redis/'],
  // The unit specs' jest.useFakeTimers({ now }) fakes the clock (Date) only: the code under test
  // keeps its real ticks and timers (an access token's asynchronous signing waits on one).
  fakeTimers: {
    doNotFake: [
      'nextTick',
      'queueMicrotask',
      'setImmediate',
      'clearImmediate',
      'setTimeout',
      'clearTimeout',
      'setInterval',
      'clearInterval',
      'hrtime',
      'performance',
    ],
  },
  testTimeout: 60_000,
  maxWorkers: 1,
  // One worker process, not the main one: each ESM test file's module graph stays in the heap
  // (vm modules), so past 1 GB after a file the worker is replaced (the whole suite outgrew 4 GB).
  workerIdleMemoryLimit: '1GB',
};
