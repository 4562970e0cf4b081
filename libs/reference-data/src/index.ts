export * from './delimited.js';
export * from './procedures.js';
export * from './shipped-tables.js';
