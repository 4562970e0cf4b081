import { DEMO_PRINCIPALS, DEMO_TOKEN_TTL_SECONDS, demoPrincipalLabel, signDevelopmentToken } from '#libs/auth';
import { DEMO_RECORD, DEMO_SIGNERS } from './demo-chain.js';
import type { StackConfig } from './stack-config.js';

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
export async function readyBanner(config: StackConfig, chainRpcUrl: string): Promise<string> {
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
  const json = "-H 'content-type: application/json'";
  const as = (variable: string) => `-H "authorization: Bearer $${variable}"`;
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
      ? `  export OPS_TOKEN=${config.opsToken}   # made up for this run; set OPS_TOKEN to choose it`
      : '  OPS_TOKEN is the one you set',
    `  curl -s -H "authorization: Bearer $OPS_TOKEN" http://127.0.0.1:${gateway?.port ?? 8080}/metrics`,
    '',
    `Demo: insurer INS-1 (plan PLAN-1, escrow funded), clinics P-1 and P-2 in network, members M-1 and M-2 with`,
    `consent to INS-1, record ${DEMO_RECORD.recordId} of M-1 anchored by P-1.`,
    `Development tokens (valid ${DEMO_TOKEN_TTL_SECONDS / 3600} h; npm run -s token -- --role <role> --org <id> for more):`,
    ...tokens.map(({ variable, label, token }) => `  export ${`${variable}=${token}`}   # ${label}`),
    `  export API=${api}`,
    '',
    'Clinic: estimate, submit a claim citing the anchored record, follow it to paid (txHash on the payout):',
    `  curl -s -X POST $API/v1/estimates ${as('CLINIC')} ${json} \\`,
    `    -d '{"memberId":"M-1","providerId":"P-1","plannedDate":"${today()}","lines":[{"code":"99213","units":1,"charge":15000}]}'`,
    `  curl -s -X POST $API/v1/claims ${as('CLINIC')} ${json} -d '${JSON.stringify(sampleClaim())}'`,
    `  curl -s $API/v1/claims/<id> ${as('CLINIC')}; curl -s $API/v1/claims/<id>/timeline ${as('CLINIC')}`,
    'Insurer: its members’ claims, its escrow on chain:',
    `  curl -s "$API/v1/claims?status=paid" ${as('INSURER')}; curl -s $API/v1/ledger/escrow ${as('INSURER')}`,
    'Analyst: the clinic bills the same ECG of M-2 twice (run it twice: the second is held), then work the queue:',
    `  curl -s -X POST $API/v1/claims ${as('CLINIC')} ${json} -d '${JSON.stringify(duplicateClaim())}'`,
    `  curl -s "$API/v1/fraud/flags?status=open" ${as('ANALYST')}`,
    `  curl -s -X POST $API/v1/fraud/flags/<flag id>/decision ${as('ANALYST')} ${json} -d '{"decision":"confirm","note":"same visit billed twice"}'`,
    'Patient: track own claims and consents; revoke (sign with the demo key of M-1) → later claims denied CONSENT_MISSING:',
    `  curl -s $API/v1/claims ${as('PATIENT')}; curl -s $API/v1/consents ${as('PATIENT')}`,
    `  curl -s -X POST $API/v1/consents/<consent id>/revoke/typed-data ${as('PATIENT')} | npm run -s sign -- --account ${DEMO_SIGNERS.memberM1} \\`,
    `    | curl -s -X POST $API/v1/consents/<consent id>/revoke ${as('PATIENT')} ${json} -d @-`,
    '',
    'Ctrl-C stops everything.',
    '',
  ].join('\n');
}
