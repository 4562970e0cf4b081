import type { ValueTransformer } from 'typeorm';

/**
 * Money is `bigint` in PostgreSQL (never float, DOMAIN.md Money); pg hands it back as a string. Amounts
 * are validated as safe integers at intake, so a JS number holds them exactly.
 */
export const moneyColumn: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
