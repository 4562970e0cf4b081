import { context, isSpanContextValid, trace } from '@opentelemetry/api';
import { pino, type DestinationStream, type Logger } from 'pino';
import { readLogLevel, type LogLevel } from './log-level.js';
import { redactPersonalData } from './redact-personal-data.js';

export type { Logger } from 'pino';

export interface LoggerOptions {
  /** Defaults to `LOG_LEVEL` from the environment (validated), else `info`. */
  level?: LogLevel;
  /** Defaults to stdout; tests pass a stream to read the lines back. */
  destination?: DestinationStream;
}

/** `trace_id` and `span_id` of the span active where the line is written, if any. */
export function activeTraceFields(): { trace_id?: string; span_id?: string } {
  const spanContext = trace.getSpan(context.active())?.spanContext();
  if (!spanContext || !isSpanContextValid(spanContext)) return {};
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId };
}

/**
 * The service's JSON logger: one line per entry with `service`, ISO `time`, `level` as a word,
 * the active trace and span id, and personal data censored (see `redact-personal-data.ts`).
 */
export function createLogger(service: string, options: LoggerOptions = {}): Logger {
  const logger = pino(
    {
      level: options.level ?? readLogLevel(),
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: activeTraceFields,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => redactPersonalData(object),
      },
    },
    // Synchronous stdout by default: the last lines before a crash are the ones that matter.
    options.destination ?? pino.destination(1),
  );
  redactChildBindings(logger);
  return logger;
}

/**
 * pino applies `formatters.log` to each entry's own fields but not to a child's bindings
 * (`logger.child({ member })`), so those are redacted once, when the child is made. Children
 * inherit this `child` from the root logger.
 */
function redactChildBindings(logger: Logger): void {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with each child as `this`
  const pinoChild = logger.child;
  logger.child = function (this: Logger, bindings, childOptions) {
    return pinoChild.call(this, redactPersonalData(bindings), childOptions);
  } as Logger['child'];
}
