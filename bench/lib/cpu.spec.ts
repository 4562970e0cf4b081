import { cpuPerOperation, type CpuSample } from './cpu.js';

describe('CPU per operation', () => {
  it('divides each group’s time by the operations and leaves the rest of the machine to its own row', () => {
    const before: CpuSample = { machineMs: 1_000, groups: { billing: new Map([[10, 100]]), pg: new Map([[20, 50]]) } };
    const after: CpuSample = { machineMs: 3_000, groups: { billing: new Map([[10, 700]]), pg: new Map([[20, 450]]) } };
    expect(cpuPerOperation(before, after, 100)).toEqual({
      billing: 6,
      pg: 4,
      'rest of the machine (NATS, other work)': 10,
    });
  });

  it('counts only processes seen in both samples (a database connection that closed or opened in between)', () => {
    const before: CpuSample = {
      machineMs: 0,
      groups: {
        pg: new Map([
          [1, 10],
          [2, 10],
        ]),
      },
    };
    const after: CpuSample = {
      machineMs: 100,
      groups: {
        pg: new Map([
          [1, 60],
          [3, 500],
        ]),
      },
    };
    expect(cpuPerOperation(before, after, 10).pg).toBe(5);
  });
});
