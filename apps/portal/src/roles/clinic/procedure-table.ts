import { useEffect, useSyncExternalStore } from 'react';
import { api, data } from '../../api/client';
import type { components } from '../../api/generated/schema';

/** A row of the platform's procedure reference table (GET /v1/reference/procedures). */
export type Procedure = components['schemas']['ProcedureResponse'];

/** The API's largest page: the shipped table is one page, a loaded official one a few. */
const PAGE_SIZE = 500;

let table: Procedure[] | undefined;
let loading: Promise<Procedure[]> | undefined;
const listeners = new Set<() => void>();

/**
 * The whole procedure table, read once per page load (the table changes only when an operator loads one,
 * and the browser revalidates it by its ETag anyway); a failure is not kept, so the next caller tries again.
 * The API still decides: a code it does not know is refused or priced as not covered, whatever this says.
 */
export function loadProcedures(): Promise<Procedure[]> {
  loading ??= readAllPages().then(
    (rows) => {
      table = rows;
      listeners.forEach((listener) => listener());
      return rows;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

async function readAllPages(): Promise<Procedure[]> {
  const rows: Procedure[] = [];
  let cursor: string | undefined;
  do {
    const page = await data(
      api.GET('/v1/reference/procedures', { params: { query: { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } } }),
    );
    rows.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rows;
}

/** The table once loaded (undefined until then), loading it if nobody has yet. */
export function useProcedureTable(): Procedure[] | undefined {
  const loaded = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => table,
  );
  useEffect(() => {
    // A label falls back to the bare code; the form shows the failure.
    loadProcedures().catch(() => undefined);
  }, []);
  return loaded;
}

/**
 * A procedure code with its description from the reference table, once it is loaded and has the code (the
 * bare code until then): the component re-renders when the table arrives.
 */
export function useProcedureLabel(): (code: string) => string {
  const table = useProcedureTable();
  return (code) => {
    const description = table?.find((procedure) => procedure.code === code)?.description;
    return description ? `${code} — ${description}` : code;
  };
}
