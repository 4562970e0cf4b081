import { ConfigError, readInt } from '#libs/config';
import { KEY_BYTES } from './aes-gcm.js';

/**
 * The public development master key, used when `PHI_MASTER_KEYS` is not set outside production. It is
 * in this file, so it protects nothing: production must set its own keys and then this one is refused.
 */
export const DEV_MASTER_KEY_ID = 'dev';
const DEV_MASTER_KEY = Buffer.from('healthclaims-dev-phi-master-key!', 'utf8');

/** Seconds between background passes that re-encrypt values under the newest data key. */
export const DEFAULT_REENCRYPT_INTERVAL_SECONDS = 60;

export interface PhiConfig {
  masterKeys: ReadonlyMap<string, Buffer>;
  activeMasterKeyId: string;
  isDevelopmentDefault: boolean;
  /** 0 turns the background re-encryption off (a test drives it by hand). */
  reencryptIntervalSeconds: number;
}

type Env = Record<string, string | undefined>;

/**
 * Reads the master keys that wrap the data keys: `PHI_MASTER_KEYS` is `id:base64,id:base64` (each key
 * 32 random bytes, e.g. `openssl rand -base64 32`), `PHI_ACTIVE_MASTER_KEY` names the one that wraps
 * new data keys (default: the last listed). Keep retired keys listed until the service has rewrapped
 * every data key under the new one (it does so as it starts). A bad value names its variable.
 */
export function readPhiConfig(env: Env = process.env): PhiConfig {
  const reencryptIntervalSeconds = readInt(
    env,
    'PHI_REENCRYPT_INTERVAL_SECONDS',
    DEFAULT_REENCRYPT_INTERVAL_SECONDS,
    0,
    86_400,
  );
  const listed = env.PHI_MASTER_KEYS?.trim();
  if (!listed) {
    if (env.NODE_ENV === 'production') {
      throw new ConfigError('PHI_MASTER_KEYS', 'is required in production (id:base64 of 32 bytes, comma separated)');
    }
    return {
      masterKeys: new Map([[DEV_MASTER_KEY_ID, DEV_MASTER_KEY]]),
      activeMasterKeyId: DEV_MASTER_KEY_ID,
      isDevelopmentDefault: true,
      reencryptIntervalSeconds,
    };
  }
  const masterKeys = parseMasterKeys(listed, env.NODE_ENV === 'production');
  const activeMasterKeyId = env.PHI_ACTIVE_MASTER_KEY?.trim() || [...masterKeys.keys()].at(-1)!;
  if (!masterKeys.has(activeMasterKeyId)) {
    throw new ConfigError('PHI_ACTIVE_MASTER_KEY', `names "${activeMasterKeyId}", which PHI_MASTER_KEYS does not list`);
  }
  return { masterKeys, activeMasterKeyId, isDevelopmentDefault: false, reencryptIntervalSeconds };
}

function parseMasterKeys(listed: string, production: boolean): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  for (const entry of listed.split(',').map((part) => part.trim())) {
    const separator = entry.indexOf(':');
    const id = separator > 0 ? entry.slice(0, separator) : '';
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) {
      throw new ConfigError('PHI_MASTER_KEYS', 'entries must be id:base64 with an id of letters, digits, "-" or "_"');
    }
    const key = Buffer.from(entry.slice(separator + 1), 'base64');
    if (key.length !== KEY_BYTES) {
      throw new ConfigError('PHI_MASTER_KEYS', `key "${id}" must be ${KEY_BYTES} bytes in base64, got ${key.length}`);
    }
    if (keys.has(id)) throw new ConfigError('PHI_MASTER_KEYS', `lists key "${id}" twice`);
    if (production && key.equals(DEV_MASTER_KEY)) {
      throw new ConfigError('PHI_MASTER_KEYS', `key "${id}" is the public development key, which production refuses`);
    }
    keys.set(id, key);
  }
  return keys;
}
