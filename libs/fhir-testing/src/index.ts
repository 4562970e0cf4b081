export * from './fhir-validation.js';
export * from './gfe-bundles.js';
