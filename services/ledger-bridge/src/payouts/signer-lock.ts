import type { QueryRunner } from 'typeorm';

/**
 * Tries the session advisory lock that makes one payout signer per database. A session lock, not a
 * transaction's: it is held for as long as `runner`'s connection stays open, and goes with it.
 */
export async function trySignerLock(runner: QueryRunner): Promise<boolean> {
  const rows = (await runner.query(
    `SELECT pg_try_advisory_lock(hashtext('ledger-bridge:settlement-signer')) AS locked`,
  )) as { locked: boolean }[];
  return rows[0]?.locked === true;
}
