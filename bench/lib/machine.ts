import { cpus, loadavg, totalmem } from 'node:os';

/** The machine a figure was measured on: without it a throughput number means nothing. */
export interface Machine {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  date: string;
  /** 1-minute load average when the run started: other work on the machine skews the figures. */
  loadAverage: number;
}

export function describeMachine(now: Date = new Date()): Machine {
  const list = cpus();
  return {
    cores: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    date: now.toISOString().slice(0, 10),
    loadAverage: loadavg()[0] ?? 0,
  };
}

export function machineLine(machine: Machine): string {
  return (
    `${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.date}, ` +
    `load average ${machine.loadAverage.toFixed(1)} at start`
  );
}
