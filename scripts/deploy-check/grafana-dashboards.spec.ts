import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkDashboard,
  dashboardMetricNames,
  declaredMetrics,
  exposedMetricOf,
  metricNamesOf,
} from './grafana-dashboards.js';

const DASHBOARD = join(process.cwd(), 'deploy', 'grafana', 'healthclaims-operations.json');
const text = readFileSync(DASHBOARD, 'utf8');

describe('the Grafana dashboards', () => {
  it('imports cleanly: JSON, uid, the datasource variable, unique panel ids, a query on every panel', () => {
    expect(checkDashboard('ops.json', text)).toEqual([]);
  });

  it('covers the gateway, claims, messaging, ledger and process metrics', () => {
    expect(dashboardMetricNames(text)).toEqual(
      expect.arrayContaining([
        'http_server_requests_total',
        'http_server_request_duration_seconds_bucket',
        'claims_decided_total',
        'claims_decision_duration_seconds_bucket',
        'claims_settled_total',
        'claims_checks_reasked_total',
        'claims_past_deadline',
        'messaging_outbox_oldest_unpublished_seconds',
        'messaging_dead_lettered_total',
        'messaging_consumer_paused',
        'messaging_consumer_pending',
        'ledger_payouts_waiting',
        'ledger_signer_balance_eth',
        'ledger_chain_head_block',
        'ledger_payouts_settled_total',
        'ledger_batch_gas_used_bucket',
        'process_cpu_seconds_total',
      ]),
    );
  });

  it('flags what breaks a dashboard', () => {
    expect(checkDashboard('x.json', '{ nope')).toEqual([
      { subject: 'x.json', problem: expect.stringMatching(/^not JSON/) },
    ]);
    const broken = {
      title: 'Broken',
      templating: { list: [] },
      panels: [
        { id: 1, type: 'timeseries', title: 'a', datasource: { uid: 'prom-1' }, targets: [{ refId: 'A', expr: 'up' }] },
        { id: 1, type: 'timeseries', title: 'b', datasource: { uid: '${datasource}' }, targets: [] },
      ],
    };
    expect(checkDashboard('x.json', JSON.stringify(broken)).map((finding) => finding.problem)).toEqual([
      'no uid',
      'no `datasource` variable of type datasource',
      'datasource is not ${datasource}',
      'target A names no metric',
      'panel id used twice',
      'no query',
    ]);
  });

  it('reads metric names from PromQL and finds a histogram’s series under its own name', () => {
    expect(
      metricNamesOf('histogram_quantile(0.95, sum by (le) (rate(x_seconds_bucket{a="b"}[5m]))) / max(y_total{})'),
    ).toEqual(['x_seconds_bucket', 'y_total']);
    const exposed = declaredMetrics(
      '# HELP x_seconds h\n# TYPE x_seconds histogram\nx_seconds_count 1\n# TYPE y_total counter\n',
    );
    expect([...exposed]).toEqual(['x_seconds', 'y_total']);
    expect(exposedMetricOf('x_seconds_bucket', exposed)).toBe('x_seconds');
    expect(exposedMetricOf('y_total', exposed)).toBe('y_total');
    expect(exposedMetricOf('z_bucket', exposed)).toBeUndefined();
  });
});
