import type { FastifyInstance } from 'fastify';
import { FHIR_JSON, isFhirPath } from '../fhir/fhir-http.js';
import { inspectJson } from '../validation/hostile-json.js';
import { oversizedContainer } from '../validation/json-shape.js';
import { ProblemException } from './problem.exception.js';

/**
 * Replaces Fastify's JSON body parser with a stricter one. Invalid UTF-8 is refused instead of
 * being stored with U+FFFD in place of the bad bytes, and the parsed value is inspected before
 * any validation or class-transformer sees it (`inspectJson`: depth, size, control characters,
 * prototype poisoning), and before that, too many fields or items are refused from the text itself
 * (`oversizedContainer`), which costs far less than parsing them. Empty and unparsable bodies keep the answers Fastify gave them.
 */
export function parseJsonStrictly(fastify: FastifyInstance): void {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  fastify.removeContentTypeParser('application/json');
  // FHIR's JSON (`application/fhir+json`) is JSON, held to the same rules, and taken by the FHIR facade only.
  fastify.addContentTypeParser(
    ['application/json', FHIR_JSON],
    { parseAs: 'buffer' },
    (request, body: Buffer, done) => {
      const fhirJson = request.headers['content-type']?.toLowerCase().startsWith(FHIR_JSON) ?? false;
      if (fhirJson && !isFhirPath(request.url.split('?')[0])) {
        return done(Object.assign(fastifyError('FST_ERR_CTP_INVALID_MEDIA_TYPE'), { statusCode: 415 }), undefined);
      }
      if (body.length === 0) return done(fastifyError('FST_ERR_CTP_EMPTY_JSON_BODY'), undefined);
      let text: string;
      try {
        text = utf8.decode(body);
      } catch {
        return done(notUtf8(), undefined);
      }
      const oversized = oversizedContainer(text);
      if (oversized) {
        return done(ProblemException.of('validation', `${oversized.field} is invalid`, { errors: [oversized] }));
      }
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return done(fastifyError('FST_ERR_CTP_INVALID_JSON_BODY'), undefined);
      }
      const verdict = inspectJson(value);
      if (verdict.kind === 'poisoned') return done(fastifyError('FST_ERR_CTP_INVALID_JSON_BODY'), undefined);
      if (verdict.kind === 'invalid') {
        return done(
          ProblemException.of('validation', `${verdict.error.field} is invalid`, { errors: [verdict.error] }),
        );
      }
      done(null, value);
    },
  );
}

/** An error shaped like Fastify's own, so the problem filter answers it as it always has. */
function fastifyError(code: string): Error {
  return Object.assign(new Error(code), { code, statusCode: 400 });
}

function notUtf8(): ProblemException {
  return ProblemException.of('malformed-json', 'the body is not valid UTF-8', {
    errors: [{ field: 'body', message: 'must be valid UTF-8' }],
  });
}
