/**
 * Every screen and its address. Only the public page is in the first download; the signed-in screens (and ECharts
 * with them) are loaded when first visited.
 */
import { lazy, Suspense } from 'react';
import { Route, Routes, useLocation } from 'react-router';
import { AppLayout } from './components/AppLayout';
import { ErrorBoundary } from './components/ErrorBoundary';
import { PageLoading } from './components/PageLoading';
import { RequireAuth } from './components/RequireAuth';
import { PublicPage } from './pages/public/PublicPage';
import { NotFoundPage } from './pages/not-found/NotFoundPage';

const SignInPage = lazy(() => import('./pages/sign-in/SignInPage'));
const ForgotPasswordPage = lazy(() => import('./pages/password-reset/ForgotPasswordPage'));
const ResetPasswordPage = lazy(() => import('./pages/password-reset/ResetPasswordPage'));
const DashboardPage = lazy(() => import('./pages/dashboard/DashboardPage'));
const WorkbenchPage = lazy(() => import('./pages/workbench/WorkbenchPage'));
const LedgerPage = lazy(() => import('./pages/ledger/LedgerPage'));
const TaskPage = lazy(() => import('./pages/task/TaskPage'));
const TaskPrintPage = lazy(() => import('./pages/task/TaskPrintPage'));
const LedgerPrintPage = lazy(() => import('./pages/ledger/LedgerPrintPage'));
const ReportsPage = lazy(() => import('./pages/reports/ReportsPage'));
const AdminPage = lazy(() => import('./pages/admin/AdminPage'));
const CasesPage = lazy(() => import('./pages/cases/CasesPage'));
const CasePage = lazy(() => import('./pages/case/CasePage'));
const CaseBatchPage = lazy(() => import('./pages/public/CaseBatchPage'));
const AccountPage = lazy(() => import('./pages/account/AccountPage'));
const RoundsPage = lazy(() => import('./pages/rounds/RoundsPage'));
const RoundPage = lazy(() => import('./pages/rounds/RoundPage'));
const PlansPage = lazy(() => import('./pages/plans/PlansPage'));
const PlanPage = lazy(() => import('./pages/plans/PlanPage'));
const ProgressReportRedirect = lazy(() => import('./pages/redirects/Redirects').then((m) => ({ default: m.ProgressReportRedirect })));
const ClosureRedirect = lazy(() => import('./pages/redirects/Redirects').then((m) => ({ default: m.ClosureRedirect })));

export function AppRoutes() {
  const location = useLocation();
  return (
    <AppLayout>
      {/* Keyed by path: an error on one screen does not stick when the user navigates away. */}
      <ErrorBoundary key={location.pathname}>
        <Suspense fallback={<PageLoading />}>
          <Routes>
            <Route path="/" element={<PublicPage />} />
            <Route path="/public/:reportId" element={<PublicPage />} />
            <Route path="/public/cases/:batchId" element={<CaseBatchPage />} />
            <Route path="/sign-in" element={<SignInPage />} />
            <Route path="/forgot-password" element={<ForgotPasswordPage />} />
            <Route path="/reset-password" element={<ResetPasswordPage />} />
            <Route path="/workbench" element={<RequireAuth><WorkbenchPage /></RequireAuth>} />
            <Route path="/dashboard" element={<RequireAuth><DashboardPage /></RequireAuth>} />
            <Route path="/ledger" element={<RequireAuth><LedgerPage /></RequireAuth>} />
            <Route path="/ledger/print" element={<RequireAuth><LedgerPrintPage /></RequireAuth>} />
            <Route path="/tasks/:assignmentId" element={<RequireAuth><TaskPage /></RequireAuth>} />
            <Route path="/tasks/:assignmentId/print" element={<RequireAuth><TaskPrintPage /></RequireAuth>} />
            <Route path="/reports" element={<RequireAuth><ReportsPage /></RequireAuth>} />
            <Route path="/rounds" element={<RequireAuth><RoundsPage /></RequireAuth>} />
            <Route path="/rounds/:roundId" element={<RequireAuth><RoundPage /></RequireAuth>} />
            <Route path="/plans" element={<RequireAuth><PlansPage /></RequireAuth>} />
            <Route path="/plans/:planId" element={<RequireAuth><PlanPage /></RequireAuth>} />
            <Route path="/progress-reports/:id" element={<RequireAuth><ProgressReportRedirect /></RequireAuth>} />
            <Route path="/closures/:id" element={<RequireAuth><ClosureRedirect /></RequireAuth>} />
            <Route path="/cases" element={<RequireAuth><CasesPage /></RequireAuth>} />
            <Route path="/cases/:caseId" element={<RequireAuth><CasePage /></RequireAuth>} />
            <Route path="/account" element={<RequireAuth><AccountPage /></RequireAuth>} />
            <Route path="/admin" element={<RequireAuth><AdminPage /></RequireAuth>} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </ErrorBoundary>
    </AppLayout>
  );
}
