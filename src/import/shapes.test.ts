import { describe, expect, it } from 'vitest';
import { parseReportText } from './index.js';
import { fixtureText } from './test-helpers.js';

const read = (name: string) => parseReportText(fixtureText(`import/${name}`));

describe('problem list headed 一、/四、/二十、 with 整改进展情况 and 1./2. measures', () => {
  const r = read('problem-list-progress.txt');
  it('reads the report', () => {
    expect(r.title).toBe('清原满族自治县贯彻落实辽宁省第二轮生态环境保护督察反馈意见整改进展情况');
    expect(r.region).toBe('清原满族自治县');
    expect(r.inspection).toBe('辽宁省第二轮生态环境保护督察');
    expect(r.asOf).toBe('2023-12-31');
    expect(r.summary).toEqual([
      { text: '承担整改任务3项', value: 3, unit: '项' },
      { text: '已完成整改2项', value: 2, unit: '项' },
      { text: '达到序时进度1项', value: 1, unit: '项' },
    ]);
    expect(r.warnings).toEqual([]);
  });
  it('reads each task field by field', () => {
    expect(r.tasks.map((t) => [t.code, t.number, t.status, t.statusCode])).toEqual([
      ['一', 1, '已完成整改', 'completed'],
      ['四', 4, '已完成整改', 'completed'],
      ['二十', 20, '达到序时进度', 'on_schedule'],
    ]);
    const [t1, t4, t20] = r.tasks;
    expect(t1?.problem).toBe('部分乡镇污水处理设施建成后长期不正常运行，南口前镇、夏家堡镇污水处理站进水浓度偏低，出水超标问题突出。');
    expect(t1?.units).toEqual(['县住房和城乡建设局', '县生态环境分局', '相关乡镇人民政府']);
    expect(t1?.deadline).toBe('2022年12月底前');
    expect(t1?.measures.map((m) => m.ordinal)).toEqual([1, 2]);
    expect(t1?.measures[0]?.text).toBe('完成南口前镇、夏家堡镇污水处理站提标改造，新建配套管网12.6公里，2022年10月投入运行，经监测出水稳定达到一级A标准。');
    expect(t1?.facts).toContainEqual({ kind: 'quantity', text: '12.6公里', value: 12.6, unit: '公里' });
    expect(t4?.documents).toEqual([{ title: '清原满族自治县尾矿库污染防治工作方案', number: '清政办发〔2023〕8号' }]);
    expect(t4?.facts).toContainEqual({ kind: 'count', text: '14座', value: 14, unit: '座' });
    expect(t20?.deadline).toBe('2025年12月底前，长期坚持');
    expect(t20?.measures).toHaveLength(3);
    expect(t20?.facts).toContainEqual({ kind: 'money', text: '18.5万元', value: 18.5, unit: '万元' });
    // The signature and date after the last task are not a measure.
    expect(t20?.measures[2]?.text.endsWith('计划2025年底全部完工。')).toBe(true);
  });
});

describe('categories 一、 over tasks （一） with 1./2. measures', () => {
  const r = read('category-tasks.txt');
  it('takes the （一） level as tasks and skips the category headings', () => {
    expect(r.tasks.map((t) => [t.code, t.statusCode, t.measures.length])).toEqual([
      ['一', 'completed', 2],
      ['二', 'basically_completed', 2],
      ['三', 'behind_schedule', 2],
    ]);
    expect(r.tasks[1]?.status).toBe('基本完成整改，长期坚持');
    expect(r.tasks[2]?.problem).toBe('凡河部分断面水质不能稳定达标，沿河村屯生活污水直排问题未得到解决。');
    expect(r.tasks[2]?.measures[1]?.text).toBe('受汛期影响，沿河12个村屯污水收集管网建设滞后，正在加快推进。');
    expect(r.tasks[0]?.documents).toEqual([{ title: '铁岭市冬季清洁取暖实施方案（2021—2023年）', number: null }]);
    expect(r.region).toBe('铁岭市');
    expect(r.inspection).toBe('中央生态环境保护督察');
  });
});

describe('第N项 headings with goal, measures section, units and deadline', () => {
  const r = read('item-headings.txt');
  it('reads each field', () => {
    expect(r.tasks.map((t) => [t.code, t.number, t.statusCode])).toEqual([
      ['5', 5, 'completed'],
      ['十二', 12, 'on_schedule'],
    ]);
    const [t5, t12] = r.tasks;
    expect(t5?.goal).toBe('2022年底前完成积存渗滤液处置，渗滤液处理能力满足实际需要。');
    expect(t5?.measures.map((m) => m.text)).toEqual([
      '新建日处理能力300吨的渗滤液处理站。',
      '委托有资质单位应急处置积存渗滤液。',
      '加强填埋场运行监管，严格落实雨污分流。',
    ]);
    expect(t5?.units).toEqual(['市城市管理综合行政执法局']);
    expect(t5?.deadline).toBe('2022年12月31日');
    expect(t5?.status).toBe('已完成整改');
    expect(t5?.progress).toBe(
      '2022年11月，渗滤液处理站建成投运，累计处置积存渗滤液6.3万吨，出水达到《生活垃圾填埋场污染控制标准》（GB 16889-2008）要求。',
    );
    expect(t12?.units).toEqual(['市住房和城乡建设局', '市水务局', '细河区人民政府']);
    expect(t12?.deadline).toBe('长期坚持');
    expect(t12?.measures).toHaveLength(2);
  });
});

