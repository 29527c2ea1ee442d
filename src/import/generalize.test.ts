/**
 * Shapes of real published documents (issue #16), each reproduced in our own words under test/fixtures/import/shapes:
 * web pages with site chrome, numbers in titles and openings, marked problems, quoted problems run together,
 * pasted tables, traditional characters, 大写 numbers — plus status phrases with negation and qualifiers.
 */
import { describe, expect, it } from 'vitest';
import { normalizeStatus } from '../core/status.js';
import { isChromeLine } from './chrome.js';
import { headerColumn } from './table.js';
import { parseReport, parseReportText } from './index.js';
import { parseItems } from './parse-text.js';
import { fixture, fixtureText } from './test-helpers.js';

const read = (name: string) => parseReport({ data: fixture(`import/shapes/${name}`), name });
const rows = (r: Awaited<ReturnType<typeof read>>) => r.tasks.map((t) => [t.code, t.number, t.statusCode]);

describe('a closure notice saved from a government website', () => {
  it('strips navigation, breadcrumbs, source line, share and print buttons, neighbours and footer', async () => {
    const r = await read('web-notice.html');
    expect(r.title).toBe('关于临河县第二轮省级生态环境保护督察反馈问题第十二项整改任务整改情况的公示');
    expect(rows(r)).toEqual([['十二', 12, 'completed']]);
    const t = r.tasks[0];
    expect(t?.problem).toBe('县城北部两处砂石料场未落实防尘措施，露天堆放物料，周边扬尘明显。');
    expect(t?.measures.map((m) => m.ordinal)).toEqual([1, 2]);
    expect(t?.confidence).toBe(1);
    expect(r.notice?.start).toBe('2024-05-06');
    const all = JSON.stringify(r);
    for (const chrome of ['浏览次数', '打印本页', '上一篇', '版权所有', '首页', '不是正文']) expect(all).not.toContain(chrome);
    expect(r.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^网页的导航、来源、分享、页脚等 \d+ 行不是报告内容，已略去$/)]);
  });

  it('tells chrome lines from report lines that mention 来源 or 时间', () => {
    expect(isChromeLine('来源：县生态环境分局 浏览次数：2381 时间：2024-05-06')).toBe(true);
    expect(isChromeLine('【打印本页】【关闭窗口】')).toBe(true);
    expect(isChromeLine('当前位置：首页 > 政务公开')).toBe(true);
    expect(isChromeLine('公示时间：2024年5月6日至5月12日')).toBe(false);
    expect(isChromeLine('资金来源：中央财政专项资金1200万元。')).toBe(false);
  });
});

describe('task numbers only in the title or the heading of a notice', () => {
  it('（序号十） in the title; the verdict in the opening outweighs a section that narrates ongoing work', async () => {
    const r = await read('serial-in-title.txt');
    expect(rows(r)).toEqual([['十', 10, 'completed']]);
    expect(r.tasks[0]?.status).toContain('已经完成整改');
    expect(r.tasks[0]?.confidenceNotes).toEqual([expect.stringContaining('从叙述中推断')]);
  });

  it('问题编号十四： run into its section heading', async () => {
    const r = await read('question-code.txt');
    expect(rows(r)).toEqual([['十四', 14, 'completed']]);
    expect(r.tasks[0]?.problem).toBe('个别乡镇对河道采砂管理重视不够，非法采砂行为时有发生。');
    expect(r.tasks[0]?.status).toBe('整改任务已完成');
  });

  it('第壹项 / 第贰项 in 大写 numerals', async () => {
    const r = await read('capital-numbers.txt');
    expect(rows(r)).toEqual([['壹', 1, 'completed'], ['贰', 2, 'in_progress']]);
  });

  it('反馈意见第二十七项整改任务 and 第N项关于“…” in a notice written as one paragraph', () => {
    const r = parseReportText('关于清溪区反馈意见第二十七项整改任务整改情况的公示\n现将第二十七项关于“城区餐饮油烟直排扰民”整改任务落实情况进行公示，该问题已完成整改，公示期为5个工作日。');
    expect(rows(r)).toEqual([['二十七', 27, 'completed']]);
    expect(r.tasks[0]?.problem).toBe('城区餐饮油烟直排扰民');
  });
});

