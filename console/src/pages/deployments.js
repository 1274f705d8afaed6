// Deployments: the list with live status (polled), and create from the catalog.
import { useState } from 'preact/hooks';
import { api, deleteDeployment } from '../api.js';
import { html, ErrorBox, Status, useAction, useLoad, when, parsePairs, fields } from '../ui.js';

export const INSTANCE_TYPES = ['g4dn.xlarge', 'g4dn.2xlarge', 'g4dn.4xlarge', 'g4dn.8xlarge', 'g4dn.12xlarge',
  'g4dn.16xlarge', 'g4dn.metal', 'g5.xlarge', 'g5.2xlarge', 'g5.4xlarge', 'g5.8xlarge', 'g5.12xlarge', 'g5.16xlarge',
  'g5.24xlarge', 'g5.48xlarge', 'p4d.24xlarge'];

function size(n) {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)}B`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  return n.toLocaleString();
}

/** What the GPU fit planner chose for a deployment (its `hosting`), in words. */
export function fitText(d) {
  const hosting = d.hosting || {};
  const tp = hosting.tensor_parallel_degree;
  return `${d.instance_type}: ${hosting.precision || 'precision not chosen yet'}`
    + (tp && tp > 1 ? `, tensor parallel over ${tp} GPUs` : '')
    + ` (quantization asked: ${(d.model_config && d.model_config.quantization) || 'auto'})`;
}

/** The create body the form describes (shared by the plan and the create). */
function createBody(f) {
  const body = { model_name: f.model_name, instance_type: f.instance_type,
    min_replicas: Number(f.min_replicas), max_replicas: Number(f.max_replicas) };
  if (f.deployment_name) body.deployment_name = f.deployment_name;
  if (f.quantization && f.quantization !== 'auto') body.model_config = { quantization: f.quantization };
  const tags = parsePairs(f.tags || '');
  if (Object.keys(tags).length) body.tags = tags;
  return body;
}

/** The planner's answer (POST /v1/deployments/plan), in words. */
export function planText(p) {
  if (!p.fits) return `Does not fit: ${p.reason}`;
  return `Fits ${p.instance_type}: ${p.precision}`
    + (p.tensor_parallel_degree > 1 ? `, tensor parallel over ${p.tensor_parallel_degree} GPUs` : '')
    + `, about ${p.estimated_gpu_memory_gib} GiB of ${p.usable_gpu_memory_gib} GiB of GPU memory`
    + ` (counts ${p.gpu_instances} GPU instance${p.gpu_instances === 1 ? '' : 's'} against your tier)`;
}

function CreateForm({ onCreated }) {
  const models = useLoad(() => api('GET', '/v1/models'), []);
  const [run, error, busy] = useAction();
  const [created, setCreated] = useState(null);
  const [plan, setPlan] = useState(null);
  const [planError, setPlanError] = useState(null);
  // the GPU-fit answer before anything is created: asked again whenever a field that decides it changes
  const check = (form) => {
    const body = createBody(Object.fromEntries(new FormData(form).entries()));
    if (!body.model_name) return;
    api('POST', '/v1/deployments/plan', { body })
      .then((p) => { setPlan(p); setPlanError(null); })
      .catch((e) => { setPlan(null); setPlanError(e); });
  };
  const submit = (e) => {
    const body = createBody(fields(e));
    run(async () => {
      const d = await api('POST', '/v1/deployments', { body });
      setCreated(d);
      onCreated();
    });
  };
  const list = (models.data && models.data.models) || [];
  return html`<section aria-labelledby="create-h">
    <h2 id="create-h">Create a deployment</h2>
    <p class="hint">GPU fit: the planner's answer for the chosen model, instance type and quantization shows below
      before you create (a dry run: nothing is created or spent); the create then uses exactly that plan.</p>
    <${ErrorBox} error=${models.error} />
    <form class="grid" onSubmit=${submit} onChange=${(e) => check(e.currentTarget)}>
      <label>Model <select name="model_name" required>
        ${list.map((m) => html`<option value=${m.id}>${m.name || m.id}${m.parameters ? ` (${size(m.parameters)} parameters)` : ''}</option>`)}
      </select></label>
      <label>Name <input name="deployment_name" placeholder="optional" /></label>
      <label>Instance type <select name="instance_type">${INSTANCE_TYPES.map((t) => html`<option>${t}</option>`)}</select></label>
      <label>Quantization <select name="quantization"><option>auto</option><option>none</option><option>int8</option><option>int4</option></select></label>
      <label>Min replicas <input name="min_replicas" type="number" min="1" defaultValue="1" /></label>
      <label>Max replicas <input name="max_replicas" type="number" min="1" defaultValue="1" /></label>
      <label class="wide">Tags <small>(key=value, one a line)</small><textarea name="tags" rows="2"></textarea></label>
      <div class=${'wide notice' + (plan && !plan.fits ? ' warn' : '')} role="status" aria-live="polite"
        data-testid="plan-answer">${plan ? planText(plan) : 'Choose a model and an instance type to see the GPU fit.'}</div>
      <button type="submit" disabled=${busy}>${busy ? 'Creating…' : 'Create'}</button>
    </form>
    <${ErrorBox} error=${planError || error} />
    ${created ? html`<div class="notice" role="status" data-testid="fit-answer">Created <a href=${`#/deployment/${created.id}`}>${created.deployment_name || created.id}</a>${' '}
      <${Status} status=${created.status} />. GPU fit: ${fitText(created)}.</div>` : ''}
  </section>`;
}

