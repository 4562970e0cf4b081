import type { Machine } from './machine.js';

export interface BenchOptions {
  /** Measured operations (claims submitted, estimates asked, ...). */
  count: number;
  /** Requests kept in flight. */
  concurrency: number;
  /** Operations run first and not measured (JIT, connection pools, prepared plans). */
  warmup: number;
  /** Open loop (end to end): claims sent per second whatever the platform does; unset: closed loop. */
  rate?: number;
  /** Open loop: how long to send at `rate` (instead of `count` claims). */
  durationSeconds?: number;
  /** Open loop: find the highest rate keeping p99 submit-to-decision ≤ 2 s, then measure at 80 % of it. */
  findCapacity: boolean;
  /** Open loop: seconds per rate tried while finding the capacity. */
  probeSeconds: number;
  /** Turns the gateway's admission control on at this review backlog (off in bench stacks otherwise). */
  maxBacklog?: number;
}

export interface ScenarioReport {
  /** Printed to the terminal. */
  text: string;
  /** Its section of docs/benchmarks.md. */
  markdown: string;
  /** The section's name when not the scenario's (a mode of it with figures of their own). */
  section?: string;
}

/** One benchmark; each lives in bench/scenarios/ and starts (and cleans up) its own stack. */
export interface Scenario {
  name: string;
  title: string;
  run: (options: BenchOptions, machine: Machine) => Promise<ScenarioReport>;
}
