import { z } from 'zod';

/** Ids of insurers, plans and members: short, and safe in URLs, logs and on chain (as the gateway checks). */
export const entityId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'must be 1 to 64 letters, digits, ".", "_", ":" or "-"');

/** An EVM address: the on-chain identity of an insurer or a member. */
export const chainAddress = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'must be a 0x-prefixed 20-byte address');

export const displayName = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

/** Today in UTC, YYYY-MM-DD: the day "in the past" and "in the future" are measured against. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
