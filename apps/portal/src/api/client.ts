import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './generated/schema';
import { ApiProblem, toApiProblem } from './problem';

/**
 * The typed API client: every path, parameter and body is checked against the gateway's OpenAPI document
 * (generated/schema.d.ts, `npm run portal:api`), so an API change breaks this app's build. Same origin:
 * the gateway serves both the app and the API.
 */
export const api = createClient<paths>({ baseUrl: '' });

let bearer: (() => string | undefined) | undefined;
let onUnauthorized: (() => void) | undefined;

/** Called by the session: where the token comes from, and what to do when the API refuses it. */
export function connectApi(options: { token: () => string | undefined; unauthorized: () => void }): void {
  bearer = options.token;
  onUnauthorized = options.unauthorized;
}

const authorize: Middleware = {
  onRequest({ request }) {
    const token = bearer?.();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401) onUnauthorized?.();
    return response;
  },
};
api.use(authorize);

/**
 * The data of an openapi-fetch result, or its problem thrown as an ApiProblem: pages use
 * `const claim = await data(api.GET(...))` and show what is thrown with <ErrorBanner>.
 */
export async function data<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<Exclude<T, undefined>> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (error) {
    throw toApiProblem(error);
  }
  if (result.error !== undefined || !result.response.ok) throw toApiProblem(result.error, result.response.status);
  return result.data as Exclude<T, undefined>;
}

export { ApiProblem };
