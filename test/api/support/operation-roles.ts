/** The roles of a token (API.md, Auth). */
export type Role = 'admin' | 'insurer' | 'clinic' | 'analyst' | 'patient';

export const ROLES: readonly Role[] = ['admin', 'insurer', 'clinic', 'analyst', 'patient'];

/**
 * Who may call each `/v1` operation of the OpenAPI document (`METHOD /path` → roles), written out by
 * hand from API.md so the tests check the gateway against the contract rather than against itself.
 * An operation missing here fails the suites that use it: a new endpoint must say who may call it.
 * `any`: every authenticated caller. (`/health` and `/metrics` are operations endpoints, not the API.)
 */
export const OPERATION_ROLES: Readonly<Record<string, readonly Role[] | 'any'>> = {
  'POST /v1/insurers': ['admin'],
  'POST /v1/plans': ['insurer'],
  'GET /v1/plans': ['insurer'],
  'GET /v1/plans/{id}': ['insurer'],
  'POST /v1/members': ['insurer'],
  'GET /v1/members': ['insurer'],
  'GET /v1/members/{id}': ['insurer', 'patient'],
  'PATCH /v1/members/{id}': ['insurer'],
  'GET /v1/members/{id}/eligibility': ['insurer', 'clinic', 'patient'],
  'POST /v1/quotes': ['insurer'],
  'POST /v1/claims': ['clinic', 'insurer'],
  'GET /v1/claims': ['clinic', 'insurer', 'patient', 'analyst'],
  'GET /v1/claims/summary': ['clinic', 'insurer'],
  'GET /v1/claims/{id}': ['clinic', 'insurer', 'patient', 'analyst'],
  'GET /v1/claims/{id}/timeline': ['clinic', 'insurer', 'patient', 'analyst'],
  'POST /v1/providers': ['admin'],
  'PUT /v1/fee-schedule': ['insurer'],
  'PUT /v1/network/{providerId}': ['insurer'],
  'POST /v1/estimates': ['clinic'],
  'GET /v1/estimates': ['clinic', 'insurer', 'patient'],
  'GET /v1/estimates/{id}': ['clinic', 'insurer', 'patient'],
  'GET /v1/fraud/flags': ['analyst'],
  'GET /v1/fraud/flags/{id}': ['analyst'],
  'POST /v1/fraud/flags/{id}/assign': ['analyst'],
  'POST /v1/fraud/flags/{id}/notes': ['analyst'],
  'POST /v1/fraud/flags/{id}/decision': ['analyst'],
  'POST /v1/fraud/exclusions': ['admin', 'insurer'],
  'GET /v1/ledger/contracts': 'any',
  'GET /v1/reference/procedures': 'any',
  'GET /v1/ledger/escrow': ['insurer'],
  'POST /v1/records/typed-data': ['clinic'],
  'POST /v1/records': ['clinic'],
  'GET /v1/records/{recordId}': ['clinic', 'insurer', 'patient'],
  'POST /v1/consents/typed-data': ['patient'],
  'POST /v1/consents': ['patient'],
  'GET /v1/consents': ['patient', 'insurer'],
  'POST /v1/consents/{id}/revoke/typed-data': ['patient'],
  'POST /v1/consents/{id}/revoke': ['patient'],
  'GET /v1/admin/dead-letters': ['admin'],
  'POST /v1/admin/dead-letters/replay': ['admin'],
  'GET /v1/admin/dead-letters/{id}': ['admin'],
  'POST /v1/admin/dead-letters/{id}/replay': ['admin'],
  // A patient first: the fuzz suite sends with the first role, and an insurer must also name a member.
  'GET /v1/audit': ['patient', 'insurer'],
};

export function rolesOf(operation: string): readonly Role[] {
  const roles = OPERATION_ROLES[operation];
  if (!roles) throw new Error(`${operation} is not in OPERATION_ROLES: say who may call it`);
  return roles === 'any' ? ROLES : roles;
}
