export * from './env.js';
export * from './service-config.js';
export * from './nats-url.js';
