import type { EntityManager } from 'typeorm';

/**
 * The next nonce of `signer`, kept in the database: never below what the chain has seen (the key also
 * deploys and funds on a development chain), never reused after a crash.
 */
export async function allocateNonce(manager: EntityManager, signer: string, chainPending: number): Promise<bigint> {
  const rows: { nonce: string }[] = await manager.query(
    `INSERT INTO signer_nonces (address, next_nonce) VALUES ($1, $2 + 1)
     ON CONFLICT (address) DO UPDATE SET next_nonce = GREATEST(signer_nonces.next_nonce, $2) + 1
     RETURNING next_nonce - 1 AS nonce`,
    [signer, chainPending],
  );
  return BigInt(rows[0].nonce);
}
