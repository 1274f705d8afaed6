// Endpoints (create, repoint, delete) and canary endpoints (create, shift the split, metrics side by side).
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { MetricCharts, RangeControls, rangeQuery } from './deployment.js';
import { html, ErrorBox, useAction, useLoad, when, fields } from '../ui.js';

function useRunning() {
  return useLoad(() => api('GET', '/v1/deployments', { query: { status: 'running', limit: 100 } }), [], 5000);
}

function DeploymentSelect({ name, running, value, label }) {
  const deps = (running.data && running.data.deployments) || [];
  return html`<label>${label} <select name=${name} required value=${value}>
    ${deps.map((d) => html`<option value=${d.id}>${d.deployment_name || d.id} (${d.id})</option>`)}</select></label>`;
}

function Endpoints({ running }) {
  const list = useLoad(() => api('GET', '/v1/endpoints', { query: { limit: 100 } }), []);
  const [run, error] = useAction();
  const create = (e) => {
    const f = fields(e);
    run(async () => { await api('POST', '/v1/endpoints', { body: { name: f.name, deployment_id: f.deployment_id } }); list.reload(); });
  };
  const repoint = (ep, id) => run(async () => { await api('PATCH', `/v1/endpoints/${ep.id}`, { body: { deployment_id: id } }); list.reload(); });
  const remove = (ep) => run(async () => { await api('DELETE', `/v1/endpoints/${ep.id}`); list.reload(); });
  const deps = (running.data && running.data.deployments) || [];
  const rows = (list.data && list.data.endpoints) || [];
  return html`<section aria-labelledby="ep-h">
    <h2 id="ep-h">Endpoints</h2>
    <${ErrorBox} error=${list.error || error} />
    <div class="table-wrap"><table>
      <thead><tr><th scope="col">Name</th><th scope="col">Deployment</th><th scope="col">URL</th><th scope="col">Updated</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
      <tbody>${rows.map((ep) => html`<tr>
        <td>${ep.name}</td>
        <td><label class="sr-only" for=${`rp-${ep.id}`}>Deployment of ${ep.name}</label>
          <select id=${`rp-${ep.id}`} value=${ep.deployment_id} onChange=${(e) => repoint(ep, e.currentTarget.value)}>
          ${deps.some((d) => d.id === ep.deployment_id) ? '' : html`<option value=${ep.deployment_id}>${ep.deployment_id}</option>`}
          ${deps.map((d) => html`<option value=${d.id}>${d.deployment_name || d.id}</option>`)}</select></td>
        <td><code>${ep.url}</code></td><td>${when(ep.updated_at)}</td>
        <td><button class="danger" onClick=${() => remove(ep)} aria-label=${`Delete endpoint ${ep.name}`}>Delete</button></td>
      </tr>`)}</tbody></table></div>
    <form class="grid" onSubmit=${create} aria-label="Create an endpoint">
      <label>Name <input name="name" required pattern="[A-Za-z0-9._-]{1,64}" /></label>
      <${DeploymentSelect} name="deployment_id" running=${running} label="Deployment" />
      <button type="submit">Create endpoint</button>
    </form>
  </section>`;
}

function Split({ canary, onSaved }) {
  const [weights, setWeights] = useState(canary.deployments.map((d) => d.traffic_percentage));
  const [run, error] = useAction();
  const sum = weights.reduce((a, b) => a + b, 0);
  const save = (e) => {
    e.preventDefault();
    run(async () => {
      await api('PATCH', `/v1/canary-endpoints/${canary.id}`, { body: { deployments: canary.deployments.map((d, i) => ({ id: d.id, traffic_percentage: weights[i] })) } });
      onSaved();
    });
  };
  const two = weights.length === 2;
  return html`<form onSubmit=${save} aria-label=${`Traffic split of ${canary.name}`} class="split">
    ${two ? html`<label>Share of ${canary.deployments[1].id} (canary) <input type="range" min="0" max="100" step="5" value=${weights[1]}
      onInput=${(e) => { const v = Number(e.currentTarget.value); setWeights([100 - v, v]); }} /></label>` : ''}
    ${canary.deployments.map((d, i) => html`<label>${d.id} % <input type="number" min="0" max="100" value=${weights[i]}
      onInput=${(e) => setWeights(weights.map((w, j) => (j === i ? Number(e.currentTarget.value) : w)))} /></label>`)}
    <span class=${sum === 100 ? '' : 'warn'}>total ${sum} %</span>
    <button type="submit">Shift the split</button>
    <${ErrorBox} error=${error} />
  </form>`;
}

