/** What the gateway's `PORTAL_EXPLORER_TX_URL` puts where the transaction's hash goes. */
export const TX_HASH_PLACEHOLDER = '{txHash}';

/** A transaction hash as the chain gives it: 0x and 32 bytes in hex. */
const TX_HASH = /^0x[0-9a-fA-F]{64}$/;

/**
 * The block explorer's page of a transaction, from the configured template
 * (`https://explorer.example/tx/{txHash}`); undefined without a template, for a hash that is not one, or
 * for a result that is not an http(s) URL (the gateway checks the template at start: this is belt and braces,
 * so that nothing but a web page is ever linked).
 */
export function explorerTxLink(template: string | undefined, hash: string): string | undefined {
  if (!template || !TX_HASH.test(hash)) return undefined;
  let url: URL;
  try {
    url = new URL(template.replaceAll(TX_HASH_PLACEHOLDER, hash));
  } catch {
    return undefined;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
}
