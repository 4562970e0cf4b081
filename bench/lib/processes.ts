import { readdirSync, readFileSync } from 'node:fs';

/** Every process id on the machine with its command name and process group (Linux /proc). */
function allProcesses(): { pid: number; command: string; group: number }[] {
  const result = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      // After the command: state, ppid, pgrp.
      const group = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      result.push({ pid: Number(entry), command, group });
    } catch {
      // gone between listing and reading
    }
  }
  return result;
}

/** The processes of a process group, e.g. a detached child and whatever it spawned (the chain node). */
export function processGroup(leader: number): number[] {
  return allProcesses()
    .filter((process) => process.group === leader)
    .map((process) => process.pid);
}

/** The processes running a command, e.g. `nats-server`. */
export function processesNamed(command: string): number[] {
  return allProcesses()
    .filter((process) => process.command === command)
    .map((process) => process.pid);
}
