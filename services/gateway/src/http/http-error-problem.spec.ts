import { problemForHttpError } from './http-error-problem.js';
import { kindForStatus, problemOf } from './problem.js';
import { requestIdFrom } from './request-id.js';

describe('problems for framework errors', () => {
  it.each([
    ['FST_ERR_CTP_INVALID_MEDIA_TYPE', 415, 'unsupported-media-type'],
    ['FST_ERR_CTP_BODY_TOO_LARGE', 413, 'payload-too-large'],
    ['FST_ERR_CTP_INVALID_JSON_BODY', 400, 'malformed-json'],
    ['FST_ERR_CTP_EMPTY_JSON_BODY', 400, 'malformed-json'],
    ['FST_ERR_CTP_INVALID_CONTENT_LENGTH', 400, 'bad-request'],
  ])('reads Fastify’s %s as a %i %s problem', (code, status, kind) => {
    expect(problemForHttpError(status, 'whatever Fastify said', code)).toMatchObject({
      status,
      type: `urn:problem:healthclaims:${kind}`,
    });
  });

  it('keeps the message of a client error and hides that of a server error', () => {
    expect(problemForHttpError(405, 'Method Not Allowed')).toEqual(
      problemOf('method-not-allowed', 'Method Not Allowed'),
    );
    expect(problemForHttpError(500, 'connection string postgres://secret@db')).toMatchObject({
      status: 500,
      detail: 'an unexpected error occurred; it has been logged',
    });
  });

  it('never picks a refined kind for a bare status', () => {
    expect(kindForStatus(400)).toBe('bad-request');
    expect(kindForStatus(409)).toBe('conflict');
    expect(kindForStatus(418)).toBe('bad-request');
    expect(kindForStatus(599)).toBe('internal');
  });
});

describe('request ids', () => {
  it('echoes a sane caller id and replaces anything else', () => {
    expect(requestIdFrom('abc-123_X.y:z')).toBe('abc-123_X.y:z');
    expect(requestIdFrom(['first', 'second'])).toBe('first');
    for (const bad of [undefined, '', 'has space', 'x'.repeat(129), 'line\nbreak', '<script>']) {
      expect(requestIdFrom(bad)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });
});