describe('problems headed （四）反馈问题：… followed by 整改进展情况：…', () => {
  it('numbers each task by its marker and reads negated and qualified statuses', async () => {
    const r = await read('marked-problems.txt');
    expect(rows(r)).toEqual([['一', 1, 'completed'], ['二', 2, 'behind_schedule'], ['四', 4, 'in_progress']]);
    expect(r.tasks[1]?.status).toBe('尚未达到序时进度');
    expect(r.tasks[2]?.problem).toBe('工业园区雨污管网存在混接错接。');
  });
});

describe('a problem, its quoted text and its status run together in one paragraph', () => {
  it('splits 一、关于“…”整改进展情况：… from the title before it and reads 1.…2.… as measures', async () => {
    const r = await read('quoted-run.txt');
    expect(rows(r)).toEqual([['一', 1, 'completed'], ['二', 2, 'basically_completed']]);
    expect(r.tasks[0]?.problem).toBe('部分地方推进生态环保工作重部署轻落实，整改工作前紧后松。');
    expect(r.tasks[0]?.status).toBe('已经完成，长期坚持');
    expect(r.tasks[0]?.measures.map((m) => m.ordinal)).toEqual([1, 2]);
    expect(normalizeStatus(r.tasks[0]?.status).isLongTerm).toBe(true);
  });
});

describe('tables pasted as text', () => {
  it('with | separators (no outer pipes) and with tabs', async () => {
    const r = await read('pipe-text.txt');
    expect(rows(r)).toEqual([['3', 3, 'completed'], ['7', 7, 'on_schedule'], ['11', 11, 'behind_schedule'], ['15', 15, 'closed']]);
    expect(r.tasks[3]?.units).toEqual(['水源地所在县政府']);
  });

  it('rows wrapped over several lines, status in yes/no and percent columns', () => {
    const text = ['序号 | 问题具体情况 | 整治措施 | 计划完成时间 |', '是否完成 |', '整治进度 |', '4 | 水源保护区内有养殖场 | 关闭搬迁 |', '2019年6月 | 否 | 40% |', '9 | 保护区内有加油站 | 拆除 | 2019年3月 | 是 |', '100% |'].join('\n');
    const r = parseReportText(text);
    expect(rows(r)).toEqual([['4', 4, 'in_progress'], ['9', 9, 'completed']]);
    expect(r.tasks[0]?.problem).toBe('水源保护区内有养殖场');
  });
});

describe('traditional characters', () => {
  it('are read as simplified, cue words and statuses included', async () => {
    const r = await read('traditional.txt');
    expect(r.title).toBe('澳海市第二轮中央生态环境保护督察整改任务进展情况');
    expect(rows(r)).toEqual([['3', 3, 'completed'], ['8', 8, 'behind_schedule']]);
    expect(r.tasks[0]?.problem).toBe('部分污水处理厂进水浓度偏低，管网收集效能不高。');
    expect(r.warnings.map((w) => w.message)).toEqual(['文件是繁体字，已按简体读取']);
  });

  it('a simplified report quoting a traditional name is left as printed', () => {
    const r = parseReportText(`${fixtureText('fushun-progress-2023.txt')}\n附：臺灣地區經驗交流`);
    expect(r.warnings.some((w) => w.message.includes('繁体'))).toBe(false);
  });

  it('pinyin glosses of mirror sites are dropped', () => {
    const r = parseReportText('任务5：饮用水水源保护不力。\n整改情况：已完成整(zhěng)改。');
    expect(r.tasks[0]?.status).toBe('已完成整改');
  });
});

