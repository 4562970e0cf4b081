import { Injectable, Module, type ModuleMetadata } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Counter, register } from 'prom-client';
import { DataSource } from 'typeorm';
import {
  observeHttpRequests,
  OPS_ROUTES,
  OpsModule,
  providerReadiness,
  readinessCheck,
  traceIdOf,
  useHttpTracing,
} from '#libs/observability';
import { dropDatabase, PersistenceModule } from '#libs/persistence';
import {
  findPromtool,
  metricSample,
  OPS_AUTHORIZATION,
  promtoolMetricFindings,
  scrapeMetrics,
  TEST_OPS_TOKEN,
  testDatabaseUrl,
  testNamespace,
  waitFor,
} from '#libs/testing';

/** Stands for a library's connection provider (e.g. the messaging client's `isConnected`). */
@Injectable()
class FakeBus {
  connected = true;
}

async function startApp(imports: ModuleMetadata['imports']): Promise<{ app: NestFastifyApplication; url: string }> {
  @Module({ imports, providers: [FakeBus] })
  class TestAppModule {}
  const app = await NestFactory.create<NestFastifyApplication>(TestAppModule, new FastifyAdapter(), { logger: false });
  app.setGlobalPrefix('v1', { exclude: OPS_ROUTES });
  useHttpTracing(app);
  observeHttpRequests(app);
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl() };
}

