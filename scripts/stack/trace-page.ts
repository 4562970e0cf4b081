import type { ReceivedSpan } from '#libs/testing';
import { rootOf, summarizeTrace, traceLine } from './trace-summary.js';

/**
 * The trace viewer's page: one row per trace, newest first, each opening onto its spans as a tree (service,
 * name, start offset and duration), in plain HTML with no script.
 */
export function renderTracePage(traces: ReceivedSpan[][]): string {
  const rows = traces
    .map((spans) => {
      const summary = summarizeTrace(spans);
      if (!summary) return '';
      return `<details><summary>${escape(`${summary.startedAt.toISOString().slice(11, 23)}  ${traceLine(summary)}`)}</summary>
<pre>${spanTree(spans).map(escape).join('\n')}</pre></details>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Traces · healthclaims</title>
<style>body{font:14px system-ui,sans-serif;margin:2em}summary{font-family:ui-monospace,monospace;cursor:pointer;padding:.2em 0}
pre{margin:.3em 0 1em 1.5em;color:#333}</style></head>
<body><h1>Recent traces</h1>
<p>${traces.length} trace(s), newest first; reload for newer ones. Each line: root span, status, its time · spans over the whole trace · services in order.</p>
${rows || '<p>None yet: call the API.</p>'}
</body></html>
`;
}

/** The spans as indented lines under their parents, siblings in start order. */
function spanTree(spans: ReceivedSpan[]): string[] {
  const root = rootOf(spans);
  if (!root) return [];
  const children = new Map<string, ReceivedSpan[]>();
  for (const span of spans) {
    if (span === root || !span.parentSpanId) continue;
    children.set(span.parentSpanId, [...(children.get(span.parentSpanId) ?? []), span]);
  }
  const lines: string[] = [];
  const seen = new Set<ReceivedSpan>();
  const walk = (span: ReceivedSpan, depth: number) => {
    seen.add(span);
    const offset = span.startMs - root.startMs;
    lines.push(
      `${'  '.repeat(depth)}${span.serviceName}  ${span.name}  +${offset.toFixed(1)} ms  ${(span.endMs - span.startMs).toFixed(1)} ms${span.failed ? '  FAILED' : ''}`,
    );
    for (const child of (children.get(span.spanId) ?? []).sort((a, b) => a.startMs - b.startMs)) walk(child, depth + 1);
  };
  walk(root, 0);
  // Spans whose parent never arrived (another root, a parent still in an exporter's buffer).
  for (const span of spans.filter((candidate) => !seen.has(candidate)).sort((a, b) => a.startMs - b.startMs)) {
    if (!seen.has(span)) walk(span, 1);
  }
  return lines;
}

function escape(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char] ?? char);
}
