import { readFileSync } from 'node:fs';

/** CPU time in ms, from /proc (Linux): where a run's time went, per group of processes and in all. */
export interface CpuSample {
  /** Busy time of the whole machine (all cores, everything but idle and iowait). */
  machineMs: number;
  /** User + system time of each process of each named group; a process gone by then is left out. */
  groups: Record<string, Map<number, number>>;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

function machineBusyMs(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const [, ...fields] = line.trim().split(/\s+/).map(Number);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  const total = fields.slice(0, 8).reduce((sum, value) => sum + value, 0);
  return (total - idle) * TICK_MS;
}

function processCpuMs(pid: number): number | undefined {
  try {
    // Fields after the parenthesised command: utime and stime are the 14th and 15th of the line.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return undefined; // the process has ended (e.g. a pooled database connection closed)
  }
}

/** `groups`: a name for each set of processes, e.g. a service or the database backends serving it. */
export function sampleCpu(groups: Record<string, readonly number[]>): CpuSample {
  const sampled: CpuSample['groups'] = {};
  for (const [name, pids] of Object.entries(groups)) {
    sampled[name] = new Map();
    for (const pid of pids) {
      const ms = processCpuMs(pid);
      if (ms !== undefined) sampled[name].set(pid, ms);
    }
  }
  return { machineMs: machineBusyMs(), groups: sampled };
}

/** CPU ms per operation between two samples: each group (processes seen both times), and the rest. */
export function cpuPerOperation(before: CpuSample, after: CpuSample, operations: number): Record<string, number> {
  const result: Record<string, number> = {};
  let named = 0;
  for (const [name, pids] of Object.entries(after.groups)) {
    let spent = 0;
    for (const [pid, ms] of pids) spent += ms - (before.groups[name]?.get(pid) ?? ms);
    named += spent;
    result[name] = spent / operations;
  }
  result['rest of the machine (NATS, other work)'] = (after.machineMs - before.machineMs - named) / operations;
  return result;
}
