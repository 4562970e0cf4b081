import { opensOps } from './ops-access.js';

const TOKEN = 'ops-token-of-this-stack-0123456789';

describe('ops access', () => {
  it('opens with the configured bearer token', () => {
    expect(opensOps(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(opensOps(`bearer ${TOKEN}`, TOKEN)).toBe(true);
  });

  it.each([
    ['no header', undefined],
    ['another token', 'Bearer ops-token-of-another-stack-0123'],
    ['a prefix of the token', `Bearer ${TOKEN.slice(0, 10)}`],
    ['the token without the scheme', TOKEN],
    ['basic credentials', `Basic ${TOKEN}`],
  ])('stays shut with %s', (_case, header) => {
    expect(opensOps(header, TOKEN)).toBe(false);
  });

  it('stays shut for everyone when no token is configured', () => {
    expect(opensOps('Bearer ', undefined)).toBe(false);
    expect(opensOps(`Bearer ${TOKEN}`, undefined)).toBe(false);
  });
});
