/** A small fetch wrapper for tests: JSON in and out, the headers kept for assertions. */
export interface TestResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
  /** The body as it came, to compare byte for byte. */
  text: string;
}

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
  /** Sent as it is (no JSON encoding); set `content-type` in `headers` yourself. */
  raw?: string | Buffer;
}

export async function request<T = Record<string, unknown>>(
  method: string,
  url: string,
  body?: unknown,
  { token, headers = {}, raw }: RequestOptions = {},
): Promise<TestResponse<T>> {
  const allHeaders: Record<string, string> = { ...headers };
  if (token) allHeaders.authorization = `Bearer ${token}`;
  let payload: string | Buffer | undefined = raw;
  if (payload === undefined && body !== undefined) {
    payload = JSON.stringify(body);
    allHeaders['content-type'] ??= 'application/json';
  }
  const response = await fetch(url, { method, headers: allHeaders, body: payload });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON (e.g. the /docs page): keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed as T, text };
}

/** A valid claim body (API.md, Claims), with overrides for the case at hand. */
export function aClaimBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    memberId: 'M-1',
    providerId: 'P-1',
    serviceDate: '2026-03-14',
    diagnosisCodes: ['J06.9'],
    lines: [{ code: '99213', units: 1, charge: 15000 }],
    ...overrides,
  };
}

export const PROBLEM_JSON = /^application\/problem\+json/;
