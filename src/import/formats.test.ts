import { describe, expect, it } from 'vitest';
import type { ParsedReport } from '../core/report.js';
import { parseReport } from './index.js';
import { fixture, SAMPLE } from './test-helpers.js';

const read = (name: string): Promise<ParsedReport> => parseReport({ data: fixture(name), name: name.replace(/^import\//, '') });
const shape = (r: ParsedReport) => r.tasks.map((t) => ({ code: t.code, status: t.status, statusCode: t.statusCode, measures: t.measures, problem: t.problem }));

describe('the sample in every format', async () => {
  const txt = await read(SAMPLE);
  it.each([
    'import/fushun-progress-2023.docx',
    'import/fushun-progress-2023.pdf',
    'import/fushun-progress-2023.gb18030.txt',
    'import/fushun-progress-2023.wrapped.txt',
  ])('%s reads to the same tasks, statuses and measures as the TXT', async (name) => {
    const r = await read(name);
    expect(r.title).toBe(txt.title);
    expect(shape(r)).toEqual(shape(txt));
    expect(r.tasks.map((t) => t.facts)).toEqual(txt.tasks.map((t) => t.facts));
    expect(r.tasks.map((t) => t.documents)).toEqual(txt.tasks.map((t) => t.documents));
  });
});

describe('text encodings', () => {
  it('reads UTF-16 with a byte-order mark', async () => {
    const text = new TextDecoder().decode(fixture(SAMPLE));
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) new DataView(utf16.buffer).setUint16(2 + i * 2, text.charCodeAt(i), true);
    const r = await parseReport({ data: utf16, name: 'utf16.txt' });
    expect(r.tasks).toHaveLength(13);
  });

  it('replaces a few stray bytes in UTF-8 instead of misreading the file as GB18030', async () => {
    const bytes = new Uint8Array([...fixture(SAMPLE), 0xff]);
    const r = await parseReport({ data: bytes, name: 'stray.txt' });
    expect(r.tasks).toHaveLength(13);
    expect(r.warnings).toEqual([{ line: null, message: '1 处字节不是有效的 UTF-8，已替换为 �' }]);
  });
});

describe('DOCX tables', () => {
  it('reads a task table: one task per row, merged cells joined, group rows skipped', async () => {
    const r = await read('import/table-report.docx');
    expect(r.title).toBe('抚顺市中央生态环境保护督察整改任务完成情况表');
    expect(r.asOf).toBe('2023-06-30');
    expect(r.tasks.map((t) => [t.code, t.statusCode])).toEqual([
      ['1', 'completed'],
      ['2', 'on_schedule'],
      ['3', 'behind_schedule'],
    ]);
    const [t1, t2, t3] = r.tasks;
    expect(t1?.problem).toBe('抚顺石化公司部分储罐VOCs治理设施运行不正常，厂界非甲烷总烃超标。');
    expect(t1?.goal).toBe('2022年底前完成储罐治理设施改造，厂界非甲烷总烃稳定达标。');
    expect(t1?.measures.map((m) => [m.ordinal, m.text])).toEqual([
      [1, '完成12座内浮顶储罐密封改造；'],
      [2, '安装VOCs在线监测设备4套并与生态环境部门联网。'],
    ]);
    expect(t1?.units).toEqual(['市生态环境局', '抚顺石化公司']);
    expect(t1?.deadline).toBe('2022年12月31日');
    expect(t2?.measures.map((m) => m.ordinal)).toEqual([1, 2]);
    expect(t2?.units).toEqual(['望花区人民政府', '市城市管理局']);
    expect(t2?.deadline).toBe('长期坚持');
    expect(t3?.status).toBe('未达到序时进度');
    expect(t3?.progress).toBe('受汛期影响，管网工程延期。');
    expect(t3?.measures).toEqual([{ ordinal: null, text: '封堵直排口6个，新建截污管网3.2公里。', items: [] }]);
    expect(r.warnings).toEqual([{ line: 3, message: '表格第8行没有问题内容，已跳过' }]);
    expect(r.summary.map((s) => s.text)).toEqual(['整改任务4项', '已完成整改1项', '达到序时进度1项', '未达到序时进度1项']);
  });

  it('reads a closure notice laid out as a label/value table', async () => {
    const r = await read('import/closure-notice-table.docx');
    expect(r.tasks).toHaveLength(1);
    const t = r.tasks[0];
    expect(t?.code).toBe('38');
    expect(t?.number).toBe(38);
    expect(t?.problem).toBe('挥发性有机物（VOCs）管控不力，全省VOCs治理基础薄弱，管控不到位问题比较普遍。');
    expect(t?.goal).toBe('2022年底前，重点企业全部完成“一厂一策”治理。');
    expect(t?.measures.map((m) => m.ordinal)).toEqual([1, 2]);
    expect(t?.status).toBe('已完成整改');
    expect(t?.statusCode).toBe('completed');
    expect(t?.progress).toBe('24家重点企业全部完成“一厂一策”治理，经验收合格。');
    expect(t?.units).toEqual(['市生态环境局', '市工业和信息化局']);
    expect(r.notice).toEqual({ text: '公示时间：2023年3月1日至3月7日', start: '2023-03-01', end: '2023-03-07' });
  });

  it('gives Word’s automatic numbering back as printed markers', async () => {
    const r = await read('import/auto-numbered.docx');
    expect(r.tasks.map((t) => [t.code, t.number, t.statusCode, t.measures.length])).toEqual([
      ['一', 1, 'completed', 2],
      ['二', 2, 'on_schedule', 1],
    ]);
    expect(r.tasks[0]?.measures[1]).toEqual({ ordinal: 2, text: '规范化整治排污口29个，封堵8个。', items: [] });
  });
});
