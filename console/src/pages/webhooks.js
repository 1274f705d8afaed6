// Webhooks: create (the secret shown once), list, deliveries, test event, delete.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { html, ErrorBox, useAction, useLoad, when } from '../ui.js';

const EVENTS = ['deployment.created', 'deployment.updated', 'deployment.deleted', 'deployment.status_changed',
  'deployment.health_changed', 'deployment.scaling_changed', 'deployment.error'];

function Deliveries({ id }) {
  const data = useLoad(() => api('GET', `/v1/webhooks/${id}/deliveries`), [id], 2000);
  const [run, error] = useAction();
  const rows = (data.data && data.data.deliveries) || [];
  return html`<div>
    <${ErrorBox} error=${data.error || error} />
    <div class="table-wrap"><table class="deliveries">
      <caption>Deliveries (refreshed every 2 seconds)</caption>
      <thead><tr><th scope="col">Event</th><th scope="col">Type</th><th scope="col">Status</th><th scope="col">Attempts</th><th scope="col">Last answer</th><th scope="col">Created</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
      <tbody>${rows.map((d) => html`<tr data-status=${d.status}>
        <td><code>${d.event_id}</code></td><td>${d.event_type}</td><td><span class=${`status status-${d.status}`}>${d.status}</span></td>
        <td>${d.attempts}</td><td>${d.last_response_code ?? ''} ${d.last_error || ''}</td><td>${when(d.created_at)}</td>
        <td><button onClick=${() => run(async () => { await api('POST', `/v1/webhooks/${id}/deliveries/${d.event_id}/redeliver`); data.reload(); })}
          aria-label=${`Redeliver ${d.event_id}`}>Redeliver</button></td></tr>`)}</tbody>
    </table></div>
    ${!data.loading && rows.length === 0 ? html`<p>No deliveries yet.</p>` : ''}
  </div>`;
}

export function WebhooksPage() {
  const list = useLoad(() => api('GET', '/v1/webhooks'), []);
  const [run, error] = useAction();
  const [secret, setSecret] = useState(null);
  const [open, setOpen] = useState(null);
  const create = (e) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const events = form.getAll('events');
    run(async () => {
      const wh = await api('POST', '/v1/webhooks', { body: { url: form.get('url'), events } });
      setSecret({ id: wh.id, secret: wh.secret });
      setOpen(wh.id);
      list.reload();
    });
  };
  const test = (wh) => run(async () => { await api('POST', `/v1/webhooks/${wh.id}/test`); setOpen(wh.id); });
  const remove = (wh) => run(async () => { await api('DELETE', `/v1/webhooks/${wh.id}`); list.reload(); });
  const rows = (list.data && list.data.webhooks) || [];
  return html`<h1>Webhooks</h1>
    <${ErrorBox} error=${list.error || error} />
    ${secret ? html`<div class="notice" role="status">
      <p>Signing secret of <code>${secret.id}</code>, shown this once: store it now.</p>
      <p><code class="secret" data-testid="webhook-secret">${secret.secret}</code></p>
      <button onClick=${() => setSecret(null)}>I stored it</button></div>` : ''}
    <section aria-labelledby="wh-h">
      <h2 id="wh-h">Your webhooks</h2>
      ${rows.map((wh) => html`<article class="card" data-webhook=${wh.id}>
        <h3><code>${wh.url}</code></h3>
        <p>${wh.id} · ${wh.events.join(', ')} · created ${when(wh.created_at)}</p>
        <button onClick=${() => test(wh)}>Send a test event</button>
        <button onClick=${() => setOpen(open === wh.id ? null : wh.id)} aria-expanded=${open === wh.id}>Deliveries</button>
        <button class="danger" onClick=${() => remove(wh)} aria-label=${`Delete webhook ${wh.id}`}>Delete</button>
        ${open === wh.id ? html`<${Deliveries} id=${wh.id} />` : ''}
      </article>`)}
      ${!list.loading && rows.length === 0 ? html`<p>No webhooks yet.</p>` : ''}
    </section>
    <section aria-labelledby="whc-h">
      <h2 id="whc-h">Add a webhook</h2>
      <form onSubmit=${create} aria-label="Add a webhook">
        <label>URL <input name="url" type="url" required placeholder="https://hooks.example.com/paitient" /></label>
        <fieldset><legend>Events</legend>
          ${EVENTS.map((ev) => html`<label class="inline"><input type="checkbox" name="events" value=${ev} defaultChecked /> ${ev}</label>`)}
        </fieldset>
        <button type="submit">Add webhook</button>
      </form>
    </section>`;
}
