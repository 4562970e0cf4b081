import { durationMs, parseCampaignOptions, PROFILES } from './options.js';

const parse = (...argv: string[]) => parseCampaignOptions(argv, () => 'random-seed');

describe('campaign options', () => {
  it('runs the CI profile by default: 300 claims, 10 faults over 4 minutes, a fresh seed', () => {
    expect(parse()).toMatchObject({
      profile: 'ci',
      claims: 300,
      faults: 10,
      durationMs: 240_000,
      rate: 1.25,
      seed: 'random-seed',
      keep: false,
      reportPath: '.stack/chaos-report.json',
    });
  });

  it('runs at least 10,000 claims and 100 faults in the long profile', () => {
    const options = parse('--profile', 'long');
    expect(options.claims).toBeGreaterThanOrEqual(10_000);
    expect(options.faults).toBeGreaterThanOrEqual(100);
    expect(options.settleTimeoutMs).toBe(PROFILES.long.settleTimeoutMs);
  });

  it('derives the duration from the claims and the rate', () => {
    expect(parse('--claims', '600', '--rate', '2')).toMatchObject({ claims: 600, durationMs: 300_000, rate: 2 });
  });

  it('derives the claims from the rate and the duration', () => {
    expect(parse('--rate', '3', '--duration', '2m')).toMatchObject({ claims: 360, durationMs: 120_000 });
  });

  it('derives the rate from the claims and the duration', () => {
    expect(parse('--claims', '100', '--duration', '50s')).toMatchObject({ rate: 2 });
  });

  it('refuses all three of claims, duration and rate', () => {
    expect(() => parse('--claims', '1', '--rate', '1', '--duration', '1')).toThrow(/at most two of --claims/);
  });

  it('keeps the seed, the catch-up service and --keep as given', () => {
    expect(parse('--seed', 'abc', '--catch-up', 'ledger-bridge', '--keep')).toMatchObject({
      seed: 'abc',
      catchUpService: 'ledger-bridge',
      keep: true,
    });
  });

  it('names the option of a bad value', () => {
    expect(() => parse('--claims', 'many')).toThrow('--claims must be an integer ≥ 1, got "many"');
    expect(() => parse('--faults', '-1')).toThrow(/--faults/);
    expect(() => parse('--rate', '0')).toThrow('--rate must be a number > 0, got "0"');
    expect(() => parse('--profile', 'soak')).toThrow('--profile must be ci or long, got "soak"');
    expect(() => parse('--catch-up', 'chain')).toThrow(/--catch-up must name a service \(claims, underwriting/);
    expect(() => parse('--duration', '5 minutes')).toThrow(/--duration must be a duration/);
    expect(() => parse('--bogus')).toThrow(/bogus/);
  });

  it('reads durations in ms, s, m and h, seconds when no unit is given', () => {
    expect(durationMs('--d', '90')).toBe(90_000);
    expect(durationMs('--d', '500ms')).toBe(500);
    expect(durationMs('--d', '1.5m')).toBe(90_000);
    expect(durationMs('--d', '1h')).toBe(3_600_000);
  });
});
