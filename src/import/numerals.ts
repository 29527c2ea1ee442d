/**
 * Chinese and Arabic numerals as printed in reports: 二十 → 20, 一百零三 → 103, 两 → 2, 12 → 12.
 */

const DIGIT: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
  // 大写 (financial) forms, used by some offices for task numbers: 第壹拾贰项.
  壹: 1, 贰: 2, 叁: 3, 肆: 4, 伍: 5, 陆: 6, 柒: 7, 捌: 8, 玖: 9,
};
const UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 拾: 10, 佰: 100, 仟: 1000 };

/** The characters a Chinese numeral is written with (for building patterns). */
export const CN_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰';

/** A run of Chinese numeral characters (for regular expressions built from strings). */
export const CN_RUN = `[${CN_NUMERAL_CHARS}]`;

/** Reads a Chinese numeral below 10 000 (十一, 二十, 一百零三, 一〇三); null when it is not one. */
export function chineseToNumber(text: string): number | null {
  if (!text || text.length > 12) return null;
  // Digit-by-digit form without units: 一〇三 → 103.
  if (!/[十百千拾佰仟]/.test(text)) {
    let n = 0;
    for (const ch of text) {
      const d = DIGIT[ch];
      if (d === undefined) return null;
      n = n * 10 + d;
    }
    return n;
  }
  let total = 0;
  let pending: number | null = null;
  for (const ch of text) {
    const d = DIGIT[ch];
    if (d !== undefined) {
      pending = d;
      continue;
    }
    const unit = UNIT[ch];
    if (unit === undefined) return null;
    // A leading 十 means 一十 (十一 = 11).
    total += (pending ?? 1) * unit;
    pending = null;
  }
  return total + (pending ?? 0);
}

/** Reads an Arabic or Chinese numeral; null when neither. */
export function readNumeral(text: string): number | null {
  const t = text.trim();
  if (/^\d{1,9}$/.test(t)) return Number(t);
  return chineseToNumber(t);
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

/** ① → 1 … ⑳ → 20; null for any other character. */
export function circledToNumber(ch: string): number | null {
  const i = CIRCLED.indexOf(ch);
  return i < 0 ? null : i + 1;
}

export const CIRCLED_CHARS = CIRCLED;

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Writes 1–99 as a Chinese numeral (十一, 二十三); other numbers stay Arabic. */
export function numberToChinese(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  if (n < 10) return DIGITS[n] ?? String(n);
  const tens = Math.floor(n / 10);
  const units = n % 10;
  return `${tens === 1 ? '' : (DIGITS[tens] ?? '')}十${units ? (DIGITS[units] ?? '') : ''}`;
}

const FIRST_NUMERAL = new RegExp(`\\d+|${CN_RUN}+`);

/** The first number written in a code, Arabic or Chinese: "序号8(市序号9)" → 8, "二十八(三)" → 28; null if none. */
export function firstNumeral(text: string): number | null {
  const m = FIRST_NUMERAL.exec(text);
  return m ? readNumeral(m[0]) : null;
}
