import { DEMO_PRINCIPALS, DEMO_TOKEN_TTL_SECONDS, demoPrincipalLabel, signDevelopmentToken } from '#libs/auth';
import { DEMO_RECORD } from './demo-chain.js';
import type { StackConfig } from './stack-config.js';
import { traceBannerLines } from './trace-options.js';
import { printedWalkthrough } from './walkthrough.js';

const today = () => new Date().toISOString().slice(0, 10);

/** The clinic's sample claim: an office visit for M-1, citing the record P-1 anchored for the demo. */
export function sampleClaim(serviceDate = today()) {
  return {
    memberId: 'M-1',
    providerId: 'P-1',
    serviceDate,
    diagnosisCodes: ['J02.9'],
    lines: [{ code: '99213', units: 1, charge: 15000 }],
    records: [{ recordId: DEMO_RECORD.recordId, sha256: DEMO_RECORD.sha256 }],
  };
}

/** A claim the analyst journey submits twice: the second is a DUPLICATE_CLAIM, held for review. */
export function duplicateClaim(serviceDate = today()) {
  return {
    memberId: 'M-2',
    providerId: 'P-1',
    serviceDate,
    diagnosisCodes: ['R07.9'],
    lines: [{ code: '93000', units: 1, charge: 9000 }],
  };
}

/** What `npm start` prints once everything is ready: where things are, who you can be, what to try. */
export async function readyBanner(config: StackConfig, chainRpcUrl: string, traceViewerUrl?: string): Promise<string> {
  const gateway = config.services.find((service) => service.name === 'gateway');
  const api = `http://127.0.0.1:${gateway?.port ?? 8080}`;
  const tokens = await Promise.all(
    DEMO_PRINCIPALS.map(async ({ variable, claims }) => ({
      variable,
      label: demoPrincipalLabel(claims),
      token: await signDevelopmentToken(claims, config.jwtSecret, DEMO_TOKEN_TTL_SECONDS),
    })),
  );
  const width = Math.max(...config.services.map((service) => service.name.length));
  return [
    '',
    'The platform is up.',
    '',
    `  web app         ${api}/app/   sign in as one of the demo principals below:`,
    ...DEMO_PRINCIPALS.map(
      ({ claims }) => `    ${demoPrincipalLabel(claims).padEnd(12)}  ${api}/app/sign-in?as=${claims.role}`,
    ),
    `  API (gateway)   ${api}    docs ${api}/docs    OpenAPI ${api}/openapi.json`,
    `  chain JSON-RPC  ${chainRpcUrl}`,
    `  bus             ${config.natsUrl}${config.busNamespace ? ` namespace ${config.busNamespace}` : ''}`,
    '  health and metrics of each service (/metrics and the readiness detail need the ops token):',
    ...config.services.map(
      (service) =>
        `    ${service.name.padEnd(width)}  http://127.0.0.1:${service.port}/health/ready   http://127.0.0.1:${service.port}/metrics`,
    ),
    config.opsTokenGenerated
      ? '  the ops token is made up for this run (set OPS_TOKEN to choose it):'
      : '  the ops token is the OPS_TOKEN you set:',
    ...(config.opsTokenGenerated ? [`  export OPS_TOKEN=${config.opsToken}`] : []),
    `  curl -s -H "authorization: Bearer $OPS_TOKEN" http://127.0.0.1:${gateway?.port ?? 8080}/metrics`,
    ...traceBannerLines(config.traces, traceViewerUrl),
    '',
    `Demo: insurer INS-1 (plan PLAN-1, escrow funded), clinics P-1 and P-2 in network, members M-1 and M-2 with`,
    `consent to INS-1, record ${DEMO_RECORD.recordId} of M-1 anchored by P-1.`,
    `Development tokens, valid ${DEMO_TOKEN_TTL_SECONDS / 3600} h (npm run -s token -- --role <role> --org <id> makes more):`,
    `${tokens.map(({ variable, label }) => `${variable} is ${label}`).join(', ')}; paste:`,
    ...tokens.map(({ variable, token }) => `  export ${variable}=${token}`),
    `  export API=${api}`,
    '',
    'The four journeys: paste these in order, in bash, with curl and jq (README, "The four journeys"):',
    ...printedWalkthrough(),
    '',
    'Ctrl-C stops everything.',
    '',
  ].join('\n');
}
