import type { Machine } from './machine.js';

export interface BenchOptions {
  /** Measured operations (claims submitted, estimates asked, ...). */
  count: number;
  /** Requests kept in flight. */
  concurrency: number;
  /** Operations run first and not measured (JIT, connection pools, prepared plans). */
  warmup: number;
}

export interface ScenarioReport {
  /** Printed to the terminal. */
  text: string;
  /** Its section of docs/benchmarks.md. */
  markdown: string;
}

/** One benchmark; each lives in bench/scenarios/ and starts (and cleans up) its own stack. */
export interface Scenario {
  name: string;
  title: string;
  run: (options: BenchOptions, machine: Machine) => Promise<ScenarioReport>;
}
