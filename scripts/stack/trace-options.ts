import { ConfigError, readInt } from '#libs/config';

type Env = Record<string, string | undefined>;

/** Where the stack's traces go. */
export interface TraceOptions {
  /** `npm start -- --traces`: the port of the local trace viewer (`TRACES_PORT`, default OTLP/HTTP's 4318). */
  viewerPort: number | null;
  /** Without the viewer: the collector the services export to, when the environment names one. */
  exportEndpoint: string | null;
}

/** No viewer and no collector: what a platform started by a test or a campaign has. */
export const NO_TRACE_VIEWER: TraceOptions = { viewerPort: null, exportEndpoint: null };

/** The arguments `npm start --` takes. */
const OPTIONS = ['--traces'];

export function readTraceOptions(argv: readonly string[], env: Env): TraceOptions {
  const unknown = argv.filter((argument) => !OPTIONS.includes(argument));
  if (unknown.length) {
    throw new ConfigError('argument', `${unknown.join(' ')} is not an option of npm start (${OPTIONS.join(', ')})`);
  }
  const viewer = argv.includes('--traces');
  return {
    viewerPort: viewer ? readInt(env, 'TRACES_PORT', 4318, 1, 65535) : null,
    exportEndpoint: viewer
      ? null
      : env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || null,
  };
}

/**
 * What makes a service export to the viewer: its endpoint (the traces-specific variable too, which would
 * otherwise win), JSON (what the viewer reads), and a short batch delay so a trace shows within a second.
 */
export function viewerExportEnv(options: TraceOptions): Record<string, string> {
  if (options.viewerPort === null) return {};
  const endpoint = `http://127.0.0.1:${options.viewerPort}`;
  return {
    OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${endpoint}/v1/traces`,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    OTEL_BSP_SCHEDULE_DELAY: '500',
  };
}

/** The banner's lines about traces: where they are, or how to see them. */
export function traceBannerLines(options: TraceOptions, viewerUrl: string | undefined): string[] {
  if (viewerUrl) {
    return [
      `  traces          ${viewerUrl}/   recent traces, span by span; each finished trace is also printed here`,
      `                  as one line ("trace  POST /v1/claims 202 in … · … · gateway → claims → …")`,
    ];
  }
  if (options.exportEndpoint) return [`  traces          exported to ${options.exportEndpoint} (OTLP/HTTP JSON)`];
  return [
    '  traces          none kept: npm start -- --traces shows them here and on a local page, or send them',
    '                  to a collector of your own (OTLP/HTTP JSON) before npm start:',
    '                  export OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318',
  ];
}
