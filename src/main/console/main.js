// The console: sign-in, then the pages, each reading the documented /api endpoints (see /openapi.json).
import { html, render } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, rememberCsrf, whenSignedOut } from './api.js';
import { BASE, navigate, onLinkClick, useLocation } from './router.js';
import { SignIn } from './pages/signin.js';
import { Leads } from './pages/leads.js';
import { Lead } from './pages/lead.js';
import { Accounts } from './pages/accounts.js';
import { Account } from './pages/account.js';
import { Traffic } from './pages/traffic.js';
import { Forms } from './pages/forms.js';
import { Webhooks } from './pages/webhooks.js';
import { Funnel } from './pages/funnel.js';
import './console.css';

/** The sites this gateway serves, written into the page by the gateway: [{key, name}]. */
const SITES = JSON.parse(document.querySelector('meta[name="leadgate-sites"]').content || '[]');

const PAGES = [
  { path: '/funnel', title: 'Funnel', view: Funnel },
  { path: '/leads', title: 'Leads', view: Leads },
  { path: '/accounts', title: 'Accounts', view: Accounts },
  { path: '/traffic', title: 'Traffic', view: Traffic },
  { path: '/forms', title: 'Forms', view: Forms },
  { path: '/webhooks', title: 'Webhooks', view: Webhooks }
];

function route(path) {
  const rest = path.slice(BASE.length) || '/';
  const lead = /^\/leads\/([^/]+)$/.exec(rest);
  if (lead) return { page: PAGES.find((p) => p.view === Leads), view: Lead, title: 'Lead', params: { id: decodeURIComponent(lead[1]) } };
  const account = /^\/accounts\/([^/]+)$/.exec(rest);
  if (account) return { page: PAGES.find((p) => p.view === Accounts), view: Account, title: 'Account', params: { domain: decodeURIComponent(account[1]) } };
  const page = PAGES.find((p) => p.path === rest);
  return page ? { page, view: page.view, title: page.title, params: {} } : null;
}

function App() {
  const [session, setSession] = useState(undefined);
  const [site, setSite] = useState(SITES[0] ? SITES[0].key : '');
  const where = useLocation();

  const signedIn = (s) => {
    rememberCsrf(s.csrfToken);
    setSession(s);
  };
  useEffect(() => {
    whenSignedOut(() => setSession(null));
    api('GET', '/api/session').then(signedIn, () => setSession(null));
  }, []);

  if (session === undefined) return html`<p class="loading">Loading the console…</p>`;
  if (session === null) return html`<${SignIn} onSignedIn=${signedIn} />`;

  const found = route(where.path);
  if (!found) {
    navigate(BASE + '/leads');
    return null;
  }
  const signOut = async () => {
    await api('DELETE', '/api/session').catch(() => {});
    rememberCsrf(null);
    setSession(null);
  };
  const View = found.view;
  return html`
    <a class="skip" href="#main">Skip to the page</a>
    <header class="bar" onClick=${onLinkClick}>
      <a class="brand" href="${BASE}/leads">Leadgate</a>
      <nav aria-label="Console">
        <ul>
          ${PAGES.map((p) => html`<li><a href="${BASE + p.path}" aria-current=${found.page === p ? 'page' : undefined}>${p.title}</a></li>`)}
        </ul>
      </nav>
      <div class="who">
        ${SITES.length > 1 &&
        html`<label>Site <select value=${site} onChange=${(e) => setSite(e.target.value)}>
          ${SITES.map((s) => html`<option value=${s.key}>${s.name || s.key}</option>`)}
        </select></label>`}
        <span class="user">${session.name} <span class="role">(${session.role})</span></span>
        <button type="button" class="link" onClick=${signOut}>Sign out</button>
      </div>
    </header>
    <main id="main" onClick=${onLinkClick}>
      <${Page} key=${where.path} title=${found.title}>
        <${View} ...${found.params} site=${site} session=${session} search=${where.search} />
      <//>
    </main>
  `;
}

/** Moves the focus to the page's heading when a page opens, so a screen reader announces where the user is. */
function Page({ title, children }) {
  const heading = useRef(null);
  useEffect(() => {
    document.title = title + ' · Leadgate console';
    if (heading.current) heading.current.focus();
  }, [title]);
  return html`<div class="page" data-heading=${title} ref=${(el) => (heading.current = el && el.querySelector('h1'))}>${children}</div>`;
}

render(html`<${App} />`, document.getElementById('app'));
