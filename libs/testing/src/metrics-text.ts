import { OPS_AUTHORIZATION } from './ops-token.js';

/** A service's `/metrics` text, opened with the test ops token. */
export async function scrapeMetrics(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/metrics`, { headers: OPS_AUTHORIZATION });
  if (response.status !== 200) throw new Error(`/metrics answered ${response.status}`);
  return response.text();
}

/**
 * The value of one series in Prometheus text, written as exposed (`name{a="x",b="y"}`, labels in
 * prom-client's order), or undefined when there is no such series.
 */
export function metricSample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}
