// Embedded development chain only (no compile here: contracts are compiled with solc-js by the build).
// Blocks may share a timestamp: otherwise a burst of transactions (one block each) pushes the chain's clock
// ahead of the wall clock, and "in force at the submission time" would read a fresh revocation as future.
module.exports = {
  networks: { hardhat: { chainId: 31337, mining: { auto: true }, allowBlocksWithSameTimestamp: true } },
};
