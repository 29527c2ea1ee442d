import { describe, expect, it } from 'vitest';
import { DICTIONARIES, LOCALES, makeI18n, translate } from './i18n';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it('have identical keys in every language', () => {
    const reference = Object.keys(DICTIONARIES.zh).sort();
    for (const locale of LOCALES) expect(Object.keys(DICTIONARIES[locale]).sort()).toEqual(reference);
  });

  it('translate every key to a non-empty text with the same placeholders', () => {
    for (const [key, zhText] of Object.entries(DICTIONARIES.zh)) {
      for (const locale of LOCALES) {
        const text = DICTIONARIES[locale][key as keyof typeof DICTIONARIES.zh];
        expect(text.trim(), `${locale} ${key}`).not.toBe('');
        expect(placeholders(text), `${locale} ${key}`).toEqual(placeholders(zhText));
      }
    }
  });

  it('leave no Chinese in the English dictionary, except examples of what must be typed in Chinese', () => {
    const examples = new Set(['progressForm.statusPlaceholder']);
    const chinese = Object.entries(DICTIONARIES.en).filter(([k, v]) => !examples.has(k) && /[\u4e00-\u9fff]/.test(v));
    expect(chinese).toEqual([]);
  });
});

describe('translate and format', () => {
  it('fills placeholders', () => {
    expect(translate('zh', 'ledger.total', { n: 13 })).toBe('共 13 项');
    expect(translate('en', 'report.task', { code: '2' })).toBe('Task 2: ');
  });

  it('writes dates and numbers in the locale form', () => {
    const zh = makeI18n('zh');
    const en = makeI18n('en');
    expect(zh.formatDate('2023-12-31')).toBe('2023年12月31日');
    expect(en.formatDate('2023-12-31')).toBe('Dec 31, 2023');
    expect(zh.formatDate('2023-12')).toBe('2023年12月');
    expect(en.formatNumber(12345.6)).toBe('12,345.6');
    expect(zh.formatDate(null)).toBe('');
  });

  it('knows which API codes it can translate', () => {
    const zh = makeI18n('zh');
    expect(zh.has('audit.task.create')).toBe(true);
    expect(zh.has('audit.something.new')).toBe(false);
  });
});
