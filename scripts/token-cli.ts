/**
 * Prints a development token: `npm run token -- --role clinic --org P-1 [--patient M-1] [--sub x] [--ttl 3600]`.
 * Signs with AUTH_JWT_SECRET, or the documented development secret when it is unset outside
 * production, i.e. with the secret the gateway verifies against.
 */
import { parseArgs } from 'node:util';
import {
  DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
  DEFAULT_TOKEN_TTL_SECONDS,
  InvalidTokenError,
  readAuthConfig,
  signDevelopmentToken,
} from '#libs/auth';
import { ROLES, type Role } from '#libs/contracts';

const usage = `usage: npm run token -- --role <${ROLES.join('|')}> [--org <insurer or provider id>] [--patient <member id>] [--sub <subject>] [--ttl <seconds>]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      org: { type: 'string' },
      patient: { type: 'string' },
      sub: { type: 'string' },
      ttl: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const role = values.role;
  if (!role || !(ROLES as readonly string[]).includes(role))
    throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  const ttl = values.ttl === undefined ? DEFAULT_TOKEN_TTL_SECONDS : Number(values.ttl);
  if (!Number.isInteger(ttl) || ttl <= 0) throw new Error('--ttl must be a positive number of seconds');
  const config = readAuthConfig();
  if (config.kind !== 'shared-secret') {
    throw new Error('AUTH_JWKS_URL is set: tokens for this deployment come from its identity provider, not from here');
  }
  const maxTtl = config.maxTokenLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
  if (ttl > maxTtl)
    throw new Error(`--ttl must be at most ${maxTtl} seconds, the longest lifetime the gateway accepts`);
  const token = await signDevelopmentToken(
    { role: role as Role, org: values.org, patient: values.patient, sub: values.sub },
    config.secret,
    ttl,
  );
  console.log(token);
}

main().catch((error: unknown) => {
  const message =
    error instanceof InvalidTokenError ? error.reason : error instanceof Error ? error.message : String(error);
  console.error(`token: ${message}\n${usage}`);
  process.exitCode = 1;
});
