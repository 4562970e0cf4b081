import { TEMPORARILY_UNAVAILABLE } from './outage.js';
import { problemOf, kindForStatus, type Problem } from './problem.js';

export const BODY_LIMIT_BYTES = 1_048_576;

/** Fastify's body-parsing errors, each read as what the caller did wrong. */
const FASTIFY_PROBLEMS: Record<string, () => Problem> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () =>
    problemOf('unsupported-media-type', 'the request body must be sent as Content-Type: application/json'),
  FST_ERR_CTP_BODY_TOO_LARGE: () =>
    problemOf('payload-too-large', `the request body exceeds the limit of ${BODY_LIMIT_BYTES} bytes (1 MiB)`),
  FST_ERR_CTP_EMPTY_JSON_BODY: () =>
    problemOf('malformed-json', 'the body is empty but Content-Type is application/json'),
  FST_ERR_CTP_INVALID_JSON_BODY: () => problemOf('malformed-json', 'the body is not valid JSON'),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => problemOf('bad-request', 'the body length does not match Content-Length'),
};

/**
 * The problem for an HTTP error raised by Fastify or Nest themselves (body parsing, routing),
 * chosen by Fastify's error code when there is one. A server error's message is never sent.
 */
export function problemForHttpError(status: number, message: string, fastifyCode?: string): Problem {
  const known = fastifyCode === undefined ? undefined : FASTIFY_PROBLEMS[fastifyCode];
  if (known) return known();
  if (status === 503) return problemOf('service-unavailable', TEMPORARILY_UNAVAILABLE);
  if (status >= 500) return problemOf(kindForStatus(status), 'an unexpected error occurred; it has been logged');
  return problemOf(kindForStatus(status), message);
}
