import { randomBytes } from 'node:crypto';
import { open, seal, SealBrokenError } from './aes-gcm.js';

describe('AES-256-GCM sealing', () => {
  const key = randomBytes(32);
  const plaintext = Buffer.from('Ada Lovelace, 1815-12-10', 'utf8');

  it('opens what it sealed with the same key and context, and seals the same text differently each time', () => {
    const first = seal(key, plaintext, 'members.name/M-1');
    const second = seal(key, plaintext, 'members.name/M-1');
    expect(first.equals(second)).toBe(false);
    expect(open(key, first, 'members.name/M-1').toString('utf8')).toBe('Ada Lovelace, 1815-12-10');
    expect(first.includes(plaintext)).toBe(false);
  });

  it('refuses another context: a value copied to another row does not open', () => {
    expect(() => open(key, seal(key, plaintext, 'members.name/M-1'), 'members.name/M-2')).toThrow(SealBrokenError);
  });

  it('refuses another key, an altered byte and a truncated value', () => {
    const sealed = seal(key, plaintext, 'c');
    expect(() => open(randomBytes(32), sealed, 'c')).toThrow(SealBrokenError);
    const altered = Buffer.from(sealed);
    altered[altered.length - 1] ^= 1;
    expect(() => open(key, altered, 'c')).toThrow(SealBrokenError);
    expect(() => open(key, sealed.subarray(0, 20), 'c')).toThrow(SealBrokenError);
  });
});
