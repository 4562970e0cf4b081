import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, problemOf, type Problem } from './problem.js';

/**
 * Errors Fastify answers before any route or hook runs (a URL its router cannot decode, a path
 * segment over its length limit), in problem+json with the request id like every other error.
 * The URL is never echoed: it is the caller's text, and may be megabytes or a script.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const problem = frameworkProblem(error.code);
  void reply
    .status(problem.status)
    .header('x-request-id', request.id)
    .type(PROBLEM_CONTENT_TYPE)
    .send({ ...problem, requestId: String(request.id) });
}

export function frameworkProblem(code: string | undefined): Problem {
  if (code === 'FST_ERR_MAX_PARAM_LENGTH') return problemOf('uri-too-long', 'a segment of the path is too long');
  return problemOf('bad-request', 'the URL is not valid');
}

/**
 * Errors Node's HTTP parser raises before there is a request at all (headers too large, a request
 * line it cannot read): answered on the socket in problem+json, with a fresh request id, then closed.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const requestId = randomUUID();
    const problem = clientProblem(error.code);
    const body = JSON.stringify({ ...problem, requestId });
    socket.write(
      `HTTP/1.1 ${problem.status} ${problem.title}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `x-request-id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

function clientProblem(code: string | undefined): Problem {
  if (code === 'HPE_HEADER_OVERFLOW') {
    return problemOf('header-fields-too-large', 'the request headers exceed the size limit');
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return problemOf('request-timeout', 'the request was not received in time');
  return problemOf('bad-request', 'the request could not be read');
}
