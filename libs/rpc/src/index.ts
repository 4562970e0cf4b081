export * from './namespaced-nats.server.js';
export * from './rpc-replies.js';
