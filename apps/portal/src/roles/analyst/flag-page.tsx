import { api, data } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { Link } from '../../router/router';
import { ErrorBanner } from '../../ui/error-banner';
import { useApiForm } from '../../ui/form';
import { formatMoney } from '../../ui/money';
import { PageTitle } from '../../ui/shell';
import { StatusBadge } from '../../ui/status-badge';
import { useAsync } from '../../ui/use-async';
import { ClaimLines, ClaimTimeline, FlagHistoryList, MEMBER_HISTORY_SIZE, MemberHistory } from './claim-sections';
import { evidenceInWords, ruleName } from './evidence';
import { ActionProblem, AssignButton, DecidedBanner, DecisionForm, NoteForm } from './flag-actions';
import { useAnalystSub, whoIs } from './who';

/** The claim is read again this often: after a decision, its saga moves it on within seconds. */
const CLAIM_POLL_MS = 5000;

/**
 * One flag: its evidence in words, the claim's lines and history, the member's latest claims, and the
 * analyst's work on it (take it, notes, decide). The flag is read once and again after each action, not
 * polled: an analyst reading it is not interrupted, and a colleague's decision taken meanwhile comes back
 * as the API's 409, said on the page, and then shown.
 */
export function FlagPage({ id }: { id: string }) {
  const me = useAnalystSub();
  const flag = useAsync(() => data(api.GET('/v1/fraud/flags/{id}', { params: { path: { id } } })), id);
  const view = flag.data;
  const claimId = view?.claimId ?? '';
  const claim = useAsync(
    () =>
      claimId ? data(api.GET('/v1/claims/{id}', { params: { path: { id: claimId } } })) : Promise.resolve(undefined),
    `${claimId}:${view?.status ?? ''}`,
    CLAIM_POLL_MS,
  );
  const memberId = view?.memberId ?? '';
  const memberClaims = useAsync(
    () =>
      memberId
        ? data(api.GET('/v1/claims', { params: { query: { memberId, limit: MEMBER_HISTORY_SIZE } } }))
        : Promise.resolve({ items: [], nextCursor: null }),
    memberId,
  );
  const assignForm = useApiForm();
  const decisionForm = useApiForm();

  if (flag.error instanceof ApiProblem && flag.error.status === 404) {
    return (
      <>
        <PageTitle>Flag not found</PageTitle>
        <p>
          There is no flag with this id in your insurer’s queue. <Link to="/analyst">Back to the queue</Link>.
        </p>
      </>
    );
  }

  // A held claim's currency is set once coverage is decided (the API gives none before); meanwhile its
  // amounts are shown in the currency of the member's other claims with this insurer, when there are some.
  const currency =
    claim.data?.currency ?? memberClaims.data?.items.find((other) => other.currency)?.currency ?? undefined;
  const decided = view?.status === 'confirmed' || view?.status === 'dismissed';
  const heldByColleague = Boolean(view?.assignee && view.assignee !== me);
  return (
    <>
      <p>
        <Link to="/analyst">← Review queue</Link>
      </p>
      <PageTitle>{view ? `Flag on ${view.memberId}’s claim of ${view.claim.serviceDate}` : 'Flag'}</PageTitle>
      <ErrorBanner error={flag.error} what="load the flag" />
      {view ? (
        <>
          <dl className="facts">
            <div>
              <dt>Score</dt>
              <dd>
                {view.score} of 100{view.held ? ', claim held' : ''}
              </dd>
            </div>
            <div>
              <dt>Status</dt>
              <dd>
                <StatusBadge status={view.status} />
              </dd>
            </div>
            <div>
              <dt>Assigned to</dt>
              <dd>{view.assignee ? whoIs(view.assignee, me) : 'nobody'}</dd>
            </div>
            <div>
              <dt>Member</dt>
              <dd>{view.memberId}</dd>
            </div>
            <div>
              <dt>Clinic</dt>
              <dd>{view.claim.providerId}</dd>
            </div>
            <div>
              <dt>Claim status</dt>
              <dd>{claim.data ? <StatusBadge status={claim.data.status} /> : '…'}</dd>
            </div>
          </dl>
          <DecidedBanner flag={view} me={me} />

          <section aria-labelledby="evidence-heading">
            <h2 id="evidence-heading">Evidence</h2>
            <ul>
              {view.rules.map((hit) => (
                <li key={hit.code}>
                  {evidenceInWords(hit, currency)}{' '}
                  <span className="muted">
                    ({ruleName(hit.code)}, {hit.points} points)
                  </span>
                </li>
              ))}
            </ul>
          </section>

          <section aria-labelledby="work-heading" className="card">
            <h2 id="work-heading">Your review</h2>
            <ActionProblem form={assignForm} what="assign the flag to you" />
            <ActionProblem form={decisionForm} what="record your decision" />
            {decided ? (
              <p>This flag is decided; nothing more can be done with it.</p>
            ) : (
              <>
                {heldByColleague ? (
                  <p className="banner">
                    {view.assignee} holds this flag: only they can decide it. You can still add a note.
                  </p>
                ) : view.assignee ? (
                  <p>You hold this flag.</p>
                ) : (
                  <p>
                    Nobody holds this flag yet. <AssignButton flag={view} form={assignForm} onDone={flag.reload} />
                  </p>
                )}
                <NoteForm flag={view} onDone={flag.reload} />
                {heldByColleague ? null : <DecisionForm flag={view} form={decisionForm} onDone={flag.reload} />}
              </>
            )}
          </section>

          <section aria-labelledby="lines-heading">
            <h2 id="lines-heading">The claim’s services</h2>
            <p>
              Date of service {view.claim.serviceDate}, submitted {new Date(view.claim.submittedAt).toLocaleString()}
              {view.claim.estimateId ? `, from estimate ${view.claim.estimateId.slice(0, 8)}…` : ''}. Total charged{' '}
              {formatMoney(view.claim.totalCharge, currency)}.
            </p>
            <ClaimLines claim={view.claim} currency={currency} />
            <h3>The claim’s history</h3>
            <ClaimTimeline claimId={view.claimId} pollKey={view.status} />
          </section>

          <section aria-labelledby="member-heading">
            <h2 id="member-heading">{view.memberId}’s latest claims</h2>
            <MemberHistory claims={memberClaims} claimId={view.claimId} />
          </section>

          <section aria-labelledby="flag-history-heading">
            <h2 id="flag-history-heading">The flag’s history</h2>
            <FlagHistoryList history={view.history} me={me} />
          </section>
        </>
      ) : flag.loading ? (
        <p>Loading…</p>
      ) : null}
    </>
  );
}