describe('status phrases with negation and qualifiers', () => {
  it.each([
    ['尚未达到序时进度', 'behind_schedule'],
    ['基本完成整改，长期坚持', 'basically_completed'],
    ['已取得阶段性进展', 'in_progress'],
    ['已完成整改并销号', 'closed'],
    ['同意销号', 'closed'],
    ['予以销号', 'closed'],
    ['已经完成整改', 'completed'],
    ['已完成整改，达到销号条件', 'completed'],
    ['拟予销号', 'completed'],
    ['尚未销号', 'in_progress'],
    ['未完成', 'in_progress'],
    ['未按期完成', 'behind_schedule'],
    ['正在有序推进', 'in_progress'],
    ['整改完毕', 'completed'],
    ['完成年度目标任务', 'on_schedule'],
    // Closure asked for or pending, with words between: completed, not closed (the study corpus of 2026-12-07).
    ['问题已完成整改，并经县级验收合格，拟按程序实施销号', 'completed'],
    ['已完成整改，进入销号程序', 'completed'],
    ['整改完成，申请省级验收销号', 'completed'],
    ['已完成整改，待市级验收后销号', 'completed'],
    ['已完成整改，已销号', 'closed'],
    ['顺利推进', 'in_progress'],
    // The name of a closure notice is not a verdict.
    ['关于第三轮省生态环境保护督察整改任务销号的公示', null],
    ['中央生态环境保护督察整改验收销号公示表', null],
    ['整改任务销号的公示：该问题已完成整改', 'completed'],
  ])('%s → %s', (text, code) => expect(normalizeStatus(text).code).toBe(code));

  it('整改完成情况 is a section name, not a verdict', () => expect(normalizeStatus('如对该问题整改完成情况有异议').code).toBeNull());
});

describe('narrative reports and confidence', () => {
  it('a narrative of the trade with no figure is read, not refused, and has no task', async () => {
    const text = '市环保督查组进驻各县区开展督查\n按照市委、市政府工作要求，我市对各县区开展为期一个月的环保督查，重点督查大气污染防治工作。\n一、加强组织领导\n成立督查工作领导小组，统筹推进各项工作。\n二、强化宣传引导\n通过报纸、电视等渠道宣传督查工作。';
    const r = await parseReport({ data: new TextEncoder().encode(text), name: 'news.txt' });
    expect(r.tasks).toEqual([]);
    expect(r.warnings.at(-1)?.message).toMatch(/^没有识别出整改任务或整改汇总数字/);
  });

  it('a task read on weak evidence is marked for a person to confirm', () => {
    const r = parseReportText('某县整改情况\n一、问题一\n整改情况：完成整改。\n二、问题二\n三、问题三\n四、问题四\n整改情况：有所好转。');
    const low = r.tasks.filter((t) => (t.confidence ?? 1) < 0.6);
    expect(low.length).toBeGreaterThan(0);
    expect(r.warnings.some((w) => w.message.includes('需要人工确认') && w.taskCode === low[0]?.code)).toBe(true);
  });
});

