/** The little the library says: problems it recovers from by itself, never message contents. */
export interface MessagingLogger {
  warn(message: string): void;
  error(message: string): void;
}

export const consoleLogger: MessagingLogger = {
  warn: (message) => console.warn(`[messaging] ${message}`),
  error: (message) => console.error(`[messaging] ${message}`),
};

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
