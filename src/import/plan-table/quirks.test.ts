import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ParsedTask } from '../../core/report.js';
import { readCode, readUnits } from './fields.js';
import { classifyHeader } from './headers.js';
import { parsePlanTable } from './index.js';

describe('readCode', () => {
  it.each([
    ['1', 1, null, null],
    ['一', 1, null, null],
    ['（一）', 1, null, null],
    ['（十二）', 12, null, null],
    ['１２', 12, null, null],
    ['第3项', 3, null, null],
    ['8(市序号9)', 8, '9', 9],
    ['序号8（对应省任务9）', 8, '9', 9],
    ['3（省第12项）', 3, '12', 12],
    ['省1-3', null, '1-3', null],
    ['对应省9', null, '9', 9],
  ])('%s → number %s, parent %s', (written, number, parentCode, parentNumber) => {
    expect(readCode(written)).toMatchObject({ number, parentCode, parentNumber });
  });
});

describe('classifyHeader', () => {
  it.each([
    ['序  号', 'code'], ['任务编码', 'code'], ['对应省任务序号', 'parent'], ['市序号', 'parent'], ['问题类别', 'category'],
    ['督察反馈问题', 'problem'], ['具体内容', 'problem'], ['整改目标', 'goal'], ['整改要求', 'goal'], ['具体措施', 'measures'],
    ['整改目标及措施', 'measures'], ['牵头责任单位', 'lead'], ['责任单位（牵头）', 'lead'], ['责任单位(配合)', 'support'],
    ['协办单位', 'support'], ['牵头市领导', 'leaders'], ['责任人', 'leaders'], ['督导单位', 'supervising'],
    ['验收销号单位', 'accepting'], ['完成时限（年月）', 'deadline'], ['时间节点', 'deadline'], ['整改进展情况', 'status'],
    ['备注', 'notes'], ['联系电话', null], ['某市整改方案汇总表（按领域分列，共计五十项任务的详细清单）', null],
  ])('%s → %s', (text, field) => {
    expect(classifyHeader(text)).toBe(field);
  });
});

describe('readUnits', () => {
  it.each([
    ['市生态环境局、市住建局', ['市生态环境局', '市住建局'], []],
    ['牵头：市生态环境局；配合：市住建局、市水务局', ['市生态环境局'], ['市住建局', '市水务局']],
    ['牵头单位:市水务局 配合单位:各县区政府', ['市水务局'], ['各县区政府']],
    ['市水务局（牵头）、市财政局\n市发展改革委', ['市水务局'], ['市财政局', '市发展改革委']],
    ['市自然资源局/市林草局；清原县政府', ['市自然资源局', '市林草局', '清原县政府'], []],
    ['市农业农村局，市生态环境局（配合）', ['市农业农村局'], ['市生态环境局']],
  ])('%s', (text, lead, support) => {
    const u = readUnits(text);
    expect([u.lead, u.support]).toEqual([lead, support]);
  });
});

