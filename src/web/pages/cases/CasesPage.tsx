/** Complaint cases (信访件): the case ledger, the handover batches, the cases under listed supervision, the quarterly revisits. */
import { Card, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { CaseLedger } from './CaseLedger';
import { BatchesPanel } from './BatchesPanel';
import { ListingsPanel } from './ListingsPanel';
import { RevisitsPanel } from './RevisitsPanel';

const TABS = ['ledger', 'batches', 'listings', 'revisits'] as const;
type Tab = (typeof TABS)[number];

export default function CasesPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.find((k) => k === params.get('tab')) ?? 'ledger';
  return (
    <>
      <Typography.Title level={2} className="page-title">{t('cases.title')}</Typography.Title>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(k === 'ledger' ? {} : { tab: k })}
          destroyOnHidden
          items={[
            { key: 'ledger', label: t('cases.ledger'), children: <CaseLedger /> },
            { key: 'batches', label: t('cases.batches'), children: <BatchesPanel /> },
            { key: 'listings', label: t('listings.title'), children: <ListingsPanel /> },
            { key: 'revisits', label: t('revisits.title'), children: <RevisitsPanel /> },
          ]}
        />
      </Card>
    </>
  );
}
