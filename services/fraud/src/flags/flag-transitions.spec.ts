import { assignVerdict, decisionVerdict, statusAfter } from './flag-transitions.js';

describe('what an analyst may do with a flag', () => {
  it('assigns an open flag, and changes nothing when the holder assigns it again', () => {
    expect(assignVerdict({ status: 'open' }, 'ana')).toEqual({ ok: true, changes: true });
    expect(assignVerdict({ status: 'assigned', assignee: 'ana' }, 'ana')).toEqual({ ok: true, changes: false });
  });

  it('refuses a flag another analyst holds, and any decided flag', () => {
    expect(assignVerdict({ status: 'assigned', assignee: 'bob' }, 'ana')).toMatchObject({ ok: false });
    expect(assignVerdict({ status: 'dismissed', assignee: 'ana' }, 'ana')).toMatchObject({ ok: false });
  });

  it('decides a flag once, by its holder or by whoever takes an open one', () => {
    expect(decisionVerdict({ status: 'open' }, 'ana')).toMatchObject({ ok: true });
    expect(decisionVerdict({ status: 'assigned', assignee: 'ana' }, 'ana')).toMatchObject({ ok: true });
    expect(decisionVerdict({ status: 'assigned', assignee: 'bob' }, 'ana')).toMatchObject({ ok: false });
    expect(decisionVerdict({ status: 'confirmed', assignee: 'ana' }, 'ana')).toEqual({
      ok: false,
      conflict: 'the flag is already confirmed',
    });
    expect([statusAfter('confirm'), statusAfter('dismiss')]).toEqual(['confirmed', 'dismissed']);
  });
});
