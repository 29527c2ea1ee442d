import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildTask, splitSampleText } from '../../test/fixtures/export/factory.js';
import type { ParsedTask } from '../core/report.js';
import { checkReport } from './checks.js';
import { findPersonalData, maskPersonalData } from './personal-data.js';

const sampleText = readFileSync(new URL('../../test/fixtures/fushun-progress-2023.txt', import.meta.url), 'utf8');
const sample = splitSampleText(sampleText);
const report = (tasks: ParsedTask[]) => ({ title: '测试报告', tasks, asOf: '2024-06-30' });
const task = (patch: Partial<ParsedTask>): ParsedTask => ({ ...buildTask(0), code: '7', ...patch });

describe('checkReport', () => {
  it('passes the published sample without flags', () => {
    expect(checkReport({ ...sample, asOf: '2023-12-31' })).toEqual([]);
  });

  it('flags a completed task whose measures are still open in the ledger or in the text', () => {
    const t = task({ status: '已完成整改', measures: [{ ordinal: 1, text: '污水处理厂正在建设，预计年底投运。', items: [] }] });
    const flags = checkReport(report([t]), { openMeasures: { '7': 2 } });
    expect(flags).toContainEqual({ severity: 'error', taskCode: '7', message: '任务7报告“已完成整改”，但台账中仍有2项措施未完成' });
    expect(flags.some((f) => f.severity === 'warning' && f.message.includes('正在建设'))).toBe(true);
  });

  it('flags targets not met, from the text and from indicator data', () => {
    const t = task({ status: '完成整改', measures: [{ ordinal: 1, text: '农村生活污水治理率目标80%，目前达到75%。', items: [] }] });
    const flags = checkReport(report([t]), { indicators: [{ taskCode: '7', name: '黑臭水体消除比例', target: 90, actual: 85, unit: '%' }, { taskCode: '7', name: 'PM2.5浓度', target: 35, actual: 33, higherIsBetter: false }] });
    expect(flags.filter((f) => f.severity === 'error').map((f) => f.message)).toEqual([
      '任务7目标为80%，文中仅达到75%，却报告已完成整改：“农村生活污水治理率目标80%，目前达到75%”',
      '任务7指标“黑臭水体消除比例”目标90%，实际85%，未达到目标',
    ]);
    const goal = task({ status: '正在推进', goal: '到2025年治理率达到80%', measures: [{ ordinal: 1, text: '治理率已达到60%。', items: [] }] });
    expect(checkReport(report([goal]))).toEqual([{ severity: 'warning', taskCode: '7', message: '任务7目标为80%，文中仅达到60%：“治理率已达到60%”' }]);
  });

  it('flags missing evidence, harder for completed tasks', () => {
    const flags = checkReport(report([task({ status: '完成整改' }), task({ code: '8', status: '正在推进' })]), { missingEvidence: ['7', '8'] });
    expect(flags.map((f) => [f.taskCode, f.severity])).toEqual([['7', 'error'], ['8', 'warning']]);
  });

  it('flags passed deadlines of tasks not completed, judged at the report date', () => {
    const late = task({ status: '达到序时进度', deadline: '2023年底' });
    const onTime = task({ code: '8', status: '达到序时进度', deadline: '2025年6月30日' });
    const done = task({ code: '9', status: '完成整改', deadline: '2023-06-30' });
    const fromLedger = task({ code: '10', status: '正在推进' });
    const flags = checkReport(report([late, onTime, done, fromLedger]), { deadlines: { '10': '2024-01-31' } });
    expect(flags.map((f) => f.message)).toEqual([
      '任务7整改时限（2023年12月31日）已过，尚未完成整改（当前：达到序时进度）',
      '任务10整改时限（2024年1月31日）已过，尚未完成整改（当前：正在推进）',
    ]);
  });

  it('flags figures changed since the previous report unless progress or explained', () => {
    const before = task({ measures: [{ ordinal: 1, text: '建立了24家重点企业管控名单。累计完成治理10家。', items: [] }] });
    const changed = task({ measures: [{ ordinal: 1, text: '建立了23家重点企业管控名单。累计完成治理15家。', items: [] }] });
    expect(checkReport(report([changed]), { previous: report([before]) }).map((f) => f.message)).toEqual(['任务7“建立了…重点企业管控名单”由上期24家变为23家，未说明原因']);
    const explained = task({ measures: [{ ordinal: 1, text: '建立了23家重点企业管控名单（经核实，1家已关停）。', items: [] }] });
    expect(checkReport(report([explained]), { previous: report([before]) })).toEqual([]);
  });

  it('flags complainant personal data anywhere, without repeating it in full', () => {
    const flags = checkReport({
      ...report([task({ measures: [{ ordinal: 1, text: '经回访，举报人：张某表示满意，联系电话13912345678。', items: [] }] })]),
      caseSummary: ['信访人身份证号110101199003071234已核实。'],
    });
    expect(flags.map((f) => [f.taskCode, f.severity])).toEqual([[null, 'error'], ['7', 'error'], ['7', 'error']]);
    expect(flags.map((f) => f.message).join()).not.toContain('13912345678');
    expect(flags[1]?.message).toBe('任务7含有疑似手机号码（139****5678），举报人个人信息不得公开');
  });
});

describe('personal data', () => {
  it('finds mobiles, landlines, ID-card numbers and complainants, not case ids or figures', () => {
    const text = '举报人：王某，电话0413-7654321，手机+86 13812345678，身份证11010119900307123X。受理编号D3SX202505280018，投资1380万元，面积13812345678平方米';
    expect(findPersonalData(text).map((h) => h.kind).sort()).toEqual(['complainant', 'idCard', 'landline', 'mobile', 'mobile']);
    expect(findPersonalData('受理编号D3SX202505280018，2023年6月28日，227件，0.54')).toEqual([]);
  });
  it('masks what it finds, keeping labels', () => {
    expect(maskPersonalData('举报人：王某，手机13812345678。')).toBe('举报人：＊＊＊，手机＊＊＊。');
  });
});
