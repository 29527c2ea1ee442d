import { describe, expect, it } from 'vitest';
import { openPersonal, sealPersonal } from './personal-data.js';

const config = { secretKey: 'test-secret-key-0123456789abcdef' };

describe('complainant data at rest', () => {
  it('round-trips, with a fresh IV each time, and never contains the clear text', () => {
    const a = sealPersonal(config, 'complainant_name', '王建国')!;
    const b = sealPersonal(config, 'complainant_name', '王建国')!;
    expect(a).not.toBe(b);
    expect(a).not.toContain('王建国');
    expect(openPersonal(config, 'complainant_name', a)).toBe('王建国');
    expect(sealPersonal(config, 'complainant_contact', null)).toBeNull();
  });

  it('does not open under another key or in another field', () => {
    const sealed = sealPersonal(config, 'complainant_contact', '13904130001');
    expect(() => openPersonal({ secretKey: 'another-secret-key-0123456789' }, 'complainant_contact', sealed)).toThrow(/SECRET_KEY 与加密时使用的不一致/);
    expect(() => openPersonal(config, 'complainant_name', sealed)).toThrow(/无法解密/);
  });

  it('refuses to store personal data without a key, telling the deployer to set SECRET_KEY', () => {
    expect(() => sealPersonal({ secretKey: null }, 'complainant_name', '王建国')).toThrow(expect.objectContaining({ code: 'SECRET_KEY_MISSING', message: expect.stringContaining('SECRET_KEY') }));
  });
});
