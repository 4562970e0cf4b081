import { databaseFailureKind, isDatabaseInfrastructureFailure } from './infrastructure-failure.js';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });
const typeormWrapped = (driverError: unknown) => Object.assign(new Error('query failed'), { driverError });

describe('databaseFailureKind', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['an administrator shutdown', pgError('57P01', 'terminating connection due to administrator command')],
    ['a server starting up', pgError('57P03', 'the database system is starting up')],
    ['too many connections', pgError('53300')],
    ['a connection exception class 08', pgError('08006')],
    ['a lost connection in words', new Error('Connection terminated unexpectedly')],
    ['an exhausted pool', new Error('timeout exceeded when trying to connect')],
    ['a refused connection wrapped by TypeORM', typeormWrapped(pgError('ECONNREFUSED'))],
    ['an AggregateError of refusals', new AggregateError([pgError('ECONNREFUSED')], 'all failed')],
    [
      'a server not yet accepting connections, in words',
      new Error('the database system is not yet accepting connections'),
    ],
    [
      'TypeORM without its pool',
      new Error('Connection with postgres database is not established. Check connection configuration.'),
    ],
    ['TypeORM before it connected', new Error('Cannot execute operation because connection is not yet established.')],
    ['a refused connection as a TypeORM cause', new Error('query failed', { cause: pgError('ECONNREFUSED') })],
  ])('reads %s as the database being unavailable', (_, error) => {
    expect(databaseFailureKind(error)).toBe('unavailable');
  });

  it.each([
    ['a serialization failure', pgError('40001')],
    ['a deadlock', typeormWrapped(pgError('40P01'))],
  ])('reads %s as a conflict to retry at once', (_, error) => {
    expect(databaseFailureKind(error)).toBe('conflict');
  });

  it.each([
    ['a unique violation', pgError('23505')],
    ['a syntax error', typeormWrapped(pgError('42601'))],
    ['a plain bug', new TypeError('cannot read properties of undefined')],
    ['a string', 'boom'],
    ['nothing', undefined],
  ])('reads %s as the work failing, not the infrastructure', (_, error) => {
    expect(isDatabaseInfrastructureFailure(error)).toBe(false);
  });
});
