import { parseArgs } from 'node:util';
import { durationMs, integer, OptionsError, positiveNumber } from '../options.js';

export interface ScaleOptions {
  claims: number;
  /** Claims per second, on a fixed clock (an open loop). */
  rate: number;
  /** Instances of every service, the gateway included. */
  replicas: number;
  settleTimeoutMs: number;
  /** Stop waiting early when no claim has changed status for this long (longer than a re-ask deadline). */
  stallMs: number;
  keep: boolean;
  reportPath: string;
  members: number;
  providers: number;
}

export const SCALE_USAGE = `npm run scale:check -- [--claims 1000] [--rate 8] [--replicas 2] [--settle-timeout 5m] [--keep]
  [--report .stack/scale-report.json]`;

/** The figures: at least 1,000 claims through two instances of everything. */
const DEFAULTS = { claims: 1_000, rate: 8, replicas: 2, settleTimeoutMs: 300_000, stallMs: 150_000 };

export function parseScaleOptions(argv: string[]): ScaleOptions {
  try {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        claims: { type: 'string' },
        rate: { type: 'string' },
        replicas: { type: 'string' },
        'settle-timeout': { type: 'string' },
        keep: { type: 'boolean', default: false },
        report: { type: 'string' },
      },
    });
    return {
      claims: values.claims === undefined ? DEFAULTS.claims : integer('--claims', values.claims, 1),
      rate: values.rate === undefined ? DEFAULTS.rate : positiveNumber('--rate', values.rate),
      replicas: values.replicas === undefined ? DEFAULTS.replicas : integer('--replicas', values.replicas, 2),
      settleTimeoutMs:
        values['settle-timeout'] === undefined
          ? DEFAULTS.settleTimeoutMs
          : durationMs('--settle-timeout', values['settle-timeout']),
      stallMs: DEFAULTS.stallMs,
      keep: values.keep,
      reportPath: values.report ?? '.stack/scale-report.json',
      // As the fault campaign spreads them (chaos/options.ts): fraud rules stay quiet at this volume.
      members: 50,
      providers: 10,
    };
  } catch (error) {
    throw new OptionsError(error instanceof Error ? error.message : String(error));
  }
}
