import type { LoggerService, LogLevel as NestLogLevel } from '@nestjs/common';
import type { Level, Logger } from 'pino';
import { createLogger } from './create-logger.js';

const PINO_LEVEL_OF: Record<NestLogLevel, Level> = {
  verbose: 'trace',
  debug: 'debug',
  log: 'info',
  warn: 'warn',
  error: 'error',
  fatal: 'fatal',
};

/**
 * Nest's logger interface on top of the pino logger, so Nest's own lines (routes, lifecycle,
 * uncaught exceptions) come out as the same JSON with trace ids and redaction:
 * `NestFactory.create(AppModule, adapter, { logger: new NestPinoLogger('claims') })`.
 */
export class NestPinoLogger implements LoggerService {
  readonly pino: Logger;

  constructor(serviceOrLogger: string | Logger) {
    this.pino = typeof serviceOrLogger === 'string' ? createLogger(serviceOrLogger) : serviceOrLogger;
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('log', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('verbose', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: NestLogLevel, message: unknown, params: unknown[]): void {
    const pinoLevel = PINO_LEVEL_OF[level];
    if (!this.pino.isLevelEnabled(pinoLevel)) return;
    const { context, stack, rest } = splitNestParams(level, params);
    const fields: Record<string, unknown> = {};
    if (context) fields.context = context;
    if (stack) fields.stack = stack;
    if (rest.length > 0) fields.details = rest;
    if (message instanceof Error) {
      this.pino[pinoLevel]({ ...fields, err: message }, message.message);
    } else if (message !== null && typeof message === 'object') {
      this.pino[pinoLevel]({ ...fields, ...message });
    } else {
      this.pino[pinoLevel](fields, String(message));
    }
  }
}

/**
 * Nest calls `log(message, context)`, `error(message, stack, context)` and sometimes
 * `error(message, stack)`: a trailing string is the context unless it is a stack trace.
 */
function splitNestParams(
  level: NestLogLevel,
  params: unknown[],
): { context?: string; stack?: string; rest: unknown[] } {
  const rest = params.filter((param) => param !== undefined);
  const trailingString = (): string | undefined => {
    const last = rest.at(-1);
    return typeof last === 'string' ? last : undefined;
  };
  const isStack = (text: string | undefined): boolean => level === 'error' && !!text && /\n\s+at /.test(text);
  if (isStack(trailingString())) return { stack: rest.pop() as string, rest };
  const context = trailingString();
  if (context !== undefined) rest.pop();
  const stack = isStack(trailingString()) ? (rest.pop() as string) : undefined;
  return { context, stack, rest };
}
