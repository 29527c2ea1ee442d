/**
 * Addresses used in notifications for records that live on another page: a progress report opens its task, a
 * closure procedure opens its task or case (on the closure tab).
 */
import { Navigate, useParams } from 'react-router';
import { useApi } from '../../api/use-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';

export function ProgressReportRedirect() {
  const { id } = useParams();
  const report = useApi<{ assignmentId: number }>(`/api/progress-reports/${encodeURIComponent(id ?? '')}`);
  if (report.error) return <ErrorAlert error={report.error} onRetry={report.reload} />;
  return report.data ? <Navigate to={`/tasks/${report.data.assignmentId}?tab=progress`} replace /> : <PageLoading />;
}

export function ClosureRedirect() {
  const { id } = useParams();
  const view = useApi<{ subject: { type: string; id: number } }>(`/api/closures/${encodeURIComponent(id ?? '')}`);
  if (view.error) return <ErrorAlert error={view.error} onRetry={view.reload} />;
  if (!view.data) return <PageLoading />;
  const { type, id: subjectId } = view.data.subject;
  return <Navigate to={type === 'case' ? `/cases/${subjectId}?tab=closure` : `/tasks/${subjectId}?tab=closure`} replace />;
}