describe('corrections from the import preview', () => {
  const text = '某县整改情况\n任务1：城区扬尘管控不到位。\n整改情况：有所好转。\n任务2：农村污水直排。\n整改情况：有所好转。\n任务3：餐饮油烟扰民。\n整改情况：完成整改。';

  it('a status given for one task reads the same words the same way in the rest of the file', () => {
    const before = parseReportText(text);
    expect(before.tasks.map((t) => t.statusCode)).toEqual([null, null, 'completed']);
    const r = parseReportText(text, { corrections: [{ task: '1', status: 'in_progress' }] });
    expect(r.tasks.map((t) => [t.code, t.status, t.statusCode])).toEqual([
      ['1', '有所好转', 'in_progress'],
      ['2', '有所好转', 'in_progress'],
      ['3', '完成整改', 'completed'],
    ]);
    expect(r.tasks[0]?.confidence).toBe(1);
    expect(r.tasks[1]?.confidenceNotes).toContain('整改状态「有所好转」按人工对任务1的更正读取');
    expect(r.warnings.some((w) => w.message.includes('需要人工确认') && (w.taskCode === '1' || w.taskCode === '2'))).toBe(false);
  });

  it('number, problem and "not a task"', () => {
    const r = parseReportText(text, { corrections: [{ task: '3', notATask: true }, { task: '2', number: '12', problem: '农村生活污水直排河道。' }] });
    expect(r.tasks.map((t) => [t.code, t.number, t.problem])).toEqual([
      ['1', 1, '城区扬尘管控不到位。'],
      ['12', 12, '农村生活污水直排河道。'],
    ]);
    expect(r.warnings.at(-1)?.message).toBe('按人工更正，1 项不是任务，已去掉');
  });

  it('"this heading family is not tasks" reads the file again without it', () => {
    const narrative = '某市2023年督察整改工作情况\n一、强化组织领导\n整改情况：成立领导小组。\n二、狠抓问题整改\n整改情况：全年完成整改25个。';
    const first = parseReportText(narrative);
    expect(first.tasks.map((t) => t.code)).toEqual(['一', '二']);
    const r = parseReportText(narrative, { corrections: [{ task: '一', notATask: true, family: true }] });
    expect(r.tasks).toEqual([]);
    expect(r.warnings.at(-1)?.message).toBe('按人工更正，「一、」这一类标题不是任务，已不按它识别任务');
    expect(r.summary).toContainEqual({ text: '全年完成整改25个', value: 25, unit: '个' });
  });

  it('refuses corrections about tasks the file does not have', () => {
    expect(() => parseReportText(text, { corrections: [{ task: '99', status: 'completed' }] })).toThrow(/更正中的任务「99」不在这份文件的识别结果中/);
  });
});

