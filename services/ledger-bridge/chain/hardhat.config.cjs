// Embedded development chain only (no compile here: contracts are compiled with solc-js by the build).
module.exports = {
  networks: { hardhat: { chainId: 31337, mining: { auto: true } } },
};
