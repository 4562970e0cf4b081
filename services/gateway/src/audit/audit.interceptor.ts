import {
  HttpException,
  Injectable,
  Logger,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import type { AuthenticatedRequest } from '#libs/auth';
import type { Principal } from '#libs/contracts';
import type { FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, throwError, type Observable } from 'rxjs';
import { outageProblem } from '../http/outage.js';
import { AUDITED_KEY, type AuditedRoute } from './audited.decorator.js';
import { auditedIds } from './audited-ids.js';
import { AuditTrail, type AuditEntry } from './audit-trail.js';

type AuditedRequest = FastifyRequest & AuthenticatedRequest;

/**
 * Writes the audit row of every `@Audited` route after its handler and before its response: a read
 * whose row cannot be stored is answered 503 instead (personal data never leaves unaudited); a refusal
 * (404, 400, 409, …) is recorded with what it asked for, and answered as it was even if the row fails.
 * Requests refused before the handler (no token: 401; a role that may never call it: 403) carry no
 * principal or touch no data and are not recorded here.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Audit');

  constructor(
    private readonly reflector: Reflector,
    private readonly trail: AuditTrail,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const route = this.reflector.get<AuditedRoute | undefined>(AUDITED_KEY, context.getHandler());
    const request = context.switchToHttp().getRequest<AuditedRequest>();
    if (!route || !request.principal) return next.handle();
    const principal = request.principal;
    const successStatus =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ??
      (request.method === 'POST' ? 201 : 200);
    return next.handle().pipe(
      catchError((error: unknown) =>
        from(this.recordRefusal(route, request, principal, error)).pipe(mergeMap(() => throwError(() => error))),
      ),
      mergeMap((reply: unknown) => from(this.recordSuccess(route, request, principal, successStatus, reply))),
    );
  }

  private async recordSuccess(
    route: AuditedRoute,
    request: AuditedRequest,
    principal: Principal,
    status: number,
    reply: unknown,
  ): Promise<unknown> {
    try {
      await this.trail.append(entryOf(route, request, principal, status, reply));
    } catch (error) {
      // A read is withheld: nothing was done yet that the caller cannot simply ask again. A write is done
      // (and its own service keeps who did it); a 503 would invite a client without an Idempotency-Key to
      // repeat it, so it is answered, and the gap is logged for the operator.
      if (request.method !== 'GET') {
        this.logger.error(`audit gap: write ${String(request.id)} done but not recorded: ${describe(error)}`);
        return reply;
      }
      this.logger.error(`audit row not stored, the read answered 503: ${describe(error)}`);
      throw outageProblem('database-unavailable');
    }
    return reply;
  }

  private async recordRefusal(
    route: AuditedRoute,
    request: AuditedRequest,
    principal: Principal,
    error: unknown,
  ): Promise<void> {
    const status = error instanceof HttpException ? error.getStatus() : 500;
    await this.trail
      .append(entryOf(route, request, principal, status))
      .catch((failure: unknown) =>
        this.logger.error(`audit row of a refused request not stored: ${describe(failure)}`),
      );
  }
}

function entryOf(
  route: AuditedRoute,
  request: AuditedRequest,
  principal: Principal,
  status: number,
  reply?: unknown,
): AuditEntry {
  const params = (request.params ?? {}) as Record<string, unknown>;
  const query = (request.query ?? {}) as Record<string, unknown>;
  const ids = auditedIds(route, { params, query, body: request.body }, reply);
  // A patient acts on their own data only: whatever the route, it is theirs.
  if (principal.role === 'patient' && principal.patient && !ids.memberIds.includes(principal.patient)) {
    ids.memberIds.push(principal.patient);
  }
  return {
    subject: principal.sub,
    role: principal.role,
    org: principal.org ?? null,
    action: request.method === 'GET' ? 'read' : 'write',
    resource: route.resource,
    ...ids,
    route: `${request.method} ${request.routeOptions.url ?? ''}`,
    status,
    requestId: String(request.id),
  };
}

/** The error's message only: a driver error may quote the statement, never its parameters. */
function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
