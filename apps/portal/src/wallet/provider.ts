/** EIP-1193: the one method every browser wallet (and the demo wallet) answers. */
export interface Eip1193Provider {
  request(args: { method: string; params?: unknown[] }): Promise<unknown>;
}
