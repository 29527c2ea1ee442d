/**
 * What a report says about itself: title, region, inspection, the date it speaks for, and a notice period.
 *
 * asOf rule: (1) a 截至/截止 date in the title or the paragraphs before the first task, else (2) a date in the
 * title, else (3) the latest year the tasks' statuses and measures mention (deadlines "…前" excluded), else null.
 * It is written as precisely as printed: YYYY-MM-DD, YYYY-MM or YYYY (截至2023年底 → 2023-12-31).
 */
import { isStandaloneLine, readField } from './markers.js';

/** Joins the title paragraphs at the top: short, unpunctuated, before any sentence. */
export function findTitle(preamble: readonly string[]): string {
  const parts: string[] = [];
  for (const p of preamble.slice(0, 8)) {
    if (isStandaloneLine(p) || /^[\u4e00-\u9fa5]{0,12}[〔[【]\d{4}[〕\]】]\d{1,5}号$/.test(p)) {
      if (parts.length) break;
      continue;
    }
    // A title wrapped before its genre word ("…整改任务" / "进展情况") reads the tail like a bare field label.
    const tail = p.replace(/[：:]$/, '');
    if (parts.length > 0 && /^(?:整改|进展|完成|落实|推进|工作)*(?:情况|报告|公示|清单|方案)$/.test(tail)) {
      parts.push(tail);
      break;
    }
    const titleLike = p.length <= 70 && !/[。；;：:!！?？]$/.test(p) && !/[。；]/.test(p) && !readField(p);
    // A title already ending with its kind (…情况) is complete; a date line under it is not part of it.
    const complete = parts.length > 0 && /(?:情况|报告|公示|公告|方案|通知|清单|进展)$/.test(parts[parts.length - 1] ?? '');
    if (!titleLike || complete || /^(?:截至|截止|[(（])/.test(p)) break;
    parts.push(p);
    if (parts.join('').length > 90) break;
  }
  if (parts.length) return parts.join('');
  const first = preamble.find((p) => !isStandaloneLine(p));
  return first && first.length <= 100 && !/。/.test(first.slice(0, -1)) ? first.replace(/[。]$/, '') : '';
}

const REGION =
  /^(?:中共|关于|中国共产党)?((?:[\u4e00-\u9fa5]{1,8}?(?:特别行政区|自治区|自治州|自治县|地区|省|市|州|盟|县|区|旗)){1,3}?)(?=第[一二三四五六七八九十\d]+轮|中央|省级|委|人民政府|政府|党委|生态|环境|环保|关于|贯彻|落实|督察|[\d]{4}年|开展|整改|委员会)/;

/** The area the report is about, from the start of its title: 抚顺市…, 辽宁省抚顺市…. */
export function findRegion(title: string): string | null {
  const m = REGION.exec(title);
  const r = m?.[1] ?? null;
  return r && r.length >= 2 && !/^(?:省|市|县|区)/.test(r) ? r : null;
}

const INSPECTION =
  /(?:(?:黑龙江|[\u4e00-\u9fa5]{2})省|内蒙古自治区|[\u4e00-\u9fa5]{2}自治区)?(?:第[一二三四五六七八九十\d]{1,2}轮)?(?:中央|省级|省委省政府|自治区|市级)?(?:第[一二三四五六七八九十\d]{1,2})?(?:生态环境保护|生态环保|环境保护|环保)督察(?:(?:及|暨)?[“"]?回头看[”"]?)?/;

/** The inspection named in the title or the first paragraphs: 第二轮中央生态环境保护督察. */
export function findInspection(texts: readonly string[]): string | null {
  for (const t of texts) {
    const m = INSPECTION.exec(t);
    if (m && /轮|中央|省|市|自治区|回头看/.test(m[0])) return m[0];
  }
  // An unqualified 生态环境保护督察 names no inspection.
  return null;
}

const ISO_DATE = /(?<!\d)(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?(年底|年末|底|末)?/;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A printed date as ISO text, as precise as printed: 2023年6月28日 → 2023-06-28, 2022年底 → 2022-12-31. */
export function isoFromChinese(text: string): string | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const y = Number(m[1]);
  if (y < 1949 || y > 2100) return null;
  let month = m[2] ? Number(m[2]) : null;
  if (month !== null && (month < 1 || month > 12)) return null;
  if (m[4]) {
    month = month ?? 12;
    return `${y}-${pad(month)}-${pad(new Date(Date.UTC(y, month, 0)).getUTCDate())}`;
  }
  if (month === null) return String(y);
  return m[3] ? `${y}-${pad(month)}-${pad(Number(m[3]))}` : `${y}-${pad(month)}`;
}

const AS_OF = /(?:截至|截止)(?:到|于)?\s*(\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?(?:年底|年末|底|末)?)/;

/** The date the report speaks for (see the module comment for the rule). */
export function findAsOf(title: string, preamble: readonly string[], taskTexts: readonly string[]): string | null {
  for (const t of [title, ...preamble]) {
    const m = AS_OF.exec(t);
    const iso = m ? isoFromChinese(m[1] ?? '') : null;
    if (iso) return iso;
  }
  const inTitle = isoFromChinese(title);
  if (inTitle) return inTitle;
  let latest = 0;
  for (const t of taskTexts) {
    for (const m of t.matchAll(/(?<!\d)(\d{4})年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:年底|底|末)?(前|以前|之前)?/g)) {
      const y = Number(m[1]);
      if (!m[2] && y >= 1990 && y <= 2100 && y > latest) latest = y;
    }
  }
  return latest ? String(latest) : null;
}

const DAY = String.raw`(?:\d{4}年)?(?:\d{1,2}月)?\d{1,2}日`;
const NOTICE = new RegExp(String.raw`公示(?:时间|期限|日期|期)?(?:为|是|:|：|自|从)*\s*(${DAY})\s*(?:[(（][^()（）]{0,8}[)）])?\s*(?:至|到|—|－|-|~|～)\s*(${DAY})`);

/** A notice period (公示时间：2023年8月1日至8月7日), its ends completed from each other; null if none. */
export function findNotice(texts: readonly string[]): { text: string; start: string | null; end: string | null } | null {
  for (const t of texts) {
    const m = NOTICE.exec(t);
    if (m) {
      const start = isoFromChinese(m[1] ?? '');
      const y = start?.slice(0, 4) ?? '';
      const endText = m[2] ?? '';
      const startMonth = /(\d{1,2})月/.exec(m[1] ?? '')?.[1] ?? '';
      const full = /年/.test(endText) ? endText : /月/.test(endText) ? `${y}年${endText}` : `${y}年${startMonth}月${endText}`;
      return { text: m[0], start, end: y || /年/.test(endText) ? isoFromChinese(full) : null };
    }
    const loose = /公示(?:期|时间)?为?\s*(\d{1,2}|[一二三四五六七八九十])个?(?:工作日|日|天)/.exec(t);
    if (loose) return { text: loose[0], start: null, end: null };
  }
  return null;
}
