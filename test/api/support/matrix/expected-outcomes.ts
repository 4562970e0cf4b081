import { aPlanRequest } from '#libs/testing';
import { aClaim } from '../http.js';
import { addressOf, aMember } from '../set-up-builders.js';
import type { Principal } from './principals.js';
import { anEstimate, FEE_SCHEDULE, type MatrixResources } from './matrix-seed.js';

/**
 * What a principal whose role may call an operation gets: `ok` a 2xx; `through` past authentication and
 * ownership, whatever the body earns (2xx, 400, 409, 422: a signature that is not one, say); 404 the
 * answer to a missing resource, identical for another tenant's; `as-missing` for a resource named in the
 * body: the very answer (status, type, detail, errors) the same request gets naming one that does not exist.
 */
export type Outcome = 'ok' | 'through' | 404 | 'as-missing';

export interface MatrixRow {
  path: (ids: MatrixResources) => string;
  body?: (caller: Principal, n: number) => unknown;
  /** For a 404: the same operation on a resource that exists nowhere, whose 404 it must equal. */
  missingPath?: string;
  /** For `as-missing`: the same request naming a resource that exists nowhere. */
  missing?: (caller: Principal, n: number) => unknown;
  /** The outcome for the resource's owners (INS-1's side); everyone else allowed gets `others`. */
  owners: readonly Principal[] | 'everyone';
  owned?: Outcome;
  others?: Outcome;
  /** For lists: the resource's id is listed to its owners only. */
  lists?: keyof MatrixResources;
}

/** The clinic a caller is (a clinic submits only as itself). */
const providerOf = (caller: Principal) => (caller === 'otherClinic' ? 'P-9' : 'P-1');
const MISSING_UUID = '0b7e8f9a-1c2d-4e3f-8a9b-0c1d2e3f4a5b';
const ins1 = ['insurer', 'analyst'] as const;
const signed = { message: { recordId: 'REC-X' }, signature: `0x${'ab'.repeat(65)}` };
const planned = () => new Date(Date.now() + 86_400_000 * 30).toISOString();

/**
 * The expected outcome of every operation for INS-1's resources (written out, not derived from the
 * gateway): their owners read and change them, another tenant gets the 404 a missing one gets. Roles
 * come from OPERATION_ROLES (403 for the others); no token or an expired one is a 401 everywhere.
 */
