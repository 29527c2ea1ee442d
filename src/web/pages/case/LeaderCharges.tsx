/** 领导包案 on the case page: each leader in charge with position, unit and day, and the visits and instructions in date order. */
import { Button, Card, Descriptions, Empty, Timeline } from 'antd';
import type { LeaderCharge } from '../../api/case-types';
import { useI18n } from '../../i18n/i18n';

export function LeaderCharges({ charges, mayWrite, onAddAction }: { charges: LeaderCharge[]; mayWrite: boolean; onAddAction: (c: LeaderCharge) => void }) {
  const { t, formatDate } = useI18n();
  return (
    <>
      {charges.map((c) => (
        <Card key={c.id} size="small" title={`${t('supervision.leaders')} · ${c.leaderName}`} data-testid={`leader-charge-${c.id}`}
          extra={mayWrite ? <Button size="small" onClick={() => onAddAction(c)}>{t('supervision.addAction')}</Button> : undefined}>
          <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[
            { key: 'position', label: t('supervision.position'), children: c.position ?? '' },
            { key: 'unit', label: t('supervision.unit'), children: c.unitName ?? '' },
            { key: 'since', label: t('supervision.assignedOn'), children: formatDate(c.assignedOn) },
          ]} />
          {c.actions.length === 0
            ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('supervision.noActions')} />
            : <Timeline style={{ marginTop: 12 }} items={c.actions.map((a) => ({
              key: a.id, content: <><strong>{formatDate(a.actedOn)} · {t(`supervision.action.${a.kind}`)}</strong><div>{a.content}</div></>,
            }))} />}
        </Card>
      ))}
    </>
  );
}
