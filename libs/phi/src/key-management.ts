/** A data key as stored: encrypted under a master key that never leaves the key-management service. */
export interface WrappedDataKey {
  masterKeyId: string;
  /** base64 of what the key-management service returned; opaque to the caller. */
  ciphertext: string;
}

/**
 * The shape of a cloud KMS (AWS KMS `GenerateDataKey`/`Decrypt`, Google Cloud KMS, Vault transit):
 * it wraps and unwraps data keys and never hands out a master key. `LocalKeyManagement` implements it
 * with master keys from a secret; a cloud implementation plugs in behind the same interface.
 */
export interface KeyManagementService {
  /** The master key new data keys are wrapped under. */
  readonly activeMasterKeyId: string;
  /** A fresh 256-bit data key, in the clear (kept in memory only) and wrapped (stored). */
  generateDataKey(): Promise<{ plaintext: Buffer; wrapped: WrappedDataKey }>;
  /** The data key in the clear; fails if its master key is unknown or the wrapping was altered. */
  decryptDataKey(wrapped: WrappedDataKey): Promise<Buffer>;
  /** The same data key wrapped under the active master key (master-key rotation). */
  rewrapDataKey(wrapped: WrappedDataKey): Promise<WrappedDataKey>;
}
