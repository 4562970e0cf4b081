export * from './bus-stand-in.js';
export * from './test-bus.js';
export * from './service-test-bed.js';
export * from './test-cipher.js';
