import type { Principal } from '#libs/contracts';
import { auditEventView, decodeAuditCursor, encodeAuditCursor, hiddenResourcesFor } from './audit-views.js';
import type { AuditRow } from './audit-trail.js';

const aRow = (change: Partial<AuditRow> = {}): AuditRow => ({
  seq: '7',
  at: new Date('2026-03-15T09:30:01.123Z'),
  subject: 'analyst-3',
  role: 'analyst',
  org: 'I-1',
  action: 'read',
  resource: 'claim',
  resourceIds: ['c-1'],
  memberIds: ['M-1'],
  route: 'GET /v1/claims/:id',
  status: 200,
  requestId: 'req-1',
  ...change,
});
const insurer: Principal = { sub: 'ops', role: 'insurer', org: 'I-1' };
const patient: Principal = { sub: 'pat', role: 'patient', patient: 'M-1' };

describe('what a reader sees of an audit row', () => {
  it('shows an insurer who among its own staff read, but not another organisation’s people', () => {
    expect(auditEventView(aRow(), insurer).subject).toBe('analyst-3');
    expect(auditEventView(aRow({ role: 'clinic', org: 'P-1', subject: 'nurse-7' }), insurer).subject).toBeUndefined();
  });

  it('hides fraud flag rows from a patient, never from an insurer', () => {
    expect(hiddenResourcesFor(patient)).toEqual(['fraud-flag']);
    expect(hiddenResourcesFor(insurer)).toEqual([]);
  });

  it('shows a patient the role, organisation, route and time, never a person', () => {
    const view = auditEventView(aRow(), patient);
    expect(view).toEqual({
      seq: '7',
      at: '2026-03-15T09:30:01.123Z',
      role: 'analyst',
      org: 'I-1',
      action: 'read',
      resource: 'claim',
      resourceIds: ['c-1'],
      route: 'GET /v1/claims/:id',
      status: 200,
    });
  });
});

describe('the audit cursor', () => {
  it('reads back the seq it was made from and refuses anything else', () => {
    expect(decodeAuditCursor(encodeAuditCursor('1234'))).toBe(1234n);
    expect(decodeAuditCursor('bm9wZQ')).toBeNull();
    expect(decodeAuditCursor(Buffer.from('audit:0').toString('base64url'))).toBeNull();
  });
});
