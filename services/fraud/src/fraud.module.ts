import { Module } from '@nestjs/common';
import { OpsModule } from '#libs/observability';

/**
 * Empty for now: the process boots with its operations endpoints (health, metrics) so the stack,
 * probes and dashboards already know it. Its use cases arrive with the issues that build them.
 */
@Module({
  imports: [OpsModule.forRoot({ service: 'fraud' })],
})
export class FraudModule {}
