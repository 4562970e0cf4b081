import { useState, type FormEvent } from 'react';
import { api, data } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { Link, navigate } from '../../router/router';
import { ErrorBanner } from '../../ui/error-banner';
import { Field, FormProblem, useApiForm } from '../../ui/form';
import { formatMoney } from '../../ui/money';
import { PageTitle } from '../../ui/shell';
import { useAsync } from '../../ui/use-async';
import { fromMinorUnits } from './amount-input';
import { EstimateTable, type Estimate } from './estimate-table';
import { LinesEditor, linesBody, type LineDraft } from './lines-editor';

/** A claim made from an estimate: everything prefilled from it, the diagnosis and supporting record added. */
export function ClaimFormPage({ estimateId }: { estimateId: string }) {
  const estimate = useAsync(
    () => data(api.GET('/v1/estimates/{id}', { params: { path: { id: estimateId } } })),
    estimateId,
  );
  if (estimate.error instanceof ApiProblem && estimate.error.status === 404) {
    return (
      <>
        <PageTitle>Estimate not found</PageTitle>
        <p>
          There is no estimate of yours with this id. <Link to="/clinic/estimates">Back to the estimates</Link>.
        </p>
      </>
    );
  }
  return (
    <>
      <p>
        <Link to="/clinic/estimates">← Estimates</Link>
      </p>
      <PageTitle>Submit a claim</PageTitle>
      <ErrorBanner error={estimate.error} what="load the estimate" />
      {estimate.data ? <ClaimForm estimate={estimate.data} /> : estimate.loading ? <p>Loading…</p> : null}
    </>
  );
}

function ClaimForm({ estimate }: { estimate: Estimate }) {
  const form = useApiForm();
  const [serviceDate, setServiceDate] = useState(estimate.plannedDate);
  const [diagnosisCodes, setDiagnosisCodes] = useState('');
  const [recordId, setRecordId] = useState('');
  const [recordSha256, setRecordSha256] = useState('');
  const [lines, setLines] = useState<LineDraft[]>(() =>
    estimate.lines.map((line) => ({ code: line.code, units: String(line.units), charge: fromMinorUnits(line.charge) })),
  );

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    let id: string | undefined;
    const ok = await form.submit(async () => {
      const accepted = await data(
        api.POST('/v1/claims', {
          body: {
            memberId: estimate.memberId,
            providerId: estimate.providerId,
            serviceDate,
            diagnosisCodes: diagnosisCodes
              .split(',')
              .map((code) => code.trim())
              .filter(Boolean),
            lines: linesBody(lines),
            estimateId: estimate.id,
            ...(recordId || recordSha256 ? { records: [{ recordId, sha256: recordSha256.trim().toLowerCase() }] } : {}),
          },
        }),
      );
      id = accepted.id;
    });
    if (ok && id) navigate(`/clinic/claims/${id}`);
  };

  return (
    <>
      <p className="lead">
        From the estimate for {estimate.memberId} on {estimate.plannedDate} (valid until {estimate.validUntil}): the
        patient would pay {formatMoney(estimate.totals.patientPays, estimate.currency)}. With the same services the
        claim is priced exactly so.
      </p>
      <details className="card">
        <summary>The estimate’s amounts</summary>
        <EstimateTable estimate={estimate} />
      </details>
      <form className="card" onSubmit={(event) => void onSubmit(event)} noValidate aria-label="Claim">
        <FormProblem form={form} what="submit the claim" />
        <dl className="facts">
          <div>
            <dt>Member</dt>
            <dd>{estimate.memberId}</dd>
          </div>
          <div>
            <dt>Clinic</dt>
            <dd>{estimate.providerId}</dd>
          </div>
          <div>
            <dt>Estimate</dt>
            <dd>
              <code className="hash">{estimate.id}</code>
            </dd>
          </div>
        </dl>
        <Field
          form={form}
          name="serviceDate"
          label="Date of service"
          hint="The day the care was given, not later than today"
        >
          <input type="date" value={serviceDate} onChange={(event) => setServiceDate(event.target.value)} />
        </Field>
        <Field form={form} name="diagnosisCodes" label="Diagnosis codes" hint="ICD-10, separated by commas, e.g. J02.9">
          <input
            value={diagnosisCodes}
            onChange={(event) => setDiagnosisCodes(event.target.value)}
            autoComplete="off"
          />
        </Field>
        <LinesEditor form={form} lines={lines} onChange={setLines} />
        <fieldset className="lines">
          <legend>Supporting record (optional)</legend>
          <p className="hint">
            A record you anchored on the <Link to="/clinic/records">Records</Link> page: its id and SHA-256.
          </p>
          <Field form={form} name="records[0].recordId" label="Record id">
            <input value={recordId} onChange={(event) => setRecordId(event.target.value)} autoComplete="off" />
          </Field>
          <Field form={form} name="records[0].sha256" label="Record SHA-256">
            <input
              className="wide"
              value={recordSha256}
              onChange={(event) => setRecordSha256(event.target.value)}
              autoComplete="off"
            />
          </Field>
        </fieldset>
        <button type="submit" className="primary" disabled={form.pending}>
          {form.pending ? 'Submitting…' : 'Submit the claim'}
        </button>
      </form>
    </>
  );
}
