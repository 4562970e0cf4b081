import { fhirValidationErrors } from './fhir-validation.js';

describe('FHIR R4 validation for tests', () => {
  it('finds nothing wrong with a valid resource and names each missing required element of an invalid one', async () => {
    expect(await fhirValidationErrors({ resourceType: 'Patient', id: 'M-1', birthDate: '1955-07-23' })).toEqual([]);
    const errors = await fhirValidationErrors({ resourceType: 'ExplanationOfBenefit', status: 'active' });
    expect(errors).toEqual(expect.arrayContaining([expect.stringMatching(/^ExplanationOfBenefit\.use: /)]));
  });

  it('refuses a value of the wrong type', async () => {
    const errors = await fhirValidationErrors({ resourceType: 'Patient', birthDate: '23.07.1955' });
    expect(errors).toEqual([expect.stringContaining('Patient.birthDate')]);
  });
});
