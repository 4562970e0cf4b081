import type { ServiceName } from '../schedule/fault.js';

/** One exit of a service process, asked for (a fault) or not (a crash of its own). */
export interface ServiceExit {
  atMs: number;
  /** Exit code or signal, as `exited` reported it. */
  how: string;
  /** True when the campaign killed it; false when it died on its own (e.g. could not reach its database). */
  planned: boolean;
}

/**
 * What the fault runner needs of one supervised service: kill it (and maybe keep it down), see it
 * ready, count its exits. Implemented over the stack's supervisor in supervised-control.ts; the runner
 * knows only this, so it can be tested or driven by another process manager without change.
 */
export interface ServiceControl {
  readonly name: ServiceName;
  /** Its HTTP base URL (the API on the gateway; health and metrics on every service). */
  readonly url: string;
  /** kill -9 now. The supervisor restarts it at once, or only after `holdDownMs`. */
  crash: (holdDownMs?: number) => Promise<void>;
  isReady: () => Promise<boolean>;
  /** Waits until `/health/ready` answers 200; throws after `timeoutMs`. */
  waitReady: (timeoutMs: number) => Promise<void>;
  exits: () => ServiceExit[];
  /** Stops it for good (SIGTERM, then SIGKILL): no restart. */
  stop: () => Promise<void>;
  /** Synchronous last resort from an exit hook. */
  killNow: () => void;
}
