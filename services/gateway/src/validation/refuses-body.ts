import { applyDecorators, UseGuards, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ProblemException } from '../http/problem.exception.js';
import { MAX_REPORTED_UNKNOWN_FIELDS } from './unknown-fields.js';

/**
 * For actions that take no body (assign a flag, replay a dead letter): no body, or `{}` as many
 * clients send on a POST, is accepted; anything else is refused, as it would otherwise be ignored
 * and the caller never learn that what they sent meant nothing.
 */
export function RefusesBody(): MethodDecorator {
  return applyDecorators(UseGuards(NoBodyGuard));
}

class NoBodyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const body: unknown = context.switchToHttp().getRequest<FastifyRequest>().body;
    if (body === undefined) return true;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw refused([{ field: 'body', message: 'this action takes no body' }]);
    }
    const fields = Object.keys(body);
    if (fields.length === 0) return true;
    throw refused(
      fields
        .slice(0, MAX_REPORTED_UNKNOWN_FIELDS)
        .map((field) => ({ field, message: `property ${field} should not exist` })),
    );
  }
}

function refused(errors: { field: string; message: string }[]): ProblemException {
  return ProblemException.of('validation', 'this action takes no body', { errors });
}
