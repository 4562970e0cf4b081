import { serviceNameFrom, telemetryOptionsFrom } from './telemetry-options.js';

describe('service name of a process', () => {
  it('is OTEL_SERVICE_NAME when the launcher sets it', () => {
    expect(serviceNameFrom({ OTEL_SERVICE_NAME: 'claims' }, '/app/dist/services/gateway/src/main.js')).toBe('claims');
  });

  it('falls back to the service folder of the main script', () => {
    expect(serviceNameFrom({}, '/app/dist/services/ledger-bridge/src/main.js')).toBe('ledger-bridge');
    expect(serviceNameFrom({ OTEL_SERVICE_NAME: '  ' }, 'C:\\app\\dist\\services\\fraud\\src\\main.js')).toBe('fraud');
  });

  it('uses the folder above src for a script outside services/', () => {
    expect(serviceNameFrom({}, '/app/dist/scripts/src/migrate.js')).toBe('scripts');
    expect(serviceNameFrom({}, '/app/tools/replay.js')).toBe('tools');
  });

  it('says the name is unknown when there is no script (a REPL)', () => {
    expect(serviceNameFrom({}, undefined)).toBe('unknown_service:node');
  });
});

describe('telemetry options', () => {
  it('exports only when an OTLP endpoint is configured', () => {
    expect(telemetryOptionsFrom({}, '/x/services/claims/src/main.js')).toEqual({
      serviceName: 'claims',
      otlpEndpoint: undefined,
    });
    expect(telemetryOptionsFrom({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, undefined).otlpEndpoint).toBe(
      'http://collector:4318',
    );
    expect(
      telemetryOptionsFrom({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }, undefined)
        .otlpEndpoint,
    ).toBe('http://collector:4318/v1/traces');
  });
});
