import { describe, expect, it } from 'vitest';
import { ParsedReportSchema } from '../core/report.js';
import { parseReportText } from './index.js';
import { fixtureText, SAMPLE } from './test-helpers.js';

const report = parseReportText(fixtureText(SAMPLE));
const task = (code: string) => {
  const t = report.tasks.find((x) => x.code === code);
  if (!t) throw new Error(`no task ${code}`);
  return t;
};

describe('the sample report (抚顺市 2023)', () => {
  it('matches the contract', () => {
    expect(ParsedReportSchema.parse(report)).toEqual(report);
    expect(report.warnings).toEqual([]);
  });

  it('reads title, region, inspection and asOf', () => {
    expect(report.title).toBe('抚顺市第二轮中央生态环境保护督察整改任务进展情况');
    expect(report.region).toBe('抚顺市');
    expect(report.inspection).toBe('第二轮中央生态环境保护督察');
    // No 截至 date in the title or preamble, no year in the title: the latest year the measures mention.
    expect(report.asOf).toBe('2023');
  });

  it('finds the 13 tasks with their numbers', () => {
    expect(report.tasks.map((t) => t.code)).toEqual(['2', '30', '38', '41', '45', '48', '54', '61', '62', '63', '67', '82', '89']);
    expect(report.tasks.map((t) => t.number)).toEqual([2, 30, 38, 41, 45, 48, 54, 61, 62, 63, 67, 82, 89]);
  });

  it('reads 3 tasks on schedule and 10 completed, statuses as written', () => {
    const onSchedule = report.tasks.filter((t) => t.statusCode === 'on_schedule').map((t) => t.code);
    expect(onSchedule).toEqual(['2', '61', '62']);
    expect(report.tasks.filter((t) => t.statusCode === 'completed')).toHaveLength(10);
    expect(task('2').status).toBe('达到序时进度');
    expect(task('30').status).toBe('完成整改');
  });

  it('counts each task’s measures as printed', () => {
    const counts = Object.fromEntries(report.tasks.map((t) => [t.code, t.measures.length]));
    expect(counts).toEqual({ 2: 6, 30: 5, 38: 4, 41: 6, 45: 3, 48: 3, 54: 1, 61: 5, 62: 4, 63: 1, 67: 3, 82: 3, 89: 4 });
    expect(task('2').measures.map((m) => m.ordinal)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('gives tasks 54 and 63 one unnumbered measure', () => {
    expect(task('54').measures).toEqual([
      { ordinal: null, text: '抚顺市三宝屯污水处理厂产生的污泥，已委托有资质单位采用高温发酵处置工艺，进行无害化处置。', items: [] },
    ]);
    expect(task('63').measures).toEqual([{ ordinal: null, text: '垃圾焚烧发电项目竣工投产，并网发电，垃圾处理能力达到1200吨/日。', items: [] }]);
  });

  it('keeps the whole measure in text and splits 一是/二是 into items', () => {
    const m = task('2').measures[0];
    expect(m?.text.startsWith('严格落实年度能耗双控考核目标任务。一是先后印发《抚顺市2021年能耗双控工作方案》')).toBe(true);
    expect(m?.text.endsWith('提高全社会节能降碳意识。')).toBe(true);
    expect(m?.items).toHaveLength(2);
    expect(m?.items[1]).toBe(
      '加强宣传力度。2021、2022、2023年均组织有关部门开展了抚顺市节能宣传周系列宣传活动，对国家及省能耗双控及碳达峰碳中和有关政策文件进行系列宣传，提高全社会节能降碳意识。',
    );
    expect(task('2').measures[2]?.items).toHaveLength(5);
    expect(task('89').measures[3]?.items[0]).toBe(
      '加强全市一般工业固体废物环境管理。开展了全市一般工业固体废物专项排查及申报登记。督促全市产废单位严格落实工业固体废物污染防治主体责任，不断强化工业固体废物产生、收集、贮存、运输、利用、处置全流程环境监管。',
    );
  });

  it('joins sentences split by page breaks', () => {
    const m3 = task('2').measures[2]?.text ?? '';
    expect(m3).toContain('五是推进重点行业强制性清洁生产。2021、2022、2023年分别完成13家、6家、5家企业的强制性清洁生产审核工作。');
    expect(task('41').measures[1]?.text).toContain('4家企业监督性监测数据均达标。');
    expect(task('30').measures[0]?.text).toContain('明确责任分工，压实工作责任');
    expect(task('45').measures[0]?.text).toContain('进行了摸底排查');
    expect(task('48').measures[2]?.text).toContain('加强管理，7个污水处理厂');
    expect(task('62').measures[0]?.text).toContain('亩均减少农药施用2-3次；');
    expect(task('89').measures[1]?.text).toContain('2023年4月再补种树苗4.4万株。');
  });

  it('keeps a paragraph after a numbered measure inside that measure', () => {
    expect(task('82').measures[1]?.text).toBe(
      '实施治理工程。2021年底前，完成了663亩采煤沉陷区历史遗留工矿废弃地治理工程。2022年7月14日前全部通过专家验收。此外，我市积极推进2022年度闭坑矿山项目治理实施。2022年全市闭坑矿山治理任务3582亩，截至目前，已完成治理目标。',
    );
  });

  it('removes spaces between Chinese and digits but keeps Latin words apart', () => {
    expect(task('2').problem.startsWith('辽宁省经济增长对能源消费依赖性强，2019年能源消费弹性系数为1.16，')).toBe(true);
    expect(task('38').measures[2]?.text).toContain('20%以上的重点管控企业开展专项执法检查and监督性监测');
  });

  it('reads cited documents, pairing titles with their numbers', () => {
    expect(task('2').documents).toContainEqual({ title: '抚顺市坚决遏制高耗能高排放项目盲目发展加强能源消费双控工作方案', number: '抚政办〔2021〕24号' });
    expect(task('2').documents).toContainEqual({ title: '抚顺市“十四五”节能减排综合工作方案', number: null });
    expect(task('41').documents[0]).toEqual({ title: '辽宁省政府办公厅关于推进菱镁产业持续健康发展的意见', number: '辽政办〔2020〕33号' });
    expect(task('2').documents).toHaveLength(9);
  });

  it('reads figures as facts', () => {
    expect(task('30').facts).toContainEqual({ kind: 'count', text: '227件', value: 227, unit: '件' });
    expect(task('30').facts).toContainEqual({ kind: 'date', text: '截至2022年年底', value: 20221231, unit: null });
    expect(task('38').facts).toContainEqual({ kind: 'count', text: '24家', value: 24, unit: '家' });
    expect(task('61').facts).toContainEqual({ kind: 'money', text: '2.78亿元', value: 2.78, unit: '亿元' });
    expect(task('61').facts).toContainEqual({ kind: 'percent', text: '30%', value: 30, unit: '%' });
    expect(task('82').facts).toContainEqual({ kind: 'quantity', text: '203.76亩', value: 203.76, unit: '亩' });
    expect(task('63').facts).toContainEqual({ kind: 'quantity', text: '1200吨/日', value: 1200, unit: '吨/日' });
    expect(task('48').facts).toContainEqual({ kind: 'date', text: '2023年6月28日', value: 20230628, unit: null });
    expect(task('48').facts).toContainEqual({ kind: 'date', text: '2022年10月', value: 20221000, unit: null });
    expect(task('45').facts).toContainEqual({ kind: 'percent', text: '80%', value: 80, unit: '%' });
    expect(task('62').facts).toContainEqual({ kind: 'quantity', text: '50-60毫升', value: null, unit: '毫升' });
    expect(task('89').facts).toContainEqual({ kind: 'quantity', text: '700余万吨', value: 700, unit: '万吨' });
    // Years inside document titles are names, not facts.
    expect(task('82').facts.some((f) => f.text.startsWith('2018-2022'))).toBe(false);
  });

  it('names units shown doing the work when no 责任单位 section exists', () => {
    expect(task('89').units).toEqual(['抚顺矿业集团']);
  });
});
