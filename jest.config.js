// swc instead of ts-jest: the suite must stay fast on two cores; `npm run typecheck` checks types.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2023',
    },
    module: { type: 'commonjs' },
  },
];

const libs = [
  'domain',
  'event-store',
  'sharing',
  'contracts',
  'delivery',
  'read-models',
  'audit',
  'platform',
  'testing',
  'intake',
  'operator',
  'privacy',
  'identity',
];

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)s$': swc },
  // Nest 12 and a few of its dependencies ship ES modules only; Jest's CommonJS runtime needs them compiled.
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|file-type|cookie|content-disposition|jose)/)',
  ],
  moduleNameMapper: {
    ...Object.fromEntries(
      libs.map((lib) => [`^@samenloop/${lib}$`, `<rootDir>/libs/${lib}/src/index.ts`]),
    ),
    '^@samenloop/partner-client$': '<rootDir>/packages/partner-client/src/index.ts',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};

const withDatabase = {
  globalSetup: '<rootDir>/libs/testing/src/jest-global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/jest-global-teardown.ts',
};

module.exports = {
  // A handle left open by a failing or flaky test (a socket, a broker process) must never keep
  // CI waiting until its time limit: exit once the run and the global teardown are done.
  forceExit: true,
  // A project-level testTimeout is ignored by Jest; this one applies to every tier.
  testTimeout: 60_000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,scripts,packages,examples}/**/*.spec.ts'],
    },
    {
      ...shared,
      ...withDatabase,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'],
    },
    {
      ...shared,
      ...withDatabase,
      globalSetup: '<rootDir>/libs/testing/src/jest-e2e-global-setup.ts',
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
    },
  ],
};
