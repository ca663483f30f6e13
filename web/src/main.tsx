import { render } from 'preact';
import { useApi, useRoute } from './hooks.js';
import { Alerts } from './pages/alerts.js';
import { Baselines } from './pages/baselines.js';
import { Deployment } from './pages/deployment.js';
import { IncidentPage, Incidents } from './pages/incidents.js';
import { Overview } from './pages/overview.js';
import { Review } from './pages/review.js';
import { SessionContext } from './session.js';
import './style.css';

const NAV = [['#/', 'Overview'], ['#/alerts', 'Alerts'], ['#/incidents', 'Incidents'], ['#/review', 'Review queue'], ['#/baselines', 'Baselines']] as const;

function App() {
  const route = useRoute();
  const info = useApi<{ auth: { mode: string; reason: string }; user: { name: string; role: string } | null }>('/api/v1/dashboard/info');
  const [page, arg] = route;
  const current = `#/${page ?? ''}`;
  let body;
  if (page === 'd' && arg) body = <Deployment name={arg} />;
  else if (page === 'alerts') body = <Alerts />;
  else if (page === 'incidents' && arg) body = <IncidentPage id={arg} />;
  else if (page === 'incidents') body = <Incidents />;
  else if (page === 'review') body = <Review />;
  else if (page === 'baselines') body = <Baselines />;
  else body = <Overview />;
  const session = { open: info.data?.auth.mode !== 'keys', role: info.data?.user?.role ?? null };
  return (
    <SessionContext.Provider value={session}>
      <a class="skip" href="#main">Skip to content</a>
      <header>
        <strong class="brand">Argus</strong>
        <nav aria-label="Main">{NAV.map(([href, label]) => <a key={href} href={href} aria-current={current === href || (href === '#/' && page === 'd') ? 'page' : undefined}>{label}</a>)}</nav>
        {info.data?.auth.mode === 'open' ? <span class="open-note" role="note" title={info.data.auth.reason}>Open access: auth is not configured</span> : null}
        {info.data?.user ? (
          <form class="who" method="post" action="/logout">
            <span data-testid="who">{info.data.user.name} ({info.data.user.role})</span> <button type="submit">Log out</button>
          </form>
        ) : null}
      </header>
      <main id="main" tabIndex={-1}>{body}</main>
    </SessionContext.Provider>
  );
}

render(<App />, document.getElementById('app')!);
