import type { DeadLetterEntry, DeadLetterPage, DeadLetterReplay, DeadLetterReplaySummary } from '#libs/messaging';

const ERROR_WIDTH = 80;

/** `list`: one line per letter under a header, then how many and where they came from. */
export function formatDeadLetterTable(page: DeadLetterPage, stream: string): string {
  if (page.items.length === 0) return `No dead letters in stream ${stream}.`;
  const rows = [
    ['ID', 'DEAD-LETTERED AT', 'SUBJECT', 'REASON', 'DELIVERIES', 'CONSUMER', 'ENVELOPE', 'ERROR'],
    ...page.items.map((entry) => row(entry)),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((cells) => cells[column].length)));
  const lines = rows.map((cells) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd(),
  );
  const count = `${page.items.length} dead letter${page.items.length === 1 ? '' : 's'} in stream ${stream}`;
  const more = page.nextAfter === null ? '.' : ', and more: raise --limit or narrow with --subject or --since.';
  return [...lines, '', `${count}${more}`].join('\n');
}

/** `replay <id>`: what went where, or why nothing did. */
export function formatReplay(result: DeadLetterReplay): string {
  if (result.outcome === 'not-found') return notFound(result.id);
  const envelope = result.envelopeId ? `, envelope ${result.envelopeId}` : '';
  const duplicate = result.duplicate
    ? ' (JetStream already had this replay: an earlier one stopped before removing the letter)'
    : '';
  return `Replayed dead letter ${result.id} to ${result.subject}${envelope}; the letter is removed.${duplicate}`;
}

/** `replay --all`: how many per subject, what was gone already, and where it stopped if it did. */
export function formatReplaySummary(summary: DeadLetterReplaySummary): string {
  const perSubject = new Map<string, number>();
  for (const { subject } of summary.replayed) perSubject.set(subject, (perSubject.get(subject) ?? 0) + 1);
  const lines = [`Replayed ${summary.replayed.length} dead letter${summary.replayed.length === 1 ? '' : 's'}.`];
  for (const [subject, count] of perSubject) lines.push(`  ${String(count).padStart(6)}  ${subject}`);
  if (summary.notFound.length) {
    lines.push(
      `${summary.notFound.length} were gone before their turn (replayed meanwhile): ${summary.notFound.join(', ')}`,
    );
  }
  if (summary.failed) {
    lines.push(
      `Stopped at dead letter ${summary.failed.id}: ${summary.failed.error}. The rest are untouched; run it again.`,
    );
  }
  return lines.join('\n');
}

export function notFound(id: number): string {
  return `Dead letter ${id} not found: it was replayed already, or never existed (see list).`;
}

function row(entry: DeadLetterEntry): string[] {
  const error = entry.error.length > ERROR_WIDTH ? `${entry.error.slice(0, ERROR_WIDTH - 1)}…` : entry.error;
  return [
    String(entry.id),
    entry.deadLetteredAt,
    entry.subject,
    entry.reason,
    String(entry.deliveryCount),
    entry.consumer,
    entry.envelopeId ?? '-',
    error,
  ];
}
