import { explorerTxLink } from './explorer-link';

const HASH = `0x${'ab12'.repeat(16)}`;

describe('the block explorer link of a transaction', () => {
  it('puts the hash where the template says, in the path or the query', () => {
    expect(explorerTxLink('https://explorer.example/tx/{txHash}', HASH)).toBe(`https://explorer.example/tx/${HASH}`);
    expect(explorerTxLink('https://explorer.example/search?kind=tx&q={txHash}', HASH)).toBe(
      `https://explorer.example/search?kind=tx&q=${HASH}`,
    );
    expect(explorerTxLink('http://localhost:4000/tx/{txHash}', HASH)).toBe(`http://localhost:4000/tx/${HASH}`);
  });

  it('gives no link without a template, for a hash that is not one, or for what is not a web page', () => {
    expect(explorerTxLink(undefined, HASH)).toBeUndefined();
    expect(explorerTxLink('', HASH)).toBeUndefined();
    expect(explorerTxLink('https://explorer.example/tx/{txHash}', '0x1234')).toBeUndefined();
    expect(explorerTxLink('https://explorer.example/tx/{txHash}', `${HASH}"><script>`)).toBeUndefined();
    expect(explorerTxLink('javascript:alert("{txHash}")', HASH)).toBeUndefined();
    expect(explorerTxLink('not a url {txHash}', HASH)).toBeUndefined();
  });
});
