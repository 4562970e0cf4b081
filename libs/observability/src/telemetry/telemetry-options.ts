import { basename, dirname } from 'node:path';

/** What the preload needs to know, read from the environment the launcher gives the process. */
export interface TelemetryOptions {
  serviceName: string;
  /** Where spans go (OTLP/HTTP, JSON); undefined means traces stay in-process and nothing is exported. */
  otlpEndpoint: string | undefined;
}

/**
 * `OTEL_SERVICE_NAME` when the launcher set it; otherwise the service folder of the main script
 * (`dist/services/claims/src/main.js` → `claims`), so a service started by hand is still named.
 */
export function serviceNameFrom(env: NodeJS.ProcessEnv, mainScript: string | undefined): string {
  const fromEnv = env.OTEL_SERVICE_NAME?.trim();
  if (fromEnv) return fromEnv;
  if (!mainScript) return 'unknown_service:node';
  const normalized = mainScript.replace(/\\/g, '/');
  const serviceFolder = /\/services\/([^/]+)\//.exec(normalized);
  if (serviceFolder) return serviceFolder[1];
  const folder = basename(dirname(normalized));
  return folder === 'src' || folder === 'dist' ? basename(dirname(dirname(normalized))) : folder;
}

export function telemetryOptionsFrom(env: NodeJS.ProcessEnv, mainScript: string | undefined): TelemetryOptions {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  return { serviceName: serviceNameFrom(env, mainScript), otlpEndpoint: endpoint || undefined };
}
