/** Oversight of a case: listed supervision (挂牌督办, 摘牌), accountability (问责), and its revisits (复查回访). */
import { Descriptions, Empty, Space, Tag, Typography } from 'antd';
import type { CaseDetail } from '../../api/case-types';
import { useI18n } from '../../i18n/i18n';

export function OversightPanel({ detail }: { detail: CaseDetail }) {
  const { t, has, formatDate } = useI18n();
  const word = (prefix: string, v: string | null) => {
    if (!v) return '';
    const key = `${prefix}.${v}`;
    return has(key) ? t(key) : v;
  };
  const { listings, accountability, revisits } = detail;
  if (!listings.length && !accountability.length && !revisits.length) return <Empty description={t('oversight.none')} />;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {listings.map((l) => (
        <Descriptions key={`l${l.id}`} size="small" bordered column={{ xs: 1, md: 2 }} title={<>{t('oversight.listing')} {l.delistedAt ? <Tag>{t('oversight.delisted')}</Tag> : <Tag color="magenta">{t('oversight.active')}</Tag>}</>}
          items={[
            { key: 'level', label: t('oversight.level'), children: word('listing.level', l.level) },
            { key: 'reason', label: t('oversight.reason'), children: word('listing.reason', l.reason) },
            { key: 'leader', label: t('oversight.leader'), children: l.leader ?? '' },
            { key: 'deadline', label: t('cases.deadline'), children: formatDate(l.deadline) },
            { key: 'measures', label: t('oversight.measures'), span: 'filled', children: l.measures ?? '' },
            { key: 'listed', label: t('oversight.listedAt'), children: formatDate(l.listedAt) },
            ...(l.delistedAt ? [{ key: 'delisted', label: t('oversight.delistedAt'), children: `${formatDate(l.delistedAt)} ${l.delistDecision ?? ''}` }] : []),
          ]} />
      ))}
      {accountability.map((a) => (
        <Descriptions key={`a${a.id}`} size="small" bordered column={{ xs: 1, md: 2 }} title={t('oversight.accountability')}
          items={[
            { key: 'persons', label: t('penalty.persons'), children: a.persons.join('、') },
            { key: 'units', label: t('oversight.units'), children: a.units.join('、') },
            { key: 'measures', label: t('oversight.measures'), span: 'filled', children: a.measures },
            { key: 'decided', label: t('oversight.decidedAt'), children: formatDate(a.decidedAt) },
            { key: 'doc', label: t('oversight.document'), children: a.document ?? '' },
          ]} />
      ))}
      {revisits.length > 0 && (
        <>
          <Typography.Title level={5}>{t('oversight.revisits')}</Typography.Title>
          <ul className="plain-list">
            {revisits.map((r) => (
              <li key={r.id}>
                {r.visitedAt ? <>{formatDate(r.visitedAt)} · {word('revisit.method', r.method)} · {r.finding} {r.satisfaction && <Tag>{word('revisit.satisfaction', r.satisfaction)}</Tag>} {r.relapsed && <Tag color="error">{t('oversight.relapsed')}</Tag>}</> : <Tag color="warning">{t('oversight.revisitPending')}</Tag>}
              </li>
            ))}
          </ul>
        </>
      )}
    </Space>
  );
}
