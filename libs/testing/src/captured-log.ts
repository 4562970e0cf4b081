import { Writable } from 'node:stream';

/**
 * A destination for a service's pino logger in a test (`createLogger(service, { destination })`): the
 * JSON lines exactly as production writes them, to read back.
 */
export class CapturedLog extends Writable {
  readonly chunks: string[] = [];

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.chunks.push(chunk.toString('utf8'));
    done();
  }

  /** Everything written so far, as written. */
  text(): string {
    return this.chunks.join('');
  }

  /** Every line written so far, parsed. */
  lines(): Record<string, unknown>[] {
    return this.text()
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  /** The lines whose `msg` is `message`. */
  linesSaying(message: string): Record<string, unknown>[] {
    return this.lines().filter((line) => line.msg === message);
  }

  clear(): void {
    this.chunks.length = 0;
  }
}
