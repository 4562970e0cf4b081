// What the ledger bridge's deployment and relay code needs from the contracts: compiled artifacts and the
// EIP-712 shapes the registries verify.
export * from './artifacts.js';
export * from './typed-data.js';
