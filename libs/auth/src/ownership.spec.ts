import type { Principal } from '#libs/contracts';
import { claimScope, maySubmitFor, ownsClaim } from './ownership.js';

const claim = { memberId: 'M-1', providerId: 'P-1', insurerId: 'I-1' };
const as = (role: Principal['role'], extra: Partial<Principal> = {}): Principal => ({ sub: 'u', role, ...extra });

describe('claim ownership', () => {
  it('lets the member, the submitting clinic, the insurer and its analysts see the claim', () => {
    expect(ownsClaim(as('patient', { patient: 'M-1' }), claim)).toBe(true);
    expect(ownsClaim(as('clinic', { org: 'P-1' }), claim)).toBe(true);
    expect(ownsClaim(as('insurer', { org: 'I-1' }), claim)).toBe(true);
    expect(ownsClaim(as('analyst', { org: 'I-1' }), claim)).toBe(true);
  });

  it('hides the claim from other members, clinics, insurers and from admins', () => {
    expect(ownsClaim(as('patient', { patient: 'M-2' }), claim)).toBe(false);
    expect(ownsClaim(as('clinic', { org: 'P-2' }), claim)).toBe(false);
    expect(ownsClaim(as('insurer', { org: 'I-2' }), claim)).toBe(false);
    expect(ownsClaim(as('analyst', { org: 'I-2' }), claim)).toBe(false);
    expect(ownsClaim(as('admin'), claim)).toBe(false);
  });

  it('hides a claim whose insurer is not known yet from every insurer', () => {
    expect(ownsClaim(as('insurer', { org: 'I-1' }), { ...claim, insurerId: null })).toBe(false);
  });

  it('scopes lists to the caller', () => {
    expect(claimScope(as('insurer', { org: 'I-1' }))).toEqual({ insurerId: 'I-1' });
    expect(claimScope(as('analyst', { org: 'I-1' }))).toEqual({ insurerId: 'I-1' });
    expect(claimScope(as('clinic', { org: 'P-1' }))).toEqual({ providerId: 'P-1' });
    expect(claimScope(as('patient', { patient: 'M-1' }))).toEqual({ memberId: 'M-1' });
    expect(claimScope(as('admin'))).toBeNull();
  });

  it('lets a clinic submit only as itself', () => {
    expect(maySubmitFor(as('clinic', { org: 'P-1' }), 'P-1')).toBe(true);
    expect(maySubmitFor(as('clinic', { org: 'P-1' }), 'P-2')).toBe(false);
    expect(maySubmitFor(as('insurer', { org: 'I-1' }), 'P-2')).toBe(true);
    expect(maySubmitFor(as('patient', { patient: 'M-1' }), 'P-1')).toBe(false);
  });
});
