import type { components } from '../api/generated/schema';
import { ErrorBanner } from './error-banner';
import { ReasonNote } from './reason';
import { StatusBadge } from './status-badge';
import type { AsyncState } from './use-async';

type TimelineEntry = components['schemas']['TimelineEntryView'];

/** A claim's history (GET /v1/claims/{id}/timeline), oldest first: status, when, why, and for staff who. */
export function TimelineEntries(props: { items: readonly TimelineEntry[]; withActor?: boolean; label?: string }) {
  return (
    <ol className="timeline" aria-label={props.label}>
      {props.items.map((entry, index) => (
        <li key={index}>
          <StatusBadge status={entry.status} /> <time dateTime={entry.at}>{new Date(entry.at).toLocaleString()}</time>
          {entry.reason ? <ReasonNote code={entry.reason} dash /> : null}
          {props.withActor ? <span className="muted"> ({entry.actor})</span> : null}
        </li>
      ))}
    </ol>
  );
}

/** The "History" section of a claim's page. */
export function ClaimHistory({ timeline }: { timeline: AsyncState<{ items: TimelineEntry[] }> }) {
  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">History</h2>
      <ErrorBanner error={timeline.error} what="load the history" />
      <TimelineEntries items={timeline.data?.items ?? []} />
    </section>
  );
}