/** A workbook from rows, with a hook for merges, hidden rows and styles. */
async function book(sheets: Record<string, unknown[][]>, shape?: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) wb.addWorksheet(name).addRows(rows);
  shape?.(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const HEADER = ['序号', '存在问题', '整改措施', '责任单位', '完成时限'];
const task = (parsed: { tasks: ParsedTask[] }, code: string): ParsedTask => {
  const t = parsed.tasks.find((x) => x.code === code);
  if (!t) throw new Error(`no task ${code}: ${parsed.tasks.map((x) => x.code).join(',')}`);
  return t;
};

describe('messy plan sheets', () => {
  it('reads date cells, bare date serials and words as deadlines; an unreadable one is a warning on its cell', async () => {
    const data = await book({ 方案: [HEADER, [1, '甲问题', '措施', '市水务局', new Date(Date.UTC(2023, 11, 31))], [2, '乙问题', '措施', '市水务局', 45107], [3, '丙问题', '措施', '市水务局', '明年'], [4, '丁问题', '措施', '市水务局', '２０２４年６月底前']] });
    const parsed = await parsePlanTable({ data, name: 'd.xlsx' });
    expect(parsed.tasks.map((t) => t.deadline)).toEqual(['2023-12-31', '2023-06-30', '明年', '2024年6月底前']);
    expect(parsed.warnings).toEqual([{ line: 4, cell: '方案!E4', message: '第4行“完成时限”：无法识别日期“明年”', taskCode: '3' }]);
    expect(task(parsed, '3').confidence).toBeLessThan(1);
    expect(task(parsed, '1').cells?.deadline).toEqual([{ sheet: '方案', ref: 'E2', text: '2023-12-31' }]);
  });

  it('skips hidden rows with a warning, ignores hidden columns and hidden sheets', async () => {
    const data = await book(
      { 方案: [[...HEADER, '内部编码'], [1, '甲问题', '措施', '市水务局', '2023年底前', 'X1'], [2, '隐藏的问题', '措施', '市水务局', '2023年底前', 'X2'], [3, '丙问题', '措施', '市水务局', '2023年底前', 'X3']], 旧版: [HEADER, [9, '旧问题', '旧措施', '市水务局', '2022年']] },
      (wb) => {
        const ws = wb.getWorksheet('方案');
        if (!ws) throw new Error('sheet');
        ws.getRow(3).hidden = true;
        ws.getColumn(6).hidden = true;
        const old = wb.getWorksheet('旧版');
        if (old) old.state = 'hidden';
      },
    );
    const parsed = await parsePlanTable({ data, name: 'h.xlsx' });
    expect(parsed.tasks.map((t) => t.code)).toEqual(['1', '3']);
    expect(parsed.warnings.map((w) => w.message)).toEqual(['工作表“旧版”是隐藏的工作表，已跳过', '方案 第3行是隐藏行，已跳过（如需导入请取消隐藏）']);
  });

  it('reads formulas by their cached values and warns on a formula error', async () => {
    const data = await book({ 方案: [HEADER, [{ formula: 'ROW()-1', result: 1 }, { formula: '"扬尘"&"问题"', result: '扬尘问题' }, '措施', '市住建局', { formula: 'A1/0', result: { error: '#DIV/0!' } }]] });
    const parsed = await parsePlanTable({ data, name: 'f.xlsx' });
    expect(parsed.tasks.map((t) => [t.code, t.problem, t.deadline])).toEqual([['1', '扬尘问题', null]]);
    expect(parsed.warnings.map((w) => [w.cell, w.message])).toEqual([['方案!E2', '第2行“完成时限”：公式出错（#DIV/0!），按空白处理']]);
  });

  it('takes the first unit as the lead when a notes row says so, and leaves notes, totals and repeated headers out', async () => {
    const data = await book({
      方案: [
        ['附件1'],
        ['某区整改任务清单'],
        HEADER,
        [1, '甲问题', '措施一', '区生态环境分局、区住建局、各街道', '2023年底前'],
        HEADER,
        [2, '乙问题', '措施二', '区水务局', '长期坚持'],
        ['合计', '2项'],
        ['注：责任单位排在第一位的为牵头单位。'],
        ['填表人：王某', null, '审核人：李某'],
      ],
    });
    const parsed = await parsePlanTable({ data, name: 'n.xlsx' });
    expect(parsed.title).toBe('某区整改任务清单');
    expect(parsed.region).toBe('某区');
    expect(parsed.tasks.map((t) => t.code)).toEqual(['1', '2']);
    expect(task(parsed, '1')).toMatchObject({ leadUnits: ['区生态环境分局'], supportUnits: ['区住建局', '各街道'] });
    expect(parsed.warnings).toEqual([]);
  });

  it('reads group rows written in the number column, and a sheet per area as categories', async () => {
    const data = await book({
      大气: [HEADER, ['一、工业污染'], [1, '甲问题', '措施', '市工信局', '2023年'], ['二、扬尘'], [2, '乙问题', '措施', '市住建局', '2023年']],
      水: [HEADER, [1, '丙问题', '措施', '市水务局', '2024年']],
    });
    const parsed = await parsePlanTable({ data, name: 'g.xlsx' });
    expect(parsed.tasks.map((t) => [t.code, t.category, t.cells?.problem?.[0]?.sheet])).toEqual([
      ['1', '工业污染', '大气'],
      ['2', '扬尘', '大气'],
      ['1', '水', '水'],
    ]);
  });

  it('reads group rows merged across the table, with their own number or without', async () => {
    const data = await book(
      { 方案: [HEADER, ['一', '大气污染防治（共2项）'], [1, '甲问题，未按期完成。', '措施', '市工信局', '2023年'], [null, '水污染防治'], [2, '乙问题，整改滞后。', '措施', '市水务局', '2023年']] },
      (wb) => {
        wb.getWorksheet('方案')?.mergeCells('B2:E2');
        wb.getWorksheet('方案')?.mergeCells('B4:E4');
      },
    );
    const parsed = await parsePlanTable({ data, name: 'g2.xlsx' });
    expect(parsed.tasks.map((t) => [t.code, t.category])).toEqual([['1', '大气污染防治'], ['2', '水污染防治']]);
    expect(parsed.warnings).toEqual([]);
  });

  it('continues a task on unmerged rows below it, and numbers a task without a number with a warning', async () => {
    const data = await book({
      方案: [
        ['编号', '问题描述', '具体措施', '牵头单位', '配合单位', '责任领导', '整改时限', '省序号'],
        ['1', '甲问题', '（一）建立台账', '市水务局', '市财政局、市发展改革委', '王某（副市长）、李某', '2023年底前', '省3'],
        [null, null, '（二）开展排查', null, '各县区政府', null, '2024年6月', null],
        [null, '乙问题', '加强监管', '市住建局', null, null, '立行立改', '第5项'],
      ],
    });
    const parsed = await parsePlanTable({ data, name: 'c.xlsx' });
    const [first, second] = parsed.tasks;
    expect(first).toMatchObject({
      code: '1', number: 1, parentCode: '3', parentNumber: 3, leadUnits: ['市水务局'], supportUnits: ['市财政局', '市发展改革委', '各县区政府'],
      leaders: ['王某（副市长）', '李某'], deadline: '2024年6月',
    });
    expect(first?.measures.map((m) => [m.ordinal, m.text])).toEqual([[1, '建立台账'], [2, '开展排查']]);
    expect(second).toMatchObject({ code: '2', number: 2, parentCode: '5', parentNumber: 5, problem: '乙问题' });
    expect(parsed.warnings.map((w) => w.message)).toEqual(['第4行：没有序号，按顺序编为 2']);
  });

  it('joins a leader’s name and position under a 责任领导 header split into 姓名 and 职务', async () => {
    const data = await book(
      { 方案: [['序号', '问题', '整改措施', '责任领导', null, '完成时限'], [null, null, null, '姓名', '职务', null], [1, '甲问题', '措施', '王某', '副市长', '2023年'], [2, '乙问题', '措施', '李某、赵某', '副市长、秘书长', '2023年']] },
      (wb) => {
        const ws = wb.getWorksheet('方案');
        ws?.mergeCells('D1:E1');
        for (const c of ['A', 'B', 'C', 'F']) ws?.mergeCells(`${c}1:${c}2`);
      },
    );
    const parsed = await parsePlanTable({ data, name: 'l.xlsx' });
    expect(parsed.tasks.map((t) => t.leaders)).toEqual([['王某（副市长）'], ['李某（副市长）', '赵某（秘书长）']]);
  });

  it('warns on a number repeated within a sheet, on its cell; sheets may each number from 1', async () => {
    const data = await book({ 市直: [HEADER, [1, '甲问题', '措施', '市水务局', '2023年'], [1, '乙问题', '措施', '市水务局', '2023年']], 县区: [HEADER, [1, '丙问题', '措施', '某县政府', '2023年']] });
    const parsed = await parsePlanTable({ data, name: 'dup.xlsx' });
    expect(parsed.tasks).toHaveLength(3);
    expect(parsed.warnings).toEqual([{ line: 3, taskCode: '1', cell: '市直!A3', message: '市直 第3行：序号 1 与市直 第2行重复' }]);
  });

  it('reads fullwidth characters and stray spaces as plain text', async () => {
    const data = await book({ 方案: [['序  号', '反馈问题 ', '整改措施', '责任单位', '完成时限（年月）'], ['１', ' 某 企业 ＶＯＣｓ 排放 超标 ', '安装 在线 监测', '市 生态环境局 、 市工信局', '２０２３年 底前']] });
    const parsed = await parsePlanTable({ data, name: 'w.xlsx' });
    expect(parsed.tasks[0]).toMatchObject({ code: '1', number: 1, problem: '某企业VOCs排放超标', units: ['市生态环境局', '市工信局'], deadline: '2023年底前' });
  });
});
