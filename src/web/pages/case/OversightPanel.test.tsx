import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { MemoryRouter } from 'react-router';
import type { CaseDetail, LeaderCharge, Listing, Revisit } from '../../api/case-types';
import { AuthProvider } from '../../auth/auth';
import { I18nProvider, type Locale } from '../../i18n/i18n';
import { OversightPanel } from './OversightPanel';

/** The API as the panel sees it: each write recorded, answered by `answer`; the signed-in user has `role` at 辽宁省. */
let calls: { method: string; url: string; body: unknown }[] = [];
let answer: (method: string, url: string) => Response;
let role = 'admin';
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

beforeEach(() => {
  calls = [];
  role = 'admin';
  answer = () => json(500, { error: { code: 'INTERNAL', message: 'unexpected' } });
  vi.stubGlobal('fetch', vi.fn((url: string, init?: RequestInit) => {
    if (url === '/api/auth/me') {
      return Promise.resolve(json(200, { user: { id: 1, username: 'u', displayName: 'U' }, memberships: [{ orgUnitId: 1, orgName: '辽宁省', role, roleLabel: role }], csrfToken: 'csrf' }));
    }
    const method = init?.method ?? 'GET';
    calls.push({ method, url, body: init?.body ? JSON.parse(init.body as string) as unknown : undefined });
    return Promise.resolve(answer(method, url));
  }));
});
afterEach(() => { cleanup(); vi.unstubAllGlobals(); });

const listing = (over: Partial<Listing> = {}): Listing => ({
  id: 7, subjectType: 'case', subjectId: 42, level: 'city', reason: 'key_case', measures: '每周调度', deadline: '2025-09-30',
  listedAt: '2025-07-01T02:00:00.000Z', delistedAt: null, delistDecision: null, listedOrgId: 4, delistReason: null, ...over,
});
const revisit = (over: Partial<Revisit> = {}): Revisit => ({
  id: 31, drawId: 5, caseId: 42, visitedAt: null, method: null, finding: null, satisfaction: null, relapsed: null, recordedAt: null, ...over,
});
const detail = (over: Partial<CaseDetail> = {}) => ({
  case: { id: 42, caseNo: 'D3LN202505280001', state: 'done' }, listings: [], accountability: [], revisits: [], leaderCharges: [], ...over,
}) as unknown as CaseDetail;

function show(d: CaseDetail, locale: Locale = 'zh') {
  const onChanged = vi.fn();
  render(
    <MemoryRouter>
      <I18nProvider initial={locale}>
        <ConfigProvider locale={locale === 'zh' ? zhCN : enUS} button={{ autoInsertSpace: false }}>
          <AntApp>
            <AuthProvider>
              <OversightPanel detail={d} onChanged={onChanged} />
            </AuthProvider>
          </AntApp>
        </ConfigProvider>
      </I18nProvider>
    </MemoryRouter>,
  );
  return onChanged;
}

const dialog = () => screen.getByRole('dialog');
const type = (label: string, value: string) => fireEvent.change(within(dialog()).getByLabelText(label), { target: { value } });
const choose = async (label: string, option: string) => {
  fireEvent.mouseDown(within(dialog()).getByRole('combobox', { name: label }));
  fireEvent.click(await screen.findByTitle(option));
};
const pickDate = (label: string, value: string) => {
  const input = within(dialog()).getByLabelText(label);
  fireEvent.mouseDown(input);
  fireEvent.change(input, { target: { value } });
  fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
};
const press = (name: string | RegExp) => fireEvent.click(within(dialog()).getByRole('button', { name }));
const writes = () => calls.filter((c) => c.method !== 'GET');

const charge = (over: Partial<LeaderCharge> = {}): LeaderCharge => ({
  id: 9, subjectType: 'case', subjectId: 42, leaderName: '李某', position: '副市长', unitName: '抚顺市人民政府', assignedOn: '2025-06-01', createdAt: '2025-06-01T02:00:00.000Z',
  actions: [{ id: 1, actedOn: '2025-06-05', kind: 'onsite', content: '到现场察看噪声扰民点位', createdAt: '2025-06-05T02:00:00.000Z' }], ...over,
});

