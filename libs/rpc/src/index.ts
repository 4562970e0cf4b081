export * from './namespaced-nats.server.js';
export * from './rpc-replies.js';
export * from './page-cursor.js';
export * from './page-request.js';
export * from './dependency-outage.js';
export * from './request-parsing.js';
export * from './refusals.js';
export * from './serve-request.js';
