// End-to-end tests of the console in headless Chromium (Debian's chromium, driven by playwright-core), against a
// running local service. Environment: CONSOLE_URL (…/console/), API_URL, API_KEY, CLIENT_ID, CHROMIUM (the
// browser's path), SCREENSHOT_DIR (where each page's screenshot goes).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const CONSOLE_URL = process.env.CONSOLE_URL || 'http://localhost:8080/console/';
const API_URL = process.env.API_URL || new URL('/', CONSOLE_URL).href.replace(/\/$/, '');
const API_KEY = process.env.API_KEY || 'sk-local-dev';
const CLIENT_ID = process.env.CLIENT_ID || 'local-dev';
const SHOTS = process.env.SCREENSHOT_DIR || 'target/screenshots';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const RUN = Date.now().toString(36);

let browser;
let page;
const state = {};

async function apiCall(method, path, body) {
  const res = await fetch(API_URL + path, {
    method,
    headers: { Authorization: `Bearer ${API_KEY}`, 'X-Client-ID': CLIENT_ID, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

async function until(what, fn, timeoutMs = 90000, everyMs = 500) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

async function shot(name) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/** axe-core, injected by the DevTools protocol (the page's CSP forbids inline scripts): no serious violations. */
async function accessible(name) {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const r = await globalThis.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'best-practice'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
  });
  assert.deepEqual(violations, [], `accessibility of ${name}`);
}

async function goto(hash) {
  await page.evaluate((h) => { location.hash = h; }, hash);
}

async function signIn(key) {
  await page.getByLabel('API key').fill(key);
  await page.getByLabel('Client id').fill(CLIENT_ID);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function createDeployment(name) {
  const res = await apiCall('POST', '/v1/deployments', { model_name: 'securemodel/tiny-random-llama', deployment_name: name,
    // instance types the other tests of the shared local cloud leave alone: its account allows 8 instances a type
    instance_type: 'g4dn.4xlarge' });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id;
}

async function runningSoon(id) {
  await until(`${id} running`, async () => {
    const d = (await apiCall('GET', `/v1/deployments/${id}`)).body;
    assert.notEqual(d.status, 'failed', `${id} failed: ${d.status_reason}`);
    return d.status === 'running';
  }, 180000);
}

describe('the console', { timeout: 600000 }, () => {
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('dialog', (d) => d.accept());
    page.on('pageerror', (e) => { state.pageErrors = [...(state.pageErrors || []), String(e)]; });
    page.on('console', (m) => { if (m.type() === 'error') state.consoleErrors = [...(state.consoleErrors || []), m.text()]; });
  });

  after(async () => {
    if (browser) await browser.close();
  });

  it('is served with a strict Content-Security-Policy and security headers', async () => {
    const res = await fetch(CONSOLE_URL);
    assert.equal(res.status, 200);
    const csp = res.headers.get('content-security-policy');
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    const htmlText = await res.text();
    assert.doesNotMatch(htmlText, /https?:\/\//, 'no asset from elsewhere');
    assert.doesNotMatch(htmlText, /<script>(?!<)/, 'no inline script');
  });

  it('refuses a wrong key with the API message, then signs in', async () => {
    await page.goto(CONSOLE_URL);
    await accessible('sign in');
    await shot('01-sign-in');
    await signIn('sk-wrong-key');
    await page.getByRole('alert').filter({ hasText: 'Signed out' }).waitFor();
    await signIn(API_KEY);
    await page.getByRole('heading', { name: 'Deployments', level: 1 }).waitFor();
    const stored = await page.evaluate(() => ({ local: JSON.stringify(localStorage), url: location.href }));
    assert.doesNotMatch(stored.local, /sk-/, 'the key is never in localStorage');
    assert.doesNotMatch(stored.url, /sk-/, 'the key is never in the URL');
  });

  it('creates a deployment of the tiny model and watches it turn running without a reload', async () => {
    await page.evaluate(() => { window.noReload = true; });
    state.name = `e2e-${RUN}`;
    await page.getByLabel('Model').selectOption('securemodel/tiny-random-llama');
    await page.getByLabel('Name', { exact: true }).fill(state.name);
    await page.getByLabel('Instance type').selectOption('g4dn.2xlarge');
    const plan = page.getByTestId('plan-answer');
    await page.waitForFunction(() => /^Fits g4dn\.2xlarge/.test(
      document.querySelector('[data-testid="plan-answer"]').textContent));
    assert.match(await plan.textContent(), /GiB of GPU memory/, 'the GPU fit shows before submitting');
    await page.getByLabel('Quantization').selectOption('none');
    await page.getByLabel('Model').selectOption('ZimaBlueAI/HuatuoGPT-o1-8B');
    await page.waitForFunction(() => /^Does not fit/.test(
      document.querySelector('[data-testid="plan-answer"]').textContent));
    await shot('02-deployments-plan-refused');
    await page.getByLabel('Model').selectOption('securemodel/tiny-random-llama');
    await page.getByLabel('Quantization').selectOption('auto');
    await page.waitForFunction(() => /^Fits/.test(
      document.querySelector('[data-testid="plan-answer"]').textContent));
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    const fit = page.getByTestId('fit-answer');
    await fit.waitFor();
    assert.match(await fit.textContent(), /GPU fit: g4dn\.2xlarge: \w+/);
    const row = page.locator('tr', { has: page.getByRole('link', { name: state.name }) });
    await row.waitFor();
    state.id = await row.getAttribute('data-id');
    await shot('02-deployments-creating');
    await row.locator('[data-status="running"]').waitFor({ timeout: 180000 });
    assert.equal(await page.evaluate(() => window.noReload), true, 'no reload happened');
    await accessible('deployments');
    await shot('03-deployments');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot('03-deployments-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('generates in the playground, the text arriving in several steps, with the usage of the answer', async () => {
    await goto(`#/playground/${state.id}`);
    await page.getByRole('heading', { name: 'Playground' }).waitFor();
    await page.getByLabel('Deployment or endpoint').selectOption(state.id);
    await page.getByLabel('Single prompt').check();
    await page.evaluate(() => {
      window.seen = [];
      const el = document.querySelector('.answer');
      new MutationObserver(() => window.seen.push(el.textContent.length)).observe(el, { childList: true, subtree: true, characterData: true });
    });
    await page.getByLabel('Max tokens').fill('64');
    // the tiny model writes 64 tokens in a few milliseconds: on a fast loopback all its events can reach the page in
    // one read, which says nothing about streaming; a slow link (8 KB/s) makes them arrive over a couple of seconds,
    // so that an answer drawn only at the end (not as it streams) fails here
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions',
      { offline: false, latency: 0, downloadThroughput: 8 * 1024, uploadThroughput: -1 });
    try {
      await page.getByRole('button', { name: 'Send' }).click();
      await page.locator('.usage li').first().waitFor({ timeout: 60000 });
    } finally {
      await cdp.send('Network.emulateNetworkConditions',
        { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
      await cdp.detach();
    }
    const steps = await page.evaluate(() => [...new Set(window.seen.filter((n) => n > 0))]);
    assert.ok(steps.length >= 2, `text arrived in ${steps.length} step(s): ${steps}`);
    assert.ok(Number(await page.locator('.answer').getAttribute('data-chunks')) >= 2);
    assert.match(await page.locator('.usage li').first().textContent(), /\d+ prompt \+ \d+ completion = \d+ tokens/);
    await accessible('playground');
    await shot('04-playground');
  });

  it('draws the metrics chart after a few calls, and filters the logs by level', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await apiCall('POST', `/v1/deployments/${state.id}/generate`, { prompt: 'Hello', max_tokens: 8 });
      assert.equal(res.status, 200, JSON.stringify(res.body));
    }
    // a 4xx request: its log line is a warning
    const bad = await apiCall('POST', `/v1/deployments/${state.id}/generate`, { prompt: 'Hello', max_tokens: -1 });
    assert.equal(bad.status, 400);
    await goto(`#/deployment/${state.id}`);
    await page.getByRole('heading', { name: 'Metrics' }).waitFor();
    await until('latency points', async () => Number(await page.locator('[data-chart="latency"]').getAttribute('data-points')) > 0, 60000);
    assert.ok(await page.locator('[data-chart="latency"] canvas').count() > 0, 'a canvas is drawn');
    await until('a warning line', async () => {
      await page.getByRole('button', { name: 'Refresh' }).click();
      await page.waitForTimeout(500);
      return (await page.locator('tr[data-level="warning"]').count()) > 0;
    }, 60000, 1000);
    await page.locator('#log-level').selectOption('warning');
    await until('only warnings', async () => {
      const levels = await page.locator('table.logs tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.level));
      return levels.length > 0 && levels.every((l) => l === 'warning');
    }, 20000);
    await accessible('deployment');
    await shot('05-deployment');
  });

  it('updates the tags and a generation default of the deployment', async () => {
    await page.getByLabel(/^Tags/).fill('team=e2e');
    await page.getByLabel('Default temperature').fill('0.5');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const d = (await apiCall('GET', `/v1/deployments/${state.id}`)).body;
    assert.deepEqual(d.tags, { team: 'e2e' });
    assert.equal(d.model_config.default_temperature, 0.5);
  });

  it('creates a canary and shifts its split', async () => {
    state.green = await createDeployment(`e2e-green-${RUN}`);
    await runningSoon(state.green);
    await goto('#/endpoints');
    const form = page.getByRole('form', { name: 'Create a canary endpoint' });
    await form.waitFor();
    await until('both deployments listed', async () => (await form.getByLabel('Canary deployment').locator('option').count()) >= 2, 20000);
    await form.getByLabel('Name').fill(`canary-${RUN}`);
    await form.getByLabel('Stable deployment').selectOption(state.id);
    await form.getByLabel('Canary deployment').selectOption(state.green);
    await form.getByLabel('Canary share (%)').fill('10');
    await form.getByRole('button', { name: 'Create canary' }).click();
    const card = page.locator(`[data-canary="canary-${RUN}"]`);
    await card.waitFor();
    assert.match(await card.locator('p').first().textContent(), new RegExp(`${state.green} 10 %`));
    await card.getByLabel(`${state.id} %`).fill('50');
    await card.getByLabel(`${state.green} %`).fill('50');
    await card.getByRole('button', { name: 'Shift the split' }).click();
    await until('the split at 50/50', async () => /50 %.*50 %/.test(await card.locator('p').first().textContent()), 20000);
    await card.getByRole('button', { name: 'Metrics side by side' }).click();
    await until('two columns of charts', async () => (await card.locator('.side-by-side > div').count()) === 2, 20000);
    const epForm = page.getByRole('form', { name: 'Create an endpoint' });
    await epForm.getByLabel('Name').fill(`ep-${RUN}`);
    await epForm.getByLabel('Deployment').selectOption(state.id);
    await epForm.getByRole('button', { name: 'Create endpoint' }).click();
    const repoint = page.getByLabel(`Deployment of ep-${RUN}`);
    await repoint.waitFor();
    await repoint.selectOption(state.green);
    await until('the endpoint repointed', async () => {
      const eps = (await apiCall('GET', '/v1/endpoints')).body.endpoints;
      return eps.some((e) => e.name === `ep-${RUN}` && e.deployment_id === state.green);
    }, 20000);
    await accessible('endpoints');
    await shot('06-endpoints');
  });

  it('deletes a deployment a canary still uses only after the refusal of the API is shown and confirmed', async () => {
    const asked = [];
    const onDialog = (d) => asked.push(d.message());
    page.on('dialog', onDialog);
    await goto('#/deployments');
    const row = page.locator(`tr[data-id="${state.green}"]`);
    await row.getByRole('button', { name: /^Delete/ }).click();
    await until('deleting or deleted', async () => /delet/.test(await row.locator('.status').textContent()), 30000);
    page.off('dialog', onDialog);
    assert.ok(asked.some((m) => /force/.test(m) && /canary/i.test(m)), `the API's refusal was shown: ${asked}`);
  });

  it('adds a webhook pointed at a receiver, sends a test event and sees its delivery', async () => {
    const received = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => { body += c; });
      req.on('end', () => { received.push({ type: req.headers['x-paitient-event-type'], body }); res.writeHead(200).end('ok'); });
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${server.address().port}/hook`;
      await goto('#/webhooks');
      await page.getByLabel('URL').fill(url);
      await page.getByRole('button', { name: 'Add webhook' }).click();
      const secret = page.getByTestId('webhook-secret');
      await secret.waitFor();
      assert.match(await secret.textContent(), /^whsec_/);
      const card = page.locator('article', { hasText: url });
      await card.getByRole('button', { name: 'Send a test event' }).click();
      await card.locator('table.deliveries tr[data-status="delivered"]').first().waitFor({ timeout: 60000 });
      assert.ok(received.some((r) => r.type === 'webhook.test'), 'the receiver got the test event');
      await accessible('webhooks');
      await shot('07-webhooks');
    } finally {
      server.close();
    }
  });

  it('shows the subscription, creates a key, and refuses the key once it is revoked', async () => {
    await goto('#/keys');
    await page.getByTestId('tier').waitFor();
    const form = page.getByRole('form', { name: 'Create an API key' });
    for (const s of ['read', 'write', 'generate', 'admin']) await form.getByLabel(s).uncheck();
    await form.getByRole('button', { name: 'Create key' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.textContent(), /scope/i, 'the API message is shown');
    await form.getByLabel('Name').fill(`e2e-admin-${RUN}`);
    for (const s of ['read', 'write', 'generate', 'admin']) await form.getByLabel(s).check();
    await form.getByRole('button', { name: 'Create key' }).click();
    const key = await page.getByTestId('new-key').textContent();
    assert.match(key, /^sk-/);
    await accessible('keys');
    await shot('08-keys');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(key);
    await goto('#/keys');
    await page.getByRole('button', { name: `Revoke e2e-admin-${RUN}` }).click();
    const refused = page.getByRole('alert').filter({ hasText: 'Signed out' });
    await refused.waitFor({ timeout: 20000 });
    await shot('09-revoked');
    await signIn(key);
    await refused.waitFor({ timeout: 20000 });
    const res = await fetch(`${API_URL}/v1/deployments`, { headers: { Authorization: `Bearer ${key}`, 'X-Client-ID': CLIENT_ID } });
    assert.equal(res.status, 401);
  });

  it('raised no script error and no CSP violation', () => {
    assert.deepEqual(state.pageErrors || [], []);
    const csp = (state.consoleErrors || []).filter((m) => /Content Security Policy/i.test(m));
    assert.deepEqual(csp, []);
  });
});
