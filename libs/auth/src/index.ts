export * from './auth-config.js';
export * from './principal-claims.js';
export * from './verify-token.js';
export * from './sign.js';
export * from './ownership.js';
export * from './auth.decorators.js';
export * from './auth.guard.js';
export * from './auth.module.js';
