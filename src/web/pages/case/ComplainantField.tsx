/**
 * The complainant on the case page: masked for everyone (张** / 138****1234). A reader granted complainants' details
 * at the case's unit may open them with 查看举报人信息; the API records the view before it answers, and the page
 * then shows the case's texts as written too.
 */
import { useState } from 'react';
import { Button, Space, Tag, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { api } from '../../api/client';
import type { ComplainantDetails, ComplainantReveal } from '../../api/case-types';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';

export function complainantText(details: ComplainantDetails | null, none: string): string {
  if (details === null) return none;
  if ('unavailable' in details) return details.unavailable;
  return [details.name, details.contact].filter(Boolean).join(' · ') || none;
}

export function ComplainantField({ caseId, masked, mayReveal, revealed, onRevealed }: {
  caseId: number;
  masked: ComplainantDetails | null;
  mayReveal: boolean;
  revealed: ComplainantReveal | null;
  onRevealed: (reveal: ComplainantReveal) => void;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const reveal = () => {
    setBusy(true);
    setError(null);
    api.post<ComplainantReveal>(`/api/cases/${caseId}/complainant-views`).then(onRevealed, setError).finally(() => setBusy(false));
  };
  if (revealed) {
    return (
      <Space wrap>
        <span data-testid="complainant">{complainantText(revealed.complainant, t('cases.noComplainant'))}</span>
        <Tag color="warning">{t('cases.revealed')}</Tag>
      </Space>
    );
  }
  return (
    <Space orientation="vertical" size={4}>
      <Space wrap>
        <span data-testid="complainant">{complainantText(masked, t('cases.noComplainant'))}</span>
        {masked !== null && !mayReveal && <Typography.Text type="secondary">{t('cases.maskedHint')}</Typography.Text>}
        {masked !== null && mayReveal && (
          <Button size="small" icon={<EyeOutlined />} loading={busy} onClick={reveal}>{t('cases.revealComplainant')}</Button>
        )}
      </Space>
      {mayReveal && masked !== null && <Typography.Text type="secondary">{t('cases.revealNote')}</Typography.Text>}
      {error !== null && <ErrorAlert error={error} />}
    </Space>
  );
}
