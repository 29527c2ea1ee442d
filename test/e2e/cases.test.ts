/**
 * Complaint cases in the browser: an administrator imports a handover table (preview first), records a case's
 * handling and marks it handled, publishes the batch; a visitor then reads the batch's published results. The handled
 * case is then closed (销号) through the acceptance-and-closure procedure on its page. Finally the administrator lists
 * the case for supervision (挂牌督办) naming the leader in charge (领导包案) and records the leader's visit, records
 * accountability (问责) of one person with the measure from the standard list, sees them counted on the ledger, draws
 * the quarter's revisit sample and records the revisit (复查回访).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chinaDay, endNoticesYesterday, FS_REVIEWER } from '../helpers/e2e-server.js';
import { eventually, hasChromium, openPage, png, screenshot, signIn, confirmDialog, useJourney } from './browser.js';

const HANDOVER_TABLE = path.resolve('test/fixtures/cases/batch-3.csv');

describe.skipIf(!hasChromium)('complaint cases journey', () => {
  // The case lies in 新宾满族自治县: 抚顺市, the level above it, accepts.
  const journey = useJourney([FS_REVIEWER]);

  it('an administrator imports a handover batch, handles a case and publishes the results; a visitor reads them', async () => {
    const { page, problems } = await openPage(journey.browser, journey.server.baseUrl);
    await signIn(page, journey.server.admin.username, journey.server.admin.password);

    await page.goto('/cases?tab=batches');
    await page.getByRole('button', { name: '导入交办清单' }).click();
    await page.getByRole('combobox', { name: '督察', exact: true }).click();
    await page.locator('.ant-select-item-option', { hasText: '第二轮中央生态环境保护督察' }).click();
    await page.getByRole('combobox', { name: '接收单位', exact: true }).click();
    await page.locator('.ant-select-tree-title', { hasText: /^抚顺市$/ }).click();
    await page.locator('.ant-upload input[type=file]').setInputFiles(HANDOVER_TABLE);
    await page.getByRole('button', { name: '预览', exact: true }).click();
    // What would be created, before anything is written.
    await eventually(() => page.getByRole('alert').first().textContent()).toContain('将在“抚顺市”下导入 10 件');
    expect(await page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(10);
    await screenshot(page, 'case-import-preview');
    await page.getByRole('button', { name: '确认导入 10 件' }).click();
    await page.getByText('已导入 10 件信访件').waitFor();

    // The ledger shows the ten cases; open the first and handle it.
    await page.getByRole('tab', { name: '信访件台账' }).click();
    await eventually(() => page.getByTestId('case-figure-total').textContent()).toContain('10');
    await page.getByRole('link', { name: 'D3LN202505280001' }).click();
    await page.getByRole('heading', { level: 2, name: 'D3LN202505280001' }).waitFor();
    await page.getByRole('combobox', { name: '调查核实情况' }).click();
    await page.locator('.ant-select-item-option', { hasText: /^属实$/ }).click();
    await page.getByLabel('处理情况').fill('经现场核查，该公司已停产整改，责令安装废气收集处理设施，立案处罚。');
    await page.getByRole('button', { name: '办结', exact: true }).click();
    await eventually(() => page.getByTestId('case-state').textContent()).toBe('已办结');
    await screenshot(page, 'case');

    // Publish the batch's results table.
    await page.goto('/cases?tab=batches');
    await page.getByRole('button', { name: '公开办理结果' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '公开办理结果' }).click();
    await page.getByText('已公开 10 件').waitFor();
    expect(problems).toEqual([]);

    // A visitor finds the batch on the public page and reads its results, without complainants' details.
    const visitor = await openPage(journey.browser, journey.server.baseUrl);
    await visitor.page.goto('/');
    await visitor.page.getByRole('link', { name: '抚顺市第3批交办信访件办理情况' }).click();
    await visitor.page.getByRole('heading', { level: 2, name: '抚顺市第3批交办信访件办理情况' }).waitFor();
    const rows = visitor.page.locator('.ant-table-tbody tr.ant-table-row');
    await eventually(() => rows.count()).toBe(10);
    const table = await visitor.page.locator('.ant-table-tbody').textContent();
    expect(table).toContain('经现场核查，该公司已停产整改');
    expect(table).not.toContain('13841301234');
    await screenshot(visitor.page, 'public-cases');
    expect(visitor.problems).toEqual([]);
  });

  it('the handled case is closed (销号) through the closure procedure', async () => {
    const caseNo = 'D3LN202505280001';
    const openCase = async (page: Page) => {
      await page.goto('/cases');
      await page.getByRole('tab', { name: '信访件台账' }).click();
      await page.getByRole('link', { name: caseNo }).click();
      await page.getByRole('heading', { level: 2, name: caseNo }).waitFor();
      await eventually(() => page.getByTestId('case-state').textContent()).toBe('已办结');
    };
    const closureSteps = (page: Page) => () => page.getByRole('tabpanel').locator('.ant-timeline-item')
      .evaluateAll((items) => items.map((i) => i.textContent?.split(' · ')[0]?.trim()));

    // The administrator applies for the unit, with an evidence file as the dossier.
    const { page, problems } = await openPage(journey.browser, journey.server.baseUrl);
    await signIn(page, journey.server.admin.username, journey.server.admin.password);
    await openCase(page);
    await page.getByRole('tab', { name: /佐证材料/ }).click();
    await page.getByRole('tabpanel').locator('input[type=file]').setInputFiles({ name: '整改照片.png', mimeType: 'image/png', buffer: png(120, 80) });
    await eventually(() => page.getByRole('tab', { name: '佐证材料 (1)' }).count()).toBe(1);
    await page.getByRole('tab', { name: '验收销号' }).click();
    await page.getByRole('tabpanel').getByRole('button', { name: '申请验收销号' }).click();
    const dialog = page.locator('.ant-modal');
    expect(await dialog.getByRole('checkbox', { name: '整改照片.png' }).isChecked()).toBe(true);
    await confirmDialog(dialog, '提交申请');
    await eventually(closureSteps(page)).toEqual(['申请验收销号']);
    expect(await page.getByRole('tabpanel').textContent()).toContain('抚顺市');
    expect(problems).toEqual([]);

    // A reviewer of 抚顺市 accepts and gives notice; once the notice has ended, closes the case.
    const reviewer = await openPage(journey.browser, journey.server.baseUrl);
    const rp = reviewer.page;
    await signIn(rp, FS_REVIEWER.username, FS_REVIEWER.password);
    await openCase(rp);
    await rp.getByRole('tab', { name: '验收销号' }).click();
    const section = rp.getByRole('tabpanel');
    const modal = rp.locator('.ant-modal');
    await section.getByRole('button', { name: '验收通过' }).click();
    await confirmDialog(modal, '验收通过');
    await eventually(closureSteps(rp)).toEqual(['申请验收销号', '验收通过']);
    await section.getByRole('button', { name: '开始公示' }).click();
    await confirmDialog(modal, '开始公示');
    await eventually(closureSteps(rp)).toEqual(['申请验收销号', '验收通过', '开始公示']);

    // The notice period cannot be waited out: it ended yesterday.
    expect(endNoticesYesterday(journey.server)).toBe(1);
    await rp.reload();
    await rp.getByRole('heading', { level: 2, name: caseNo }).waitFor();
    await rp.getByRole('tab', { name: '验收销号' }).click();
    await eventually(closureSteps(rp)).toEqual(['申请验收销号', '验收通过', '开始公示']);
    await section.getByRole('button', { name: /^销\s?号$/ }).click();
    await confirmDialog(modal, /^销\s?号$/);
    await eventually(closureSteps(rp)).toEqual(['申请验收销号', '验收通过', '开始公示', '销号']);
    expect(await section.textContent()).toContain('已销号');
    await eventually(() => rp.getByTestId('case-state').textContent()).toBe('已销号');
    await screenshot(rp, 'case-closure');
    expect(reviewer.problems).toEqual([]);
  });

  it('the administrator lists the case for supervision, records accountability, draws the quarter\'s revisits and records one', async () => {
    const caseNo = 'D3LN202505280001';
    const { page, problems } = await openPage(journey.browser, journey.server.baseUrl);
    await signIn(page, journey.server.admin.username, journey.server.admin.password);
    const dialog = page.locator('.ant-modal');
    const option = (text: string | RegExp) => page.locator('.ant-select-item-option', { hasText: text });

    // On the case's page: list it at city level, with the leader in charge and a deadline.
    await page.goto('/cases');
    await page.getByRole('link', { name: caseNo }).click();
    await page.getByRole('heading', { level: 2, name: caseNo }).waitFor();
    await page.getByRole('tab', { name: '督办与回访' }).click();
    const panel = page.getByRole('tabpanel');
    await panel.getByRole('button', { name: '挂牌督办' }).click();
    await dialog.getByRole('combobox', { name: '督办层级' }).click();
    await option(/^市级$/).click();
    await dialog.getByRole('combobox', { name: '原因' }).click();
    await option(/^重点信访件$/).click();
    await dialog.getByLabel('包案领导').fill('王副市长');
    await dialog.getByLabel('措施').fill('每周现场调度，月底前完成废气治理设施验收');
    await dialog.getByLabel('督办时限').fill('2030-06-30');
    await dialog.getByLabel('督办时限').press('Enter');
    await confirmDialog(dialog, /^挂牌$/);
    // The leader named in the listing is recorded as a leader in charge (领导包案), whose visits are added on the card.
    const charge = panel.locator('[data-testid^="leader-charge-"]');
    await eventually(() => charge.textContent()).toContain('领导包案 · 王副市长');
    expect(await panel.textContent()).toContain('督办中');
    await charge.getByRole('button', { name: '记录督导/批示' }).click();
    await dialog.getByLabel('日期', { exact: true }).fill(chinaDay(0));
    await dialog.getByLabel('日期', { exact: true }).press('Enter');
    await dialog.getByRole('combobox', { name: '方式' }).click();
    await option(/^现场督导$/).click();
    await dialog.getByLabel('内容', { exact: true }).fill('到企业现场察看废气收集处理设施建设，要求月底前投运');
    await confirmDialog(dialog, /^保\s?存$/);
    await eventually(() => charge.textContent()).toContain('现场督导');
    expect(await charge.textContent()).toContain('到企业现场察看废气收集处理设施建设');

    // Accountability for the late handling: one person, the measure from the standard list.
    await panel.getByRole('button', { name: '记录问责' }).click();
    await dialog.getByLabel('被问责人', { exact: true }).fill('张某');
    await dialog.getByLabel('职务', { exact: true }).fill('执法大队副大队长');
    await dialog.getByLabel('所在单位').fill('某区生态环境分局');
    await dialog.getByRole('combobox', { name: '问责方式' }).click();
    await option(/^诫勉谈话$/).click();
    await dialog.getByLabel('文件', { exact: true }).fill('抚纪发〔2025〕3号');
    await confirmDialog(dialog, '保存问责');
    await eventually(() => panel.textContent()).toContain('执法大队副大队长');
    expect(await panel.textContent()).toContain('诫勉谈话');

    // The ledger's figures count the case in a leader's charge and the accountability by measure.
    await page.goto('/cases');
    await eventually(() => page.getByTestId('case-figure-accountability').textContent()).toContain('问责 1 人');
    expect(await page.getByTestId('case-figure-accountability').textContent()).toContain('诫勉谈话 1');
    expect(await page.getByTestId('case-figure-leaders').textContent()).toContain('1');

    // The case is on the list of listed supervision.
    await page.goto('/cases?tab=listings');
    const listed = page.locator('.ant-table-tbody tr.ant-table-row');
    await eventually(() => listed.count()).toBe(1);
    expect(await listed.textContent()).toContain('市级');
    await expect.poll(() => listed.getByRole('link', { name: caseNo }).getAttribute('href')).toMatch(/^\/cases\/\d+\?tab=oversight$/);

    // Draw this quarter's revisit sample for 抚顺市: its one handled case is drawn, and the seed reproduces the sample.
    await page.getByRole('tab', { name: '回访抽查' }).click();
    await page.getByRole('button', { name: '抽取回访样本' }).click();
    await page.getByRole('combobox', { name: '抽查范围（单位及下级）' }).click();
    await page.locator('.ant-select-tree-title', { hasText: /^抚顺市$/ }).click();
    await page.getByRole('combobox', { name: '季度' }).click();
    await option('（进行中）').click();
    await page.getByLabel('随机种子').fill('e2e-2025');
    await page.getByRole('button', { name: '抽取', exact: true }).click();
    await eventually(() => page.getByTestId('draw-seed').textContent()).toContain('e2e-2025');
    expect(await page.getByRole('tabpanel').textContent()).toContain('用记录的种子重新抽取，结果一致');
    const drawn = page.locator('.ant-table-tbody tr.ant-table-row');
    await eventually(() => drawn.count()).toBe(1);
    expect(await drawn.textContent()).toContain(caseNo);

    // Record the revisit.
    await drawn.getByRole('button', { name: '记录回访' }).click();
    await dialog.getByLabel('回访日期').fill(chinaDay(0));
    await dialog.getByLabel('回访日期').press('Enter');
    await dialog.getByRole('combobox', { name: '回访方式' }).click();
    await option(/^电话回访$/).click();
    await dialog.getByLabel('复查情况').fill('电话回访举报人，反映企业已停产整改，无异味');
    await dialog.getByRole('combobox', { name: '群众满意度' }).click();
    await option(/^满意$/).click();
    await confirmDialog(dialog, /^保\s?存$/);
    await eventually(() => drawn.textContent()).toContain('电话回访举报人');
    expect(await page.getByRole('tabpanel').textContent()).toContain('1/1 件');
    await screenshot(page, 'case-revisits');

    // The case's page shows all three, and its history names them.
    await drawn.getByRole('link', { name: caseNo }).click();
    await page.getByRole('heading', { level: 2, name: caseNo }).waitFor();
    const oversight = await page.getByRole('tabpanel').textContent();
    for (const text of ['督办中', '王副市长', '现场督导', '张某', '诫勉谈话', '抚纪发〔2025〕3号', '电话回访举报人', '满意']) expect(oversight).toContain(text);
    await screenshot(page, 'case-oversight');
    await page.getByRole('tab', { name: /^操作记录/ }).click();
    const history = await page.getByRole('tabpanel').textContent();
    for (const text of ['挂牌督办', '包案领导督导', '记录问责', '记录复查回访']) expect(history).toContain(text);
    expect(problems).toEqual([]);
  });
});
