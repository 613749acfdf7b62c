// Screens and their addresses. Each feature is its own chunk, loaded when its screen opens, so the
// first screen a person sees carries only its own code.
import { ErrorBoundary, LocationProvider, Route, Router, lazy } from 'preact-iso';
import { Layout } from './components/Layout';
import { NotFound } from './features/home/NotFound';

const HomePage = lazy(() => import('./features/home/HomePage'));
const SignInPage = lazy(() => import('./features/signin/SignInPage'));
const EnrolPage = lazy(() => import('./features/enrol/EnrolPage'));
const DashboardPage = lazy(() => import('./features/person/DashboardPage'));
const PrivilegesPage = lazy(() => import('./features/privileges/PrivilegesPage'));
const CertificatesPage = lazy(() => import('./features/certificates/CertificatesPage'));
const MyDataPage = lazy(() => import('./features/mydata/MyDataPage'));
const StaffHome = lazy(() => import('./features/staff/StaffHome'));
const CommitteePage = lazy(() => import('./features/committee/CommitteePage'));
const PeoplePage = lazy(() => import('./features/people/PeoplePage'));
const DeclarePage = lazy(() => import('./features/declare/DeclarePage'));
const CertifyPage = lazy(() => import('./features/certify/CertifyPage'));
const AttestPage = lazy(() => import('./features/issuer/AttestPage'));
const ImportPage = lazy(() => import('./features/issuer/ImportPage'));
const CataloguePage = lazy(() => import('./features/catalogue/CataloguePage'));
const OpportunityPage = lazy(() => import('./features/catalogue/OpportunityPage'));
const IndicatorsPage = lazy(() => import('./features/catalogue/IndicatorsPage'));
const OpportunitiesAdminPage = lazy(() => import('./features/opportunities-admin/OpportunitiesAdminPage'));
const OpportunityFormPage = lazy(() => import('./features/opportunities-admin/OpportunityFormPage'));
const CounterPage = lazy(() => import('./features/counter/CounterPage'));
const RegistrarEnrolPage = lazy(() => import('./features/registrar/EnrolPage'));
const RegistrarScanPage = lazy(() => import('./features/registrar/ScanPage'));
const StatsPage = lazy(() => import('./features/stats/StatsPage'));
const LogPage = lazy(() => import('./features/log/LogPage'));
const CheckPage = lazy(() => import('./features/log/CheckPage'));
const LeavePage = lazy(() => import('./features/leave/LeavePage'));
const ReversalPage = lazy(() => import('./features/reversals/ReversalPage'));
const MyDisputesPage = lazy(() => import('./features/disputes/MyDisputesPage'));
const FileDisputePage = lazy(() => import('./features/disputes/FileDisputePage'));
const StaffDisputesPage = lazy(() => import('./features/disputes/StaffDisputesPage'));
const AgencyStatsPage = lazy(() => import('./features/disputes/AgencyStatsPage'));

export function App() {
  return (
    <LocationProvider>
      <ErrorBoundary>
        <Layout>
          <Router>
            <Route path="/" component={HomePage} />
            <Route path="/signin" component={SignInPage} />
            <Route path="/enrol" component={EnrolPage} />
            <Route path="/me" component={DashboardPage} />
            <Route path="/me/declare" component={DeclarePage} />
            <Route path="/me/privileges" component={PrivilegesPage} />
            <Route path="/me/certificates" component={CertificatesPage} />
            <Route path="/me/leave" component={LeavePage} />
            <Route path="/me/data" component={MyDataPage} />
            <Route path="/staff/:agency" component={StaffHome} />
            <Route path="/staff/:agency/committee" component={CommitteePage} />
            <Route path="/staff/:agency/people" component={PeoplePage} />
            <Route path="/staff/:agency/certify" component={CertifyPage} />
            <Route path="/staff/:agency/attest" component={AttestPage} />
            <Route path="/staff/:agency/import" component={ImportPage} />
            <Route path="/staff/:agency/reversals" component={ReversalPage} />
            <Route path="/catalogue" component={CataloguePage} />
            <Route path="/catalogue/:id" component={OpportunityPage} />
            <Route path="/indicators" component={IndicatorsPage} />
            <Route path="/staff/:agency/opportunities" component={OpportunitiesAdminPage} />
            <Route path="/staff/:agency/opportunities/new" component={OpportunityFormPage} />
            <Route path="/staff/:agency/opportunities/:id/edit" component={OpportunityFormPage} />
            <Route path="/staff/:agency/counter" component={CounterPage} />
            <Route path="/staff/:agency/enrol" component={RegistrarEnrolPage} />
            <Route path="/staff/:agency/scan" component={RegistrarScanPage} />
            <Route path="/stats" component={StatsPage} />
            <Route path="/log" component={LogPage} />
            <Route path="/log/check" component={CheckPage} />
            <Route path="/me/disputes" component={MyDisputesPage} />
            <Route path="/me/disputes/new" component={FileDisputePage} />
            <Route path="/staff/:agency/disputes" component={StaffDisputesPage} />
            <Route path="/stats/agencies" component={AgencyStatsPage} />
            <Route default component={NotFound} />
          </Router>
        </Layout>
      </ErrorBoundary>
    </LocationProvider>
  );
}
