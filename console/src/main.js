// The console: a single-page app over the PaiTIENT API, routed by the URL's fragment (#/deployments, ...).
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { currentSession, signIn, signOut, whenUnauthorized } from './api.js';
import { html, fields } from './ui.js';
import { DeploymentsPage } from './pages/deployments.js';
import { DeploymentPage } from './pages/deployment.js';
import { PlaygroundPage } from './pages/playground.js';
import { EndpointsPage } from './pages/endpoints.js';
import { WebhooksPage } from './pages/webhooks.js';
import { KeysPage } from './pages/keys.js';

const PAGES = [
  ['deployments', 'Deployments'],
  ['playground', 'Playground'],
  ['endpoints', 'Endpoints and canaries'],
  ['webhooks', 'Webhooks'],
  ['keys', 'API keys and subscription'],
];

function route() {
  const parts = (location.hash.replace(/^#\/?/, '') || 'deployments').split('/');
  return { page: parts[0], id: parts[1] ? decodeURIComponent(parts[1]) : undefined };
}

function SignIn({ message, onDone }) {
  const submit = (e) => {
    const f = fields(e);
    signIn(f.apiUrl.trim(), f.key.trim(), f.clientId.trim());
    onDone();
  };
  const previous = currentSession();
  return html`<main class="signin" id="main">
    <h1>Secure Model Service console</h1>
    ${message ? html`<div class="error" role="alert">${message}</div>` : ''}
    <form onSubmit=${submit} aria-label="Sign in">
      <label>API key <input name="key" type="password" required autocomplete="off" autofocus /></label>
      <label>Client id <input name="clientId" required value=${previous ? previous.clientId : ''} autocomplete="username" /></label>
      <label>API URL <small>(empty: this site's own origin)</small>
        <input name="apiUrl" type="url" placeholder="https://api.example.com" value=${previous ? previous.apiUrl : ''} /></label>
      <button type="submit">Sign in</button>
      <p class="hint">The key stays in this browser tab's session storage and is sent only to the API URL.</p>
    </form>
  </main>`;
}

function App() {
  const [where, setWhere] = useState(route());
  const [signedIn, setSignedIn] = useState(!!currentSession());
  const [message, setMessage] = useState(null);
  useEffect(() => {
    const onHash = () => setWhere(route());
    addEventListener('hashchange', onHash);
    whenUnauthorized((msg) => {
      signOut();
      setMessage(`Signed out: ${msg}`);
      setSignedIn(false);
    });
    return () => removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    const main = document.getElementById('main');
    if (main) main.focus({ preventScroll: true });
  }, [where.page, where.id]);

  if (!signedIn) {
    return html`<${SignIn} message=${message} onDone=${() => { setMessage(null); setSignedIn(true); }} />`;
  }
  const s = currentSession();
  let page;
  switch (where.page) {
    case 'deployment': page = html`<${DeploymentPage} id=${where.id} />`; break;
    case 'playground': page = html`<${PlaygroundPage} target=${where.id} />`; break;
    case 'endpoints': page = html`<${EndpointsPage} />`; break;
    case 'webhooks': page = html`<${WebhooksPage} />`; break;
    case 'keys': page = html`<${KeysPage} />`; break;
    default: page = html`<${DeploymentsPage} />`;
  }
  const active = where.page === 'deployment' ? 'deployments' : where.page;
  return html`
    <a class="skip" href="#main" onClick=${(e) => { e.preventDefault(); document.getElementById('main').focus(); }}>Skip to content</a>
    <header>
      <span class="brand">Secure Model Service</span>
      <nav aria-label="Console">
        <ul>${PAGES.map(([id, label]) => html`<li><a href=${`#/${id}`} aria-current=${active === id ? 'page' : undefined}>${label}</a></li>`)}</ul>
      </nav>
      <span class="who">client <strong>${s.clientId}</strong>
        <button class="link" onClick=${() => { signOut(); setSignedIn(false); }}>Sign out</button></span>
    </header>
    <main id="main" tabindex="-1">${page}</main>`;
}

const root = document.getElementById('app');
root.textContent = '';
render(html`<${App} />`, root);
