import { describe, expect, it } from 'vitest';
import {
  dateFromCaseNo, isWithheld, normalizeCaseSource, normalizePollutionType, normalizeVerified, quarterOf, quarterRange, readFlag,
} from './case.js';

describe('case vocabularies', () => {
  it('reads sources, falling back to the case id letter', () => {
    expect(normalizeCaseSource('来电')).toBe('phone');
    expect(normalizeCaseSource('12369热线')).toBe('phone');
    expect(normalizeCaseSource('来信')).toBe('letter');
    expect(normalizeCaseSource('网络')).toBe('other');
    expect(normalizeCaseSource('', 'X3LN202505280003')).toBe('letter');
    expect(normalizeCaseSource(null, 'D3LN202505280001')).toBe('phone');
  });

  it('reads findings with 不属实 before 属实', () => {
    expect(normalizeVerified('不属实')).toBe('false');
    expect(normalizeVerified('部分属实')).toBe('partly');
    expect(normalizeVerified('基本属实')).toBe('partly');
    expect(normalizeVerified('属实')).toBe('true');
    expect(normalizeVerified('待查')).toBeNull();
  });

  it('reads flags, types, withheld details and the date inside a case id', () => {
    expect([readFlag('是'), readFlag('√'), readFlag('否'), readFlag('')]).toEqual([true, true, false, false]);
    expect(normalizePollutionType('大气污染,噪声')).toBe('大气、噪声');
    expect(normalizePollutionType('水污染')).toBe('水');
    expect(normalizePollutionType('光污染')).toBe('光');
    expect(['匿名', ' 保密 ', '—', '', '/'].every(isWithheld)).toBe(true);
    expect(isWithheld('王建国')).toBe(false);
    expect(dateFromCaseNo('D3SX202505280018')).toBe('2025-05-28');
    expect(dateFromCaseNo('ABC-12')).toBeNull();
  });

  it('knows quarters', () => {
    expect(quarterRange('2025Q1')).toEqual({ from: '2025-01-01', to: '2025-03-31' });
    expect(quarterRange('2024Q4')).toEqual({ from: '2024-10-01', to: '2024-12-31' });
    expect(quarterRange('2025Q5')).toBeNull();
    expect(quarterOf('2025-05-28')).toBe('2025Q2');
  });
});
