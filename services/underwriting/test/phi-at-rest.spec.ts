import { RpcPatterns, type MemberView, type PlanView } from '#libs/contracts';
import { PhiReencryption } from '#libs/phi';
import { admin, aMember, anInsurer, aPlan, insurerA } from './support/underwriting-builders.js';
import { UnderwritingTestBed } from './support/underwriting-test-bed.js';

const SEALED = /^phi1:dk[0-9a-f]{12}:[A-Za-z0-9_-]+$/;

interface StoredMember {
  name: string;
  birth_date: string;
  date_of_death: string | null;
}

describe("members' personal data at rest, read straight from the database", () => {
  let bed: UnderwritingTestBed;
  let plan: PlanView;

  beforeAll(async () => {
    bed = await UnderwritingTestBed.open('uphi', { PHI_REENCRYPT_INTERVAL_SECONDS: '0' });
    await bed.must(RpcPatterns.createInsurer, admin, anInsurer('INS-A'));
    plan = await bed.must<PlanView>(RpcPatterns.createPlan, insurerA, aPlan());
  });
  afterAll(async () => {
    await bed?.close();
  });

  const stored = async (id: string): Promise<StoredMember> =>
    (await bed.dataSource.query(`SELECT name, birth_date, date_of_death FROM members WHERE id = $1`, [id]))[0];
  /** A PATCH that changes nothing answers the member as stored, opened by the service. */
  const readBack = (id: string) => bed.must<MemberView>(RpcPatterns.updateMember, insurerA, { id, status: 'active' });

  it('holds no plaintext name, birth date or date of death, and the service reads them back', async () => {
    const member = aMember(plan.id, { name: 'Mary Seacole', birthDate: '1985-11-23' });
    await bed.must(RpcPatterns.createMember, insurerA, member);
    await bed.must(RpcPatterns.updateMember, insurerA, { id: member.id, dateOfDeath: '2026-02-01' });

    const row = await stored(member.id);
    for (const value of [row.name, row.birth_date, row.date_of_death]) expect(value).toMatch(SEALED);
    const raw = JSON.stringify(row);
    for (const plaintext of ['Mary', 'Seacole', '1985-11-23', '1985', '2026-02-01']) {
      expect(raw).not.toContain(plaintext);
    }
    expect(await readBack(member.id)).toMatchObject({
      name: 'Mary Seacole',
      birthDate: '1985-11-23',
      dateOfDeath: '2026-02-01',
    });
  });

  it('keeps the name and birth date out of every table: members, outbox, everything', async () => {
    const member = aMember(plan.id, { name: 'Florence Nightingale', birthDate: '1970-05-12' });
    await bed.must(RpcPatterns.createMember, insurerA, member);
    const tables: { table_name: string }[] = await bed.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    for (const { table_name: table } of tables) {
      const [{ hits }] = await bed.dataSource.query(
        `SELECT count(*)::int AS hits FROM "${table}" t WHERE t::text LIKE '%Nightingale%' OR t::text LIKE '%1970-05-12%'`,
      );
      expect({ table, hits }).toEqual({ table, hits: 0 });
    }
  });

  it('seals a member written in plaintext before encryption in one background pass, and still reads it', async () => {
    const member = aMember(plan.id);
    await bed.dataSource.query(
      `INSERT INTO members (id, insurer_id, plan_id, name, birth_date, coverage_start, address, date_of_death, status,
                           version, created_at, updated_at)
       VALUES ($1, 'INS-A', $2, 'Edith Cavell', '1965-12-04', '2026-01-01', $3, '2026-03-05', 'active', 1, now(), now())`,
      [member.id, plan.id, member.address],
    );
    // Read as it is before the pass: nothing breaks while a deployment is half way through.
    expect(await readBack(member.id)).toMatchObject({ name: 'Edith Cavell', birthDate: '1965-12-04' });

    const counts = await bed.app.get(PhiReencryption).runOnce();
    expect(counts).toEqual({
      'outbox.envelope': 0,
      'members.name': 1,
      'members.birth_date': 1,
      'members.date_of_death': 1,
    });
    const row = await stored(member.id);
    for (const value of [row.name, row.birth_date, row.date_of_death]) expect(value).toMatch(SEALED);
    expect(JSON.stringify(row)).not.toMatch(/Edith|Cavell|1965-12-04|2026-03-05/);
    expect(await readBack(member.id)).toMatchObject({
      name: 'Edith Cavell',
      birthDate: '1965-12-04',
      dateOfDeath: '2026-03-05',
    });
    expect(await bed.app.get(PhiReencryption).runOnce()).toEqual({
      'outbox.envelope': 0,
      'members.name': 0,
      'members.birth_date': 0,
      'members.date_of_death': 0,
    });
  });
});
