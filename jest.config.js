// ESM jest with SWC: NestJS 12 is ESM-only, so tests run as native ES modules
// (NODE_OPTIONS=--experimental-vm-modules, set by the npm scripts).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2023',
      keepClassNames: true,
    },
    module: { type: 'es6' },
  },
];
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^#libs/(.*)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
};
export default {
  testTimeout: 60000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/{libs,services}/**/src/**/*.spec.ts',
        '<rootDir>/scripts/{stack,dead-letters,audit-verify,deploy-check}/**/*.spec.ts',
        '<rootDir>/bench/lib/**/*.spec.ts',
        '<rootDir>/chaos/**/*.spec.ts',
        '<rootDir>/apps/portal/src/**/*.spec.ts',
      ],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: [
        '<rootDir>/{libs,services}/**/test/**/*.spec.ts',
        '<rootDir>/scripts/test/**/*.spec.ts',
        '<rootDir>/test/**/*.spec.ts',
      ],
    },
  ],
};
