/**
 * 工作台: the landing page after sign-in. What waits on the person, by the roles they hold — reports owed in open
 * rounds, returned reports with their reasons, closure steps and cases due (reporters); reports and closure
 * applications to decide, notices ending and objections (reviewers); units behind, red lights and each open round's
 * return rate (the office); the dashboard (leaders). One read, GET /api/workbench; the bell counts the same lists.
 */
import type { ReactNode } from 'react';
import { Badge, Card, Col, Empty, Flex, List, Progress, Row, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import DashboardPage from '../dashboard/DashboardPage';
import type { Workbench } from './workbench-types';
import { warningReasonText } from '../../components/reasonText';

function Section({ kind, n, children, testId }: { kind: MessageKey; n: number; children: ReactNode; testId: string }) {
  const { t } = useI18n();
  return (
    <Card size="small" data-testid={testId} title={<Space>{t(kind)}<Badge count={n} showZero color={n ? '#cf1322' : '#bfbfbf'} /></Space>} style={{ height: '100%' }}>
      {n === 0 ? <Typography.Text type="secondary">{t('common.none')}</Typography.Text> : children}
    </Card>
  );
}

export default function WorkbenchPage() {
  const i18n = useI18n();
  const { t, formatDate, formatDateTime, formatNumber } = i18n;
  const { data, error, reload } = useApi<Workbench>('/api/workbench');
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!data) return <PageLoading />;
  const { counts, roles } = data;
  const k = counts.byKind;
  const due = (daysLeft: number) => (daysLeft < 0 ? <Tag color="error">{t('workbench.overdueDays', { n: -daysLeft })}</Tag>
    : daysLeft === 0 ? <Tag color="warning">{t('workbench.dueToday')}</Tag> : <Tag color={daysLeft <= data.dueSoonDays ? 'warning' : 'default'}>{t('workbench.daysLeft', { n: daysLeft })}</Tag>);

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={2} className="page-title">{t('workbench.title')}</Typography.Title>
        <Tag color={counts.total ? 'processing' : 'default'} data-testid="workbench-total" style={{ fontSize: 14, padding: '2px 10px' }}>{t('workbench.todoTotal', { n: counts.total })}</Tag>
      </Flex>
      <Typography.Paragraph type="secondary">{t('workbench.asOf', { date: formatDate(data.asOf) })}</Typography.Paragraph>
      {!roles.reporter && !roles.reviewer && !roles.office && !roles.leader && <Empty description={t('workbench.nothing')} />}

      {roles.reporter && (
        <>
          <Typography.Title level={4}>{t('workbench.section.reporter')}</Typography.Title>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} xl={12}>
              <Section kind="workbench.kind.roundReports" n={k.roundReports} testId="wb-round-reports">
                {data.roundsOwed.map((r) => (
                  <div key={r.roundId} style={{ marginBottom: 12 }} data-testid={`wb-round-${r.roundId}`}>
                    <Space wrap><Link to={`/rounds/${r.roundId}`}>{r.roundName}</Link><span>{t('workbench.dueOn', { date: formatDate(r.dueDate) })}</span>{due(r.daysLeft)}</Space>
                    <List size="small" dataSource={r.missing} renderItem={(m) => (
                      <List.Item actions={[<Link key="go" to={`/tasks/${m.assignmentId}?round=${r.roundId}`} data-testid={`wb-report-${m.assignmentId}`}>{t('workbench.report')}</Link>]}>
                        <List.Item.Meta title={`${t('task.codeLabel', { code: m.taskCode })} · ${m.orgUnitName}`} description={<span className="clamp-2">{m.problem}</span>} />
                      </List.Item>
                    )} />
                  </div>
                ))}
              </Section>
            </Col>
            <Col xs={24} xl={12}>
              <Section kind="workbench.kind.returnedReports" n={k.returnedReports} testId="wb-returned">
                <List size="small" dataSource={data.returnedReports} renderItem={(r) => (
                  <List.Item actions={[<Link key="go" to={`/tasks/${r.assignmentId}?tab=progress${r.roundId ? `&round=${r.roundId}` : ''}`}>{t('workbench.resubmit')}</Link>]}>
                    <List.Item.Meta title={`${t('task.codeLabel', { code: r.taskCode })} · ${r.orgUnitName}`}
                      description={<>{r.reason && <Typography.Text type="danger">{t('workbench.reason', { reason: r.reason })}</Typography.Text>} <Typography.Text type="secondary">{t('workbench.returnedAt', { at: formatDateTime(r.reviewedAt) })}</Typography.Text></>} />
                  </List.Item>
                )} />
              </Section>
            </Col>
            <Col xs={24} xl={12}>
              <Section kind="workbench.kind.closureSteps" n={k.closureSteps} testId="wb-closure-steps">
                <List size="small" dataSource={data.closureSteps} renderItem={(c) => (
                  <List.Item actions={[<Link key="go" to={`/tasks/${c.assignmentId}?tab=closure`}>{t('workbench.open')}</Link>]}>
                    <List.Item.Meta title={`${t('task.codeLabel', { code: c.taskCode })} · ${c.orgUnitName}`} description={t(c.state === 'reopened' ? 'workbench.closureState.reopened' : 'workbench.closureState.returned')} />
                  </List.Item>
                )} />
              </Section>
            </Col>
            <Col xs={24} xl={12}>
              <Section kind="workbench.kind.casesDue" n={k.casesDue} testId="wb-cases-due">
                <List size="small" dataSource={data.casesDue} renderItem={(c) => (
                  <List.Item actions={[<Link key="go" to={`/cases/${c.id}`}>{t('workbench.open')}</Link>]}>
                    <List.Item.Meta title={`${c.caseNo} · ${c.orgUnitName}`} description={<Typography.Text type={c.dueDate < data.asOf ? 'danger' : undefined}>{t('workbench.caseDue', { date: formatDate(c.dueDate) })}</Typography.Text>} />
                  </List.Item>
                )} />
              </Section>
            </Col>
          </Row>
        </>
      )}

      {roles.reviewer && (
        <>
          <Typography.Title level={4}>{t('workbench.section.reviewer')}</Typography.Title>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} xl={12}>
              <Section kind="workbench.kind.reportsToReview" n={k.reportsToReview} testId="wb-to-review">
                <List size="small" dataSource={data.reportsToReview} pagination={data.reportsToReview.length > 8 ? { pageSize: 8, size: 'small' } : false} renderItem={(r) => (
                  <List.Item actions={[<Link key="go" to={r.roundId ? `/rounds/${r.roundId}?status=awaiting_review` : `/tasks/${r.assignmentId}?tab=progress`}>{t('workbench.review')}</Link>]}>
                    <List.Item.Meta title={`${t('task.codeLabel', { code: r.taskCode })} · ${r.orgUnitName}`} description={[r.statusText, t('progress.submittedAt', { at: formatDateTime(r.submittedAt) })].filter(Boolean).join(' · ')} />
                  </List.Item>
                )} />
              </Section>
            </Col>
            <Col xs={24} xl={12}>
              <Section kind="workbench.kind.closureApplications" n={k.closureApplications} testId="wb-closure-applications">
                <List size="small" dataSource={data.closureApplications} renderItem={(c) => (
                  <List.Item actions={[<Link key="go" to={`/closures/${c.closureId}`}>{t('workbench.review')}</Link>]}>
                    <List.Item.Meta title={c.subjectLabel} description={c.acceptingUnitName} />
                  </List.Item>
                )} />
              </Section>
            </Col>
            <Col xs={24} xl={12}>
              <Section kind="workbench.kind.noticesEnding" n={k.noticesEnding} testId="wb-notices">
                <List size="small" dataSource={data.noticesEnding} renderItem={(c) => (
                  <List.Item actions={[<Link key="go" to={`/closures/${c.closureId}`}>{t('workbench.open')}</Link>]}>
                    <List.Item.Meta title={c.subjectLabel} description={t('workbench.noticeEnds', { date: formatDate(c.noticeEnd) })} />
                  </List.Item>
                )} />
              </Section>
            </Col>
            <Col xs={24} xl={12}>
              <Section kind="workbench.kind.objections" n={k.objections} testId="wb-objections">
                <List size="small" dataSource={data.objections} renderItem={(o) => (
                  <List.Item actions={[<Link key="go" to={`/closures/${o.closureId}`}>{t('workbench.open')}</Link>]}>
                    <List.Item.Meta title={<span className="clamp-2">{o.content}</span>} description={t('workbench.objectionReceived', { date: formatDate(o.receivedAt) })} />
                  </List.Item>
                )} />
              </Section>
            </Col>
          </Row>
        </>
      )}

      {roles.office && (
        <>
          <Typography.Title level={4}>{t('workbench.section.office')}</Typography.Title>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} xl={12}>
              <Section kind="workbench.kind.unitsBehind" n={k.unitsBehind} testId="wb-units-behind">
                <List size="small" dataSource={data.unitsBehind} renderItem={(u) => (
                  <List.Item actions={[<Link key="go" to={`/rounds/${u.roundId}`}>{t('workbench.openRound')}</Link>]}>
                    <List.Item.Meta title={u.orgUnitName} description={`${u.roundName} · ${t('workbench.lateItems', { n: u.late })}`} />
                  </List.Item>
                )} />
              </Section>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('workbench.roundRates')} data-testid="wb-round-rates" style={{ height: '100%' }}>
                {data.roundStats.length === 0 ? <Typography.Text type="secondary">{t('common.none')}</Typography.Text> : data.roundStats.map((r) => (
                  <div key={r.roundId} style={{ marginBottom: 8 }}>
                    <Flex justify="space-between" wrap gap={8}><Link to={`/rounds/${r.roundId}`}>{r.roundName}</Link><span>{t('workbench.roundRate', { reported: r.reported, owed: r.owed })}</span></Flex>
                    <Progress percent={r.rate === null ? 0 : Math.round(r.rate * 1000) / 10} format={(p) => `${formatNumber(p ?? 0)}%`} size="small" />
                  </div>
                ))}
              </Card>
            </Col>
            <Col xs={24}>
              <Card size="small" data-testid="wb-red-lights" title={<Space>{t('workbench.redLights')}<Badge count={data.redLights.total} showZero color={data.redLights.total ? '#cf1322' : '#bfbfbf'} /></Space>}
                extra={data.redLights.total > 0 && <Link to="/ledger?warning=red">{t('workbench.redLightsMore', { n: data.redLights.total })}</Link>}>
                {data.redLights.items.length === 0 ? <Typography.Text type="secondary">{t('common.none')}</Typography.Text> : (
                  <List size="small" dataSource={data.redLights.items} renderItem={(a) => (
                    <List.Item actions={[<Link key="go" to={`/tasks/${a.assignmentId}`}>{t('workbench.open')}</Link>]}>
                      <List.Item.Meta title={`${t('task.codeLabel', { code: a.taskCode })} · ${a.orgUnitName}`} description={warningReasonText(i18n, { warningReason: a.reason, warningReasonCode: a.reasonCode })} />
                    </List.Item>
                  )} />
                )}
              </Card>
            </Col>
          </Row>
        </>
      )}

      {roles.leader && (
        <>
          <Typography.Title level={4}>{t('workbench.section.leader')}</Typography.Title>
          <DashboardPage />
        </>
      )}
    </>
  );
}
