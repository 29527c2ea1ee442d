import { describe, expect, it } from 'vitest';
import { measureOrdinal, toChineseNumeral } from './numerals';

describe('toChineseNumeral', () => {
  it.each([[1, '一'], [10, '十'], [12, '十二'], [20, '二十'], [45, '四十五'], [100, '一百'], [105, '一百零五'], [110, '一百一十']])('%i → %s', (n, s) => {
    expect(toChineseNumeral(n)).toBe(s);
  });

  it('numbers measures as documents do', () => {
    expect(measureOrdinal('zh', 3)).toBe('（三）');
    expect(measureOrdinal('en', 3)).toBe('(3) ');
  });
});
