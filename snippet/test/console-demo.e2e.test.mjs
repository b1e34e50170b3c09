// End to end: the console on the demo month (`java -jar target/leadgate.jar --demo-data`, the embedded demo
// configuration, the in-memory store), in Debian's Chromium: each page's numbers against the API, axe-core's audit at
// desktop and phone width (a serious or critical violation fails), nothing wider than a phone. With
// LEADGATE_SCREENSHOTS=1 the screenshots of docs/console.md are written to docs/screenshots/.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, openSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { eventually, freePort, missingPrerequisites, CHROMIUM, BROWSER_ARGS, JAR } from './support/stack.mjs';
import { blockingViolations } from './support/axe.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 375, height: 740 } };
const KEY = 'demo-api-key-change-me';
const DEMO = { name: 'demo', password: 'demo-console-change-me' };

describe('e2e: the console on the demo month (--demo-data)', { timeout: 300000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'leadgate-console-demo-'));
  const shots = process.env.LEADGATE_SCREENSHOTS ? join(ROOT, 'docs/screenshots') : join(dir, 'screenshots');
  let gateway, java, browser, context, page;
  const problems = [];

  const apiGet = async (path) => {
    const response = await fetch(gateway + path, { headers: { Authorization: 'Bearer ' + KEY } });
    assert.equal(response.status, 200, `${path}: ${response.status}`);
    return response.json();
  };

  before(async () => {
    const missing = missingPrerequisites();
    if (missing.length) throw new Error('the end-to-end tests need:\n  ' + missing.join('\n  '));
    mkdirSync(shots, { recursive: true });
    const port = await freePort();
    gateway = `http://127.0.0.1:${port}`;
    const env = { ...process.env, LEADGATE_PORT: String(port) };
    delete env.LEADGATE_CONFIG;
    delete env.LEADGATE_REDIS_URL;
    const log = openSync(join(dir, 'gateway.log'), 'a');
    java = spawn('java', ['-jar', JAR, '--demo-data'], { env, stdio: ['ignore', log, log] });
    closeSync(log);
    await eventually(async () => (await fetch(gateway + '/health/ready').catch(() => null))?.status == 200, {
      timeout: 180000,
      what: 'the gateway with the demo month to be ready; its log:\n' + join(dir, 'gateway.log')
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: BROWSER_ARGS });
    context = await browser.newContext({ viewport: WIDTHS.desktop });
    page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    // (the 401 of /api/session before signing in is how the console learns it must show the sign-in)
    page.on('console', (m) => m.type() == 'error' && !/status of 401/.test(m.text()) && problems.push(`console: ${m.text()} (${m.location().url})`));
  });

  after(async () => {
    if (browser) await browser.close();
    if (java && java.exitCode === null) {
      await new Promise((resolve) => {
        java.once('exit', resolve);
        java.kill('SIGTERM');
      });
    }
    rmSync(dir, { recursive: true, force: true });
  });

  /** Screenshots at both widths, each audited by axe and checked for sideways scrolling. */
  const look = async (name) => {
    for (const [width, viewport] of Object.entries(WIDTHS)) {
      await page.setViewportSize(viewport);
      await page.waitForTimeout(200);
      await page.screenshot({ path: join(shots, `console-${name}-${width}.png`), fullPage: true });
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth), false,
        `the ${name} page is wider than the window at ${viewport.width} px`);
      assert.deepEqual(await blockingViolations(page), [], `axe on the ${name} page at ${viewport.width} px`);
    }
    await page.setViewportSize(WIDTHS.desktop);
  };

  const open = async (path, ready) => {
    await page.goto(gateway + path);
    await page.waitForSelector(ready);
  };

  test('sign-in', async () => {
    await page.goto(gateway + '/console');
    await page.getByLabel('Name').fill(DEMO.name);
    await look('signin');
    await page.getByLabel('Password').fill(DEMO.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForSelector('nav[aria-label="Console"]');
  });

  test('funnel: every step of the month, as the API counts it', async () => {
    const from = new Date(Date.now() - 29 * 86400000).toISOString().slice(0, 10);
    const funnel = await apiGet('/api/sites/demo/funnel?from=' + from);
    await open('/console/funnel', 'tr[data-step]');
    await page.getByLabel('From').fill(from);
    await page.getByRole('button', { name: 'Show' }).click();
    await eventually(async () => (await page.locator('main').textContent()).includes(`Leads made ${from}`), { what: 'the month\'s funnel' });
    for (const step of funnel.steps) {
      assert.ok(step.count > 0, step.step);
      assert.equal(await page.locator(`tr[data-step="${step.step}"] [data-field="count"]`).textContent(), step.count.toLocaleString('en'), step.step);
    }
    await look('funnel');
  });

  test('leads: by score as the API, and filtered by a first-touch source', async () => {
    const api = await apiGet('/api/leads?site=demo&order=score&limit=25');
    await open('/console/leads', 'tr[data-lead]');
    assert.deepEqual(await page.locator('tr[data-lead]').evaluateAll((rows) => rows.map((r) => r.dataset.lead)), api.leads.map((l) => l.id));
    await look('leads');
    const linkedin = await apiGet('/api/leads?site=demo&order=score&limit=25&source=linkedin');
    assert.ok(linkedin.leads.length > 0);
    await open('/console/leads?source=linkedin', 'tr[data-lead]');
    await eventually(async () => (await page.locator('tr[data-lead]').count()) === linkedin.leads.length, { what: 'the linkedin leads' });
    assert.equal(await page.getByLabel('Source').inputValue(), 'linkedin');
  });

  test('a lead: the best-scored one, with its score explanation and history', async () => {
    const best = (await apiGet('/api/leads?site=demo&order=score&limit=1')).leads[0];
    const profile = await apiGet('/api/leads/' + best.id);
    await open('/console/leads/' + best.id, '[data-field="score"]');
    // shown to a tenth (the score decays by the second: the API's a moment later may differ by that much)
    const shown = Number(await page.locator('[data-field="score"]').textContent());
    assert.ok(Math.abs(shown - profile.score) <= 0.1, `${shown} against ${profile.score}`);
    await look('lead');
  });

  test('accounts: the month\'s companies by account score, as the API orders them', async () => {
    const api = await apiGet('/api/accounts?site=demo&order=score&limit=25');
    assert.ok(api.accounts.length > 1, 'the demo month has several company accounts');
    await open('/console/accounts', 'tr[data-account]');
    assert.deepEqual(await page.locator('tr[data-account]').evaluateAll((rows) => rows.map((r) => r.dataset.account)), api.accounts.map((a) => a.domain));
    for (const a of api.accounts) {
      assert.equal(await page.locator(`tr[data-account="${a.domain}"] [data-field="leads"]`).textContent(), a.leads.toLocaleString('en'), a.domain);
    }
    await look('accounts');
  });

  test('an account: the best-scored one, with its score parts, leads and history', async () => {
    const best = (await apiGet('/api/accounts?site=demo&order=score&limit=1')).accounts[0];
    const account = await apiGet('/api/accounts/' + best.domain + '?site=demo');
    await open('/console/accounts/' + best.domain, '[data-field="score"]');
    // shown to a tenth (the score decays by the second: the API's a moment later may differ by that much)
    const shown = Number((await page.locator('[data-field="score"]').textContent()).replace(/,/g, ''));
    assert.ok(Math.abs(shown - account.score.score) <= 0.1, `${shown} against ${account.score.score}`);
    assert.equal(await page.locator('tr[data-lead]').count(), account.leads.length);
    assert.ok(account.timeline.length > 0);
    await look('account');
  });

  test('traffic: the month\'s visitors and page views', async () => {
    const stats = await apiGet('/api/sites/demo/stats');
    await open('/console/traffic', '[data-stat="visitors"] .value');
    assert.equal(await page.locator('[data-stat="visitors"] .value').textContent(), stats.totals.visitors.toLocaleString('en'));
    await page.waitForSelector('.chart canvas');
    await look('traffic');
  });

  test('forms: views of each form\'s pages against its submissions and leads', async () => {
    const report = await apiGet('/api/sites/demo/forms');
    await open('/console/forms', 'tr[data-form="ebook"]');
    for (const form of report.forms) {
      const row = page.locator(`tr[data-form="${form.form}"]`);
      assert.ok(form.views > 0, form.form + ' has views');
      assert.equal(await row.locator('[data-field="views"]').textContent(), form.views.toLocaleString('en'), form.form);
      assert.equal(await row.locator('[data-field="submissions"]').textContent(), form.submissions.toLocaleString('en'), form.form);
      assert.equal(await row.locator('[data-field="conversion"]').textContent(), Math.round(form.conversion * 1000) / 10 + ' %', form.form);
    }
    await look('forms');
  });

  test('webhooks: the demo CRM\'s speed-to-lead and deliveries', async () => {
    const speed = await apiGet('/api/webhooks/demo-crm/speed-to-lead');
    assert.ok(speed.leads > 0, JSON.stringify(speed));
    await open('/console/webhooks', '[data-field="speed"]');
    assert.match(await page.locator('[data-field="speed"]').textContent(), new RegExp(`${speed.leads} new leads`));
    await page.waitForSelector('table.deliveries');
    await look('webhooks');
    assert.deepEqual(problems, []);
  });
});
