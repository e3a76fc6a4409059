// @swc/jest compiles TypeScript (and the ESM-only packages middy and jose) to CommonJS.
// ts-jest is not used: it needs the TypeScript 5 compiler API at test time and is far slower.
const swc = (syntax) => [
  '@swc/jest',
  {
    jsc: { parser: { syntax }, target: 'es2022' },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': swc('typescript'),
    '^.+\\.m?js$': swc('ecmascript'),
  },
  // Packages shipped only as ES modules must be compiled too.
  transformIgnorePatterns: ['/node_modules/(?!(@middy|jose)/)'],
  setupFiles: ['<rootDir>/test/support/env.ts'],
  // Records every test file's output for the suite-wide scan for secrets in logs.
  setupFilesAfterEnv: ['<rootDir>/test/support/suite-log-setup.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30000,
};
