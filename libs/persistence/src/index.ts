export * from './data-source.js';
export * from './databases.js';
export * from './transaction.js';
export * from './persistence.module.js';
export * from './migrate-only.js';
export * from './infrastructure-failure.js';
export * from './changed-rows.js';
export * from './newer-snapshot.js';
