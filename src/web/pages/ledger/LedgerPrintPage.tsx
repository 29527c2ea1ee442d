/**
 * The ledger as printed (A4 landscape): the same filtered view as the ledger page, every row (up to PRINT_LIMIT; more
 * asks the user to filter first), numbered 序号 across the whole list, with no menus.
 */
import { useEffect, useState } from 'react';
import { Alert } from 'antd';
import { useSearchParams } from 'react-router';
import type { LedgerRow, Page } from '../../api/types';
import { api, withQuery } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import { PrintSheet } from '../../components/print/PrintSheet';
import { parseLedgerFilter } from '../../components/ledger-filter';
import { scheduleLabel, warningLabel } from '../../components/labels';
import { DeadlineText } from '../../components/DeadlineText';

/** More rows than this make no useful paper; the view says so and prints the first ones. */
export const PRINT_LIMIT = 1000;
const PAGE = 200;

export default function LedgerPrintPage() {
  const { t, formatNumber } = useI18n();
  const [params] = useSearchParams();
  const query = params.toString();
  const [state, setState] = useState<{ rows?: LedgerRow[]; total?: number; error?: unknown }>({});

  useEffect(() => {
    const controller = new AbortController();
    const { page: _p, pageSize: _s, ...filter } = parseLedgerFilter(new URLSearchParams(query));
    void (async () => {
      try {
        const rows: LedgerRow[] = [];
        let total = 0;
        for (let page = 1; rows.length < PRINT_LIMIT; page++) {
          const got = await api.get<Page<LedgerRow>>(withQuery('/api/assignments', { ...filter, page, pageSize: PAGE }), undefined, controller.signal);
          total = got.total;
          rows.push(...got.items);
          if (got.items.length < PAGE || rows.length >= total) break;
        }
        setState({ rows: rows.slice(0, PRINT_LIMIT), total });
      } catch (error) {
        if (!controller.signal.aborted) setState({ error });
      }
    })();
    return () => controller.abort();
  }, [query]);

  if (state.error) return <ErrorAlert error={state.error} />;
  const back = `/ledger${query ? `?${query}` : ''}`;
  return (
    <PrintSheet className="print-ledger-sheet" title={t('ledger.title')} subtitle={state.total === undefined ? undefined : t('ledger.total', { n: formatNumber(state.total) })} back={back} ready={!!state.rows}>
      {!state.rows ? <PageLoading /> : (
        <>
          {state.total! > state.rows.length && (
            <Alert type="warning" showIcon className="no-print" style={{ marginBottom: 12 }} title={t('layout.printLimited', { n: formatNumber(state.rows.length), total: formatNumber(state.total!) })} />
          )}
          <table className="print-table" data-testid="print-ledger">
            <thead>
              <tr>
                <th style={{ width: '3em' }}>{t('layout.seq')}</th>
                <th style={{ width: '5em' }}>{t('ledger.col.code')}</th>
                <th>{t('ledger.col.problem')}</th>
                <th style={{ width: '9em' }}>{t('ledger.col.org')}</th>
                <th style={{ width: '6em' }}>{t('ledger.col.status')}</th>
                <th style={{ width: '4em' }}>{t('ledger.col.warning')}</th>
                <th style={{ width: '8em' }}>{t('ledger.col.deadline')}</th>
                <th style={{ width: '30%' }}>{t('ledger.col.progress')}</th>
              </tr>
            </thead>
            <tbody>
              {state.rows.map((r, i) => (
                <tr key={r.id}>
                  <td className="num">{i + 1}</td>
                  <td>{t('task.codeLabel', { code: r.taskCode })}</td>
                  <td>{r.problem}</td>
                  <td>{r.orgUnitName}</td>
                  <td>{r.scheduleStatus ? scheduleLabel(t, r.scheduleStatus) : ''}</td>
                  <td>{warningLabel(t, r.warning)}</td>
                  <td><DeadlineText kind={r.deadlineKind} date={r.deadlineDate} /></td>
                  <td>{r.latestProgress ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </PrintSheet>
  );
}
