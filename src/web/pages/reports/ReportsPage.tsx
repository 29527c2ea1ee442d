/** Reports: import a published report into the ledger, generate the report and ledgers from it, and the import history. */
import { Card, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useApi } from '../../api/use-api';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ImportPanel } from './ImportPanel';
import { GeneratePanel } from './GeneratePanel';
import { ImportHistory, type ImportRecord } from './ImportHistory';

export default function ReportsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const imports = useApi<{ items: ImportRecord[] }>('/api/imports');
  const canImport = can('writeLedger');
  const tabs = [
    ...(canImport ? [{ key: 'import', label: t('reports.import'), children: <ImportPanel onImported={imports.reload} /> }] : []),
    { key: 'generate', label: t('reports.generate'), children: <GeneratePanel /> },
    { key: 'history', label: t('reports.history'), children: <ImportHistory list={imports} /> },
  ];
  const active = tabs.some((x) => x.key === params.get('tab')) ? params.get('tab')! : tabs[0]!.key;
  return (
    <>
      <Typography.Title level={2} className="page-title">{t('reports.title')}</Typography.Title>
      <Card>
        <Tabs activeKey={active} onChange={(k) => setParams({ tab: k }, { replace: true })} items={tabs} />
      </Card>
    </>
  );
}
