import { SERVICES } from '../schedule/fault.js';
import { planScaleFaults } from './scale-faults.js';

describe('the scale check faults', () => {
  const plan = planScaleFaults(100_000);

  it('kills one NATS node and one instance of every service, all while claims arrive', () => {
    expect(plan.filter((fault) => fault.kind === 'kill-nats-node')).toHaveLength(1);
    const services = plan.flatMap((fault) => (fault.kind === 'kill-instance' ? [fault.service] : []));
    expect([...services].sort()).toEqual([...SERVICES].sort());
    for (const fault of plan) {
      expect(fault.atMs).toBeGreaterThan(0);
      expect(fault.atMs + (fault.kind === 'kill-nats-node' ? fault.downMs : 0)).toBeLessThanOrEqual(100_000);
    }
  });

  it('kills in time order, the NATS node first and the gateway last', () => {
    expect(plan.map((fault) => fault.atMs)).toEqual([...plan.map((fault) => fault.atMs)].sort((a, b) => a - b));
    expect(plan[0].kind).toBe('kill-nats-node');
    expect(plan.at(-1)).toMatchObject({ kind: 'kill-instance', service: 'gateway' });
  });

  it('keeps the NATS node down at most 30 s', () => {
    expect(planScaleFaults(1_000_000)[0]).toMatchObject({ kind: 'kill-nats-node', downMs: 30_000 });
  });
});
