import { randomUUID } from 'node:crypto';

/**
 * A caller's `x-request-id` is echoed only when it is short and made of safe characters, so it can
 * go into logs and headers as it is (no header injection, no log forging); otherwise a UUID is made.
 */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && SANE_REQUEST_ID.test(value) ? value : randomUUID();
}
