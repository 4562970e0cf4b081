import { ApiProperty } from '@nestjs/swagger';

/* Response shapes of the dead-letter endpoints, for the OpenAPI document only (views in dead-letter-views.ts). */

export class DeadLetterResponse {
  @ApiProperty({ type: 'integer', example: 12, description: 'The letter’s sequence in the dead-letter stream' })
  id: number;
  @ApiProperty({ example: 'claims.claim.decided.v1', description: 'The subject it was consumed from' })
  subject: string;
  @ApiProperty({ example: 'MAX_DELIVER', description: 'MAX_DELIVER (every delivery failed) or CONTRACT_VIOLATION' })
  reason: string;
  @ApiProperty({ example: 'no fee schedule for insurer I-1' }) error: string;
  @ApiProperty({ example: 'billing__claims_claim_decided_v1', description: 'The durable consumer that gave up' })
  consumer: string;
  @ApiProperty({ type: 'integer', example: 5 }) deliveryCount: number;
  @ApiProperty({ format: 'date-time' }) deadLetteredAt: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) envelopeId: string | null;
  @ApiProperty({ type: 'string', nullable: true, example: 'claims.claim.decided' }) envelopeType: string | null;
  @ApiProperty({ type: 'string', nullable: true }) correlationId: string | null;
}

export class DeadLetterEnvelopeResponse {
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) id: string | null;
  @ApiProperty({ type: 'string', nullable: true, example: 'claims.claim.decided' }) type: string | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 1 }) version: number | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) occurredAt: string | null;
  @ApiProperty({ type: 'string', nullable: true }) correlationId: string | null;
  @ApiProperty({ type: 'string', nullable: true }) causationId: string | null;
}

export class DeadLetterDetailResponse extends DeadLetterResponse {
  @ApiProperty({ type: DeadLetterEnvelopeResponse, description: 'The envelope’s metadata; its `data` is not shown' })
  envelope: DeadLetterEnvelopeResponse;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', 'dlq-reason': 'MAX_DELIVER' },
  })
  headers: Record<string, string>;
}

export class DeadLetterPageResponse {
  @ApiProperty({ type: [DeadLetterResponse] }) items: DeadLetterResponse[];
  @ApiProperty({ type: 'string', nullable: true }) nextCursor: string | null;
}

export class DeadLetterReplayResponse {
  @ApiProperty({ type: 'integer', example: 12 }) id: number;
  @ApiProperty({ example: 'claims.claim.decided.v1', description: 'Where it was published again' }) subject: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) envelopeId: string | null;
  @ApiProperty({ description: 'JetStream already had this replay (an earlier one stopped before removing the letter)' })
  duplicate: boolean;
}

export class DeadLetterReplayFailureResponse {
  @ApiProperty({ type: 'integer' }) id: number;
  @ApiProperty() error: string;
}

export class DeadLetterReplaySummaryResponse {
  @ApiProperty({ type: [DeadLetterReplayResponse] }) replayed: DeadLetterReplayResponse[];
  @ApiProperty({ type: 'integer', isArray: true, description: 'Ids gone before their turn (replayed meanwhile)' })
  notFound: number[];
  @ApiProperty({
    type: DeadLetterReplayFailureResponse,
    nullable: true,
    description: 'Where it stopped: the letters after it were left alone',
  })
  failed: DeadLetterReplayFailureResponse | null;
}
