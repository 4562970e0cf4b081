import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FHIR_JSON, isFhirPath } from '../fhir/fhir-http.js';
import { outcomeOfProblem } from '../fhir/mapping/operation-outcome.js';
import { problemForHttpError } from './http-error-problem.js';
import { outageOf, outageProblem, retryAfter } from './outage.js';
import { PROBLEM_CONTENT_TYPE, problemOf, type Problem } from './problem.js';
import { ProblemException } from './problem.exception.js';

/**
 * Sends every error as `application/problem+json` (RFC 9457): the gateway's own problems, Nest's
 * and Fastify's built-in errors (bad JSON, 413, 415, unknown route), an infrastructure outage (its
 * database or the bus unavailable: 503 with `Retry-After`, logged once with its cause), and anything
 * else, a bug, which becomes a 500 whose detail reveals nothing and whose cause is logged. Under
 * `/fhir/R4` the same answer is a FHIR OperationOutcome (`application/fhir+json`).
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const outage = exception instanceof HttpException ? null : outageOf(exception);
    let answer: { problem: Problem; headers: Record<string, string> };
    if (outage) {
      this.logger.warn(`${request.method} ${request.url} answered 503, ${outage}: ${messageOf(exception)}`);
      answer = outageProblem(outage);
    } else {
      answer = this.toProblem(exception, request);
      if (answer.problem.status >= 500 && !deliberate(exception)) {
        this.logger.error(`${request.method} ${request.url} failed: ${describe(exception)}`);
      }
    }
    if (reply.sent) return;
    const { problem, headers } = answer;
    // Every 503 says when to come back, whoever raised it (e.g. readiness while a dependency is down).
    const retry = problem.status === 503 && !headers['Retry-After'] ? retryAfter('service-unavailable') : {};
    reply.status(problem.status).headers({ ...headers, ...retry });
    // The FHIR facade answers the same problems in FHIR's terms (API.md, FHIR R4).
    if (isFhirPath(request.url.split('?')[0])) {
      reply.type(FHIR_JSON).send(outcomeOfProblem(problem));
      return;
    }
    reply.type(PROBLEM_CONTENT_TYPE).send({ ...problem, requestId: String(request.id) });
  }

  private toProblem(
    exception: unknown,
    request: FastifyRequest,
  ): { problem: Problem; headers: Record<string, string> } {
    if (exception instanceof ProblemException) return { problem: exception.problem, headers: exception.headers };
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === 404 && /^Cannot [A-Z]+ /.test(exception.message)) {
        return {
          problem: problemOf('not-found', `no route ${request.method} ${request.url.split('?')[0]}`),
          headers: {},
        };
      }
      return { problem: problemForHttpError(status, messageOf(exception), codeOf(exception.cause)), headers: {} };
    }
    const status = statusOf(exception);
    return { problem: problemForHttpError(status, describe(exception), codeOf(exception)), headers: {} };
  }
}

function messageOf(exception: unknown): string {
  if (!(exception instanceof HttpException)) return exception instanceof Error ? exception.message : String(exception);
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/**
 * Server errors raised on purpose, whose cause is logged where they are raised: the gateway's own
 * problems, and a 503 such as readiness's (terminus logs which check failed).
 */
function deliberate(exception: unknown): boolean {
  return exception instanceof ProblemException || (exception instanceof HttpException && exception.getStatus() === 503);
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A Fastify error that Nest left unmapped still carries its status (a 5xx, e.g. a handler timeout). */
function statusOf(error: unknown): number {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' && status >= 400 && status <= 599 ? status : 500;
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
