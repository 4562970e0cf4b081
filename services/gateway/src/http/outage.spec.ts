import {
  ClosedConnectionError,
  ConnectionError,
  DrainingConnectionError,
  NoRespondersError,
  RequestError,
} from '@nats-io/transport-node';
import { TimeoutError } from 'rxjs';
import { busFailureOf } from '../rpc/bus-failure.js';
import { outageOf, outageProblem } from './outage.js';

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });
const timedOut = (): Error => {
  // rxjs builds its TimeoutError without `new`; it is an Error named TimeoutError.
  const error = new Error('Timeout has occurred');
  error.name = 'TimeoutError';
  return error;
};

describe('infrastructure outages as 503s', () => {
  it.each([
    [
      'the database refusing connections',
      pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'),
      'database-unavailable',
    ],
    [
      'the database shutting down',
      pgError('57P01', 'terminating connection due to administrator command'),
      'database-unavailable',
    ],
    [
      'a connection lost mid-query, wrapped by TypeORM',
      Object.assign(new Error('query failed'), { driverError: new Error('Connection terminated unexpectedly') }),
      'database-unavailable',
    ],
    ['a deadlock', pgError('40P01', 'deadlock detected'), 'database-conflict'],
    ['NATS no-responders', new NoRespondersError('rpc.claims.submit'), 'no-service-listening'],
    [
      'an empty reply (no responders, as ClientNats reports it)',
      new Error('Empty response. There are no subscribers listening to that message ("rpc.claims.submit")'),
      'no-service-listening',
    ],
    [
      'a request failed for no responders',
      new RequestError('no responders', { cause: new NoRespondersError('x') }),
      'no-service-listening',
    ],
    ['no answer in time', timedOut(), 'service-timeout'],
    ['a closed connection', new ClosedConnectionError(), 'bus-unavailable'],
    ['a draining connection', new DrainingConnectionError(), 'bus-unavailable'],
    ['NATS refusing the connection', new ConnectionError('connection refused'), 'bus-unavailable'],
    ['pending requests failed when the connection closed', new Error('Connection closed'), 'bus-unavailable'],
    ['the connection lost, reconnecting', 'Error: Connection lost. Trying to reconnect...', 'bus-unavailable'],
    ['a request error of another kind', new RequestError('request failed'), 'bus-unavailable'],
  ])('reads %s as %s', (_, error, outage) => {
    expect(outageOf(error)).toBe(outage);
  });

  it.each([
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a unique violation', pgError('23505', 'duplicate key value violates unique constraint')],
    ['a string that is no bus message', 'boom'],
    ['nothing', undefined],
  ])('reads %s as no outage (a 500 stays a 500)', (_, error) => {
    expect(outageOf(error)).toBeNull();
    expect(busFailureOf(error)).toBeNull();
  });

  it('answers 503 service-unavailable with Retry-After and tells nothing of the cause', () => {
    for (const outage of [
      'database-unavailable',
      'bus-unavailable',
      'no-service-listening',
      'service-timeout',
    ] as const) {
      const { problem, headers } = outageProblem(outage);
      expect(problem).toMatchObject({ status: 503, type: 'urn:problem:healthclaims:service-unavailable' });
      expect(Number(headers['Retry-After'])).toBeGreaterThanOrEqual(1);
      expect(Number(headers['Retry-After'])).toBeLessThanOrEqual(5);
      expect(problem.detail).not.toMatch(/postgres|nats|ECONN|127\.0\.0\.1|5432|4222/i);
    }
  });

  it('keeps a service’s own detail for its UNAVAILABLE', () => {
    expect(outageProblem('service-unavailable', 'could not submit claim now; try again shortly').problem.detail).toBe(
      'could not submit claim now; try again shortly',
    );
  });

  it('knows rxjs’ own timeout error', () => {
    expect(busFailureOf(new TimeoutError())).toBe('timeout');
    expect(busFailureOf(timedOut())).toBe('timeout');
  });
});
