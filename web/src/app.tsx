// Screens and their addresses. Each feature is its own chunk, loaded when its screen opens, so the
// first screen a person sees carries only its own code.
import { ErrorBoundary, LocationProvider, Route, Router, lazy } from 'preact-iso';
import { Layout } from './components/Layout';
import { NotFound } from './features/home/NotFound';

const HomePage = lazy(() => import('./features/home/HomePage'));
const SignInPage = lazy(() => import('./features/signin/SignInPage'));
const EnrolPage = lazy(() => import('./features/enrol/EnrolPage'));
const DashboardPage = lazy(() => import('./features/person/DashboardPage'));
const StaffHome = lazy(() => import('./features/staff/StaffHome'));
const StatsPage = lazy(() => import('./features/stats/StatsPage'));
const LogPage = lazy(() => import('./features/log/LogPage'));
const CheckPage = lazy(() => import('./features/log/CheckPage'));

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
            <Route path="/staff/:agency" component={StaffHome} />
            <Route path="/stats" component={StatsPage} />
            <Route path="/log" component={LogPage} />
            <Route path="/log/check" component={CheckPage} />
            <Route default component={NotFound} />
          </Router>
        </Layout>
      </ErrorBoundary>
    </LocationProvider>
  );
}
