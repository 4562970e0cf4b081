/** Bodies built to cost a parser or validator as much as possible, each just under the 1 MiB limit. */
export interface PathologicalBody {
  name: string;
  method: string;
  path: string;
  body: Buffer;
}

const ONE_MB = 1_000_000;

/** 90,000 unknown keys (~1 MB): every key costs a lookup, and each could be listed in the answer. */
function manyKeys(): string {
  const keys = Array.from({ length: 90_000 }, (_unused, index) => `"k${index}":0`);
  return `{${keys.join(',')}}`;
}

/** A field of arrays nested 20,000 deep: recursion in any later step would overflow the stack. */
function deepArrays(): string {
  return `{"planId":${'['.repeat(20_000)}${']'.repeat(20_000)},"applicant":{}}`;
}

export function pathologicalBodies(): PathologicalBody[] {
  const bodies: [string, string, string][] = [
    ['90,000 unknown keys', '/v1/members', manyKeys()],
    ['arrays nested 20,000 deep', '/v1/quotes', deepArrays()],
    // As JSON escapes (legal JSON, refused by the character check) and as raw bytes (not JSON at all).
    [
      '1 MB of escaped control characters',
      '/v1/insurers',
      `{"id":"I-1","name":"${'\\u0007'.repeat(ONE_MB / 6 - 10)}"}`,
    ],
    ['1 MB of raw control characters', '/v1/insurers', `{"id":"I-1","name":"${'\u0001'.repeat(ONE_MB - 100)}"}`],
    ['a 1 MB string field', '/v1/insurers', `{"id":"I-1","name":"${'a'.repeat(ONE_MB - 100)}","address":"0x0"}`],
    [
      '250,000 entries where 50 are allowed',
      '/v1/quotes',
      `{"planId":"P","applicant":{"chronicConditions":[${'"a",'.repeat(ONE_MB / 4 - 100)}"a"]}}`,
    ],
    [
      '20,001 fee schedule entries',
      '/v1/fee-schedule',
      JSON.stringify({ entries: new Array(20_001).fill({ code: 'AB', amount: 1 }) }),
    ],
  ];
  return bodies.map(([name, path, text]) => ({
    name,
    method: path === '/v1/fee-schedule' ? 'PUT' : 'POST',
    path,
    body: Buffer.from(text),
  }));
}
