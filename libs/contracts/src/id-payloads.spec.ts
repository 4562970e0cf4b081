import {
  getClaimPayload,
  getEstimatePayload,
  getRecordPayload,
  listConsentsPayload,
  prepareRevokePayload,
  submitConsentPayload,
  submitRecordPayload,
  submitRevokePayload,
} from './index.js';

const issuesOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.success ? [] : (result.error?.issues ?? []).map(({ path, message }) => ({ path, message }));

describe('id-only payloads', () => {
  it('take any string id: one of another form names nothing (not found), it is not invalid', () => {
    expect(getClaimPayload.parse({ id: 'not-a-uuid' })).toEqual({ id: 'not-a-uuid' });
    expect(getEstimatePayload.parse({ id: 'E-1' })).toEqual({ id: 'E-1' });
    expect(prepareRevokePayload.parse({ id: 'x' })).toEqual({ id: 'x' });
    expect(getRecordPayload.parse({ recordId: 'REC-1', extra: true })).toEqual({ recordId: 'REC-1' });
  });

  it('refuse a missing or non-string id', () => {
    expect(getClaimPayload.safeParse({}).success).toBe(false);
    expect(getRecordPayload.safeParse({ recordId: 7 }).success).toBe(false);
  });
});

describe('list consents payload', () => {
  it('takes a page size of 1 to 500 and an optional cursor', () => {
    expect(listConsentsPayload.parse({ limit: 50 })).toEqual({ limit: 50 });
    expect(listConsentsPayload.parse({ limit: 500, cursor: 'abc' })).toEqual({ limit: 500, cursor: 'abc' });
    expect(listConsentsPayload.safeParse({ limit: 501 }).success).toBe(false);
    expect(listConsentsPayload.safeParse({ limit: 0 }).success).toBe(false);
  });
});

describe('signed submissions', () => {
  const record = { recordId: 'REC-1', memberId: 'M-1', sha256: 'ab'.repeat(32) };
  const consent = { insurerId: 'I-ACME', scope: 'claims', expiresAt: '2027-12-31T23:59:59Z' };
  const signed = { message: { nonce: 0 }, signature: `0x${'1'.repeat(130)}` };

  it('carry the prepared request, the message as signed (any shape) and the signature', () => {
    expect(submitRecordPayload.parse({ ...record, ...signed })).toEqual({ ...record, ...signed });
    expect(submitConsentPayload.parse({ ...consent, ...signed })).toEqual({ ...consent, ...signed });
    expect(submitRevokePayload.parse({ id: 'c-1', ...signed })).toEqual({ id: 'c-1', ...signed });
  });

  it('refuse a signature that is not text, by name', () => {
    expect(issuesOf(submitRevokePayload.safeParse({ id: 'c-1', message: {}, signature: 42 }))).toEqual([
      { path: ['signature'], message: 'must be a hex string' },
    ]);
  });

  it('check the prepared part as prepare does', () => {
    expect(submitRecordPayload.safeParse({ ...record, sha256: 'AB', ...signed }).success).toBe(false);
    expect(submitConsentPayload.safeParse({ ...consent, scope: 'records', ...signed }).success).toBe(false);
  });
});
