import { ConfigError } from '#libs/config';

export const EXPLORER_TX_URL_VARIABLE = 'PORTAL_EXPLORER_TX_URL';
export const TX_HASH_PLACEHOLDER = '{txHash}';

/** Hosts a development explorer runs on: the only ones allowed plain http. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * `PORTAL_EXPLORER_TX_URL`: where the web app links a transaction hash, a URL with `{txHash}` in it
 * (`https://explorer.example/tx/{txHash}`); unset, hashes are shown as text. Checked at start, so a typo stops
 * the gateway instead of sending people to a wrong page: https only (http on localhost), no credentials.
 */
export function readExplorerTxUrl(env: NodeJS.ProcessEnv): string | undefined {
  const template = env[EXPLORER_TX_URL_VARIABLE];
  if (template === undefined || template === '') return undefined;
  if (!template.includes(TX_HASH_PLACEHOLDER)) {
    throw new ConfigError(EXPLORER_TX_URL_VARIABLE, `must contain ${TX_HASH_PLACEHOLDER}, got "${template}"`);
  }
  let url: URL;
  try {
    url = new URL(template.replaceAll(TX_HASH_PLACEHOLDER, `0x${'0'.repeat(64)}`));
  } catch {
    throw new ConfigError(EXPLORER_TX_URL_VARIABLE, `must be a URL, got "${template}"`);
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new ConfigError(EXPLORER_TX_URL_VARIABLE, `must use https: (http: only on localhost), got "${template}"`);
  }
  if (url.username || url.password) {
    throw new ConfigError(EXPLORER_TX_URL_VARIABLE, 'must not carry credentials');
  }
  return template;
}