describe('shapes of the second study corpus (2026-12-07)', () => {
  it('a table saved one cell per line, row numbers on their own lines, under a page address and breadcrumb tail', async () => {
    const r = await read('cell-per-line.txt');
    expect(r.title).toBe('梅川县2024年度生态环境问题整改重点工作一季度进展情况表');
    expect(rows(r)).toEqual([['1', 1, 'in_progress'], ['2', 2, 'completed'], ['3', 3, 'behind_schedule']]);
    expect(r.tasks.map((t) => t.status)).toEqual(['顺利推进', '已完成', '滞后']);
    expect(r.tasks[0]?.problem).toBe('县城东部片区雨污管网混接点整治,年内完成改造12处。');
    expect(r.tasks[2]?.units).toEqual(['县城管局']);
    const all = JSON.stringify(r);
    for (const chrome of ['example.gov.cn', '政务公开', '浏览次数']) expect(all).not.toContain(chrome);
  });

  it('the same rows without the rhythm (a number missing) stay text, nothing invented', () => {
    const text = ['序号', '整改任务', '责任单位', '进展情况', '1', '城区扬尘管控。', '县住建局', '顺利推进', '3', '农村污水直排。'].join('\n');
    const r = parseReportText(text);
    expect(r.tasks.map((t) => t.code)).toEqual(['1']);
    expect(r.tasks[0]?.statusCode).toBe('in_progress');
  });

  it('a closure notice "拟按程序实施销号" is completed awaiting closure; address and 主题词 lines are chrome', async () => {
    const r = await read('pending-closure.txt');
    expect(r.title).toBe('关于第三轮省生态环境保护督察整改任务销号的公示');
    expect(rows(r)).toEqual([['', null, 'completed']]);
    const t = r.tasks[0];
    expect(normalizeStatus(t?.status).isClosed).toBe(false);
    expect(t?.problem).toBe('部分规模养殖场粪污处理设施不正常运行,粪污经雨水沟流入附近沟渠。');
    expect(t?.units).toEqual(['县农业农村局', '县生态环境分局']);
    expect(JSON.stringify(r)).not.toMatch(/example\.gov|主题词|索引号/);
  });

  it('problems headed 关于…的问题 without a status label are tasks; numbering restarting per category joins the category', async () => {
    const r = await read('worded-problems.txt');
    expect(r.tasks.map((t) => [t.code, t.number, t.problem])).toEqual([
      ['一(一)', 1, '关于部分专项资金未及时拨付的问题。'],
      ['一(二)', 2, '关于国有资产出租未公开招租的问题。'],
      ['二(一)', 1, '关于超标准列支会议费的问题。'],
    ]);
    expect(r.tasks[0]?.measures.map((m) => m.text).join('')).toContain('建立资金拨付月报制度');
    for (const t of r.tasks) expect(t.confidenceNotes).toEqual(['按标题措辞（关于…问题）认定为任务，标题下没有进展或措施栏目']);
    expect(r.warnings.some((w) => w.message.includes('编号重复'))).toBe(false);
  });

  it('sub-items 11.1 / 11.2 each carrying a status are the tasks; their parent 11. groups them; figures are not numbers', async () => {
    const r = await read('sub-items.txt');
    expect(r.tasks.map((t) => [t.code, t.number, t.statusCode])).toEqual([
      ['10', 10, 'completed'],
      ['11.1', 11, 'completed'],
      ['11.2', 11, 'behind_schedule'],
      ['12', 12, 'on_schedule'],
    ]);
    expect(r.tasks[1]?.problem).toBe('东河城区段雨季溢流导致黑臭反弹。');
  });

  it('11.2 with no 11. before it, and 2.5万吨, are text', () => {
    const r = parseReportText('某县整改情况\n任务1：城区扬尘。\n整改情况：已完成整改。\n2.5万吨渣土已清运。\n11.2 另有两处料场完成覆盖。');
    expect(r.tasks.map((t) => t.code)).toEqual(['1']);
  });

  it('第2轮第9项 in a title: the round is not the task number', () => {
    const r = parseReportText('关于第2轮第9项整改任务整改情况的公示\n整改任务：城区部分路段渣土车抛洒滴漏。\n整改完成情况：问题已整改到位，拟予销号。');
    expect(rows(r)).toEqual([['9', 9, 'completed']]);
  });

  it('a plan preface (一、指导思想 二、整改目标 三、基本原则) is narrative: no task', async () => {
    const r = await read('plan-preface.txt');
    expect(r.tasks).toEqual([]);
  });

  it('a table header is named by its head word and its first part', () => {
    expect(headerColumn('目标完成情况')).toBe('status');
    expect(headerColumn('进展情况、存在问题及下步打算')).toBe('status');
    expect(headerColumn('工作内容及具体目标要求')).toBe('problem');
    expect(headerColumn('进展情况（截至10月底）')).toBe('status');
    expect(headerColumn('整改目标')).toBe('goal');
    expect(headerColumn('整改完成时间')).toBe('deadline');
    expect(headerColumn('整改责任人')).toBe('leaders');
    expect(headerColumn('问题编号')).toBe('code');
  });

  it('a page address and the tail of a breadcrumb are chrome; a sentence with a link is not', () => {
    expect(isChromeLine('https://www.example.gov.cn/art/2024/3/8/art_1234_5678.html')).toBe(true);
    expect(isChromeLine('地址:http://www.example.com/xwzx/101.html')).toBe(true);
    expect(isChromeLine('政务公开>工作报告')).toBe(true);
    expect(isChromeLine('主题词:农业、水利主题分类:农业、水利')).toBe(true);
    expect(isChromeLine('整改材料已在https://www.example.gov.cn公开，接受社会监督。')).toBe(false);
    expect(isChromeLine('大气污染防治>水污染防治>土壤污染防治')).toBe(false);
    expect(isChromeLine('无障碍 部门镇街', '无障碍 部门镇街')).toBe(true);
    expect(isChromeLine('关怀版 无障碍 无障碍', '关怀版 无障碍 无障碍')).toBe(true);
    expect(isChromeLine('日期:2025-11-21')).toBe(true);
    expect(isChromeLine('时间：2023年12月27日')).toBe(true);
    expect(isChromeLine('整改时间：2023年12月27日')).toBe(false);
  });

  it('a table pasted into a Word document as | lines is a table there too', () => {
    const lines = ['某区民生实事进展', '序号 | 工作任务 | 责任单位 | 目标完成情况 |', '1 | 新建公办幼儿园1所 | 区教育局 | 顺利推进 |', '2 | 改造老旧小区3个 | 区住建局 | 已完成 |'];
    const r = parseItems(lines.map((text, i) => ({ kind: 'line', value: { text, line: i + 1, indent: null, full: null } })));
    expect(rows(r)).toEqual([['1', 1, 'in_progress'], ['2', 2, 'completed']]);
  });
});

