/**
 * Summary figures of the text outside tasks (a narrative annual report, the preamble of a task list):
 * "53个问题完成整改25个、达到序时进度26个、未达序时进度2个" → 53个问题 / 完成整改25个 / 达到序时进度26个 /
 * 未达序时进度2个; "交办的3321件信访件已办结3177件" → 交办的3321件信访件 / 已办结3177件.
 * Only sentences about rectification are read (问题, 整改, 信访, 办结, 销号, 序时, 问责 …), so that a report's
 * economic figures do not crowd out its rectification figures.
 */

const TOPIC = /问题|任务|整改|信访|举报|投诉|交办|办结|案件|序时|销号|验收|立案|处罚|罚款|问责|约谈|督办|移交/;
const TOKEN = /(?<![\d.A-Za-z第])(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d.])\s*(余|多)?(个百分点|亿元|万元|元|%|个|件|项|家|处|座|人次|人|次|批|宗|起)/g;
// Where the words after one figure stop describing it and start the next one: 信访件|已办结, 问题|完成整改.
const VERB = /已|完成|达到|未达|办结|累计|共|其中|均|全部|基本|正在|超过|占|立案|处罚|问责|约谈|移交|罚款/;

export interface SummaryFigure {
  text: string;
  value: number;
  unit: string | null;
}

function splitAtVerb(middle: string): [string, string] {
  const m = VERB.exec(middle);
  if (!m) return [middle, ''];
  return [middle.slice(0, m.index), middle.slice(m.index)];
}

// The words before a clause's first figure that belong to it: from the last verb (交办的3321件, 反馈我市的53个),
// else after the last 的.
const LEAD_VERB = /(?:交办|反馈|受理|转办|发现|排查|立案|涉及|承担|梳理|督办|移交|指出|认领)(?!.*(?:交办|反馈|受理|转办|发现|排查|立案|涉及|承担|梳理|督办|移交|指出|认领))/;

function leadIn(window: string): string {
  const verb = LEAD_VERB.exec(window);
  if (verb) return window.slice(verb.index);
  const de = window.lastIndexOf('的');
  return de >= 0 ? window.slice(de + 1) : window;
}

function clauseFigures(clause: string): SummaryFigure[] {
  const tokens = [...clause.matchAll(TOKEN)];
  const out: SummaryFigure[] = [];
  tokens.forEach((t, i) => {
    const start = t.index;
    const end = start + t[0].length;
    const prevEnd = i > 0 ? (tokens[i - 1]?.index ?? 0) + (tokens[i - 1]?.[0].length ?? 0) : 0;
    const nextStart = tokens[i + 1]?.index ?? clause.length;
    const prefix = i === 0 ? leadIn(clause.slice(Math.max(0, start - 10), start)) : splitAtVerb(clause.slice(prevEnd, start))[1];
    const suffix = splitAtVerb(clause.slice(end, nextStart))[0].slice(0, 8);
    const value = Number((t[1] ?? '').replace(/,/g, '') + (/\.\d+/.exec(t[0])?.[0] ?? ''));
    if (Number.isFinite(value)) out.push({ text: (prefix + t[0] + suffix).trim(), value, unit: t[3] ?? null });
  });
  return out;
}

/** Reads the summary figures of paragraphs outside tasks, each once, in order. */
export function extractSummary(paragraphs: readonly string[]): SummaryFigure[] {
  const out: SummaryFigure[] = [];
  const seen = new Set<string>();
  for (const p of paragraphs) {
    for (const sentence of p.split(/[。；;！!？?\n]/)) {
      if (!TOPIC.test(sentence) || !/\d/.test(sentence)) continue;
      for (const clause of sentence.split(/[，,、：:（）()]/)) {
        for (const f of clauseFigures(clause)) {
          if (seen.has(f.text)) continue;
          seen.add(f.text);
          out.push(f);
        }
      }
    }
  }
  return out;
}
