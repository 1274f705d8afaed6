// One deployment: its settings (update, delete), metrics charts and logs.
import { useState } from 'preact/hooks';
import { api, deleteDeployment } from '../api.js';
import { Chart } from '../chart.js';
import { INSTANCE_TYPES, fitText } from './deployments.js';
import { html, ErrorBox, Status, useAction, useLoad, when, pairs, parsePairs, fields } from '../ui.js';

const RANGES = { '15m': 15, '1h': 60, '6h': 360, '24h': 1440, '7d': 10080 };

function Settings({ d, reload }) {
  const [run, error, busy] = useAction();
  const [saved, setSaved] = useState(false);
  const submit = (e) => {
    const f = fields(e);
    const body = {};
    if (Number(f.min_replicas) !== d.min_replicas) body.min_replicas = Number(f.min_replicas);
    if (Number(f.max_replicas) !== d.max_replicas) body.max_replicas = Number(f.max_replicas);
    if (f.instance_type !== d.instance_type) body.instance_type = f.instance_type;
    const tags = parsePairs(f.tags || '');
    if (JSON.stringify(tags) !== JSON.stringify(d.tags || {})) body.tags = tags;
    const mc = {};
    for (const k of ['default_temperature', 'default_top_p', 'max_output_tokens']) {
      if (f[k] !== '' && Number(f[k]) !== (d.model_config || {})[k]) mc[k] = Number(f[k]);
    }
    if (Object.keys(mc).length) body.model_config = mc;
    setSaved(false);
    run(async () => { await api('PATCH', `/v1/deployments/${d.id}`, { body }); setSaved(true); reload(); });
  };
  const remove = () => {
    if (!confirm(`Delete ${d.deployment_name || d.id}?`)) return;
    run(async () => { await deleteDeployment(d.id, confirm); reload(); });
  };
  const mc = d.model_config || {};
  return html`<section aria-labelledby="settings-h">
    <h2 id="settings-h">Settings</h2>
    <dl class="facts">
      <dt>Id</dt><dd>${d.id}</dd><dt>Model</dt><dd>${d.model_name}</dd>
      <dt>Status</dt><dd><${Status} status=${d.status} /> ${d.status_reason || ''}</dd>
      <dt>GPU fit</dt><dd>${fitText(d)}</dd>
      <dt>Replicas now</dt><dd>${d.current_replicas ?? '–'}</dd><dt>Region</dt><dd>${d.region}</dd>
      <dt>Created</dt><dd>${when(d.created_at)}</dd><dt>Generate URL</dt><dd><code>${d.endpoint}</code></dd>
    </dl>
    <form class="grid" onSubmit=${submit} key=${d.updated_at}>
      <label>Instance type <select name="instance_type">${INSTANCE_TYPES.map((t) => html`<option selected=${t === d.instance_type}>${t}</option>`)}</select></label>
      <label>Min replicas <input name="min_replicas" type="number" min="1" defaultValue=${d.min_replicas} /></label>
      <label>Max replicas <input name="max_replicas" type="number" min="1" defaultValue=${d.max_replicas} /></label>
      <label>Default temperature <input name="default_temperature" type="number" step="0.05" min="0" max="2" defaultValue=${mc.default_temperature ?? ''} /></label>
      <label>Default top_p <input name="default_top_p" type="number" step="0.05" min="0" max="1" defaultValue=${mc.default_top_p ?? ''} /></label>
      <label>Max output tokens <input name="max_output_tokens" type="number" min="1" defaultValue=${mc.max_output_tokens ?? ''} /></label>
      <label class="wide">Tags <small>(key=value, one a line)</small><textarea name="tags" rows="2" defaultValue=${pairs(d.tags)}></textarea></label>
      <button type="submit" disabled=${busy}>Save changes</button>
      <a class="button" href=${`#/playground/${d.id}`}>Open in the playground</a>
      <button type="button" class="danger" onClick=${remove}>Delete</button>
    </form>
    ${saved ? html`<p role="status" class="notice">Saved.</p>` : ''}
    <${ErrorBox} error=${error} />
  </section>`;
}

/** The charts of one metrics answer (a deployment's, or one deployment of a canary). */
export function MetricCharts({ metrics }) {
  const m = metrics || {};
  const lat = m.latency || {};
  const tp = m.throughput || {};
  const er = m.error_rate || {};
  const tok = m.token_usage || {};
  return html`<div class="charts">
    <${Chart} title="Latency" unit="ms" timestamps=${lat.timestamps} series=${[
      { label: 'p50', values: lat.p50 || [] }, { label: 'p95', values: lat.p95 || [] }, { label: 'p99', values: lat.p99 || [] }]} />
    <${Chart} title="Requests per second" unit="req/s" timestamps=${tp.timestamps} series=${[{ label: 'requests/s', values: tp.requests_per_second || [] }]} />
    <${Chart} title="Error rate" unit="%" timestamps=${er.timestamps} series=${[{ label: 'errors %', values: er.percentage || [] }]} />
    <${Chart} title="Tokens" unit="tokens" timestamps=${tok.timestamps} series=${[
      { label: 'input', values: tok.input || [] }, { label: 'output', values: tok.output || [] }]} />
  </div>`;
}

export function RangeControls({ range, setRange, interval, setInterval, idPrefix }) {
  return html`<div class="controls">
    <label>Range <select id=${`${idPrefix}-range`} value=${range} onChange=${(e) => setRange(e.currentTarget.value)}>
      ${Object.keys(RANGES).map((r) => html`<option value=${r}>last ${r}</option>`)}</select></label>
    <label>Interval <select id=${`${idPrefix}-interval`} value=${interval} onChange=${(e) => setInterval(e.currentTarget.value)}>
      ${['1m', '5m', '1h', '1d'].map((i) => html`<option>${i}</option>`)}</select></label>
  </div>`;
}

export function rangeQuery(range, interval) {
  const end = new Date();
  const start = new Date(end.getTime() - RANGES[range] * 60000);
  return { start_time: start.toISOString(), end_time: end.toISOString(), interval };
}

function fmt(v, digits = 1) {
  return v === null || v === undefined ? '–' : Number(v).toFixed(digits);
}

function summaryText(s) {
  const l = s.latency || {};
  const t = s.throughput || {};
  const e = s.error_rate || {};
  const k = s.token_usage || {};
  return `${t.requests ?? 0} requests, latency p50 ${fmt(l.p50)} / p95 ${fmt(l.p95)} / p99 ${fmt(l.p99)} ms, `
    + `errors ${fmt(e.average_percentage)} %, tokens ${k.input ?? 0} in / ${k.output ?? 0} out`;
}

function Metrics({ id }) {
  const [range, setRange] = useState('15m');
  const [interval, setInterval] = useState('1m');
  const data = useLoad(() => api('GET', `/v1/deployments/${id}/metrics`, { query: rangeQuery(range, interval) }), [id, range, interval], 5000);
  const summary = (data.data && data.data.summary) || {};
  return html`<section aria-labelledby="metrics-h">
    <h2 id="metrics-h">Metrics</h2>
    <${RangeControls} range=${range} setRange=${setRange} interval=${interval} setInterval=${setInterval} idPrefix="m" />
    <${ErrorBox} error=${data.error} />
    ${Object.keys(summary).length ? html`<p class="hint">Over the range: ${summaryText(summary)}</p>` : ''}
    <${MetricCharts} metrics=${data.data && data.data.metrics} />
  </section>`;
}

function Logs({ id }) {
  const [level, setLevel] = useState('');
  const [order, setOrder] = useState('desc');
  const [tokens, setTokens] = useState([undefined]);
  const page = tokens[tokens.length - 1];
  const data = useLoad(() => api('GET', `/v1/deployments/${id}/logs`, {
    query: { filter: level ? `level=${level}` : undefined, order, limit: 20, next_token: page } }), [id, level, order, page]);
  const logs = (data.data && data.data.logs) || [];
  const next = data.data && data.data.pagination && data.data.pagination.next_token;
  const reset = (fn) => (e) => { fn(e.currentTarget.value); setTokens([undefined]); };
  return html`<section aria-labelledby="logs-h">
    <h2 id="logs-h">Logs</h2>
    <div class="controls">
      <label>Level <select id="log-level" value=${level} onChange=${reset(setLevel)}>
        <option value="">all</option><option value="info">info</option><option value="warning">warning</option><option value="error">error</option></select></label>
      <label>Order <select value=${order} onChange=${reset(setOrder)}><option value="desc">newest first</option><option value="asc">oldest first</option></select></label>
      <button onClick=${data.reload}>Refresh</button>
    </div>
    <${ErrorBox} error=${data.error} />
    <div class="table-wrap"><table class="logs">
      <thead><tr><th scope="col">Time</th><th scope="col">Level</th><th scope="col">Component</th><th scope="col">Message</th></tr></thead>
      <tbody>${logs.map((l) => html`<tr data-level=${l.level}><td>${when(l.timestamp)}</td><td><span class=${`level level-${l.level}`}>${l.level}</span></td><td>${l.component || ''}</td><td>${l.message}</td></tr>`)}</tbody>
    </table></div>
    ${!data.loading && logs.length === 0 ? html`<p>No lines.</p>` : ''}
    <div class="controls">
      <button disabled=${tokens.length < 2} onClick=${() => setTokens(tokens.slice(0, -1))}>Previous page</button>
      <span>page ${tokens.length}</span>
      <button disabled=${!next} onClick=${() => setTokens([...tokens, next])}>Next page</button>
    </div>
  </section>`;
}

export function DeploymentPage({ id }) {
  const d = useLoad(() => api('GET', `/v1/deployments/${id}`), [id], 3000);
  return html`<p><a href="#/deployments">← Deployments</a></p>
    <h1>${d.data ? d.data.deployment_name || d.data.id : id}</h1>
    <${ErrorBox} error=${d.error} />
    ${d.data ? html`<${Settings} d=${d.data} reload=${d.reload} />` : ''}
    <${Metrics} id=${id} />
    <${Logs} id=${id} />`;
}
