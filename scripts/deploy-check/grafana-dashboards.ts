import type { Finding } from './manifest.js';

/** The parts of a Grafana dashboard JSON this check reads. */
interface DashboardTarget {
  refId?: unknown;
  expr?: unknown;
}
interface DashboardPanel {
  id?: unknown;
  type?: unknown;
  title?: unknown;
  datasource?: { uid?: unknown };
  targets?: DashboardTarget[];
}
interface Dashboard {
  uid?: unknown;
  title?: unknown;
  panels?: DashboardPanel[];
  templating?: { list?: { name?: unknown; type?: unknown }[] };
}

/** The Prometheus data source every panel must use: the dashboard's own variable, so it imports anywhere. */
const DATASOURCE_VARIABLE = '${datasource}';

/**
 * Checks one dashboard (deploy/grafana/*.json) for what breaks it on import or leaves a panel empty:
 * JSON, uid and title, unique panel ids, the `datasource` variable on every panel, a PromQL query on
 * every target. Whether its metrics exist is for a test against real /metrics (`dashboardMetricNames`).
 */
export function checkDashboard(file: string, text: string): Finding[] {
  let dashboard: Dashboard;
  try {
    dashboard = JSON.parse(text) as Dashboard;
  } catch (error) {
    return [{ subject: file, problem: `not JSON: ${error instanceof Error ? error.message : String(error)}` }];
  }
  const findings: Finding[] = [];
  const problem = (subject: string, text: string) => findings.push({ subject: `${file}: ${subject}`, problem: text });
  if (typeof dashboard.uid !== 'string' || !dashboard.uid) problem('dashboard', 'no uid');
  if (typeof dashboard.title !== 'string' || !dashboard.title) problem('dashboard', 'no title');
  const variables = dashboard.templating?.list ?? [];
  if (!variables.some((variable) => variable.name === 'datasource' && variable.type === 'datasource')) {
    problem('dashboard', 'no `datasource` variable of type datasource');
  }
  const panels = dashboard.panels ?? [];
  if (panels.length === 0) problem('dashboard', 'no panels');
  const ids = new Set<unknown>();
  for (const panel of panels) {
    const name = `panel ${String(panel.id)} (${String(panel.title)})`;
    if (ids.has(panel.id)) problem(name, 'panel id used twice');
    ids.add(panel.id);
    if (panel.type === 'row') continue;
    if (panel.datasource?.uid !== DATASOURCE_VARIABLE) problem(name, `datasource is not ${DATASOURCE_VARIABLE}`);
    const targets = panel.targets ?? [];
    if (targets.length === 0) problem(name, 'no query');
    for (const target of targets) {
      if (typeof target.expr !== 'string' || !target.expr.trim())
        problem(name, `target ${String(target.refId)} has no expr`);
      else if (metricNamesOf(target.expr).length === 0) problem(name, `target ${String(target.refId)} names no metric`);
    }
  }
  return findings;
}

/** Metric names in a PromQL expression: identifiers followed by a label matcher (`name{…}`). */
export function metricNamesOf(expr: string): string[] {
  return [...expr.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\{/g)].map((match) => match[1]);
}

/** Every metric a dashboard queries, sorted, each once. */
export function dashboardMetricNames(text: string): string[] {
  const dashboard = JSON.parse(text) as Dashboard;
  const names = new Set<string>();
  for (const panel of dashboard.panels ?? []) {
    for (const target of panel.targets ?? []) {
      if (typeof target.expr === 'string') for (const name of metricNamesOf(target.expr)) names.add(name);
    }
  }
  return [...names].sort();
}

/**
 * The metric a series name belongs to: a histogram's `_bucket`, `_sum` and `_count` series are exposed
 * under the histogram's own name (`# TYPE x histogram`).
 */
export function exposedMetricOf(series: string, exposed: ReadonlySet<string>): string | undefined {
  if (exposed.has(series)) return series;
  const base = series.replace(/_(bucket|sum|count)$/, '');
  return base !== series && exposed.has(base) ? base : undefined;
}

/** The metric names a Prometheus text exposition declares (`# TYPE name kind`). */
export function declaredMetrics(exposition: string): Set<string> {
  return new Set([...exposition.matchAll(/^# TYPE (\S+) \S+$/gm)].map((match) => match[1]));
}
