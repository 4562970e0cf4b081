import { ConfigError } from '#libs/config';
import { readExplorerTxUrl } from './explorer-tx-url.js';

const read = (value: string | undefined) => readExplorerTxUrl({ PORTAL_EXPLORER_TX_URL: value });

describe('the block explorer’s transaction URL template (PORTAL_EXPLORER_TX_URL)', () => {
  it('is optional: unset or empty, hashes stay text', () => {
    expect(read(undefined)).toBeUndefined();
    expect(read('')).toBeUndefined();
  });

  it('takes an https URL with {txHash}, or http on localhost', () => {
    expect(read('https://explorer.example/tx/{txHash}')).toBe('https://explorer.example/tx/{txHash}');
    expect(read('https://explorer.example/search?q={txHash}&kind=tx')).toBe(
      'https://explorer.example/search?q={txHash}&kind=tx',
    );
    expect(read('http://localhost:4000/tx/{txHash}')).toBe('http://localhost:4000/tx/{txHash}');
    expect(read('http://127.0.0.1:4000/tx/{txHash}')).toBe('http://127.0.0.1:4000/tx/{txHash}');
  });

  it.each([
    ['https://explorer.example/tx/', 'must contain {txHash}'],
    ['explorer.example/tx/{txHash}', 'must be a URL'],
    ['http://explorer.example/tx/{txHash}', 'must use https:'],
    ['javascript:alert(1)//{txHash}', 'must use https:'],
    ['https://user:secret@explorer.example/tx/{txHash}', 'must not carry credentials'],
  ])('refuses %s, naming the variable', (value, detail) => {
    expect(() => read(value)).toThrow(ConfigError);
    expect(() => read(value)).toThrow(`PORTAL_EXPLORER_TX_URL ${detail}`);
  });
});
