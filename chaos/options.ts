import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { SERVICES, type ServiceName } from './schedule/fault.js';

export type Profile = 'ci' | 'long';

/** Options that cannot work: said with the usage, without a stack, before anything starts. */
export class OptionsError extends Error {
  override name = 'OptionsError';
}

export interface CampaignOptions {
  profile: Profile;
  claims: number;
  faults: number;
  /** How long the claims keep arriving; the faults are spread over it. */
  durationMs: number;
  /** Claims per second, arriving on a fixed clock whatever the platform answers (an open loop). */
  rate: number;
  /** Names the fault schedule: the same seed plans the same faults. */
  seed: string;
  catchUpService: ServiceName | undefined;
  /** Leave the data directories (PostgreSQL, NATS) and logs for inspection. */
  keep: boolean;
  /** Where the JSON report goes, relative to the repository root unless absolute. */
  reportPath: string;
  /** The longest wait for every claim to end final once the load and the faults are over. */
  settleTimeoutMs: number;
  /** Stop waiting early when no claim has changed status for this long. */
  stallMs: number;
  members: number;
  providers: number;
}

interface ProfileDefaults {
  claims: number;
  faults: number;
  durationMs: number;
  settleTimeoutMs: number;
  stallMs: number;
}

/**
 * ci: a few minutes on a 2-core machine, one catch-up among 10 faults. long: the campaign of issue 11's
 * "done when", ≥ 10,000 claims and ≥ 100 faults. The stall limits outlast the claims service's re-ask
 * deadlines (30 s, then 60 s, doubling), so a claim waiting for a second re-ask is not taken for a stuck
 * one in CI, nor one waiting for a re-ask at the 300-s cap in the long run.
 */
export const PROFILES: Record<Profile, ProfileDefaults> = {
  ci: { claims: 300, faults: 10, durationMs: 240_000, settleTimeoutMs: 240_000, stallMs: 120_000 },
  long: { claims: 10_000, faults: 100, durationMs: 2_400_000, settleTimeoutMs: 900_000, stallMs: 330_000 },
};

/** Members and clinics the claims are spread over (see claim-mix.ts for why these keep fraud rules quiet). */
const MEMBERS = 50;
const PROVIDERS = 10;

export const USAGE = `npm run chaos -- [--profile ci|long] [--claims N] [--faults N] [--duration 240s|40m]
  [--rate claims/s] [--seed S] [--catch-up billing|ledger-bridge|claims|…] [--settle-timeout 4m] [--keep]
  [--report .stack/chaos-report.json]
Give at most two of --claims, --duration and --rate; the third follows.`;

export function parseCampaignOptions(argv: string[], makeSeed: () => string = randomSeed): CampaignOptions {
  try {
    return parse(argv, makeSeed);
  } catch (error) {
    throw new OptionsError(error instanceof Error ? error.message : String(error));
  }
}

function parse(argv: string[], makeSeed: () => string): CampaignOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      profile: { type: 'string' },
      claims: { type: 'string' },
      faults: { type: 'string' },
      duration: { type: 'string' },
      rate: { type: 'string' },
      seed: { type: 'string' },
      'catch-up': { type: 'string' },
      'settle-timeout': { type: 'string' },
      keep: { type: 'boolean', default: false },
      report: { type: 'string' },
    },
  });
  const profile = readProfile(values.profile);
  const defaults = PROFILES[profile];
  const given = {
    claims: values.claims === undefined ? undefined : integer('--claims', values.claims, 1),
    durationMs: values.duration === undefined ? undefined : durationMs('--duration', values.duration),
    rate: values.rate === undefined ? undefined : positiveNumber('--rate', values.rate),
  };
  const { claims, durationMs: duration, rate } = loadShape(given, defaults);
  return {
    profile,
    claims,
    faults: values.faults === undefined ? defaults.faults : integer('--faults', values.faults, 0),
    durationMs: duration,
    rate,
    seed: values.seed ?? makeSeed(),
    catchUpService: values['catch-up'] === undefined ? undefined : serviceName(values['catch-up']),
    keep: values.keep,
    reportPath: values.report ?? '.stack/chaos-report.json',
    settleTimeoutMs:
      values['settle-timeout'] === undefined
        ? defaults.settleTimeoutMs
        : durationMs('--settle-timeout', values['settle-timeout']),
    stallMs: defaults.stallMs,
    members: MEMBERS,
    providers: PROVIDERS,
  };
}

/** Claims, duration and rate from the two given (or the profile's claims and duration). */
function loadShape(
  given: { claims?: number; durationMs?: number; rate?: number },
  defaults: ProfileDefaults,
): { claims: number; durationMs: number; rate: number } {
  const { claims, durationMs: duration, rate } = given;
  if (claims !== undefined && duration !== undefined && rate !== undefined) {
    throw new Error('give at most two of --claims, --duration and --rate: the third follows from them');
  }
  if (rate !== undefined && duration !== undefined) {
    return { claims: Math.max(1, Math.round(rate * (duration / 1000))), durationMs: duration, rate };
  }
  const count = claims ?? defaults.claims;
  if (rate !== undefined) return { claims: count, durationMs: Math.round((count / rate) * 1000), rate };
  const length = duration ?? defaults.durationMs;
  return { claims: count, durationMs: length, rate: count / (length / 1000) };
}

function readProfile(raw: string | undefined): Profile {
  if (raw === undefined) return 'ci';
  if (raw === 'ci' || raw === 'long') return raw;
  throw new Error(`--profile must be ci or long, got "${raw}"`);
}

function serviceName(raw: string): ServiceName {
  const found = SERVICES.find((name) => name === raw);
  if (!found) throw new Error(`--catch-up must name a service (${SERVICES.join(', ')}), got "${raw}"`);
  return found;
}

export function integer(option: string, raw: string, min: number): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min) throw new Error(`${option} must be an integer ≥ ${min}, got "${raw}"`);
  return value;
}

export function positiveNumber(option: string, raw: string): number {
  const value = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || value <= 0) throw new Error(`${option} must be a number > 0, got "${raw}"`);
  return value;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** "240" and "240s" are seconds; "4m", "1h", "500ms" say their unit. */
export function durationMs(option: string, raw: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(raw.trim());
  if (!match || Number(match[1]) <= 0) {
    throw new Error(`${option} must be a duration such as 240, 240s, 4m or 1h, got "${raw}"`);
  }
  return Math.round(Number(match[1]) * UNIT_MS[match[2] ?? 's']);
}

function randomSeed(): string {
  return randomBytes(4).toString('hex');
}
