import { randomBytes } from 'node:crypto';
import { FieldCipher } from './field-cipher.js';

describe('FieldCipher', () => {
  const cipher = new FieldCipher(randomBytes(32), randomBytes(32));

  it('round-trips and never stores the plaintext', () => {
    const enc = cipher.encrypt('11010519491231002X');
    expect(enc).toMatch(/^v1:/);
    expect(enc).not.toContain('11010519491231002X');
    expect(cipher.decrypt(enc)).toBe('11010519491231002X');
  });

  it('uses a fresh IV each time, so equal values do not look equal at rest', () => {
    expect(cipher.encrypt('13800138000')).not.toBe(cipher.encrypt('13800138000'));
  });

  it('detects a modified ciphertext (GCM authentication)', () => {
    const enc = cipher.encrypt('白血病');
    const raw = Buffer.from(enc.slice(3), 'base64');
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 1;
    expect(() => cipher.decrypt(`v1:${raw.toString('base64')}`)).toThrow();
  });

  it('hashes ID numbers for exact look-up, case-insensitively, keyed', () => {
    expect(cipher.hash('11010519491231002x')).toBe(cipher.hash('11010519491231002X'));
    expect(new FieldCipher(randomBytes(32), randomBytes(32)).hash('11010519491231002X')).not.toBe(cipher.hash('11010519491231002X'));
  });
});
