import { readEnum } from '#libs/config';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** `LOG_LEVEL` (default `info`); a bad value stops the service with a message naming the variable. */
export function readLogLevel(env: NodeJS.ProcessEnv = process.env): LogLevel {
  return readEnum<LogLevel>(env, 'LOG_LEVEL', 'info', LOG_LEVELS);
}
