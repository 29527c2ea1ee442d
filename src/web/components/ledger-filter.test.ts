import { describe, expect, it } from 'vitest';
import { addDays, ledgerHref, parseLedgerFilter } from './ledger-filter';

describe('ledger filter in the URL', () => {
  it('round-trips through the query string', () => {
    const href = ledgerHref({ orgUnitId: 3, status: ['overdue', 'behind_schedule'], warning: ['red'], q: '污水', deadlineFrom: '2024-01-01', page: 2 });
    expect(href).toBe('/ledger?orgUnitId=3&status=overdue%2Cbehind_schedule&warning=red&q=%E6%B1%A1%E6%B0%B4&deadlineFrom=2024-01-01&page=2');
    const parsed = parseLedgerFilter(new URLSearchParams(href.split('?')[1]));
    expect(parsed).toMatchObject({ orgUnitId: 3, status: ['overdue', 'behind_schedule'], warning: ['red'], q: '污水', deadlineFrom: '2024-01-01', page: 2 });
  });

  it('drops what the API would reject', () => {
    const parsed = parseLedgerFilter(new URLSearchParams('status=late,overdue&warning=blue&page=-1&deadlineTo=tomorrow&sort=random&orgUnitId=x'));
    expect(parsed).toEqual(expect.objectContaining({ status: ['overdue'], warning: undefined, page: undefined, deadlineTo: undefined, sort: undefined, orgUnitId: undefined }));
  });

  it('leaves out empty values', () => {
    expect(ledgerHref({})).toBe('/ledger');
    expect(ledgerHref({ status: [], q: '' })).toBe('/ledger');
  });

  it('adds days across months', () => {
    expect(addDays('2024-01-20', 30)).toBe('2024-02-19');
  });
});
