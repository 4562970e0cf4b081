import { useState, type FormEvent } from 'react';
import { api, data } from '../../api/client';
import type { components } from '../../api/generated/schema';
import { Field, FormProblem, useApiForm, type ApiForm } from '../../ui/form';
import { whoIs } from './who';

type FlagDetail = components['schemas']['FlagDetailResponse'];
type Decision = components['schemas']['FlagDecisionDto']['decision'];

/**
 * A refused action, said plainly. A 409 means the flag changed under the analyst (a colleague took or
 * decided it): the page reloads the flag, so what the colleague did shows below this message.
 */
export function ActionProblem({ form, what }: { form: ApiForm; what: string }) {
  if (form.problem?.status !== 409) return <FormProblem form={form} what={what} />;
  return (
    <div className="banner banner-error" role="alert">
      <p>
        <strong>Could not {what}: a colleague got there first.</strong> The API says {form.problem.problem.detail}.
      </p>
      <p>The flag below shows where it stands now.</p>
    </div>
  );
}

/** "Assign to me": the analyst takes the flag (the API refuses one a colleague holds, or a decided one). */
export function AssignButton({ flag, form, onDone }: { flag: FlagDetail; form: ApiForm; onDone: () => void }) {
  return (
    <button
      type="button"
      disabled={form.pending}
      onClick={() =>
        void form
          .submit(() => data(api.POST('/v1/fraud/flags/{id}/assign', { params: { path: { id: flag.id } } })))
          .then(onDone)
      }
    >
      {form.pending ? 'Assigning…' : 'Assign to me'}
    </button>
  );
}

export function NoteForm({ flag, onDone }: { flag: FlagDetail; onDone: (ok: boolean) => void }) {
  const form = useApiForm();
  const [note, setNote] = useState('');
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await form.submit(() =>
      data(api.POST('/v1/fraud/flags/{id}/notes', { params: { path: { id: flag.id } }, body: { note } })),
    );
    if (ok) setNote('');
    onDone(ok);
  };
  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="note-heading">
      <h3 id="note-heading">Add a note</h3>
      <ActionProblem form={form} what="add the note" />
      <Field form={form} name="note" label="Note" hint="Kept in the flag’s history with your name and the time.">
        <textarea rows={3} value={note} onChange={(event) => setNote(event.target.value)} />
      </Field>
      <button type="submit" disabled={form.pending}>
        {form.pending ? 'Adding…' : 'Add note'}
      </button>
    </form>
  );
}

/** Confirm (the claim is denied FRAUD_CONFIRMED) or dismiss (its review goes on), always with a note. */
export function DecisionForm({ flag, form, onDone }: { flag: FlagDetail; form: ApiForm; onDone: () => void }) {
  const [decision, setDecision] = useState<Decision | undefined>();
  const [note, setNote] = useState('');
  const decisionErrors = form.fieldErrors('decision');
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    // The API names a missing decision in its problem; the body is sent as chosen.
    const body = { decision: decision as Decision, note };
    await form.submit(() =>
      data(api.POST('/v1/fraud/flags/{id}/decision', { params: { path: { id: flag.id } }, body })),
    );
    onDone();
  };
  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="decision-heading">
      <h3 id="decision-heading">Decide</h3>
      <fieldset
        className={`choices${decisionErrors.length ? ' field-invalid' : ''}`}
        aria-describedby={decisionErrors.length ? 'decision-error' : undefined}
      >
        <legend>Decision</legend>
        <label>
          <input
            type="radio"
            name="decision"
            value="confirm"
            checked={decision === 'confirm'}
            onChange={() => setDecision('confirm')}
          />{' '}
          Confirm fraud: the claim is denied
        </label>
        <label>
          <input
            type="radio"
            name="decision"
            value="dismiss"
            checked={decision === 'dismiss'}
            onChange={() => setDecision('dismiss')}
          />{' '}
          Dismiss: no fraud, the claim’s review goes on
        </label>
        {decisionErrors.length ? (
          <p className="field-error" id="decision-error">
            {decisionErrors.join('; ')}
          </p>
        ) : null}
      </fieldset>
      <Field form={form} name="note" label="Reason for the decision" hint="Required; kept with the decision.">
        <textarea rows={3} value={note} onChange={(event) => setNote(event.target.value)} />
      </Field>
      <button type="submit" className="primary" disabled={form.pending}>
        {form.pending ? 'Recording…' : 'Record decision'}
      </button>
    </form>
  );
}

/** A decided flag, in one sentence: who decided, when, why, and what it did to the claim. */
export function DecidedBanner({ flag, me }: { flag: FlagDetail; me: string | undefined }) {
  if (flag.status !== 'confirmed' && flag.status !== 'dismissed') return null;
  const entry = [...flag.history].reverse().find((item) => item.action === flag.status);
  const who = entry ? whoIs(entry.actor, me) : 'an analyst';
  const when = entry ? ` on ${new Date(entry.at).toLocaleString()}` : '';
  const why = entry?.note ? `: “${entry.note}”` : '';
  const outcome =
    flag.status === 'confirmed' ? 'The claim is denied (fraud confirmed).' : 'The claim’s review went on.';
  return (
    <p className={flag.status === 'confirmed' ? 'banner' : 'banner banner-ok'} role="status">
      <strong>
        {flag.status === 'confirmed' ? 'Confirmed' : 'Dismissed'} by {who}
        {when}
      </strong>
      {why}. {outcome}
    </p>
  );
}
