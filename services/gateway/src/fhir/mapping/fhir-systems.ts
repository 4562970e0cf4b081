/** The code and identifier systems the facade reads and writes (API.md, FHIR R4). */
export const SYSTEMS = {
  cpt: 'http://www.ama-assn.org/go/cpt',
  npi: 'http://hl7.org/fhir/sid/us-npi',
  provider: 'urn:healthclaims:provider',
  insurer: 'urn:healthclaims:insurer',
  member: 'urn:healthclaims:member',
  estimate: 'urn:healthclaims:estimate',
  claim: 'urn:healthclaims:claim',
  /** The hash of the settlement transaction that paid a claim. */
  payoutTransaction: 'urn:healthclaims:payout-transaction',
  /** The platform's reason codes (DOMAIN.md), e.g. NOT_COVERED. */
  reason: 'urn:healthclaims:reason',
  /** The platform's benefits FHIR's benefit types lack (the out-of-pocket maximum). */
  benefit: 'urn:healthclaims:benefit',
  /** The reference table's procedure categories (office_visit, lab, ...). */
  category: 'urn:healthclaims:procedure-category',
  claimType: 'http://terminology.hl7.org/CodeSystem/claim-type',
  /** FHIR's adjudication categories: submitted, eligible, deductible, copay, benefit. */
  adjudication: 'http://terminology.hl7.org/CodeSystem/adjudication',
  /** CARIN Blue Button's, which Da Vinci PCT uses for what FHIR's lack: coinsurance, member liability. */
  carinAdjudication: 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBAdjudication',
  carinDiscriminator: 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBAdjudicationDiscriminator',
  processPriority: 'http://terminology.hl7.org/CodeSystem/processpriority',
} as const;

/** The Da Vinci PCT `$gfe-submit` operation this facade implements. */
export const GFE_SUBMIT_DEFINITION = 'http://hl7.org/fhir/us/davinci-pct/OperationDefinition/GFE-submit';
