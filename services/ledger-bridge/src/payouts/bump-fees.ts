/** EIP-1559 fees of one signed transaction, in wei. */
export interface Fees {
  maxFeePerGas: bigint;
  maxPriorityFeePerGas: bigint;
}

/**
 * Fees for a replacement under the same nonce: nodes (geth, Hardhat) accept one only if both fees rise by
 * at least 10 %; we raise by 25 % (rounded up) and never below what the network asks now.
 */
export function bumpFees(previous: Fees, current: Fees): Fees {
  const bump = (value: bigint) => (value * 125n + 99n) / 100n;
  const priority = max(bump(previous.maxPriorityFeePerGas), current.maxPriorityFeePerGas);
  const fee = max(bump(previous.maxFeePerGas), current.maxFeePerGas, priority);
  return { maxFeePerGas: fee, maxPriorityFeePerGas: priority };
}

function max(...values: bigint[]): bigint {
  return values.reduce((a, b) => (a > b ? a : b));
}
