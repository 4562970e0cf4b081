import { ApiProblem } from '../api/problem';

/** A failed call, in words, with the request id to quote to support. Announced to screen readers. */
export function ErrorBanner({ error, what }: { error: unknown; what?: string }) {
  if (error === undefined || error === null) return null;
  const problem = error instanceof ApiProblem ? error.problem : undefined;
  const message = problem
    ? problem.detail || problem.title
    : error instanceof Error
      ? error.message
      : 'unexpected failure';
  return (
    <div className="banner banner-error" role="alert">
      <p>
        <strong>{what ? `Could not ${what}` : 'Something went wrong'}:</strong> {message}
      </p>
      {problem?.requestId ? <p className="muted">Request id: {problem.requestId}</p> : null}
    </div>
  );
}
