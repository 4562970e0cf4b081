import { RpcPatterns, type ListProceduresResult, type ProcedureView } from '#libs/contracts';
import { shippedProcedures } from '#libs/reference-data';
import { admin, analyst, clinic, insurerA, patient } from './support/underwriting-builders.js';
import { UnderwritingTestBed } from './support/underwriting-test-bed.js';

/** The shipped table as the API shows it, in code order. */
const SHIPPED: ProcedureView[] = shippedProcedures()
  .map(({ code, category, description }) => ({ code, category, description }))
  .sort((a, b) => (a.code < b.code ? -1 : 1));

describe('the procedure reference table over request/reply', () => {
  let bed: UnderwritingTestBed;

  beforeAll(async () => {
    bed = await UnderwritingTestBed.open('uproc');
    // A code a loaded table could have, whose description holds LIKE's wildcards literally.
    await bed.dataSource.query(
      `INSERT INTO procedures (code, category, description, typical_minutes, mue_units_per_day)
       VALUES ('G0999', 'lab', 'Panel 100% of_markers', 10, 1)`,
    );
  });
  afterAll(async () => {
    await bed?.close();
  });

  const list = (payload: Record<string, unknown>, caller = clinic) =>
    bed.call<ListProceduresResult>(RpcPatterns.listProcedures, caller, { limit: 500, ...payload });

  it('lists the table the service decides coverage with, in code order, to every role', async () => {
    for (const caller of [clinic, insurerA, analyst, admin, patient('M-1')]) {
      const page = await list({}, caller);
      expect(page).toEqual({
        ok: true,
        value: {
          items: [...SHIPPED, { code: 'G0999', category: 'lab', description: 'Panel 100% of_markers' }].sort((a, b) =>
            a.code < b.code ? -1 : 1,
          ),
          nextCursor: null,
        },
      });
    }
  });

  it('pages through the whole table with the cursor, each code once', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const reply = await list({ limit: 10, ...(cursor ? { cursor } : {}) });
      if (!reply.ok) throw new Error(JSON.stringify(reply));
      expect(reply.value.items.length).toBeLessThanOrEqual(10);
      seen.push(...reply.value.items.map((item) => item.code));
      cursor = reply.value.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...SHIPPED.map((row) => row.code), 'G0999'].sort());
  });

  it('finds by the start of a code or a word of the description, case-insensitively, within a category', async () => {
    const codes = async (payload: Record<string, unknown>) => {
      const reply = await list(payload);
      if (!reply.ok) throw new Error(JSON.stringify(reply));
      return reply.value.items.map((item) => item.code);
    };
    expect(await codes({ q: '9921' })).toEqual(['99212', '99213', '99214', '99215']);
    expect(await codes({ q: 'COLONOSCOPY' })).toEqual(['45378', '45380']);
    expect(await codes({ category: 'mental_health' })).toEqual(['90834', '90837']);
    expect(await codes({ q: 'electrocardiogram', category: 'diagnostic' })).toEqual(['93000', '93005', '93010']);
    expect(await codes({ q: 'mri', category: 'lab' })).toEqual([]);
    expect(await codes({ category: 'no_such_category' })).toEqual([]);
    // `%` and `_` are searched for, not wildcards.
    expect(await codes({ q: '100%' })).toEqual(['G0999']);
    expect(await codes({ q: 'of_m' })).toEqual(['G0999']);
    expect(await codes({ q: '_' })).toEqual(['G0999']);
  });

  it('refuses a query it cannot read, naming the field', async () => {
    expect(await list({ cursor: 'not-a-cursor' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', errors: [{ field: 'cursor' }] },
    });
    expect(await list({ category: "lab' OR 1=1" })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', errors: [{ field: 'category' }] },
    });
    expect(await list({ q: 'x'.repeat(101) })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', errors: [{ field: 'q' }] },
    });
    expect(await list({ limit: 501 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