function CanaryMetrics({ canary }) {
  const [range, setRange] = useState('15m');
  const [interval, setInterval] = useState('1m');
  const data = useLoad(() => api('GET', `/v1/canary-endpoints/${canary.id}/metrics`, { query: rangeQuery(range, interval) }),
    [canary.id, range, interval], 10000);
  const deps = (data.data && data.data.deployments) || [];
  return html`<div>
    <${RangeControls} range=${range} setRange=${setRange} interval=${interval} setInterval=${setInterval} idPrefix=${canary.id} />
    <${ErrorBox} error=${data.error} />
    <div class="side-by-side">${deps.map((d) => html`<div><h4>${d.id} — ${d.traffic_percentage} %</h4><${MetricCharts} metrics=${d.metrics} /></div>`)}</div>
  </div>`;
}

function Canaries({ running }) {
  const list = useLoad(() => api('GET', '/v1/canary-endpoints', { query: { limit: 100 } }), []);
  const [run, error] = useAction();
  const [open, setOpen] = useState(null);
  const create = (e) => {
    const f = fields(e);
    const canaryShare = Number(f.canary_share);
    run(async () => {
      await api('POST', '/v1/canary-endpoints', { body: { name: f.name, deployments: [
        { id: f.stable, traffic_percentage: 100 - canaryShare }, { id: f.canary, traffic_percentage: canaryShare }] } });
      list.reload();
    });
  };
  const remove = (c) => run(async () => { await api('DELETE', `/v1/canary-endpoints/${c.id}`); list.reload(); });
  const rows = (list.data && list.data.canary_endpoints) || [];
  return html`<section aria-labelledby="cep-h">
    <h2 id="cep-h">Canary endpoints</h2>
    <${ErrorBox} error=${list.error || error} />
    ${rows.map((c) => html`<article class="card" data-canary=${c.name}>
      <h3>${c.name} <small>${c.id}</small></h3>
      <p>Split: ${c.deployments.map((d) => `${d.id} ${d.traffic_percentage} %`).join(' · ')}</p>
      <${Split} key=${c.updated_at} canary=${c} onSaved=${list.reload} />
      <button onClick=${() => setOpen(open === c.id ? null : c.id)} aria-expanded=${open === c.id}>Metrics side by side</button>
      <button class="danger" onClick=${() => remove(c)} aria-label=${`Delete canary ${c.name}`}>Delete</button>
      ${open === c.id ? html`<${CanaryMetrics} canary=${c} />` : ''}
    </article>`)}
    <form class="grid" onSubmit=${create} aria-label="Create a canary endpoint">
      <label>Name <input name="name" required pattern="[A-Za-z0-9._-]{1,64}" /></label>
      <${DeploymentSelect} name="stable" running=${running} label="Stable deployment" />
      <${DeploymentSelect} name="canary" running=${running} label="Canary deployment" />
      <label>Canary share (%) <input name="canary_share" type="number" min="0" max="100" defaultValue="10" /></label>
      <button type="submit">Create canary</button>
    </form>
  </section>`;
}

export function EndpointsPage() {
  const running = useRunning();
  return html`<h1>Endpoints and canaries</h1>
    <${ErrorBox} error=${running.error} />
    <${Endpoints} running=${running} />
    <${Canaries} running=${running} />`;
}
