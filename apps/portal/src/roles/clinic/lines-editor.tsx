import { ErrorBanner } from '../../ui/error-banner';
import type { ApiForm } from '../../ui/form';
import { Field } from '../../ui/form';
import { useAsync } from '../../ui/use-async';
import { toMinorUnits } from './amount-input';
import { loadProcedures, type Procedure } from './procedure-table';

/** A line as the clinic edits it: the charge as typed, in the currency. */
export interface LineDraft {
  code: string;
  units: string;
  charge: string;
}

export const EMPTY_LINE: LineDraft = { code: '99213', units: '1', charge: '' };

/** The lines as the API takes them; what cannot be read goes as null so the API names the field. */
export function linesBody(lines: LineDraft[]): { code: string; units: number; charge: number }[] {
  return lines.map((line) => ({
    code: line.code,
    units: /^\d+$/.test(line.units.trim()) ? Number(line.units) : Number.NaN,
    charge: toMinorUnits(line.charge),
  }));
}

/**
 * The service lines of an estimate or a claim: a procedure chosen from the reference table, units and the
 * charge, each with the API's messages for `lines[i].code`, `lines[i].units` and `lines[i].charge`.
 */
export function LinesEditor({
  form,
  lines,
  onChange,
}: {
  form: ApiForm;
  lines: LineDraft[];
  onChange: (lines: LineDraft[]) => void;
}) {
  const procedures = useAsync(loadProcedures, 'procedures');
  const update = (index: number, change: Partial<LineDraft>) =>
    onChange(lines.map((line, at) => (at === index ? { ...line, ...change } : line)));
  return (
    <fieldset className="lines">
      <legend>Services</legend>
      {form.fieldErrors('lines').length ? <p className="field-error">{form.fieldErrors('lines').join('; ')}</p> : null}
      <ErrorBanner error={procedures.data ? undefined : procedures.error} what="load the procedure table" />
      {lines.map((line, index) => (
        <div className="field-row" key={index} data-line={index}>
          {procedures.error && !procedures.data ? (
            // Without the table the clinic can still type a code: the API says whether it knows it.
            <Field
              form={form}
              name={`lines[${index}].code`}
              label={`Procedure code of line ${index + 1}`}
              hint="5 letters or digits, e.g. 99213"
            >
              <input
                className="narrow"
                value={line.code}
                onChange={(event) => update(index, { code: event.target.value.trim().toUpperCase() })}
              />
            </Field>
          ) : (
            <Field form={form} name={`lines[${index}].code`} label={`Procedure of line ${index + 1}`}>
              <select value={line.code} onChange={(event) => update(index, { code: event.target.value })}>
                <ProcedureOptions procedures={procedures.data} selected={line.code} />
              </select>
            </Field>
          )}
          <Field form={form} name={`lines[${index}].units`} label={`Units of line ${index + 1}`}>
            <input
              className="narrow"
              inputMode="numeric"
              value={line.units}
              onChange={(event) => update(index, { units: event.target.value })}
            />
          </Field>
          <Field form={form} name={`lines[${index}].charge`} label={`Charge of line ${index + 1}`} hint="e.g. 150.00">
            <input
              className="narrow"
              inputMode="decimal"
              value={line.charge}
              onChange={(event) => update(index, { charge: event.target.value })}
            />
          </Field>
          {lines.length > 1 ? (
            <button
              type="button"
              className="line-remove"
              onClick={() => onChange(lines.filter((_, at) => at !== index))}
            >
              Remove line {index + 1}
            </button>
          ) : null}
        </div>
      ))}
      <button type="button" onClick={() => onChange([...lines, { ...EMPTY_LINE }])}>
        Add a line
      </button>
    </fieldset>
  );
}

/**
 * The table's procedures by category; until it is loaded, or for a code it lacks (an older estimate's),
 * the line's own code, so the choice shown is always the line's.
 */
function ProcedureOptions({ procedures = [], selected }: { procedures?: Procedure[]; selected: string }) {
  const categories = [...new Set(procedures.map((procedure) => procedure.category))].sort();
  const known = procedures.some((procedure) => procedure.code === selected);
  return (
    <>
      {known ? null : <option value={selected}>{selected}</option>}
      {categories.map((category) => (
        <optgroup key={category} label={category.replace(/_/g, ' ')}>
          {procedures
            .filter((procedure) => procedure.category === category)
            .map((procedure) => (
              <option key={procedure.code} value={procedure.code}>
                {procedure.code} — {procedure.description}
              </option>
            ))}
        </optgroup>
      ))}
    </>
  );
}
