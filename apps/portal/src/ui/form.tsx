import { cloneElement, useId, useState, type ReactElement, type ReactNode } from 'react';
import { ApiProblem, toApiProblem } from '../api/problem';
import { ErrorBanner } from './error-banner';

/**
 * A form's submission and its problem: `submit(async () => …)` runs the call, and a problem+json answer
 * is kept so that each <Field name="…"> shows the messages the API gave for that field (its `errors[]`),
 * and the rest shows above the form.
 */
export function useApiForm() {
  const [problem, setProblem] = useState<ApiProblem | undefined>();
  const [pending, setPending] = useState(false);
  return {
    problem,
    pending,
    fieldErrors: (field: string) => problem?.fieldErrors(field) ?? [],
    /** Runs `action`; true when it succeeded. */
    submit: async (action: () => Promise<unknown>): Promise<boolean> => {
      setPending(true);
      setProblem(undefined);
      try {
        await action();
        return true;
      } catch (error) {
        setProblem(toApiProblem(error));
        return false;
      } finally {
        setPending(false);
      }
    },
  };
}

export type ApiForm = ReturnType<typeof useApiForm>;

/** The problem's summary ("1 field is invalid", or a conflict…), once, above the fields. */
export function FormProblem({ form, what }: { form: ApiForm; what: string }) {
  return form.problem ? <ErrorBanner error={form.problem} what={what} /> : null;
}

/** A labelled input with the API's messages for `name` under it, tied to it for assistive technology. */
export function Field({
  form,
  name,
  label,
  hint,
  children,
}: {
  form: ApiForm;
  name: string;
  label: string;
  hint?: ReactNode;
  children: ReactElement<Record<string, unknown>>;
}) {
  const id = useId();
  const errors = form.fieldErrors(name);
  const described = [hint ? `${id}-hint` : '', errors.length ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={`field${errors.length ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {cloneElement(children, {
        id,
        name,
        'aria-invalid': errors.length ? true : undefined,
        'aria-describedby': described || undefined,
      })}
      {errors.length ? (
        <p className="field-error" id={`${id}-error`}>
          {errors.join('; ')}
        </p>
      ) : null}
    </div>
  );
}
