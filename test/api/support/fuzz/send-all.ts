import type { BadRequest } from './bad-requests.js';

export interface Answer {
  status: number;
  contentType: string;
  text: string;
}

/** Sends every request, `concurrency` at a time, and answers them in order. */
export async function sendAll(
  gatewayUrl: string,
  requests: readonly BadRequest[],
  tokenFor: (operation: string) => string,
  concurrency = 8,
): Promise<Answer[]> {
  const answers: Answer[] = new Array<Answer>(requests.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < requests.length; index = next++) {
      const request = requests[index];
      const headers: Record<string, string> = { authorization: `Bearer ${tokenFor(request.operation)}` };
      if (request.contentType) headers['content-type'] = request.contentType;
      try {
        const response = await fetch(`${gatewayUrl}${request.url}`, {
          method: request.method,
          headers,
          body: request.body,
        });
        answers[index] = {
          status: response.status,
          contentType: response.headers.get('content-type') ?? '',
          text: await response.text(),
        };
      } catch (error) {
        answers[index] = { status: 0, contentType: '', text: String(error) };
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return answers;
}
