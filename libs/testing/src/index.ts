export * from './isolation.js';
export * from './wait.js';
export * from './service-process.js';
export * from './otlp-receiver.js';
export * from './private-postgres.js';
export * from './private-nats.js';
export * from './plan-request.js';
export * from './submitted-claim.js';