describe('Word and PDF copies read as the text they were made from (study corpus 3, 2026-12-08)', () => {
  // LibreOffice's DOCX and PDF of two of our texts (soffice --headless --convert-to docx|pdf).
  it.each(['cell-per-line', 'pipe-text'])('%s: DOCX and PDF give the text\'s tasks and statuses', async (name) => {
    const text = rows(await read(`${name}.txt`));
    expect(text.length).toBeGreaterThanOrEqual(3);
    expect(rows(await read(`derived/${name}.docx`))).toEqual(text);
    expect(rows(await read(`derived/${name}.pdf`))).toEqual(text);
  });

  it('a Word table printed to PDF (cells wrapped over many lines, a section row, a merged cell) reads as the table', async () => {
    const docx = await parseReport({ data: fixture('import/table-report.docx'), name: 'table-report.docx' });
    expect(rows(docx)).toEqual([
      ['1', 1, 'completed'],
      ['2', 2, 'on_schedule'],
      ['3', 3, 'behind_schedule'],
    ]);
    const pdf = await read('derived/table-report.pdf');
    expect(rows(pdf)).toEqual(rows(docx));
    expect(pdf.tasks.map((t) => t.problem)).toEqual(docx.tasks.map((t) => t.problem));
  });

  it('a web page saved as a Word document: its layout table is page structure, the notice inside it is read', async () => {
    const page = rows(await read('web-notice.html'));
    expect(page).toHaveLength(1);
    expect(rows(await read('derived/web-notice.docx'))).toEqual(page);
  });

  it('a table saved one cell per line keeps its row numbers in a PDF, whose long cells wrap', () => {
    const line = (text: string, full = false) => ({ kind: 'line' as const, value: { text, line: 0, indent: false, full } });
    const items = [
      line('东原县整改进展表'),
      ...['序号', '整改任务', '责任单位', '完成情况'].map((t) => line(t)),
      line('1'),
      line('县城北区两条支流沿岸的截污管网年内全部', true),
      line('建成并投入运行。'),
      line('县住建局'),
      line('已完成整改'),
      line('2'),
      line('取缔河道内的违规采砂点。'),
      line('县水利局'),
      line('正在推进'),
      line('- 2 -'),
      line('此表由县整改办汇总。'),
    ];
    const report = parseItems(items);
    expect(report.tasks.map((t) => [t.number, t.statusCode, t.problem])).toEqual([
      [1, 'completed', '县城北区两条支流沿岸的截污管网年内全部建成并投入运行。'],
      [2, 'in_progress', '取缔河道内的违规采砂点。'],
    ]);
  });

  it('a line laid out in columns that is no table reads as prose', async () => {
    const text = fixtureText('import/shapes/pending-closure.txt');
    const lines = text.split('\n').filter((l) => l.trim()).map((t, i) => ({ kind: 'line' as const, value: { text: t.trim(), line: i + 2, indent: null, full: null } }));
    const columns = { kind: 'line' as const, value: { text: '发布日期：2024-05-06\t浏览次数：12\t字号：大 中 小', line: 1, indent: null, full: null } };
    const expected = rows(await read('pending-closure.txt'));
    expect(expected.length).toBeGreaterThanOrEqual(1);
    expect(rows(parseItems([columns, ...lines]))).toEqual(expected);
  });
});