export function DeploymentsPage() {
  const [filter, setFilter] = useState('');
  const list = useLoad(() => api('GET', '/v1/deployments', { query: { limit: 100, status: filter || undefined } }), [filter], 2000);
  const [run, error] = useAction();
  const remove = (d) => {
    if (!confirm(`Delete ${d.deployment_name || d.id}?`)) return;
    run(async () => { await deleteDeployment(d.id, confirm); list.reload(); });
  };
  const rows = (list.data && list.data.deployments) || [];
  return html`<h1>Deployments</h1>
    <section aria-labelledby="list-h">
      <h2 id="list-h">Your deployments</h2>
      <label class="inline">Status <select value=${filter} onChange=${(e) => setFilter(e.currentTarget.value)}>
        <option value="">any</option>${['creating', 'running', 'updating', 'deleting', 'deleted', 'failed'].map((s) => html`<option>${s}</option>`)}
      </select></label>
      <${ErrorBox} error=${list.error || error} />
      <div class="table-wrap"><table>
        <caption class="sr-only">Deployments, refreshed every 2 seconds</caption>
        <thead><tr><th scope="col">Name</th><th scope="col">Model</th><th scope="col">Status</th><th scope="col">Instance</th><th scope="col">Replicas</th><th scope="col">Created</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
        <tbody>${rows.map((d) => html`<tr data-id=${d.id}>
          <td><a href=${`#/deployment/${d.id}`}>${d.deployment_name || d.id}</a></td>
          <td>${d.model_name}</td>
          <td><${Status} status=${d.status} />${d.status_reason ? html`<div class="reason">${d.status_reason}</div>` : ''}</td>
          <td>${d.instance_type}</td>
          <td>${d.current_replicas ?? '–'} (${d.min_replicas}–${d.max_replicas})</td>
          <td>${when(d.created_at)}</td>
          <td>${d.status !== 'deleted' && d.status !== 'deleting' ? html`<button class="danger" onClick=${() => remove(d)} aria-label=${`Delete ${d.deployment_name || d.id}`}>Delete</button>` : ''}</td>
        </tr>`)}</tbody>
      </table></div>
      ${!list.loading && rows.length === 0 ? html`<p>No deployments yet.</p>` : ''}
    </section>
    <${CreateForm} onCreated=${list.reload} />`;
}
