import { Writable } from 'node:stream';
import { createLogger } from './create-logger.js';
import { NestPinoLogger } from './nest-pino-logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { nest: new NestPinoLogger(createLogger('gateway', { level: 'trace', destination })), lines };
}

describe('Nest logger on pino', () => {
  it('maps Nest levels to pino levels and keeps the context', () => {
    const { nest, lines } = capture();
    nest.log('Mapped {/v1/claims, POST} route', 'RouterExplorer');
    nest.verbose('detail', 'X');
    nest.debug('dbg');
    nest.warn('careful');
    nest.fatal('down');
    expect(lines.map((line) => line.level)).toEqual(['info', 'trace', 'debug', 'warn', 'fatal']);
    expect(lines[0]).toMatchObject({
      service: 'gateway',
      msg: 'Mapped {/v1/claims, POST} route',
      context: 'RouterExplorer',
    });
  });

  it('reads error(message, stack, context) and error(message, stack)', () => {
    const { nest, lines } = capture();
    const stack = 'Error: boom\n    at handler (/app/x.js:1:1)';
    nest.error('boom', stack, 'ExceptionsHandler');
    nest.error('boom again', stack);
    nest.error('plain', 'SomeContext');
    expect(lines[0]).toMatchObject({ level: 'error', msg: 'boom', stack, context: 'ExceptionsHandler' });
    expect(lines[1]).toMatchObject({ msg: 'boom again', stack });
    expect(lines[1]).not.toHaveProperty('context');
    expect(lines[2]).toMatchObject({ msg: 'plain', context: 'SomeContext' });
    expect(lines[2]).not.toHaveProperty('stack');
  });

  it('logs Error and object messages as fields, redacted', () => {
    const { nest, lines } = capture();
    nest.error(new Error('kaput'), 'Bootstrap');
    nest.log({ claimId: 'C-1', patient: { name: 'Jane Roe' } }, 'Claims');
    expect(lines[0]).toMatchObject({ msg: 'kaput', err: { message: 'kaput' }, context: 'Bootstrap' });
    expect(lines[1]).toMatchObject({ claimId: 'C-1', patient: { name: '[redacted]' }, context: 'Claims' });
  });
});