describe('operations endpoints of a service', () => {
  const databaseUrl = testDatabaseUrl('ops', testNamespace());
  let natsUp = true;
  let app: NestFastifyApplication;
  let url: string;

  beforeAll(async () => {
    ({ app, url } = await startApp([
      PersistenceModule.forRoot({ url: databaseUrl, entities: [], migrations: [] }),
      OpsModule.forRoot({
        service: 'claims',
        opsToken: TEST_OPS_TOKEN,
        readiness: [
          readinessCheck('nats', () => natsUp),
          providerReadiness('bus', FakeBus, (bus) => {
            if (!bus.connected) throw new Error('bus connection closed');
          }),
        ],
      }),
    ]));
  });

  afterAll(async () => {
    await app?.close();
    await dropDatabase(databaseUrl);
  });

  it('answers live with the service name, outside the /v1 prefix', async () => {
    const live = await fetch(`${url}/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toMatchObject({
      status: 'ok',
      details: { process: { status: 'up', service: 'claims' } },
    });
    expect((await fetch(`${url}/v1/health/live`)).status).toBe(404);
  });

  it('is ready when PostgreSQL and every listed dependency answer', async () => {
    const ready = await fetch(`${url}/health/ready`, { headers: OPS_AUTHORIZATION });
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ok',
      details: { database: { status: 'up' }, nats: { status: 'up' }, bus: { status: 'up' } },
    });
  });

  it('is not ready (503) while a dependency is down, and says which', async () => {
    natsUp = false;
    app.get(FakeBus).connected = false;
    try {
      const ready = await fetch(`${url}/health/ready`, { headers: OPS_AUTHORIZATION });
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({
        status: 'error',
        error: { nats: { status: 'down' }, bus: { status: 'down', message: 'bus connection closed' } },
        info: { database: { status: 'up' } },
      });
    } finally {
      natsUp = true;
      app.get(FakeBus).connected = true;
    }
    expect((await fetch(`${url}/health/ready`)).status).toBe(200);
  });

  it('tells anyone without the ops token only the verdict, never which dependency or address', async () => {
    const ready = await fetch(`${url}/health/ready`, { headers: { authorization: 'Bearer guessed-token' } });
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok' });
    natsUp = false;
    try {
      const down = await fetch(`${url}/health/ready`);
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({ status: 'error' });
    } finally {
      natsUp = true;
    }
  });

  it.each([
    ['no authorization', {}],
    ['a wrong token', { authorization: 'Bearer guessed-token' }],
  ])('refuses /metrics with %s: 401 problem+json', async (_case, headers: Record<string, string>) => {
    const metrics = await fetch(`${url}/metrics`, { headers });
    expect(metrics.status).toBe(401);
    expect(metrics.headers.get('content-type')).toContain('application/problem+json');
    expect(metrics.headers.get('www-authenticate')).toContain('Bearer');
    const body = await metrics.json();
    expect(body).toMatchObject({ status: 401, type: 'urn:problem:healthclaims:unauthorized' });
    expect(JSON.stringify(body)).not.toContain('process_cpu');
  });

  it('serves Prometheus text with process metrics and the counters other libraries register', async () => {
    const published = new Counter({ name: 'hc_test_ops_published_total', help: 'test counter', registers: [register] });
    published.inc(3);
    try {
      const metrics = await fetch(`${url}/metrics`, { headers: OPS_AUTHORIZATION });
      expect(metrics.status).toBe(200);
      expect(metrics.headers.get('content-type')).toContain('text/plain');
      const text = await metrics.text();
      expect(text).toContain('process_cpu_user_seconds_total');
      expect(text).toContain('hc_test_ops_published_total 3');
    } finally {
      register.removeSingleMetric('hc_test_ops_published_total');
    }
  });

  it('passes promtool check metrics: no gauge named like a counter, HTTP series by route template', async () => {
    // Other tests of this file (and its other apps) count on the same registry: compare before and after.
    const unmatched = 'http_server_requests_total{method="GET",route="unmatched",status="404"}';
    const live = 'http_server_requests_total{method="GET",route="/health/live",status="200"}';
    const before = await scrapeMetrics(url);
    expect((await fetch(`${url}/v1/nowhere/raw-path-marker`)).status).toBe(404);
    expect((await fetch(`${url}/health/live`)).status).toBe(200);
    // Counted once the response is sent: the scrape may overtake the count of the call just before it.
    const text = await waitFor(async () => {
      const scraped = await scrapeMetrics(url);
      return metricSample(scraped, live) === (metricSample(before, live) ?? 0) + 1 && scraped;
    });
    expect(metricSample(text, unmatched)).toBe((metricSample(before, unmatched) ?? 0) + 1);
    expect(metricSample(text, live)).toBe((metricSample(before, live) ?? 0) + 1);
    // The raw path is never a label (a digit id would match sample values by chance: a marker cannot).
    expect(text).not.toContain('raw-path-marker');
    // prom-client's totals of active handles, requests and resources are gauges named as counters.
    expect(text).toMatch(/^# TYPE nodejs_active_handles gauge$/m);
    expect(text).not.toMatch(/^nodejs_active_(handles|requests|resources)_total/m);

    const promtool = findPromtool();
    if (!promtool) {
      console.warn('promtool not installed (apt-get install prometheus): /metrics not linted');
      return;
    }
    expect(promtoolMetricFindings(promtool, text)).toEqual([]);
    // The check has teeth: what prom-client exposes by default is flagged.
    const flagged =
      '# HELP nodejs_active_handles_total Total.\n# TYPE nodejs_active_handles_total gauge\nnodejs_active_handles_total 3\n';
    expect(promtoolMetricFindings(promtool, flagged)).toEqual([
      'nodejs_active_handles_total non-counter metrics should not have "_total" suffix',
    ]);
  });

  it('puts a traceparent on every response, continuing the caller trace, even on a 404', async () => {
    const callerTraceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const notFound = await fetch(`${url}/v1/nowhere`, {
      headers: { traceparent: `00-${callerTraceId}-00f067aa0ba902b7-01` },
    });
    expect(notFound.status).toBe(404);
    expect(traceIdOf(notFound.headers.get('traceparent') ?? undefined)).toBe(callerTraceId);
    expect((await fetch(`${url}/health/live`)).headers.get('traceparent')).toMatch(
      /^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/,
    );
  });

  it('reports the database down once its connection is gone', async () => {
    await app.get(DataSource).destroy();
    const ready = await fetch(`${url}/health/ready`, { headers: OPS_AUTHORIZATION });
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ error: { database: { status: 'down' } } });
  });
});

describe('operations endpoints of a service without a database (the gateway)', () => {
  it('is ready without a database check', async () => {
    const { app, url } = await startApp([OpsModule.forRoot({ service: 'gateway', opsToken: TEST_OPS_TOKEN })]);
    try {
      const ready = await fetch(`${url}/health/ready`, { headers: OPS_AUTHORIZATION });
      expect(ready.status).toBe(200);
      const body = (await ready.json()) as { details: Record<string, unknown> };
      expect(body.details).toEqual({});
    } finally {
      await app.close();
    }
  });
});

describe('operations endpoints of a service without an ops token', () => {
  it('still answers the probes, and refuses /metrics to everyone', async () => {
    const { app, url } = await startApp([OpsModule.forRoot({ service: 'gateway' })]);
    try {
      expect((await fetch(`${url}/health/live`)).status).toBe(200);
      const ready = await fetch(`${url}/health/ready`, { headers: OPS_AUTHORIZATION });
      expect(await ready.json()).toEqual({ status: 'ok' });
      expect((await fetch(`${url}/metrics`, { headers: OPS_AUTHORIZATION })).status).toBe(401);
    } finally {
      await app.close();
    }
  });
});
