import { sleep } from '#libs/testing';

/**
 * GET a JSON resource of the API as a careful client would after the campaign: a 503 or a lost
 * connection (a service still settling after the last fault) is asked again a few times, anything else
 * that is not 200 is an error naming the path.
 */
export async function getJson<T>(url: string, token: string, attempts = 10): Promise<T> {
  const path = new URL(url).pathname;
  for (let attempt = 1; ; attempt += 1) {
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(30_000),
    }).catch((error: unknown) => (attempt < attempts ? undefined : Promise.reject(error as Error)));
    if (response?.ok) return (await response.json()) as T;
    if (response && response.status !== 503)
      throw new Error(`GET ${path} → ${response.status}: ${await response.text()}`);
    if (attempt >= attempts) throw new Error(`GET ${path} still 503 after ${attempts} attempts`);
    await sleep(1_000);
  }
}
