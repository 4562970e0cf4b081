/** JSON over fetch for the API tests, keeping status and headers for assertions. */
export interface ApiResponse {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
  text: string;
}

export async function call(
  method: string,
  url: string,
  {
    token,
    body,
    raw,
    headers = {},
  }: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse> {
  const allHeaders: Record<string, string> = { ...headers };
  if (token) allHeaders.authorization = `Bearer ${token}`;
  if (body !== undefined) allHeaders['content-type'] ??= 'application/json';
  const response = await fetch(url, {
    method,
    headers: allHeaders,
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await response.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    // an HTML page (/docs)
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

/** A claim as a clinic submits it (API.md, Claims). */
export function aClaim(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    memberId: 'M-1',
    providerId: 'P-1',
    serviceDate: '2026-03-14',
    diagnosisCodes: ['J06.9'],
    lines: [
      { code: '99213', units: 1, charge: 15000 },
      { code: '87880', units: 1, charge: 3500, modifiers: ['QW'] },
    ],
    ...overrides,
  };
}