describe('问题N headings with a single 一是/二是 paragraph', () => {
  const r = read('question-headings.txt');
  it('reads status and items', () => {
    expect(r.inspection).toBe('第三轮中央生态环境保护督察');
    expect(r.tasks.map((t) => [t.code, t.status, t.statusCode])).toEqual([
      ['1', '已完成整改并销号', 'closed'],
      ['2', '正在推进', 'in_progress'],
    ]);
    const m = r.tasks[0]?.measures;
    expect(m).toHaveLength(1);
    expect(m?.[0]?.ordinal).toBeNull();
    expect(m?.[0]?.items).toEqual([
      '制定《辽河口保护区养殖池塘退出方案》，明确退出时序和补偿标准；',
      '完成保护区核心区、缓冲区内养殖池塘退出2.1万亩，拆除看护房等设施126处；',
      '开展退养还湿生态修复，恢复芦苇湿地1.5万亩。',
    ]);
    expect(r.tasks[1]?.problem).toBe('部分石化企业挥发性有机物泄漏检测与修复（LDAR）工作流于形式。');
  });
});

describe('序号N(市序号M) headings', () => {
  const r = read('serial-headings.txt');
  it('keeps the alternate number in the code', () => {
    expect(r.tasks.map((t) => [t.code, t.number, t.status, t.statusCode])).toEqual([
      ['序号8(市序号9)', 8, '已完成', 'completed'],
      ['序号12(市序号15)', 12, '已经完成，长期坚持', 'completed'],
    ]);
    expect(r.tasks[0]?.units).toEqual(['市生态环境局', '本钢集团有限公司']);
    expect(r.tasks[0]?.measures).toEqual([]);
    expect(r.tasks[1]?.deadline).toBe('立行立改，长期坚持');
    expect(r.tasks[1]?.measures.map((m) => m.text)).toEqual(['清理沿岸垃圾1260吨。', '建立河长巡河制度，每周巡查不少于1次。']);
  });
});

describe('a closure notice (公示) with sections', () => {
  const r = read('closure-notice.txt');
  it('reads one task with its code from the title and the notice period', () => {
    expect(r.title).toBe('关于抚顺市第二轮中央生态环境保护督察反馈问题第45项整改任务完成情况的公示');
    expect(r.tasks).toHaveLength(1);
    const t = r.tasks[0];
    expect(t?.code).toBe('45');
    expect(t?.number).toBe(45);
    expect(t?.problem.startsWith('交通运输结构调整工作缓慢')).toBe(true);
    expect(t?.goal).toBe('2022年底前，年货运量150万吨以上且具有铁路专用线的大型工矿企业和新建物流园铁路运输比达到80%。');
    expect(t?.measures.map((m) => m.ordinal)).toEqual([1, 2, 3]);
    expect(t?.status).toBe('完成整改');
    expect(t?.statusCode).toBe('completed');
    expect(t?.progress?.endsWith('经市级验收组现场核查，该项任务已达到整改目标，完成整改。')).toBe(true);
    expect(r.notice).toEqual({ text: '公示时间：2023年8月1日至8月7日', start: '2023-08-01', end: '2023-08-07' });
    expect(r.summary).toEqual([]);
  });
});

describe('a narrative annual report', () => {
  const r = read('narrative-annual.txt');
  it('has no tasks and keeps its figures as summary', () => {
    expect(r.tasks).toEqual([]);
    expect(r.title).toBe('抚顺市2023年度生态环境保护督察整改工作情况报告');
    expect(r.asOf).toBe('2023');
    expect(r.inspection).toBe('第二轮中央生态环境保护督察');
    expect(r.summary).toEqual(
      expect.arrayContaining([
        { text: '反馈我市的53个问题', value: 53, unit: '个' },
        { text: '已完成整改25个', value: 25, unit: '个' },
        { text: '达到序时进度26个', value: 26, unit: '个' },
        { text: '未达序时进度2个', value: 2, unit: '个' },
        { text: '交办的3321件信访件', value: 3321, unit: '件' },
        { text: '已办结3177件', value: 3177, unit: '件' },
        { text: '罚款2860万元', value: 2860, unit: '万元' },
      ]),
    );
    // Air-quality figures are not rectification figures.
    expect(r.summary.some((s) => s.unit === '%')).toBe(false);
  });
});

describe('a Markdown report with headings, bold status lines, bullets and a pipe table', () => {
  const r = read('progress.md');
  it('reads text tasks and table tasks in order', () => {
    expect(r.title).toBe('抚顺市第二轮中央生态环境保护督察整改任务进展情况');
    expect(r.asOf).toBe('2023-12-31');
    expect(r.tasks.map((t) => [t.code, t.statusCode, t.measures.length])).toEqual([
      ['48', 'completed', 2],
      ['61', 'on_schedule', 2],
      ['1', 'completed', 2],
      ['2', 'on_schedule', 1],
    ]);
    expect(r.tasks[0]?.measures[1]?.text).toBe('深入推进入河排污口整治，实现“受纳水体-排污口-排污通道-排污单位”全过程监督管理。');
    expect(r.tasks[2]?.measures.map((m) => m.text)).toEqual(['新建渗滤液收集池；', '纳入县城污水处理厂处理']);
    expect(r.tasks[3]?.units).toEqual(['清原县人民政府', '县市场监督管理局']);
    expect(r.tasks[3]?.problem).toBe('清原县城区餐饮油烟扰民');
  });
});
