import { useId, useState, type FormEvent } from 'react';
import { api, data } from '../../api/client';
import { Link, navigate, useSearch } from '../../router/router';
import { ErrorBanner } from '../../ui/error-banner';
import { PAGE_SIZE, Pager, useCursorPages } from '../../ui/pagination';
import { PageTitle } from '../../ui/shell';
import { useAsync } from '../../ui/use-async';
import { MEMBER_STATUSES, memberStatusLabel, type MemberStatus } from './member-status';

/** The most plans the plan filter offers (the API's largest page); an insurer has a handful. */
const PLAN_CHOICES = 500;

const isMemberStatus = (value: string | null): value is MemberStatus => MEMBER_STATUSES.includes(value as MemberStatus);

/** The address of the list with these filters, so a filtered list can be linked to and reloaded. */
function listPath(filters: { planId?: string; status?: MemberStatus }): string {
  const query = new URLSearchParams();
  if (filters.planId) query.set('planId', filters.planId);
  if (filters.status) query.set('status', filters.status);
  const text = query.toString();
  return text ? `/insurer/members?${text}` : '/insurer/members';
}

/** The insurer's members, read-only, newest first, filtered by plan and status (`?planId=&status=`). */
export function MembersPage() {
  const search = useSearch();
  const planId = search.get('planId') || undefined;
  const requested = search.get('status');
  const status = isMemberStatus(requested) ? requested : undefined;
  const planSelect = useId();
  const statusSelect = useId();
  const plans = useAsync(() => data(api.GET('/v1/plans', { params: { query: { limit: PLAN_CHOICES } } })), 'plans');
  return (
    <>
      <PageTitle>Members</PageTitle>
      <p className="lead">Your members, newest first. Open one for their coverage on a date and their plan year.</p>
      <ErrorBanner error={plans.error} what="load your plans" />
      <form className="filters" aria-label="Filter the members" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor={planSelect}>Plan</label>
          <select
            id={planSelect}
            value={planId ?? ''}
            onChange={(event) => navigate(listPath({ planId: event.target.value, status }))}
          >
            <option value="">Every plan</option>
            {(plans.data?.items ?? []).map((plan) => (
              <option key={plan.id} value={plan.id}>
                {plan.name} ({plan.id})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={statusSelect}>Status</label>
          <select
            id={statusSelect}
            value={status ?? ''}
            onChange={(event) =>
              navigate(
                listPath({ planId, status: isMemberStatus(event.target.value) ? event.target.value : undefined }),
              )
            }
          >
            <option value="">Every status</option>
            {MEMBER_STATUSES.map((value) => (
              <option key={value} value={value}>
                {memberStatusLabel(value)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {/* A new filter starts again at its first page. */}
      <MembersList key={`${planId ?? ''}:${status ?? ''}`} planId={planId} status={status} />
      <GoToMember />
    </>
  );
}

function MembersList({ planId, status }: { planId: string | undefined; status: MemberStatus | undefined }) {
  const pages = useCursorPages();
  const members = useAsync(
    () =>
      data(api.GET('/v1/members', { params: { query: { limit: PAGE_SIZE, cursor: pages.cursor, planId, status } } })),
    `members:${planId ?? ''}:${status ?? ''}:${pages.cursor ?? ''}`,
  );
  const items = members.data?.items ?? [];
  const filtered = planId !== undefined || status !== undefined;
  return (
    <>
      <ErrorBanner error={members.error} what="load the members" />
      {members.loading && !members.data ? <p>Loading…</p> : null}
      {members.data && items.length === 0 ? <p>No member{filtered ? ' matches these filters' : ' yet'}.</p> : null}
      {items.length ? (
        <table className="table">
          <caption className="visually-hidden">Members{filtered ? ', filtered' : ''}</caption>
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Name</th>
              <th scope="col">Plan</th>
              <th scope="col">Coverage</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {items.map((member) => (
              <tr key={member.id} data-member-id={member.id}>
                <td>
                  <Link to={`/insurer/members/${encodeURIComponent(member.id)}`}>{member.id}</Link>
                </td>
                <td>{member.name}</td>
                <td>{member.planId}</td>
                <td>
                  {member.coverageStart} to {member.coverageEnd ?? 'open-ended'}
                </td>
                <td>{memberStatusLabel(member.status)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Pager pages={pages} nextCursor={members.data?.nextCursor} label="Members" />
    </>
  );
}

/** Straight to a member by the id on their card. */
function GoToMember() {
  const inputId = useId();
  const [memberId, setMemberId] = useState('');
  const go = (event: FormEvent) => {
    event.preventDefault();
    if (memberId.trim()) navigate(`/insurer/members/${encodeURIComponent(memberId.trim())}`);
  };
  return (
    <form className="filters" aria-label="Find a member" onSubmit={go}>
      <div className="field">
        <label htmlFor={inputId}>Member id</label>
        <input id={inputId} value={memberId} onChange={(event) => setMemberId(event.target.value)} />
      </div>
      <div className="field">
        <button type="submit" className="primary" disabled={!memberId.trim()}>
          Open
        </button>
      </div>
    </form>
  );
}
