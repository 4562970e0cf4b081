import { footprintMs, SERVICES } from './fault.js';
import { faultMix, planFaults, type PlannedFault } from './fault-schedule.js';

const ciRequest = { seed: 'ci-1', durationMs: 240_000, faults: 10 };
const kinds = (plan: PlannedFault[]) => plan.map((entry) => entry.fault.kind);

describe('the fault schedule', () => {
  it('is the same for the same seed, and differs for another', () => {
    expect(planFaults(ciRequest)).toEqual(planFaults(ciRequest));
    expect(planFaults({ ...ciRequest, seed: 'ci-2' })).not.toEqual(planFaults(ciRequest));
  });

  it('holds the asked number of faults, with one catch-up and one long outage in a CI run', () => {
    const plan = planFaults(ciRequest);
    expect(plan).toHaveLength(10);
    expect(kinds(plan).filter((kind) => kind === 'catch-up')).toHaveLength(1);
    expect(plan.filter((entry) => entry.long && entry.fault.kind !== 'catch-up')).toHaveLength(1);
    expect(plan.map((entry) => entry.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('gives the catch-up scenario its outages: the service 20 s, then PostgreSQL 25 s', () => {
    const catchUp = planFaults(ciRequest).find((entry) => entry.fault.kind === 'catch-up')!.fault;
    expect(catchUp).toMatchObject({ serviceDownMs: 20_000, postgresDownMs: 25_000 });
  });

  it('makes long outages last 20 to 40 s and short ones under 10 s', () => {
    const plan = planFaults({ seed: 'long', durationMs: 2_400_000, faults: 100 });
    for (const { fault, long } of plan) {
      if (fault.kind === 'catch-up') continue;
      if (long) expect(fault.downMs).toBeGreaterThanOrEqual(20_000);
      if (long) expect(fault.downMs).toBeLessThanOrEqual(40_000);
      if (!long) expect(fault.downMs).toBeLessThan(10_000);
    }
  });

  it('starts every fault within the load, in order, each after the previous one had time to heal', () => {
    const plan = planFaults({ seed: 'spread', durationMs: 2_400_000, faults: 100 });
    expect(plan[0].atMs).toBeGreaterThan(0);
    for (let i = 1; i < plan.length; i += 1) {
      expect(plan[i].atMs).toBeGreaterThanOrEqual(plan[i - 1].atMs + footprintMs(plan[i - 1].fault));
    }
    const last = plan[plan.length - 1];
    expect(last.atMs + footprintMs(last.fault)).toBeLessThanOrEqual(2_400_000);
  });

  it('kills every service in a long run, and NATS and PostgreSQL too', () => {
    const plan = planFaults({ seed: 'long', durationMs: 2_400_000, faults: 100 });
    const killed = new Set(plan.flatMap(({ fault }) => (fault.kind === 'kill-service' ? [fault.service] : [])));
    expect([...killed].sort()).toEqual([...SERVICES].sort());
    expect(kinds(plan)).toContain('kill-nats');
    expect(kinds(plan)).toContain('stop-postgres');
  });

  it('takes billing, the ledger bridge and claims down in turn in the catch-ups', () => {
    const plan = planFaults({ seed: 'turns', durationMs: 2_400_000, faults: 100 });
    const services = plan.flatMap(({ fault }) => (fault.kind === 'catch-up' ? [fault.service] : []));
    expect(services).toHaveLength(3);
    expect([...services].sort()).toEqual(['billing', 'claims', 'ledger-bridge']);
    const rotation = ['billing', 'ledger-bridge', 'claims'];
    const start = rotation.indexOf(services[0]);
    expect(services).toEqual([0, 1, 2].map((n) => rotation[(start + n) % 3]));
  });

  it('takes the named service down in every catch-up when one is named', () => {
    const plan = planFaults({ seed: 'named', durationMs: 2_400_000, faults: 100, catchUpService: 'fraud' });
    const services = plan.flatMap(({ fault }) => (fault.kind === 'catch-up' ? [fault.service] : []));
    expect(services).toEqual(['fraud', 'fraud', 'fraud']);
  });

  it('plans no fault for a baseline run', () => {
    expect(planFaults({ seed: 'calm', durationMs: 60_000, faults: 0 })).toEqual([]);
  });

  it('says what to change when the faults cannot fit in the load', () => {
    expect(() => planFaults({ seed: 'tight', durationMs: 60_000, faults: 10 })).toThrow(
      /10 faults need about \d+ s of load, but the load lasts 60 s: give a longer --duration/,
    );
  });

  it('splits the faults into catch-ups, long outages and short ones of each kind', () => {
    expect(faultMix(10)).toEqual({ catchUps: 1, longOutages: 1, serviceKills: 5, natsKills: 2, postgresStops: 1 });
    expect(faultMix(100)).toMatchObject({ catchUps: 3, longOutages: 10 });
    expect(Object.values(faultMix(100)).reduce((a, b) => a + b, 0)).toBe(100);
    expect(faultMix(1)).toEqual({ catchUps: 1, longOutages: 0, serviceKills: 0, natsKills: 0, postgresStops: 0 });
  });
});
