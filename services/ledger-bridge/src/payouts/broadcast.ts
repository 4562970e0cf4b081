import type { JsonRpcProvider } from 'ethers';

/**
 * Sends a signed transaction. A node that already has it, or has already used its nonce, is not an error
 * here: following the batch finds out which (mined, replaced or dropped). Anything else (the node is down)
 * throws, and the worker tries again on its next round.
 */
export async function broadcastRaw(provider: JsonRpcProvider, raw: string): Promise<'sent' | 'known'> {
  try {
    await provider.send('eth_sendRawTransaction', [raw]);
    return 'sent';
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/already known|known transaction|nonce too low|replacement (transaction )?underpriced/i.test(message)) {
      return 'known';
    }
    throw error;
  }
}
