import { auditedIds } from './audited-ids.js';

const request = (params: Record<string, string> = {}, query: Record<string, string> = {}) => ({ params, query });

describe('the ids an audit row names', () => {
  it('takes a claim’s id and member from the reply', () => {
    const reply = { id: 'c-1', memberId: 'M-1', diagnosisCodes: ['E11.9'] };
    expect(auditedIds({ resource: 'claim' }, request({ id: 'c-1' }), reply)).toEqual({
      resourceIds: ['c-1'],
      memberIds: ['M-1'],
    });
  });

  it('takes every item of a page, each member once', () => {
    const reply = {
      items: [
        { id: 'c-1', memberId: 'M-1' },
        { id: 'c-2', memberId: 'M-1' },
      ],
      nextCursor: null,
    };
    expect(auditedIds({ resource: 'claim' }, request(), reply)).toEqual({
      resourceIds: ['c-1', 'c-2'],
      memberIds: ['M-1'],
    });
  });

  it('names what a refused request asked for from its path', () => {
    expect(auditedIds({ resource: 'claim' }, request({ id: 'c-9' }))).toEqual({ resourceIds: ['c-9'], memberIds: [] });
    expect(auditedIds({ resource: 'member', memberParam: 'id' }, request({ id: 'M-7' }))).toEqual({
      resourceIds: ['M-7'],
      memberIds: ['M-7'],
    });
  });

  it('keeps to the path where a reply’s items are not the resource', () => {
    const reply = { items: [{ id: 'entry-1', status: 'received' }] };
    expect(auditedIds({ resource: 'claim', idsFrom: 'param' }, request({ id: 'c-1' }), reply)).toEqual({
      resourceIds: ['c-1'],
      memberIds: [],
    });
  });

  it('finds a flag’s member through its claim, and a member id in the query', () => {
    const flag = { id: 'f-1', claim: { id: 'c-1', memberId: 'M-3' } };
    expect(auditedIds({ resource: 'fraud-flag' }, request({ id: 'f-1' }), flag).memberIds).toEqual(['M-3']);
    const audit = auditedIds({ resource: 'audit', memberParam: 'memberId' }, request({}, { memberId: 'M-4' }), {
      items: [],
    });
    expect(audit.memberIds).toEqual(['M-4']);
  });

  it('counts a member’s own id as whose data it is', () => {
    const member = { id: 'M-5', name: 'Ann Example' };
    expect(auditedIds({ resource: 'member' }, request(), member)).toEqual({ resourceIds: ['M-5'], memberIds: ['M-5'] });
  });

  it('names the member a write is about, from its body', () => {
    const attempt = { params: {}, query: {}, body: { memberId: 'M-8', recordId: 'r-2', sha256: 'ab' } };
    expect(auditedIds({ resource: 'record', idsFrom: 'param', idField: 'recordId' }, attempt)).toEqual({
      resourceIds: ['r-2'],
      memberIds: ['M-8'],
    });
  });

  it('reads a record’s id from its own field, and the member it is about', () => {
    const reply = { recordId: 'r-1', memberId: 'M-2', status: 'anchored' };
    expect(auditedIds({ resource: 'record', idField: 'recordId', idParam: 'recordId' }, request(), reply)).toEqual({
      resourceIds: ['r-1'],
      memberIds: ['M-2'],
    });
  });

  it('names a timeline’s member from the reply while its resource stays the claim of the path', () => {
    const reply = { memberId: 'M-6', items: [{ at: '2026-03-14T10:00:00.000Z', status: 'received', actor: 'system' }] };
    expect(auditedIds({ resource: 'claim', idsFrom: 'param' }, request({ id: 'c-1' }), reply)).toEqual({
      resourceIds: ['c-1'],
      memberIds: ['M-6'],
    });
  });

  it('names every member of a page of flags, and the member of a flag’s note', () => {
    const page = {
      items: [
        { id: 'f-1', claimId: 'c-1', memberId: 'M-1' },
        { id: 'f-2', claimId: 'c-2', memberId: 'M-2' },
        { id: 'f-3', claimId: 'c-3', memberId: 'M-1' },
      ],
      nextCursor: null,
    };
    expect(auditedIds({ resource: 'fraud-flag' }, request(), page)).toEqual({
      resourceIds: ['f-1', 'f-2', 'f-3'],
      memberIds: ['M-1', 'M-2'],
    });
    const note = { flagId: 'f-1', memberId: 'M-1', at: '2026-03-14T10:00:00.000Z', actor: 'ada', note: 'called' };
    expect(auditedIds({ resource: 'fraud-flag', idField: 'flagId' }, request({ id: 'f-1' }), note)).toEqual({
      resourceIds: ['f-1'],
      memberIds: ['M-1'],
    });
  });
});
