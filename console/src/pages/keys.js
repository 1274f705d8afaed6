// API keys (scopes, create, revoke) and the subscription (tier, usage against the limit).
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { html, ErrorBox, useAction, useLoad, when } from '../ui.js';

const SCOPES = ['read', 'write', 'generate', 'admin'];

function Subscription() {
  const sub = useLoad(() => api('GET', '/v1/subscription'), [], 10000);
  const s = sub.data;
  if (!s) return html`<${ErrorBox} error=${sub.error} />`;
  const pct = s.usage_limit ? Math.min(100, (100 * s.current_usage) / s.usage_limit) : 0;
  const u = s.usage || {};
  const l = s.limits || {};
  return html`<section aria-labelledby="sub-h">
    <h2 id="sub-h">Subscription</h2>
    <${ErrorBox} error=${sub.error} />
    <p>Tier <strong data-testid="tier">${s.tier}</strong>, period ${when(s.period_start)} – ${when(s.period_end)}</p>
    <label for="usage-meter">Tokens this period: ${s.current_usage.toLocaleString()} of ${s.usage_limit.toLocaleString()} (${pct.toFixed(pct < 1 ? 3 : 1)} %)</label>
    <progress id="usage-meter" max="100" value=${pct}></progress>
    <dl class="facts">
      <dt>Deployments</dt><dd>${u.deployments ?? '–'} of ${l.max_deployments}</dd>
      <dt>GPU instances</dt><dd>${u.gpu_instances ?? '–'} of ${l.max_gpu_instances}</dd>
      <dt>Requests per minute</dt><dd>${l.requests_per_minute}</dd>
    </dl>
  </section>`;
}

export function KeysPage() {
  const list = useLoad(() => api('GET', '/v1/keys'), []);
  const [run, error] = useAction();
  const [created, setCreated] = useState(null);
  const create = (e) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const body = { scopes: form.getAll('scopes') };
    if (form.get('name')) body.name = form.get('name');
    run(async () => { setCreated(await api('POST', '/v1/keys', { body })); list.reload(); });
  };
  const revoke = (k) => {
    if (!confirm(`Revoke ${k.name || k.id}? Calls with it stop working.`)) return;
    run(async () => { await api('DELETE', `/v1/keys/${k.id}`); list.reload(); });
  };
  const rows = (list.data && list.data.keys) || [];
  return html`<h1>API keys and subscription</h1>
    <${Subscription} />
    <section aria-labelledby="keys-h">
      <h2 id="keys-h">API keys</h2>
      <${ErrorBox} error=${list.error || error} />
      ${created ? html`<div class="notice" role="status"><p>New key <code>${created.id}</code>, shown this once: store it now.</p>
        <p><code class="secret" data-testid="new-key">${created.key}</code></p><button onClick=${() => setCreated(null)}>I stored it</button></div>` : ''}
      <div class="table-wrap"><table>
        <thead><tr><th scope="col">Name</th><th scope="col">Id</th><th scope="col">Scopes</th><th scope="col">Ends with</th><th scope="col">Created</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
        <tbody>${rows.map((k) => html`<tr data-key=${k.id}><td>${k.name || ''}</td><td><code>${k.id}</code></td><td>${k.scopes.join(', ')}</td>
          <td>${k.last4 ? `…${k.last4}` : ''}</td><td>${when(k.created_at)}</td>
          <td><button class="danger" onClick=${() => revoke(k)} aria-label=${`Revoke ${k.name || k.id}`}>Revoke</button></td></tr>`)}</tbody>
      </table></div>
      <form onSubmit=${create} aria-label="Create an API key">
        <label>Name <input name="name" maxlength="100" /></label>
        <fieldset><legend>Scopes</legend>
          ${SCOPES.map((s) => html`<label class="inline"><input type="checkbox" name="scopes" value=${s} defaultChecked=${s !== 'admin'} /> ${s}</label>`)}
        </fieldset>
        <button type="submit">Create key</button>
      </form>
    </section>`;
}
