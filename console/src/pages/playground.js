// The playground: chat or a single prompt against a deployment or an endpoint, streamed as it is generated.
import { useRef, useState } from 'preact/hooks';
import { api, streamChat } from '../api.js';
import { html, ErrorBox, useLoad, fields } from '../ui.js';

async function targets() {
  const [deps, eps, ceps] = await Promise.all([
    api('GET', '/v1/deployments', { query: { status: 'running', limit: 100 } }),
    api('GET', '/v1/endpoints', { query: { limit: 100 } }),
    api('GET', '/v1/canary-endpoints', { query: { limit: 100 } }),
  ]);
  return [
    ...deps.deployments.map((d) => ({ value: d.id, label: `deployment ${d.deployment_name || d.id} (${d.model_name})` })),
    ...eps.endpoints.map((e) => ({ value: e.name, label: `endpoint ${e.name}` })),
    ...ceps.canary_endpoints.map((c) => ({ value: c.name, label: `canary ${c.name}` })),
  ];
}

export function PlaygroundPage({ target }) {
  const list = useLoad(targets, []);
  const [mode, setMode] = useState('chat');
  const [history, setHistory] = useState([]);
  const [answer, setAnswer] = useState('');
  const [chunks, setChunks] = useState(0);
  const [usages, setUsages] = useState([]);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const abort = useRef(null);

  const submit = async (e) => {
    const f = fields(e);
    const user = { role: 'user', content: f.prompt };
    const messages = mode === 'chat' ? [...history, user] : [user];
    setError(null);
    setAnswer('');
    setChunks(0);
    setBusy(true);
    abort.current = new AbortController();
    let text = '';
    try {
      const body = { model: f.model, messages, max_tokens: Number(f.max_tokens), temperature: Number(f.temperature) };
      const result = await streamChat(body, (delta) => {
        text += delta;
        setAnswer(text);
        setChunks((n) => n + 1);
      }, abort.current.signal);
      if (mode === 'chat') setHistory([...messages, { role: 'assistant', content: text }]);
      setUsages((u) => [{ model: f.model, deployment: result.deployment, usage: result.usage }, ...u].slice(0, 20));
      setAnswer(mode === 'chat' ? '' : text);
    } catch (err) {
      if (err.name !== 'AbortError') setError(err);
    } finally {
      setBusy(false);
    }
  };
  const options = list.data || [];
  return html`<h1>Playground</h1>
    <p class="hint">Answers stream through <code>POST /v1/chat/completions</code> with <code>stream: true</code>.</p>
    <${ErrorBox} error=${list.error} />
    <form class="grid" onSubmit=${submit} aria-label="Generate">
      <label>Deployment or endpoint <select name="model" required>
        ${options.map((o) => html`<option value=${o.value} selected=${o.value === target}>${o.label}</option>`)}
      </select></label>
      <fieldset><legend>Mode</legend>
        <label class="inline"><input type="radio" name="mode" value="chat" checked=${mode === 'chat'} onChange=${() => setMode('chat')} /> Chat</label>
        <label class="inline"><input type="radio" name="mode" value="prompt" checked=${mode === 'prompt'} onChange=${() => { setMode('prompt'); setHistory([]); }} /> Single prompt</label>
      </fieldset>
      <label>Max tokens <input name="max_tokens" type="number" min="1" max="4096" defaultValue="48" /></label>
      <label>Temperature <input name="temperature" type="number" min="0" max="2" step="0.1" defaultValue="0.7" /></label>
      <label class="wide">Prompt <textarea name="prompt" rows="3" required defaultValue="Once upon a time"></textarea></label>
      <button type="submit" disabled=${busy || options.length === 0}>${busy ? 'Generating…' : 'Send'}</button>
      ${busy ? html`<button type="button" onClick=${() => abort.current.abort()}>Stop</button>` : ''}
      ${mode === 'chat' && history.length ? html`<button type="button" onClick=${() => setHistory([])}>New chat</button>` : ''}
    </form>
    ${options.length === 0 && !list.loading ? html`<p>No running deployment or endpoint yet: create one on the Deployments page.</p>` : ''}
    <${ErrorBox} error=${error} />
    <section aria-labelledby="conv-h">
      <h2 id="conv-h">Conversation</h2>
      <ol class="chat">${history.map((m) => html`<li class=${`msg msg-${m.role}`}><strong>${m.role}</strong> ${m.content}</li>`)}</ol>
      <div class="answer" aria-live="polite" data-chunks=${chunks} data-busy=${busy}>${answer}</div>
    </section>
    <section aria-labelledby="usage-h">
      <h2 id="usage-h">Usage of each answer</h2>
      <ul class="usage">${usages.map((u) => html`<li>${u.model}${u.deployment ? ` → ${u.deployment}` : ''}: ${u.usage
        ? `${u.usage.prompt_tokens} prompt + ${u.usage.completion_tokens} completion = ${u.usage.total_tokens} tokens` : 'no usage reported'}</li>`)}</ul>
    </section>`;
}
