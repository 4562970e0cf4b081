import { InvalidTokenError, principalFromClaims } from './principal-claims.js';

describe('principalFromClaims', () => {
  it('accepts a clinic with its provider id as org', () => {
    expect(principalFromClaims({ sub: 'u1', role: 'clinic', org: 'P-1', exp: 1 })).toEqual({
      sub: 'u1',
      role: 'clinic',
      org: 'P-1',
    });
  });

  it('accepts a patient with a member id and an admin with neither org nor patient', () => {
    expect(principalFromClaims({ sub: 'u2', role: 'patient', patient: 'M-1' })).toEqual({
      sub: 'u2',
      role: 'patient',
      patient: 'M-1',
    });
    expect(principalFromClaims({ sub: 'root', role: 'admin' })).toEqual({ sub: 'root', role: 'admin' });
  });

  it.each(['insurer', 'analyst', 'clinic'])('refuses a %s without org', (role) => {
    expect(() => principalFromClaims({ sub: 'u', role })).toThrow(
      new InvalidTokenError(`claim "org" is required for role ${role}`),
    );
  });

  it('refuses a patient without a member id', () => {
    expect(() => principalFromClaims({ sub: 'u', role: 'patient' })).toThrow(/"patient" is required/);
  });

  it.each([
    [{ role: 'clinic', org: 'P-1' }, /"sub"/],
    [{ sub: '', role: 'clinic', org: 'P-1' }, /"sub"/],
    [{ sub: 'u', role: 'superuser' }, /"role"/],
    [{ sub: 'u', role: 'clinic', org: 7 }, /"org"/],
    [{ sub: 'u', role: 'patient', patient: '' }, /"patient"/],
  ])('refuses malformed claims %j', (claims, message) => {
    expect(() => principalFromClaims(claims)).toThrow(message);
  });
});
