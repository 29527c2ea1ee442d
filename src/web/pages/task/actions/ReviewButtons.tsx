/** Accept or return a submitted progress report (reviewers and administrators; never one's own submission). */
import { useState } from 'react';
import { Button, Space } from 'antd';
import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { api } from '../../../api/client';
import type { ProgressReport } from '../../../api/types';
import { useI18n } from '../../../i18n/i18n';
import { TextDialog } from '../../../components/TextDialog';

export function ReviewButtons({ report, onDone }: { report: ProgressReport; onDone: () => void }) {
  const { t } = useI18n();
  const [dialog, setDialog] = useState<'accept' | 'return' | null>(null);
  return (
    <>
      <Space>
        <Button size="small" type="primary" icon={<CheckOutlined />} onClick={() => setDialog('accept')}>{t('review.accept')}</Button>
        <Button size="small" danger icon={<RollbackOutlined />} onClick={() => setDialog('return')}>{t('review.return')}</Button>
      </Space>
      {dialog === 'accept' && (
        <TextDialog
          title={t('review.acceptTitle')}
          label={t('review.comment')}
          okText={t('review.accept')}
          onSubmit={async (comment) => {
            await api.post(`/api/progress-reports/${report.id}/accept`, { version: report.version, comment: comment || null });
            onDone();
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'return' && (
        <TextDialog
          title={t('review.returnTitle')}
          label={t('review.reason')}
          okText={t('review.return')}
          required
          danger
          onSubmit={async (reason) => {
            await api.post(`/api/progress-reports/${report.id}/return`, { version: report.version, reason });
            onDone();
          }}
          onClose={() => setDialog(null)}
        />
      )}
    </>
  );
}
