import type { Coverage, Patient } from '@medplum/fhirtypes';
import type { MemberView } from '#libs/contracts';
import { SYSTEMS } from './fhir-systems.js';

/** A member as FHIR Patient (API.md, FHIR R4: `Patient/{memberId}`). */
export function patientOf(member: MemberView): Patient {
  return {
    resourceType: 'Patient',
    id: member.id,
    identifier: [{ system: SYSTEMS.member, value: member.id }],
    active: member.status === 'active',
    name: [{ text: member.name }],
    birthDate: member.birthDate,
    ...(member.dateOfDeath === null ? {} : { deceasedDateTime: member.dateOfDeath }),
  };
}

/** A member's policy as FHIR Coverage (`Coverage/{memberId}`): `subscriberId` is the member id. */
export function coverageOf(member: MemberView): Coverage {
  return {
    resourceType: 'Coverage',
    id: member.id,
    status: member.status === 'active' ? 'active' : 'cancelled',
    subscriberId: member.id,
    beneficiary: { reference: `Patient/${member.id}` },
    relationship: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/subscriber-relationship', code: 'self' }],
    },
    period: { start: member.coverageStart, ...(member.coverageEnd === null ? {} : { end: member.coverageEnd }) },
    payor: [{ identifier: { system: SYSTEMS.insurer, value: member.insurerId } }],
    class: [
      {
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/coverage-class', code: 'plan' }] },
        value: member.planId,
      },
    ],
  };
}
