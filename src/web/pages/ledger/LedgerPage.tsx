/**
 * The ledger: every assignment in the reader's scope, filtered, sorted and paginated by the API; the filters live in
 * the URL so any view can be shared or reached from a dashboard figure; the export downloads exactly this view.
 */
import { useState } from 'react';
import { Button, Flex, Grid, Table, Typography } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { useAuth } from '../../auth/auth';
import { SheetImport } from '../../components/sheet-import/SheetImport';
import { useSearchParams } from 'react-router';
import type { LedgerRow, Page } from '../../api/types';
import { withQuery } from '../../api/client';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { parseLedgerFilter, type LedgerFilter } from '../../components/ledger-filter';
import { AsOfNotice, pastDay } from '../../components/AsOfPicker';
import { LedgerFilters } from './LedgerFilters';
import { ColumnChooser } from './ColumnChooser';
import { buildColumns, COLUMN_KEYS, DEFAULT_COLUMNS, seqColumn, SORTS, type ColumnKey } from './columns';
import { LedgerCards } from './LedgerCards';

const COLUMNS_KEY = 'rectify.ledger.columns';

function storedColumns(): ColumnKey[] {
  try {
    const v = JSON.parse(localStorage.getItem(COLUMNS_KEY) ?? 'null') as unknown;
    if (Array.isArray(v)) {
      const keys = COLUMN_KEYS.filter((k) => v.includes(k));
      if (keys.length) return keys;
    }
  } catch {
    // A damaged value falls back to the defaults.
  }
  return DEFAULT_COLUMNS;
}

export default function LedgerPage() {
  const i18n = useI18n();
  const { t, formatNumber } = i18n;
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const filter = parseLedgerFilter(params);
  const sort = filter.sort ?? 'code';
  const order = filter.order ?? 'asc';
  const page = filter.page ?? 1;
  const pageSize = filter.pageSize ?? 20;
  const result = useApi<Page<LedgerRow>>('/api/assignments', filter);
  const [columns, setColumns] = useState<ColumnKey[]>(storedColumns);
  // A phone (under antd's md, 768 px) reads the ledger as cards: a table of this width would be cut off.
  const phone = Grid.useBreakpoint().md === false;

  const go = (next: LedgerFilter) => setParams(withQuery('', next).replace(/^\?/, ''));
  // A changed filter starts again at page 1.
  const update = (patch: Partial<LedgerFilter>) => go({ ...filter, ...patch, page: undefined });
  const chooseColumns = (v: ColumnKey[]) => {
    setColumns(v);
    try {
      localStorage.setItem(COLUMNS_KEY, JSON.stringify(v));
    } catch {
      // Not remembered in private mode; still applied.
    }
  };
  const { page: _p, pageSize: _s, ...exportFilter } = filter;
  const past = pastDay(filter.asOf);

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={2} className="page-title">{t('ledger.title')}</Typography.Title>
        <Flex gap={8} wrap>
          {!phone && <ColumnChooser value={columns} onChange={chooseColumns} />}
          <Button icon={<PrinterOutlined />} href={withQuery('/ledger/print', exportFilter)} target="_blank" disabled={!result.data?.total}>
            {t('layout.print')}
          </Button>
          <Button icon={<DownloadOutlined />} href={withQuery('/api/assignments/export.xlsx', exportFilter)} download disabled={!result.data?.total}>
            {t('ledger.export')}
          </Button>
          <Button icon={<DownloadOutlined />} href={withQuery('/api/assignments/roundtrip.xlsx', { ...exportFilter, asOf: undefined })} download disabled={!result.data?.total || !!past} title={past ? t('asof.roundtripDisabled') : undefined}>
            {t('sheets.exportRoundtrip')}
          </Button>
          {can('writeProgress') ? <SheetImport label={t('sheets.import')} onApplied={result.reload} /> : null}
        </Flex>
      </Flex>
      <LedgerFilters filter={filter} onChange={update} onReset={() => go({})} />
      {past ? <AsOfNotice date={past} onLeave={() => update({ asOf: undefined })} /> : null}
      {result.error ? <ErrorAlert error={result.error} onRetry={result.reload} /> : null}
      {phone ? (
        <LedgerCards
          rows={result.data?.items ?? []}
          loading={result.loading}
          page={page}
          pageSize={pageSize}
          total={result.data?.total ?? 0}
          onPage={(p) => go({ ...filter, page: p === 1 ? undefined : p })}
        />
      ) : <Table<LedgerRow>
        rowKey="id"
        size="middle"
        loading={result.loading}
        dataSource={result.data?.items ?? []}
        columns={[seqColumn(t, (page - 1) * pageSize), ...buildColumns(i18n, columns, sort, order)]}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('ledger.empty') }}
        pagination={{
          current: page,
          pageSize,
          total: result.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (total) => t('ledger.total', { n: formatNumber(total) }),
        }}
        onChange={(pg, _filters, sorter, extra) => {
          if (extra.action === 'sort') {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const apiSort = s?.order ? SORTS[s.columnKey as ColumnKey] : undefined;
            go({ ...filter, sort: apiSort, order: apiSort ? (s?.order === 'descend' ? 'desc' : 'asc') : undefined, page: undefined });
          } else {
            go({ ...filter, page: pg.current === 1 ? undefined : pg.current, pageSize: pg.pageSize === 20 ? undefined : pg.pageSize });
          }
        }}
      />}
    </>
  );
}
