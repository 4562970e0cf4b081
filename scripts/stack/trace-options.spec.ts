import { ConfigError } from '#libs/config';
import { readTraceOptions, traceBannerLines, viewerExportEnv } from './trace-options.js';

describe('where the stack’s traces go', () => {
  it('runs the viewer on 4318 with --traces, or on TRACES_PORT, and points every service at it in JSON', () => {
    const options = readTraceOptions(['--traces'], { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' });
    expect(options).toEqual({ viewerPort: 4318, exportEndpoint: null });
    expect(readTraceOptions(['--traces'], { TRACES_PORT: '14318' }).viewerPort).toBe(14318);
    // The traces-specific variable would win over the endpoint in the exporter: both point at the viewer.
    expect(viewerExportEnv(options)).toEqual({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:4318/v1/traces',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '500',
    });
  });

  it('without --traces, exports where the environment says and tells the banner so', () => {
    const options = readTraceOptions([], { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' });
    expect(options).toEqual({ viewerPort: null, exportEndpoint: 'http://collector:4318' });
    expect(viewerExportEnv(options)).toEqual({});
    expect(traceBannerLines(options, undefined).join('\n')).toContain('exported to http://collector:4318');
  });

  it('with neither, tells how to see traces: the option, or the variable for a collector', () => {
    const banner = traceBannerLines(readTraceOptions([], {}), undefined).join('\n');
    expect(banner).toContain('npm start -- --traces');
    expect(banner).toContain('export OTEL_EXPORTER_OTLP_ENDPOINT=');
  });

  it('refuses an option it does not know, and a port out of range, by name', () => {
    expect(() => readTraceOptions(['--trace'], {})).toThrow(ConfigError);
    expect(() => readTraceOptions(['--trace'], {})).toThrow(/--trace is not an option of npm start \(--traces\)/);
    expect(() => readTraceOptions(['--traces'], { TRACES_PORT: '70000' })).toThrow(/TRACES_PORT/);
  });
});
