const DIGITS = '零一二三四五六七八九';

/** 1 → 一, 12 → 十二, 40 → 四十, 105 → 一百零五: how measures are numbered in Chinese documents (（一）（二）…). */
export function toChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1000) return String(n);
  if (n < 10) return DIGITS[n]!;
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const ones = n % 10;
  let out = hundreds ? `${DIGITS[hundreds]}百` : '';
  if (tens) out += `${hundreds || tens > 1 ? DIGITS[tens] : ''}十`;
  else if (hundreds && ones) out += '零';
  if (ones) out += DIGITS[ones];
  return out;
}

/** A measure's number as documents print it: （一） in Chinese, (1) in English. */
export function measureOrdinal(locale: 'zh' | 'en', n: number): string {
  return locale === 'zh' ? `（${toChineseNumeral(n)}）` : `(${n}) `;
}
