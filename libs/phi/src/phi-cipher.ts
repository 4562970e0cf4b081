import { createHmac } from 'node:crypto';
import { open, seal } from './aes-gcm.js';
import type { PhiKeyring } from './keyring.js';

/** Marks a sealed value: `phi1:<data key id>:<base64url of nonce | tag | ciphertext>`. */
const PREFIX = 'phi1';
const SEALED = /^phi1:(dk[0-9a-f]{12}):([A-Za-z0-9_-]+)$/;

/**
 * Where a value lives, bound into its seal as associated data: a value copied to another row or
 * column does not open. Use the same table, column and row key when sealing and opening.
 */
export function phiContext(table: string, column: string, rowKey: string): string {
  return `${table}.${column}/${rowKey}`;
}

/** True for a value `PhiCipher` sealed; anything else is plaintext written before encryption existed. */
export function isSealed(stored: string): boolean {
  return stored.startsWith(`${PREFIX}:`);
}

/**
 * Encrypts personal health information at rest (AES-256-GCM under the service's active data key,
 * the key id stored with each value) and computes keyed hashes for equality searches, so no column
 * needs the plaintext to be found.
 */
export class PhiCipher {
  constructor(private readonly keyring: PhiKeyring) {}

  encrypt(plaintext: string, context: string): string {
    const { id, key } = this.keyring.activeDataKey();
    const sealed = seal(key, Buffer.from(plaintext, 'utf8'), context).toString('base64url');
    return `${PREFIX}:${id}:${sealed}`;
  }

  /** Opens a sealed value; a value without the prefix predates encryption and is returned as it is. */
  async decrypt(stored: string, context: string): Promise<string> {
    if (!isSealed(stored)) return stored;
    const match = SEALED.exec(stored);
    if (!match) throw new Error(`malformed sealed value in ${context.split('/')[0]}`);
    const key = await this.keyring.dataKey(match[1]);
    return open(key, Buffer.from(match[2], 'base64url'), context).toString('utf8');
  }

  encryptJson(value: unknown, context: string): string {
    return this.encrypt(JSON.stringify(value), context);
  }

  async decryptJson<T>(stored: string, context: string): Promise<T> {
    return JSON.parse(await this.decrypt(stored, context)) as T;
  }

  /** `null` stays `null`: optional columns. */
  encryptOptional(plaintext: string | null, context: string): string | null {
    return plaintext === null ? null : this.encrypt(plaintext, context);
  }

  async decryptOptional(stored: string | null, context: string): Promise<string | null> {
    return stored === null ? null : this.decrypt(stored, context);
  }

  /**
   * HMAC-SHA256 (hex) of `value` for `purpose` (e.g. `member-birth-date`) under the index key, for a
   * column searched by equality. The purpose keeps equal values of different fields apart.
   */
  keyedHash(value: string, purpose: string): string {
    return createHmac('sha256', this.keyring.indexKey()).update(`${purpose}\u0000${value}`, 'utf8').digest('hex');
  }

  /** True when `stored` is sealed under the active data key (nothing to re-encrypt). */
  isCurrent(stored: string): boolean {
    return stored.startsWith(this.currentPrefix());
  }

  /** The prefix every value sealed under the active data key starts with. */
  currentPrefix(): string {
    return `${PREFIX}:${this.keyring.activeDataKey().id}:`;
  }

  /** The active data key changed elsewhere (another replica rotated): pick it up. */
  refresh(): Promise<void> {
    return this.keyring.refresh();
  }

  rotate(): Promise<string> {
    return this.keyring.rotate();
  }
}
