/**
 * Module boundaries of ARCHITECTURE.md, checked in CI (`npm run lint`):
 * - a service never imports another service (they talk over NATS; shared shapes live in libs/contracts);
 * - a lib never imports a service (libs are shared code, services build on them, not the reverse);
 * - scripts, bench, the fault campaign and cross-service tests drive services as processes, never by importing
 *   their code;
 * - no import cycles;
 * - the pure cores (decision rules, pricing, planning: STYLE.md) import no framework, database, bus or chain
 *   library, so they stay testable as plain functions.
 * `#libs/<name>` resolves (through package.json `imports`) to libs/<name>/src/index.ts, so these rules
 * see the real edges.
 */
/**
 * The pure cores, by file: each takes facts and returns a decision, and whatever reads or writes those facts
 * lives beside it in a store or a handler. A new pure file joins by being added here.
 */
const PURE_CORES = [
  // The claim saga's decision logic and its data (the shell around it: advance-saga, carry-out-step, stores).
  '^services/claims/src/saga/(claim-saga|line-verdicts|saga-state|saga-step|saga-mapping|deadline-policy|decided-event)\\.ts$',
  '^services/claims/src/settlement/(settlement-rules|settlement-follow-up)\\.ts$',
  '^services/billing/src/pricing/',
  '^services/fraud/src/rules/',
  '^services/underwriting/src/coverage/(coverage-decision|coverage-facts|decide-coverage|policy-eligibility|preview-coverage)\\.ts$',
  '^services/ledger-bridge/src/verification/(decide-verification|reasons)\\.ts$',
  '^services/ledger-bridge/src/payouts/(plan-batch|bump-fees)\\.ts$',
  // The FHIR facade's translations to and from the platform's messages (ADR 0015).
  '^services/gateway/src/fhir/mapping/',
];

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
      name: 'pure-core-imports-no-framework',
      severity: 'error',
      comment:
        'A pure core (PURE_CORES above) must not import TypeORM, NestJS, NATS, ethers or pg: pass it facts read by a store, and carry out its decisions in a shell.',
      from: { path: PURE_CORES },
      // The libs that wrap those (persistence, messaging, rpc, the test beds) count as them.
      to: {
        path: [
          '(^|/)node_modules/(typeorm|@nestjs/[^/]+|@nats-io/[^/]+|ethers|pg)/',
          '^libs/(persistence|messaging|rpc|testing|test-bed)/',
        ],
      },
    },
    {
      name: 'pure-core-imports-only-pure-code',
      severity: 'error',
      comment:
        "A pure core may use other pure cores and the libs, not its service's shell (stores, handlers): the shell would bring I/O in through the back door.",
      from: { path: PURE_CORES },
      // Type-only imports of the shell's shapes (a member's policy, the preview's facts) bring no code in.
      to: { path: '^services/', pathNot: PURE_CORES, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'portal-only-through-the-api',
      severity: 'error',
      comment:
        'The web app (apps/portal) runs in the browser and talks to the platform only through the public HTTP API (its generated client): it imports no service and no lib.',
      from: { path: '^apps/portal/' },
      to: { path: '^(services|libs|scripts|bench|chaos|test)/' },
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
    // Packages stay in the graph as leaves (doNotFollow: never scanned nor followed), so rules can name them.
    includeOnly: ['^(apps|services|libs|scripts|bench|chaos|test)/', '(^|/)node_modules/'],
    doNotFollow: { path: '(^|/)node_modules/' },
    // Build output and test coverage at the root only: a package may resolve into its own dist/, and
    // services/underwriting/src/coverage/ is source.
    exclude: { path: '^(dist|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['types', 'import', 'require', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.js', '.cjs', '.mjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
