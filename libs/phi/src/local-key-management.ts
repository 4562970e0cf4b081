import { randomBytes } from 'node:crypto';
import { KEY_BYTES, open, seal } from './aes-gcm.js';
import type { KeyManagementService, WrappedDataKey } from './key-management.js';

/** Binds a wrapped data key to its purpose, so no other sealed value can be passed off as one. */
const WRAP_CONTEXT = 'healthclaims/phi/data-key';

/**
 * Key management with the master keys held by this process (from `PHI_MASTER_KEYS`, a secret).
 * Several master keys may be known at once: the active one wraps new data keys, the others still
 * unwrap the data keys they wrapped until those are rewrapped (rotation without downtime).
 */
export class LocalKeyManagement implements KeyManagementService {
  constructor(
    private readonly masterKeys: ReadonlyMap<string, Buffer>,
    readonly activeMasterKeyId: string,
  ) {
    if (!masterKeys.has(activeMasterKeyId)) throw new Error(`active master key "${activeMasterKeyId}" is not known`);
  }

  async generateDataKey(): Promise<{ plaintext: Buffer; wrapped: WrappedDataKey }> {
    const plaintext = randomBytes(KEY_BYTES);
    return { plaintext, wrapped: this.wrap(plaintext) };
  }

  async decryptDataKey(wrapped: WrappedDataKey): Promise<Buffer> {
    const master = this.masterKeys.get(wrapped.masterKeyId);
    if (!master) throw new Error(`data key wrapped under master key "${wrapped.masterKeyId}", which is not configured`);
    return open(master, Buffer.from(wrapped.ciphertext, 'base64'), WRAP_CONTEXT);
  }

  async rewrapDataKey(wrapped: WrappedDataKey): Promise<WrappedDataKey> {
    return this.wrap(await this.decryptDataKey(wrapped));
  }

  private wrap(plaintext: Buffer): WrappedDataKey {
    const master = this.masterKeys.get(this.activeMasterKeyId) as Buffer;
    return {
      masterKeyId: this.activeMasterKeyId,
      ciphertext: seal(master, plaintext, WRAP_CONTEXT).toString('base64'),
    };
  }
}