describe('oversight actions on a case', () => {
  it('are offered by permission: administrators list, delist and record accountability; reviewers record revisits', async () => {
    show(detail({ listings: [listing()] }));
    expect(await screen.findByRole('button', { name: '摘牌' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '记录问责' })).toBeTruthy();
    // An active listing must be delisted before the case is listed again.
    expect(screen.queryByRole('button', { name: '挂牌督办' })).toBeNull();
    cleanup();

    // A reviewer records revisits but neither lists, delists nor records accountability.
    role = 'reviewer';
    show(detail({ listings: [listing()], revisits: [revisit()] }));
    expect(await screen.findByRole('button', { name: '记录回访' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: '摘牌' })).toBeNull();
    expect(screen.queryByRole('button', { name: '记录问责' })).toBeNull();
  });

  it('lists a case for supervision with the fields the API takes, after checking them', async () => {
    answer = () => json(201, listing());
    const onChanged = show(detail());
    fireEvent.click(await screen.findByRole('button', { name: '挂牌督办' }));
    press('挂牌');
    expect(await within(dialog()).findByText('请选择督办层级')).toBeTruthy();
    expect(within(dialog()).getByText('请选择原因')).toBeTruthy();
    expect(writes()).toEqual([]);

    await choose('督办层级', '市级');
    await choose('原因', '重复信访');
    type('包案领导', '  王副市长 ');
    type('措施', '每周现场调度');
    pickDate('督办时限', '2025-09-30');
    press('挂牌');
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    expect(writes()).toEqual([{ method: 'POST', url: '/api/supervision-listings', body: {
      subjectType: 'case', subjectId: 42, level: 'city', reason: 'repeat_complaint', leader: '王副市长', measures: '每周现场调度', deadline: '2025-09-30',
    } }]);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('shows the API\'s refusal in the dialog and keeps it open', async () => {
    answer = () => json(403, { error: { code: 'FORBIDDEN', message: '省级挂牌督办须由省级或更高一级单位的管理员办理' } });
    const onChanged = show(detail());
    fireEvent.click(await screen.findByRole('button', { name: '挂牌督办' }));
    await choose('督办层级', '省级');
    await choose('原因', '重点信访件');
    press('挂牌');
    expect((await within(dialog()).findByRole('alert')).textContent).toContain('省级挂牌督办须由省级或更高一级单位的管理员办理');
    expect(writes()[0]?.body).toEqual({ subjectType: 'case', subjectId: 42, level: 'province', reason: 'key_case', leader: null, measures: null, deadline: null });
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('delists with a decision of at least two characters', async () => {
    answer = () => json(200, listing({ delistedAt: '2025-08-01T00:00:00.000Z', delistDecision: '整改到位' }));
    const onChanged = show(detail({ listings: [listing()] }));
    fireEvent.click(await screen.findByRole('button', { name: '摘牌' }));
    press('确认摘牌');
    expect(await within(dialog()).findByText('请输入摘牌意见')).toBeTruthy();
    type('摘牌意见', ' 好 ');
    press('确认摘牌');
    expect(await within(dialog()).findByText('摘牌意见至少 2 个字')).toBeTruthy();
    expect(writes()).toEqual([]);
    type('摘牌意见', ' 经现场核查整改到位，同意摘牌 ');
    press('确认摘牌');
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    expect(writes()).toEqual([{ method: 'POST', url: '/api/supervision-listings/7/delist', body: { decision: '经现场核查整改到位，同意摘牌' } }]);
  });

  it('records accountability of one person with the measure from the standard list; 其他 needs its words', async () => {
    answer = () => json(201, { id: 3 });
    const onChanged = show(detail());
    fireEvent.click(await screen.findByRole('button', { name: '记录问责' }));
    press('保存问责');
    expect(await within(dialog()).findByText('请输入被问责人')).toBeTruthy();
    expect(within(dialog()).getByText('请选择问责方式')).toBeTruthy();
    type('被问责人', ' 张三 ');
    type('职务', '副局长');
    type('所在单位', '某区生态环境分局');
    await choose('问责方式', '其他');
    // 其他 opens the field for its words, which is then required.
    await within(dialog()).findByLabelText('具体方式');
    press('保存问责');
    expect(await within(dialog()).findByText('请写明具体的问责方式')).toBeTruthy();
    expect(writes()).toEqual([]);

    type('具体方式', '停职检查');
    type('文件', '抚环发〔2025〕12号');
    pickDate('决定日期', '2025-08-15');
    press('保存问责');
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    expect(writes()).toEqual([{ method: 'POST', url: '/api/accountability', body: {
      subjectType: 'case', subjectId: 42, person: '张三', position: '副局长', unitName: '某区生态环境分局', measure: 'other', measureOther: '停职检查',
      decidedAt: '2025-08-15', document: '抚环发〔2025〕12号',
    } }]);
  });

  it('shows each record: the measure by its name, 其他 with its words', () => {
    show(detail({ accountability: [
      { id: 1, person: '张三', position: '副局长', unitName: '某区生态环境分局', measure: 'admonition', measureOther: null, decidedAt: '2025-08-15', document: null, createdAt: '' },
      { id: 2, person: '李四', position: null, unitName: null, measure: 'other', measureOther: '停职检查', decidedAt: null, document: null, createdAt: '' },
    ] }));
    expect(screen.getByText('诫勉谈话')).toBeTruthy();
    expect(screen.getByText('其他（停职检查）')).toBeTruthy();
    expect(screen.getByText('2025年8月15日')).toBeTruthy();
  });

  it('asks for the listing unit\'s reason to delist a case not yet handled', async () => {
    answer = () => json(200, listing({ delistedAt: '2025-08-01T00:00:00.000Z', delistDecision: '转专案', delistReason: '改由省级专案办理' }));
    const onChanged = show(detail({ case: { id: 42, caseNo: 'D3LN202505280001', state: 'handling' } as CaseDetail['case'], listings: [listing()] }));
    fireEvent.click(await screen.findByRole('button', { name: '摘牌' }));
    expect(within(dialog()).getByText('该信访件尚未办结。提前摘牌须由挂牌单位或其上级的管理员办理，并写明理由。')).toBeTruthy();
    type('摘牌意见', '转为省级专案');
    press('确认摘牌');
    expect(await within(dialog()).findByText('尚未办结的信访件摘牌须写明理由')).toBeTruthy();
    expect(writes()).toEqual([]);
    type('提前摘牌理由', ' 改由省级专案办理 ');
    press('确认摘牌');
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    expect(writes()).toEqual([{ method: 'POST', url: '/api/supervision-listings/7/delist', body: { decision: '转为省级专案', reason: '改由省级专案办理' } }]);
  });

  it('records a leader in charge, then a visit dated not before the charge', async () => {
    answer = () => json(201, charge());
    const onChanged = show(detail({ leaderCharges: [charge()] }));
    const card = await screen.findByTestId('leader-charge-9');
    for (const text of ['李某', '副市长', '抚顺市人民政府', '2025年6月1日', '2025年6月5日 · 现场督导', '到现场察看噪声扰民点位']) expect(card.textContent).toContain(text);

    fireEvent.click(await screen.findByRole('button', { name: '登记包案领导' }));
    type('包案领导', ' 王某 ');
    type('职务', '副县长');
    pickDate('包案日期', '2025-07-01');
    press('保存');
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    expect(writes()).toEqual([{ method: 'POST', url: '/api/leader-charges', body: { subjectType: 'case', subjectId: 42, leaderName: '王某', position: '副县长', unitName: null, assignedOn: '2025-07-01' } }]);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    fireEvent.click(within(card).getByRole('button', { name: '记录督导/批示' }));
    pickDate('日期', '2025-05-20');
    await choose('方式', '批示');
    type('内容', '要求7日内拿出整改方案');
    press('保存');
    expect(await within(dialog()).findByText('日期不能早于包案日期2025年6月1日')).toBeTruthy();
    expect(writes()).toHaveLength(1);
    pickDate('日期', '2025-06-20');
    press('保存');
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(2));
    expect(writes()[1]).toEqual({ method: 'POST', url: '/api/leader-charges/9/actions', body: { actedOn: '2025-06-20', kind: 'instruction', content: '要求7日内拿出整改方案' } });
  });

  it('records a drawn revisit from the case page and says when it reopened the case', async () => {
    answer = () => json(200, { revisit: revisit({ visitedAt: '2025-08-01' }), reopened: true, case: { id: 42, caseNo: 'D3LN202505280001', state: 'reopened' } });
    const onChanged = show(detail({ revisits: [revisit()] }));
    expect(screen.getByRole('link', { name: '查看抽查' }).getAttribute('href')).toBe('/cases?tab=revisits&draw=5');
    fireEvent.click(await screen.findByRole('button', { name: '记录回访' }));
    press('保存');
    expect(await within(dialog()).findByText('请选择回访日期')).toBeTruthy();
    expect(within(dialog()).getByText('请输入复查情况')).toBeTruthy();
    pickDate('回访日期', '2025-08-01');
    await choose('回访方式', '实地复查');
    type('复查情况', '现场复查发现异味再次出现');
    await choose('群众满意度', '不满意');
    fireEvent.click(within(dialog()).getByRole('checkbox', { name: '问题反弹' }));
    press('保存');
    expect(await screen.findByText('已记录复查回访；问题反弹，D3LN202505280001 已重新打开办理')).toBeTruthy();
    expect(onChanged).toHaveBeenCalledTimes(1);
    expect(writes()).toEqual([{ method: 'PUT', url: '/api/revisits/31', body: {
      visitedAt: '2025-08-01', method: 'on_site', finding: '现场复查发现异味再次出现', satisfaction: 'dissatisfied', relapsed: true,
    } }]);
  });

  it('speaks English too', async () => {
    show(detail(), 'en');
    fireEvent.click(await screen.findByRole('button', { name: 'Record accountability' }));
    press('Save');
    expect(await within(dialog()).findByText('Choose: Measure')).toBeTruthy();
  });
});
