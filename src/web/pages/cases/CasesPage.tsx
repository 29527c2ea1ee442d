/** Complaint cases (信访件): the case ledger and the handover batches. */
import { Card, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { CaseLedger } from './CaseLedger';
import { BatchesPanel } from './BatchesPanel';

export default function CasesPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'batches' ? 'batches' : 'ledger';
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
          ]}
        />
      </Card>
    </>
  );
}
