import { signDevelopmentToken, type DevelopmentTokenClaims } from '#libs/auth';
import type { StackConfig } from './stack-config.js';

/** One development token per role, for the demo organisations (insurer INS-1, clinic P-1, member M-1). */
export const DEMO_PRINCIPALS: DevelopmentTokenClaims[] = [
  { role: 'admin' },
  { role: 'insurer', org: 'INS-1' },
  { role: 'clinic', org: 'P-1' },
  { role: 'analyst', org: 'INS-1' },
  { role: 'patient', patient: 'M-1' },
];

/** A working day, so the printed tokens outlive a session of clicking around. */
export const DEMO_TOKEN_TTL_SECONDS = 8 * 3600;

export const SAMPLE_CLAIM = {
  memberId: 'M-1',
  providerId: 'P-1',
  serviceDate: '2026-01-15',
  diagnosisCodes: ['J06.9'],
  lines: [{ code: '99213', units: 1, charge: 15000 }],
};

/** What `npm start` prints once everything is ready: where things are, who you can be, what to try. */
export async function readyBanner(config: StackConfig, chainRpcUrl: string): Promise<string> {
  const gateway = config.services.find((service) => service.name === 'gateway');
  const gatewayUrl = `http://127.0.0.1:${gateway?.port ?? 8080}`;
  const tokens = await Promise.all(
    DEMO_PRINCIPALS.map(async (claims) => ({
      label: [claims.role, claims.org ?? claims.patient].filter(Boolean).join(' '),
      token: await signDevelopmentToken(claims, config.jwtSecret, DEMO_TOKEN_TTL_SECONDS),
    })),
  );
  const clinicToken = tokens.find((entry) => entry.label.startsWith('clinic'))?.token ?? '';
  const width = Math.max(...config.services.map((service) => service.name.length));
  return [
    '',
    'The platform is up.',
    '',
    `  API (gateway)   ${gatewayUrl}    docs ${gatewayUrl}/docs    OpenAPI ${gatewayUrl}/openapi.json`,
    `  chain JSON-RPC  ${chainRpcUrl}    (chain id 31337)`,
    `  bus             ${config.natsUrl}${config.busNamespace ? ` namespace ${config.busNamespace}` : ''}`,
    '  health and metrics of each service:',
    ...config.services.map(
      (service) =>
        `    ${service.name.padEnd(width)}  http://127.0.0.1:${service.port}/health/ready   http://127.0.0.1:${service.port}/metrics`,
    ),
    '',
    `Development tokens (valid ${DEMO_TOKEN_TTL_SECONDS / 3600} h; npm run token -- --role <role> --org <id> for more):`,
    ...tokens.map(({ label, token }) => `  ${label.padEnd(13)} ${token}`),
    '',
    'Submit a claim as the clinic, then follow it:',
    `  TOKEN=${clinicToken}`,
    `  curl -s -X POST ${gatewayUrl}/v1/claims -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\`,
    `    -d '${JSON.stringify(SAMPLE_CLAIM)}'`,
    `  curl -s ${gatewayUrl}/v1/claims/<id> -H "authorization: Bearer $TOKEN"`,
    `  curl -s ${gatewayUrl}/v1/claims/<id>/timeline -H "authorization: Bearer $TOKEN"`,
    '',
    'Ctrl-C stops everything.',
    '',
  ].join('\n');
}
