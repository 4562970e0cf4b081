import { randomUUID } from 'node:crypto';
import { registerSchema, type Envelope } from '#libs/contracts';
import type { EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { z } from 'zod';

/**
 * A test-only subject and the "effect" its handler has: one row in probe_effects per handling.
 * The table has no unique key on purpose, so a handler that ran twice shows up as two rows.
 */
export const PROBE_SUBJECT = 'claims.probe.recorded.v1';

export const probeSchema = z.object({ n: z.number().int() });
export type Probe = z.infer<typeof probeSchema>;

export function registerProbeSchema(): void {
  registerSchema(PROBE_SUBJECT, probeSchema);
}

export class CreateProbeEffects1800000000000 implements MigrationInterface {
  name = 'CreateProbeEffects1800000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE probe_effects (message_id uuid NOT NULL, n integer NOT NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE probe_effects`);
  }
}

export async function recordProbeEffect(manager: EntityManager, event: Envelope<Probe>): Promise<void> {
  await manager.query(`INSERT INTO probe_effects (message_id, n) VALUES ($1, $2)`, [event.id, event.data.n]);
}

/** A valid envelope for the probe subject, built by hand as another service's relay would send it. */
export function aProbeEnvelope(n: number, id: string = randomUUID()): Envelope<Probe> {
  return {
    id,
    type: 'claims.probe.recorded',
    version: 1,
    occurredAt: new Date().toISOString(),
    correlationId: randomUUID(),
    causationId: null,
    data: { n },
  };
}
