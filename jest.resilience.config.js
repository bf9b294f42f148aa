// `npm run test:resilience`: the e2e tier's setup (a build, a test PostgreSQL) for the failure
// scenarios, which take minutes and stop and kill servers, so they run apart from `npm test`.
const { projects, ...root } = require('./jest.config');

const e2e = projects.find((project) => project.displayName === 'e2e');

module.exports = {
  ...root,
  testTimeout: 900_000,
  projects: [
    {
      ...e2e,
      displayName: 'resilience',
      testMatch: ['<rootDir>/test/resilience/**/*.resilience-spec.ts'],
    },
  ],
};