export const MATRIX: Readonly<Record<string, MatrixRow>> = {
  'POST /v1/insurers': {
    path: () => '/v1/insurers',
    body: (_c, n) => ({ id: `INS-M${n}`, name: 'M', address: addressOf(7000 + n) }),
    owners: 'everyone',
  },
  'POST /v1/plans': {
    path: () => '/v1/plans',
    body: (_c, n) => aPlanRequest({ id: `PLAN-M${n}`, name: 'M' }),
    owners: 'everyone',
  },
  'GET /v1/plans': { path: () => '/v1/plans', owners: 'everyone', lists: 'planId' },
  'GET /v1/plans/{id}': {
    path: (ids) => `/v1/plans/${ids.planId}`,
    missingPath: '/v1/plans/PLAN-NONE',
    owners: ['insurer'],
    others: 404,
  },
  'GET /v1/members': { path: () => '/v1/members', owners: 'everyone', lists: 'memberId' },
  'GET /v1/members/{id}': {
    path: (ids) => `/v1/members/${ids.memberId}`,
    missingPath: '/v1/members/M-NONE',
    owners: ['insurer', 'patient'],
    others: 404,
  },
  'POST /v1/members': {
    path: () => '/v1/members',
    body: (_c, n) => aMember(`M-M${n}`, 'PLAN-1', { address: addressOf(8000 + n) }),
    missing: (_c, n) => aMember(`M-M${n}`, 'PLAN-NONE', { address: addressOf(8000 + n) }),
    owners: ['insurer'],
    others: 'as-missing',
  },
  'PATCH /v1/members/{id}': {
    path: () => '/v1/members/M-1',
    missingPath: '/v1/members/M-NONE',
    body: () => ({ status: 'active' }),
    owners: ['insurer'],
    others: 404,
  },
  'GET /v1/members/{id}/eligibility': {
    path: () => '/v1/members/M-1/eligibility',
    missingPath: '/v1/members/M-NONE/eligibility',
    owners: ['insurer', 'clinic', 'otherClinic', 'patient'],
    others: 404,
  },
  'POST /v1/quotes': {
    path: () => '/v1/quotes',
    body: () => ({ planId: 'PLAN-1', applicant: { birthDate: '1980-05-17', smoker: false, chronicConditions: [] } }),
    missing: () => ({
      planId: 'PLAN-NONE',
      applicant: { birthDate: '1980-05-17', smoker: false, chronicConditions: [] },
    }),
    owners: ['insurer'],
    others: 'as-missing',
  },
  // Any clinic may submit for any member it treated, as itself; another insurer gets what an unknown member gets.
  'POST /v1/claims': {
    path: () => '/v1/claims',
    body: (caller) => aClaim({ memberId: 'M-1', providerId: providerOf(caller) }),
    missing: (caller) => aClaim({ memberId: 'M-NONE', providerId: providerOf(caller) }),
    owners: ['clinic', 'otherClinic', 'insurer'],
    others: 'as-missing',
  },
  'GET /v1/claims': { path: () => '/v1/claims', owners: 'everyone', lists: 'claimId' },
  'GET /v1/claims/summary': { path: () => '/v1/claims/summary', owners: 'everyone' },
  'GET /v1/claims/{id}': {
    path: (ids) => `/v1/claims/${ids.claimId}`,
    missingPath: `/v1/claims/${MISSING_UUID}`,
    owners: ['clinic', 'patient', ...ins1],
    others: 404,
  },
  'GET /v1/claims/{id}/timeline': {
    path: (ids) => `/v1/claims/${ids.claimId}/timeline`,
    missingPath: `/v1/claims/${MISSING_UUID}/timeline`,
    owners: ['clinic', 'patient', ...ins1],
    others: 404,
  },
  'POST /v1/providers': {
    path: () => '/v1/providers',
    body: (_c, n) => ({ id: `P-M${n}`, name: 'M', address: addressOf(9500 + n) }),
    owners: 'everyone',
  },
  'PUT /v1/fee-schedule': { path: () => '/v1/fee-schedule', body: () => FEE_SCHEDULE, owners: 'everyone' },
  'PUT /v1/network/{providerId}': { path: () => '/v1/network/P-2', body: () => ({ status: 'in' }), owners: 'everyone' },
  'POST /v1/estimates': {
    path: () => '/v1/estimates',
    body: (caller) => anEstimate({ providerId: providerOf(caller) }),
    // Any clinic estimates for the patients it sees, as it checks their eligibility.
    owners: ['clinic', 'otherClinic'],
  },
  'GET /v1/estimates': { path: () => '/v1/estimates', owners: 'everyone', lists: 'estimateId' },
  'GET /v1/estimates/{id}': {
    path: (ids) => `/v1/estimates/${ids.estimateId}`,
    missingPath: `/v1/estimates/${MISSING_UUID}`,
    owners: ['clinic', 'insurer', 'patient'],
    others: 404,
  },
  'GET /v1/fraud/flags': { path: () => '/v1/fraud/flags', owners: 'everyone' },
  'GET /v1/fraud/flags/{id}': { path: () => `/v1/fraud/flags/${MISSING_UUID}`, owners: [], others: 404 },
  'POST /v1/fraud/flags/{id}/assign': { path: () => `/v1/fraud/flags/${MISSING_UUID}/assign`, owners: [], others: 404 },
  'POST /v1/fraud/flags/{id}/notes': {
    path: () => `/v1/fraud/flags/${MISSING_UUID}/notes`,
    body: () => ({ note: 'n' }),
    owners: [],
    others: 404,
  },
  'POST /v1/fraud/flags/{id}/decision': {
    path: () => `/v1/fraud/flags/${MISSING_UUID}/decision`,
    body: () => ({ decision: 'dismiss', note: 'n' }),
    owners: [],
    others: 404,
  },
  'POST /v1/fraud/exclusions': {
    path: () => '/v1/fraud/exclusions',
    body: () => ({ providerId: 'P-2', from: '2099-01-01', reason: 'matrix' }),
    owners: 'everyone',
    owned: 'through',
  },
  'GET /v1/ledger/contracts': { path: () => '/v1/ledger/contracts', owners: 'everyone' },
  'GET /v1/reference/procedures': { path: () => '/v1/reference/procedures', owners: 'everyone' },
  'GET /v1/ledger/escrow': { path: () => '/v1/ledger/escrow', owners: 'everyone' },
  'POST /v1/records/typed-data': {
    path: () => '/v1/records/typed-data',
    body: () => ({ recordId: 'REC-M', memberId: 'M-1', sha256: 'a'.repeat(64) }),
    // Any clinic anchors records of the patients it treats, as any clinic checks their eligibility.
    owners: ['clinic', 'otherClinic'],
  },
  'POST /v1/records': {
    path: () => '/v1/records',
    body: () => ({ ...signed, recordId: 'REC-M', memberId: 'M-1', sha256: 'a'.repeat(64) }),
    owners: 'everyone',
    owned: 'through',
  },
  'GET /v1/records/{recordId}': { path: () => '/v1/records/REC-MISSING', owners: [], others: 404 },
  'POST /v1/consents/typed-data': {
    path: () => '/v1/consents/typed-data',
    body: () => ({ insurerId: 'INS-1', scope: 'claims', expiresAt: planned() }),
    owners: 'everyone',
  },
  'POST /v1/consents': {
    path: () => '/v1/consents',
    body: () => ({ ...signed, insurerId: 'INS-1', scope: 'claims', expiresAt: planned() }),
    owners: 'everyone',
    owned: 'through',
  },
  'GET /v1/consents': { path: () => '/v1/consents', owners: 'everyone' },
  'POST /v1/consents/{id}/revoke/typed-data': {
    path: () => `/v1/consents/${MISSING_UUID}/revoke/typed-data`,
    owners: [],
    others: 404,
  },
  'POST /v1/consents/{id}/revoke': {
    path: () => `/v1/consents/${MISSING_UUID}/revoke`,
    body: () => signed,
    owners: [],
    others: 404,
  },
  'GET /v1/admin/dead-letters': { path: () => '/v1/admin/dead-letters', owners: 'everyone' },
  'POST /v1/admin/dead-letters/replay': {
    path: () => '/v1/admin/dead-letters/replay',
    body: () => ({ subject: 'claims.>' }),
    owners: 'everyone',
    owned: 'through',
  },
  'GET /v1/admin/dead-letters/{id}': { path: () => '/v1/admin/dead-letters/999999', owners: [], others: 404 },
  'POST /v1/admin/dead-letters/{id}/replay': {
    path: () => '/v1/admin/dead-letters/999999/replay',
    owners: [],
    others: 404,
  },
  // Who read M-1's data: its insurer and M-1 themself; another insurer or patient gets a missing member's 404.
  'GET /v1/audit': {
    path: () => '/v1/audit?memberId=M-1',
    missingPath: '/v1/audit?memberId=M-NONE',
    owners: ['insurer', 'patient'],
    others: 404,
  },
};
