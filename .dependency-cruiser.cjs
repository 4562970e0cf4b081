/**
 * Module boundaries of ARCHITECTURE.md, checked in CI (`npm run lint`):
 * - a service never imports another service (they talk over NATS; shared shapes live in libs/contracts);
 * - a lib never imports a service (libs are shared code, services build on them, not the reverse);
 * - scripts, bench, the fault campaign and cross-service tests drive services as processes, never by importing
 *   their code;
 * - no import cycles.
 * `#libs/<name>` resolves (through package.json `imports`) to libs/<name>/src/index.ts, so these rules
 * see the real edges.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-service-to-service',
      severity: 'error',
      comment: 'A service must not import another service: send a message, or move the shared shape to libs/contracts.',
      from: { path: '^services/([^/]+)/' },
      to: { path: '^services/', pathNot: '^services/$1/' },
    },
    {
      name: 'no-lib-to-service',
      severity: 'error',
      comment: 'A lib must not import a service: libs are shared code that services build on.',
      from: { path: '^libs/' },
      to: { path: '^services/' },
    },
    {
      name: 'no-tooling-to-service',
      severity: 'error',
      comment:
        'Scripts, the bench, the fault campaign and cross-service tests run services as processes; they must not import them.',
      from: { path: '^(scripts|bench|chaos|test)/' },
      to: { path: '^services/' },
    },
    {
      name: 'no-lib-internals-from-outside',
      severity: 'error',
      comment: 'Import a lib as #libs/<name> (its index), not by a path into its folder.',
      from: { path: '^(services|scripts|bench|chaos|test)/' },
      to: { path: '^libs/[^/]+/src/(?!index\\.ts$)' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make start-up order and tests fragile.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing is a typo or a missing dependency.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    includeOnly: '^(services|libs|scripts|bench|chaos|test)/',
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|coverage|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['types', 'import', 'require', 'node', 'default'],
      extensions: ['.ts', '.js', '.cjs', '.mjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
