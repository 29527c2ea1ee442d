/**
 * Responsible units: the explicit 责任单位/牵头单位 sections split into names, and — only when a task names none —
 * the organisations its measures show doing the work (抚顺矿业集团完成…, 市生态环境局牵头…).
 */

/** Role words written after a name: 市生态环境局（牵头）, 市发展改革委配合. */
const ROLE = /(?:[(（][^()（）]{0,10}[)）]|牵头|配合|负责|按职责分工负责|为主|等)+$/;

/** Splits a 责任单位 section into unit names, in order, each once. */
export function splitUnits(text: string): string[] {
  const names = text
    .replace(/[。.]$/, '')
    .split(/[、，,；;/\n]|\s+|(?:和|及|与|以及)(?=[市县区省各])/)
    .map((s) => s.trim().replace(/^(?:由|为)/, '').replace(ROLE, '').trim())
    .filter((s) => s.length >= 2 && s.length <= 40 && !/^(?:无|暂无|\/|—+)$/.test(s));
  return [...new Set(names)];
}

const ORG_END = '(?:人民政府|政府|管委会|委员会|领导小组办公室|办公室|指挥部|集团|有限公司|公司|局|厅|委|办|中心)';
const DOING = '(?:牵头|负责|组织|完成|开展|印发|制定|出台|建立|联合|会同|督促|指导|推进|实施|积极|按照|加强|持续|严格|已|于)';
const MENTION = new RegExp(
  String.raw`(?:^|[，,。；;：:])\s*((?:[\u4e00-\u9fa5]{2,6}?(?:省|市|县|区))?[\u4e00-\u9fa5]{1,12}?${ORG_END})(?=${DOING})`,
  'g',
);

/** Organisations shown doing the work at the start of a clause; a fallback when no unit section exists. */
export function mentionedUnits(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(MENTION)) {
    const name = (m[1] ?? '').trim();
    if (name.length >= 3 && !/^(?:我|本|全|各|该|此)/.test(name)) out.push(name);
  }
  return [...new Set(out)];
}
