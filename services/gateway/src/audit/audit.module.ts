import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { RpcModule } from '../rpc/rpc.module.js';
import { AuditAnchorer } from './audit-anchorer.js';
import { AuditController } from './audit.controller.js';
import { AuditInterceptor } from './audit.interceptor.js';
import { AuditTrail } from './audit-trail.js';

/** The audit trail of personal data: recorded on every `@Audited` route, read at /v1/audit, anchored on chain. */
@Module({
  imports: [RpcModule],
  controllers: [AuditController],
  providers: [AuditTrail, AuditAnchorer, { provide: APP_INTERCEPTOR, useClass: AuditInterceptor }],
  exports: [AuditTrail, AuditAnchorer],
})
export class AuditModule {}
