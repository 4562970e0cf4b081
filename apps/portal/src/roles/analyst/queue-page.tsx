import { useState } from 'react';
import { api, data } from '../../api/client';
import type { components } from '../../api/generated/schema';
import { Link } from '../../router/router';
import { ErrorBanner } from '../../ui/error-banner';
import { PAGE_SIZE, Pager, useCursorPages } from '../../ui/pagination';
import { PageTitle } from '../../ui/shell';
import { StatusBadge } from '../../ui/status-badge';
import { useAsync } from '../../ui/use-async';
import { RULE_NAMES, ruleName, type RuleCode } from './evidence';
import { useAnalystSub, whoIs } from './who';

type Flag = components['schemas']['FlagResponse'];
type FlagStatus = Flag['status'];

/** The queue is read again this often: flags arrive as clinics submit claims, colleagues take them. */
export const QUEUE_POLL_MS = 5000;

const STATUSES: { value: FlagStatus | ''; label: string }[] = [
  { value: '', label: 'Any status' },
  { value: 'open', label: 'Open (nobody has it)' },
  { value: 'assigned', label: 'Assigned' },
  { value: 'confirmed', label: 'Confirmed' },
  { value: 'dismissed', label: 'Dismissed' },
];

type QueueSort = 'newest' | 'score';

const SORTS: { value: QueueSort; label: string }[] = [
  { value: 'score', label: 'Highest score' },
  { value: 'newest', label: 'Newest' },
];

const RULES = Object.entries(RULE_NAMES) as [RuleCode, string][];

/**
 * The analyst's main page: the insurer's flags, highest score first unless the analyst asks for the
 * newest. Order, status, minimum score and rule all go to the API (GET /v1/fraud/flags ?sort= &status=
 * &minScore= &rule=), so every page of the queue is in that order and filtered, not just the one loaded.
 */
export function QueuePage() {
  const me = useAnalystSub();
  const pages = useCursorPages();
  const [sort, setSort] = useState<QueueSort>('score');
  const [status, setStatus] = useState<FlagStatus | ''>('');
  const [minScore, setMinScore] = useState('');
  const [rule, setRule] = useState<RuleCode | ''>('');
  const score = /^\d+$/.test(minScore) ? Math.min(100, Number(minScore)) : undefined;
  const flags = useAsync(
    () =>
      data(
        api.GET('/v1/fraud/flags', {
          params: {
            query: {
              limit: PAGE_SIZE,
              sort,
              cursor: pages.cursor,
              ...(status ? { status } : {}),
              ...(score !== undefined ? { minScore: score } : {}),
              ...(rule ? { rule } : {}),
            },
          },
        }),
      ),
    `flags:${sort}:${status}:${score ?? ''}:${rule}:${pages.cursor ?? ''}`,
    QUEUE_POLL_MS,
  );
  const items = flags.data?.items ?? [];

  return (
    <>
      <PageTitle>Review queue</PageTitle>
      <p className="lead">
        Claims held or flagged by fraud screening, highest score first or newest first. Open a flag to read its
        evidence, take it, and confirm or dismiss it. This page updates by itself.
      </p>
      <form className="filters" aria-label="Filter the queue" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="queue-sort">Sort by</label>
          <select
            id="queue-sort"
            value={sort}
            onChange={(event) => {
              setSort(event.target.value as QueueSort);
              // A cursor continues the order it was made for only: a new order starts at its first page.
              pages.reset();
            }}
          >
            {SORTS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="queue-status">Status</label>
          <select
            id="queue-status"
            value={status}
            onChange={(event) => {
              setStatus(event.target.value as FlagStatus | '');
              pages.reset();
            }}
          >
            {STATUSES.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="queue-min-score">Minimum score</label>
          <input
            id="queue-min-score"
            type="number"
            min={0}
            max={100}
            inputMode="numeric"
            value={minScore}
            onChange={(event) => {
              setMinScore(event.target.value);
              pages.reset();
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="queue-rule">Rule</label>
          <select
            id="queue-rule"
            value={rule}
            onChange={(event) => {
              setRule(event.target.value as RuleCode | '');
              pages.reset();
            }}
          >
            <option value="">Any rule</option>
            {RULES.map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </div>
      </form>
      <ErrorBanner error={flags.error} what="load the queue" />
      {flags.loading && !flags.data ? <p>Loading…</p> : null}
      {flags.data && items.length === 0 ? <p>No flag matches these filters.</p> : null}
      {items.length ? (
        <table className="table">
          <caption className="visually-hidden">
            Flags, {sort === 'score' ? 'highest score first' : 'newest first'}
          </caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                Score
              </th>
              <th scope="col">Rules</th>
              <th scope="col">Member</th>
              <th scope="col">Status</th>
              <th scope="col">Flagged</th>
              <th scope="col">
                <span className="visually-hidden">Review</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((flag) => (
              <tr key={flag.id} data-flag-id={flag.id}>
                <td className="num">
                  {flag.score}
                  {flag.held ? <span className="muted"> held</span> : null}
                </td>
                <td>{flag.rules.map((hit) => ruleName(hit.code)).join(', ')}</td>
                <td>{flag.memberId}</td>
                <td>
                  <StatusBadge status={flag.status} />
                  {flag.assignee ? (
                    <span className="muted">
                      {' '}
                      {flag.status === 'assigned' ? 'held' : ''} by {whoIs(flag.assignee, me)}
                    </span>
                  ) : null}
                </td>
                <td>
                  <time dateTime={flag.createdAt}>{new Date(flag.createdAt).toLocaleString()}</time>
                </td>
                <td>
                  <Link to={`/analyst/flags/${flag.id}`}>
                    Review
                    <span className="visually-hidden">
                      {' '}
                      the flag of {flag.memberId} scored {flag.score}, {new Date(flag.createdAt).toLocaleString()}
                    </span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Pager pages={pages} nextCursor={flags.data?.nextCursor} label="Flags" />
    </>
  );
}
