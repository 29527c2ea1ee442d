/**
 * Character-level repairs applied to every extracted text before any reading.
 *
 * NFKC is applied only where it repairs something: CJK radicals and compatibility ideographs (Chromium PDFs give
 * U+2F00 ⼀ for 一), fullwidth letters, digits and %, and odd spaces. Chinese punctuation (，：（）；) is NOT folded
 * to ASCII as full NFKC would do: statuses, problems and measures keep the punctuation they were printed with.
 */

const NFKC_TARGETS = /[\u2E80-\u2FDF\uF900-\uFAFF\uFF05\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]|\uD87E[\uDC00-\uDE1F]/g;
const ODD_SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\t\v]/g;
const ODD_SPACES_NOT_TAB = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\v]/g;
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
// Control characters other than line feed: they only ever come from binary junk or broken extraction.
// eslint-disable-next-line no-control-regex -- control characters are exactly what this removes
const CONTROLS = /[\u0000-\u0008\u000E-\u001F\u007F]/g;

// CJK Radicals Supplement forms that PDF fonts map simplified characters to (Noto CJK in Chromium PDFs:
// 增⻓, 部⻔, ⻚), and that NFKC leaves alone.
const RADICAL_LOOKALIKES: Record<string, string> = {
  '⺠': '民', '⻁': '虎', '⻄': '西', '⻅': '见', '⻆': '角', '⻉': '贝', '⻋': '车', '⻑': '長', '⻓': '长', '⻔': '门',
  '⻘': '青', '⻙': '韦', '⻚': '页', '⻛': '风', '⻜': '飞', '⻝': '食', '⻢': '马', '⻣': '骨', '⻤': '鬼', '⻥': '鱼',
  // Kangxi radical ⼾ shares its glyph with simplified 户 in SC fonts; NFKC would give traditional 戶.
  '⼾': '户',
  '⻦': '鸟', '⻧': '卤', '⻨': '麦', '⻩': '黄', '⻬': '齐', '⻮': '齿', '⻰': '龙', '⻳': '龟',
};
const RADICALS = /[\u2E80-\u2EFF\u2F3E]/g;

/** Line ends, invisible characters and compatibility forms repaired; lines and their leading spaces kept. */
export function normalizeChars(text: string, options: { keepTabs?: boolean } = {}): string {
  return text
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(/\f/g, '\n\n')
    .replace(INVISIBLE, '')
    .replace(CONTROLS, '')
    .replace(options.keepTabs ? ODD_SPACES_NOT_TAB : ODD_SPACES, ' ')
    .replace(RADICALS, (c) => RADICAL_LOOKALIKES[c] ?? c)
    .replace(NFKC_TARGETS, (c) => c.normalize('NFKC'))
    // A fullwidth full stop between digits is a decimal point (１．５ → 1.5).
    .replace(/(\d)．(?=\d)/g, '$1.')
    // Mirror sites gloss characters with pinyin (關(guān)) and double punctuation (一,、 / ,,): both are noise.
    .replace(PINYIN_GLOSS, '')
    .replace(/([一二三四五六七八九十])[,，]、/g, '$1、')
    .replace(/([,，。;；])[,，]+/g, '$1');
}

// A pinyin gloss right after a Chinese character: lower-case Latin with at least one tone mark, or a known syllable.
const PINYIN_GLOSS = /(?<=[\u4e00-\u9fff])\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)/g;

const LATIN = /[!-~]/;

/**
 * Removes the spaces PDF and Word conversions put between Chinese and digits or Latin (2019 年 → 2019年,
 * 20% 以上 → 20%以上) and inside Chinese; keeps one space between two Latin/digit tokens (VOCs and PM2.5).
 */
export function squeezeSpaces(line: string): string {
  const t = line.trim();
  if (!t.includes(' ')) return t;
  return t.replace(/ +/g, (_m: string, at: number, all: string) => {
    const before = all[at - 1] ?? '';
    const after = all[at + _m.length] ?? '';
    return LATIN.test(before) && LATIN.test(after) ? ' ' : '';
  });
}

/** Joins two pieces of one paragraph: no space inside Chinese, one space between Latin words. */
export function joinPieces(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  // Digits split by a wrap (201⏎9年) belong together; a word and a word or number (GB⏎16889) do not.
  return (/[A-Za-z]$/.test(a) && /^[A-Za-z0-9]/.test(b)) || (/[0-9]$/.test(a) && /^[A-Za-z]/.test(b)) ? `${a} ${b}` : a + b;
}

/** Drops a trailing sentence mark: 达到序时进度。 → 达到序时进度. */
export function stripEndPunct(text: string): string {
  return text.replace(/[\s。；;，,、.．:：]+$/u, '').trim();
}
