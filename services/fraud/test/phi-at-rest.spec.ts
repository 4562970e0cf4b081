import { RpcPatterns, Subjects, type FlagDetail, type ListFlagsResult } from '#libs/contracts';
import { PhiCipher, PhiReencryption } from '#libs/phi';
import { fillRuleCodes } from '../src/flags/rule-codes-backfill.js';
import { aClaim, aMemberSnapshot, analystOf } from './support/fraud-builders.js';
import { FraudTestBed, screenedBy } from './support/fraud-test-bed.js';

const SEALED = /^phi1:dk[0-9a-f]{12}:[A-Za-z0-9_-]+$/;
const NO_PASS = { 'outbox.envelope': 0, 'members.date_of_death': 0, 'flags.rules': 0, 'flag_actions.note': 0 };

describe("fraud's personal data at rest, read straight from the database", () => {
  let bed: FraudTestBed;
  const analyst = analystOf('INS-A', 'ada');

  beforeAll(async () => {
    bed = await FraudTestBed.open('fphi', { PHI_REENCRYPT_INTERVAL_SECONDS: '0' });
  });
  afterAll(async () => {
    await bed?.close();
  });

  /** A member who died on 2026-02-20 and a claim of theirs after it: flagged SERVICE_AFTER_DEATH. */
  async function aDeceasedMembersFlag(memberId: string): Promise<string> {
    await bed.publish(Subjects.memberRegistered, aMemberSnapshot(memberId, { dateOfDeath: '2026-02-20' }));
    await bed.consumed(Subjects.memberRegistered);
    const result = await screenedBy(bed, aClaim(memberId).on('2026-03-02').withLine('99213').build());
    if (!result.flagId) throw new Error('the claim was not flagged');
    return result.flagId;
  }
  const detail = (flagId: string) => bed.must<FlagDetail>(RpcPatterns.getFlag, analyst, { id: flagId });

  it('holds no plaintext date of death, rule evidence or note, and the service reads them back', async () => {
    const flagId = await aDeceasedMembersFlag('M-PHI-1');
    await bed.must(RpcPatterns.addFlagNote, analyst, { id: flagId, note: 'patient Jane Roe, seen at home' });

    const [member] = await bed.dataSource.query(`SELECT date_of_death FROM members WHERE member_id = 'M-PHI-1'`);
    expect(member.date_of_death).toMatch(SEALED);
    const [flag] = await bed.dataSource.query(
      `SELECT rules #>> '{}' AS rules, rules::text AS raw FROM flags WHERE id = $1`,
      [flagId],
    );
    expect(flag.rules).toMatch(SEALED);
    const notes: { note: string }[] = await bed.dataSource.query(
      `SELECT note FROM flag_actions WHERE flag_id = $1 AND note IS NOT NULL`,
      [flagId],
    );
    expect(notes).toHaveLength(1);
    expect(notes[0].note).toMatch(SEALED);
    const raw = JSON.stringify([member, flag, notes]);
    for (const plaintext of ['2026-02-20', 'SERVICE_AFTER_DEATH', 'date of death', 'Jane', 'Roe']) {
      expect(raw).not.toContain(plaintext);
    }

    const read = await detail(flagId);
    expect(read.rules).toEqual([
      expect.objectContaining({ code: 'SERVICE_AFTER_DEATH', explanation: expect.stringContaining('2026-02-20') }),
    ]);
    expect(read.history.at(-1)).toMatchObject({ action: 'noted', note: 'patient Jane Roe, seen at home' });
    const listed = await bed.must<ListFlagsResult>(RpcPatterns.listFlags, analyst, { limit: 50 });
    expect(listed.items.find((item) => item.id === flagId)?.rules).toEqual(read.rules);
  });

  it('seals rows written in plaintext before encryption in one background pass, and still reads them', async () => {
    const flagId = await aDeceasedMembersFlag('M-PHI-2');
    await bed.must(RpcPatterns.addFlagNote, analyst, { id: flagId, note: 'sealed at once' });
    const rules = [
      { code: 'SERVICE_AFTER_DEATH', points: 100, explanation: 'service on 2026-03-02, member died 2026-01-15' },
    ];
    // As rows stood before encryption: a date, a jsonb array and a note, all in the clear.
    await bed.dataSource.query(`UPDATE members SET date_of_death = '2026-01-15' WHERE member_id = 'M-PHI-2'`);
    await bed.dataSource.query(`UPDATE flags SET rules = $2::jsonb WHERE id = $1`, [flagId, JSON.stringify(rules)]);
    await bed.dataSource.query(
      `INSERT INTO flag_actions (flag_id, actor, action, note) VALUES ($1, 'bob', 'noted', 'legacy note on Richard Roe')`,
      [flagId],
    );

    expect(await bed.app.get(PhiReencryption).runOnce()).toEqual({
      'outbox.envelope': 0,
      'members.date_of_death': 1,
      'flags.rules': 1,
      'flag_actions.note': 1,
    });
    const [member] = await bed.dataSource.query(`SELECT date_of_death FROM members WHERE member_id = 'M-PHI-2'`);
    expect(member.date_of_death).toMatch(SEALED);
    const [flag] = await bed.dataSource.query(`SELECT rules #>> '{}' AS rules FROM flags WHERE id = $1`, [flagId]);
    expect(flag.rules).toMatch(SEALED);
    const notes: { note: string }[] = await bed.dataSource.query(
      `SELECT note FROM flag_actions WHERE flag_id = $1 AND note IS NOT NULL ORDER BY id`,
      [flagId],
    );
    for (const { note } of notes) expect(note).toMatch(SEALED);
    expect(JSON.stringify([member, flag, notes])).not.toMatch(/2026-01-15|Richard|SERVICE_AFTER/);

    const read = await detail(flagId);
    expect(read.rules).toEqual(rules);
    expect(read.history.filter((entry) => entry.action === 'noted').map((entry) => entry.note)).toEqual([
      'sealed at once',
      'legacy note on Richard Roe',
    ]);
    // The opened date of death still drives SERVICE_AFTER_DEATH for the member's next claim.
    const next = await screenedBy(bed, aClaim('M-PHI-2').on('2026-01-20').withLine('99214').build());
    expect((await detail(next.flagId!)).rules).toEqual([
      expect.objectContaining({ code: 'SERVICE_AFTER_DEATH', explanation: expect.stringContaining('2026-01-15') }),
    ]);
    expect(await bed.app.get(PhiReencryption).runOnce()).toEqual(NO_PASS);
  });

  it('keeps the rule codes of a sealed flag in the clear for the queue filter, and fills those stored before from the sealed rules', async () => {
    const flagId = await aDeceasedMembersFlag('M-PHI-CODES');
    const codesOf = async () =>
      (await bed.dataSource.query(`SELECT rule_codes FROM flags WHERE id = $1`, [flagId]))[0].rule_codes;
    expect(await codesOf()).toEqual(['SERVICE_AFTER_DEATH']);
    const filtered = () =>
      bed.must<ListFlagsResult>(RpcPatterns.listFlags, analyst, { limit: 500, rule: 'SERVICE_AFTER_DEATH' });

    // As a flag stored before the codes were kept: sealed rules, no codes. The service fills them at start.
    await bed.dataSource.query(`UPDATE flags SET rule_codes = NULL WHERE id = $1`, [flagId]);
    expect((await filtered()).items.map((flag) => flag.id)).not.toContain(flagId);
    const unreadable: string[] = [];
    const filled = await fillRuleCodes(bed.dataSource, bed.app.get(PhiCipher), (id) => unreadable.push(id));
    expect([filled, unreadable]).toEqual([1, []]);
    expect(await codesOf()).toEqual(['SERVICE_AFTER_DEATH']);
    expect((await filtered()).items.map((flag) => flag.id)).toContain(flagId);
  });
});
