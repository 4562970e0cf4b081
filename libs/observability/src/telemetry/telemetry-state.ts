/**
 * The running telemetry of this process, kept on `globalThis` so the Nest side (OpsModule, loaded
 * later and possibly as another module instance) can flush what the preload started, without
 * importing the SDK itself.
 */
export interface RunningTelemetry {
  serviceName: string;
  exporting: boolean;
  /** Flushes buffered spans and stops the SDK; safe to call more than once. */
  shutdown: () => Promise<void>;
}

const STATE = Symbol.for('healthclaims.observability.telemetry');
type GlobalWithTelemetry = typeof globalThis & { [STATE]?: RunningTelemetry };

export function runningTelemetry(): RunningTelemetry | undefined {
  return (globalThis as GlobalWithTelemetry)[STATE];
}

export function setRunningTelemetry(telemetry: RunningTelemetry | undefined): void {
  (globalThis as GlobalWithTelemetry)[STATE] = telemetry;
}

/** Flushes spans before the process ends; a no-op when telemetry was not started (unit tests). */
export async function shutdownTelemetry(): Promise<void> {
  await runningTelemetry()?.shutdown();
}
