// End to end: the console at /console of the real jar (the bundled demo configuration plus a viewer, a sales user
// and a webhook endpoint whose receiver always fails), in Debian's Chromium. Data is seeded through the public
// endpoints (events, forms); every number the pages show is checked against the API read with the demo key.
// Every page is audited by axe-core at desktop and phone width: a serious or critical violation fails the test.
// (The screenshots in docs/ are taken on the demo month, by console-demo.e2e.test.mjs; these go to a temporary folder.)
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { eventually, freePort, missingPrerequisites, CHROMIUM, BROWSER_ARGS, JAR, USER_AGENT } from './support/stack.mjs';
import { blockingViolations } from './support/axe.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 375, height: 740 } };
const KEY = 'demo-api-key-change-me';
const USERS = {
  admin: { name: 'demo', password: 'demo-console-change-me' },
  viewer: { name: 'vera', password: 'viewer-console-test', hash: '$2a$12$1tQ3gujHLjg9xbPhoSTnPOHS8ook1gL1Bhn04tw9qU2QUoTGleoXO' },
  sales: { name: 'sam', password: 'sales-console-test', hash: '$2a$12$SVdT.inTcy/vJnd3J4bKxOniJOURtztIlKPzQYIL6Yyv1kGa1FoC2' }
};
const PEOPLE = [
  { email: 'ada@acme-widgets.com', name: 'Ada Lovelace', company: 'ACME Widgets', source: 'newsletter', pages: ['/', '/pricing', '/pricing'] },
  { email: 'grace@globex.com', name: 'Grace Hopper', company: 'Globex', source: 'google', pages: ['/', '/blog/scoring'] },
  { email: 'linus@initech.io', name: 'Linus Pauling', company: 'Initech', source: 'linkedin', pages: ['/pricing'] },
  // a second person of ACME Widgets: their account has two leads
  { email: 'charles@acme-widgets.com', name: 'Charles Babbage', company: 'ACME Widgets', source: 'newsletter', pages: ['/pricing'] }
];
const ACME = 'acme-widgets.com';

describe('e2e: the console of java -jar target/leadgate.jar', { timeout: 240000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'leadgate-console-'));
  const shots = join(dir, 'screenshots');
  let gateway, java, browser, receiver;

  const apiGet = async (path) => {
    const response = await fetch(gateway + path, { headers: { Authorization: 'Bearer ' + KEY } });
    assert.equal(response.status, 200, `${path}: ${response.status}`);
    return response.json();
  };
  const post = (path, body, headers = {}) =>
    fetch(gateway + path, { method: 'POST', headers: { 'Content-Type': 'application/json', 'User-Agent': USER_AGENT, ...headers }, body: JSON.stringify(body) });

  before(async () => {
    const missing = missingPrerequisites();
    if (missing.length) throw new Error('the end-to-end tests need:\n  ' + missing.join('\n  '));
    mkdirSync(shots, { recursive: true });
    // The CRM that is down: every delivery fails, so each message becomes a dead letter after its one attempt.
    receiver = createServer((request, response) => request.resume().on('end', () => response.writeHead(500).end('down')));
    await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const port = await freePort();
    gateway = `http://127.0.0.1:${port}`;
    const demo = readFileSync(join(ROOT, 'src/main/resources/leadgate-demo.yaml'), 'utf8');
    const config = demo.replace(/(\n    passwordHash: \S+\n)/, (line) =>
      line +
      `  - {name: ${USERS.viewer.name}, role: viewer, passwordHash: "${USERS.viewer.hash}"}\n` +
      `  - {name: ${USERS.sales.name}, role: sales, passwordHash: "${USERS.sales.hash}"}\n`) +
      `\nwebhooks:\n  - id: crm\n    url: http://127.0.0.1:${receiver.address().port}/hook\n` +
      `    secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\n    allowSubnets: [127.0.0.0/8]\n    retrySchedule: [0s]\n`;
    assert.match(config, /name: vera/);
    writeFileSync(join(dir, 'leadgate.yaml'), config);
    const env = { ...process.env, LEADGATE_PORT: String(port), LEADGATE_CONFIG: join(dir, 'leadgate.yaml') };
    delete env.LEADGATE_REDIS_URL;
    const log = openSync(join(dir, 'gateway.log'), 'a');
    java = spawn('java', ['-jar', JAR], { env, stdio: ['ignore', log, log] });
    closeSync(log);
    await eventually(async () => (await fetch(gateway + '/health/ready').catch(() => null))?.status == 200, {
      timeout: 60000,
      what: 'the gateway to be ready; its log:\n' + join(dir, 'gateway.log')
    });
    await seed();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: BROWSER_ARGS });
  });

  after(async () => {
    if (browser) await browser.close();
    if (java && java.exitCode === null) {
      await new Promise((resolve) => {
        java.once('exit', resolve);
        java.kill('SIGTERM');
      });
    }
    if (receiver) await new Promise((resolve) => receiver.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  /** Visits (with their sources), a download and an outbound click, then each person's ebook form. */
  async function seed() {
    for (const [i, person] of PEOPLE.entries()) {
      const visitor = String(i + 1).padStart(32, 'a');
      const events = person.pages.map((path, n) => ({
        site: 'demo', visitor, type: 'pageview',
        url: `https://demo.example${path}`,
        // the snippet sends the landing page's UTM tags beside the url
        ...(n === 0 ? { utm: { source: person.source, medium: 'cpc', campaign: 'spring' } } : {})
      }));
      events.push({ site: 'demo', visitor, type: 'download', url: 'https://demo.example/files/case-study.pdf' });
      if (i === 0) events.push({ site: 'demo', visitor, type: 'outbound', url: 'https://partner.example/' });
      const sent = await post('/e', events);
      assert.equal(sent.status, 202, await sent.text());
      const form = await post('/f/ebook', {
        visitor, submission: 'console-seed-' + i, page: 'https://demo.example/',
        fields: { email: person.email, name: person.name, company: person.company, consent_privacy: true }
      });
      assert.equal(form.status, 200, await form.text());
    }
    await eventually(async () => (await apiGet('/api/leads?site=demo')).leads.length === PEOPLE.length, { what: 'the seeded leads' });
    await eventually(async () => (await apiGet('/api/sites/demo/stats')).totals.visitors === PEOPLE.length, { what: 'the seeded visits' });
    await eventually(async () => (await apiGet('/api/webhooks/crm/dead')).dead.length >= PEOPLE.length, { timeout: 30000, what: 'dead letters at the failing CRM' });
  }

  /** A browser context with its page, recording page errors and refused requests (other than those expected). */
  const openPage = async (viewport = WIDTHS.desktop, storageState = undefined) => {
    const context = await browser.newContext({ viewport, storageState });
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => m.type() == 'error' && !/status of 40[13]/.test(m.text()) && problems.push(`console: ${m.text()} (${m.location().url})`));
    return { context, page, problems };
  };

  const signIn = async (page, user) => {
    await page.goto(gateway + '/console');
    await page.getByLabel('Name').fill(user.name);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForSelector('nav[aria-label="Console"]');
  };

  /**
   * A page signed in as the user with a session shared by the tests that ask for it: signing in once keeps the
   * user under the sign-in attempts a window allows (console.signInsPerUser).
   */
  const sessions = {};
  const openSignedIn = async (user) => {
    if (!sessions[user.name]) {
      const { context, page } = await openPage();
      await signIn(page, user);
      sessions[user.name] = await context.storageState();
      await context.close();
    }
    return openPage(WIDTHS.desktop, sessions[user.name]);
  };

  const screenshot = async (page, name) => {
    for (const [width, viewport] of Object.entries(WIDTHS)) {
      await page.setViewportSize(viewport);
      await page.waitForTimeout(150);
      await page.screenshot({ path: join(shots, `console-${name}-${width}.png`), fullPage: true });
      assert.equal(await overflowsSideways(page), false, `the ${name} page is wider than the window at ${viewport.width} px`);
      assert.deepEqual(await blockingViolations(page), [], `axe on the ${name} page at ${viewport.width} px`);
    }
    await page.setViewportSize(WIDTHS.desktop);
  };

  /** Whether the page is wider than its window (a phone would scroll sideways). */
  const overflowsSideways = (page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

  test('a wrong password is refused with a message, and the demo user signs in by keyboard to the leads, focus on the heading', async () => {
    const { context, page, problems } = await openPage();
    await page.goto(gateway + '/console');
    await page.getByLabel('Name').fill('demo');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    assert.match(await page.getByRole('alert').textContent(), /do not match/);
    await screenshot(page, 'signin');
    // by keyboard: Enter in the password field signs in, and the focus lands on the page's heading
    await page.getByLabel('Password').fill(USERS.admin.password);
    await page.getByLabel('Password').press('Enter');
    await page.waitForURL(gateway + '/console/leads');
    assert.equal(await page.locator('h1').textContent(), 'Leads');
    await eventually(async () => (await page.evaluate(() => document.activeElement.tagName + ' ' + document.activeElement.textContent)) === 'H1 Leads', { what: 'the focus on the heading' });
    assert.match(await page.locator('.who').textContent(), /demo \(admin\)/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the leads page lists what the API lists, in its order, and finds a lead by its domain', async () => {
    const { context, page, problems } = await openPage();
    await signIn(page, USERS.admin);
    const api = await apiGet('/api/leads?site=demo&order=score');
    await page.waitForSelector('tr[data-lead]');
    assert.deepEqual(await page.locator('tr[data-lead]').evaluateAll((rows) => rows.map((r) => r.dataset.lead)), api.leads.map((l) => l.id));
    const first = page.locator(`tr[data-lead="${api.leads[0].id}"]`);
    assert.match(await first.textContent(), new RegExp(String(api.leads[0].score)));
    await screenshot(page, 'leads');
    for (const viewport of Object.values(WIDTHS)) {
      await page.setViewportSize(viewport);
      assert.equal(await overflowsSideways(page), false, `the leads page at ${viewport.width} px`);
    }
    await page.getByLabel('Search').fill('globex.com');
    await page.getByRole('button', { name: 'Show leads' }).click();
    await page.waitForURL(/q=globex\.com/);
    await eventually(async () => (await page.locator('tr[data-lead]').count()) === 1, { what: 'one row for globex.com' });
    assert.match(await page.locator('tr[data-lead]').textContent(), /Grace Hopper/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the leads filters (score range, source, medium, campaign, magnet, days made) list what the API lists, and a shared URL keeps them', async () => {
    const { context, page, problems } = await openPage();
    await signIn(page, USERS.admin);
    const today = new Date().toISOString().slice(0, 10);
    await page.waitForSelector('tr[data-lead]');
    await page.getByLabel('Source').fill('Google');
    await page.getByLabel('Medium').fill('cpc');
    await page.getByLabel('Campaign').fill('spring');
    await page.getByLabel('Magnet').selectOption('ebook');
    await page.getByLabel('Score from').fill('0');
    await page.getByLabel('Score to').fill('1000');
    await page.getByLabel('Made from').fill(today);
    await page.getByLabel('Made to').fill(today);
    await page.getByRole('button', { name: 'Show leads' }).click();
    await page.waitForURL(/source=Google/);
    const url = new URL(page.url());
    for (const [key, value] of Object.entries({ source: 'Google', medium: 'cpc', campaign: 'spring', magnet: 'ebook', min_score: '0', max_score: '1000', created_from: today, created_to: today })) {
      assert.equal(url.searchParams.get(key), value, key);
    }
    const api = await apiGet('/api/leads?site=demo&' + url.searchParams.toString());
    assert.deepEqual(api.leads.map((l) => l.email), ['grace@globex.com']);
    await eventually(async () => (await page.locator('tr[data-lead]').count()) === 1, { what: 'one row from google' });
    assert.equal(await page.locator('tr[data-lead]').getAttribute('data-lead'), api.leads[0].id);
    // the same URL opened again (a link shared with a colleague): the same filters and rows
    await page.goto(url.href);
    await page.waitForSelector('tr[data-lead]');
    assert.equal(await page.getByLabel('Source').inputValue(), 'Google');
    assert.equal(await page.getByLabel('Magnet').inputValue(), 'ebook');
    assert.equal(await page.getByLabel('Made to').inputValue(), today);
    assert.equal(await page.locator('tr[data-lead]').count(), 1);
    await page.getByLabel('Made from').fill('2020-01-01');
    await page.getByLabel('Made to').fill('2020-01-01');
    await page.getByRole('button', { name: 'Show leads' }).click();
    await page.waitForURL(/created_to=2020-01-01/);
    await page.locator('text=No lead matches.').waitFor();
    await screenshot(page, 'leads-filtered');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a lead page shows the fields, consent, score explanation and history; a sales user\'s stage changes are recorded with the user, and a lead sent back shows its hold', async () => {
    const { context, page, problems } = await openPage();
    await signIn(page, USERS.sales);
    const ada = (await apiGet('/api/leads?site=demo&q=ada@acme-widgets.com')).leads[0];
    await page.click(`tr[data-lead="${ada.id}"] a`);
    await page.waitForURL(gateway + '/console/leads/' + ada.id);
    await page.waitForSelector('h1:text("Ada Lovelace")');
    const before = await apiGet('/api/leads/' + ada.id);
    assert.equal(await page.locator('[data-field="score"]').textContent(), String(before.score));
    const text = await page.locator('main').textContent();
    assert.match(text, /ACME Widgets/);
    assert.match(text, /I agree that Demo Inc\. stores my details/);
    for (const rule of before.score_breakdown.behaviour_rules) assert.ok(text.includes(rule.rule), rule.rule);
    assert.equal(await page.locator('.timeline li').count(), before.timeline.length);

    await page.getByLabel('New stage').selectOption('sql');
    await page.getByLabel('Reason (kept in the history)').fill('Called: budget agreed, demo booked');
    await page.getByRole('button', { name: 'Change stage' }).click();
    assert.match(await page.getByRole('status').filter({ hasText: 'Moved' }).textContent(), /Moved to SQL/);
    await eventually(async () => (await page.locator('[data-field="stage"]').textContent()) === 'SQL', { what: 'the new stage on the page' });
    const after = await apiGet('/api/leads/' + ada.id);
    assert.equal(after.stage, 'sql');
    const last = after.stage_history[after.stage_history.length - 1];
    assert.deepEqual([last.by, last.reason], ['user:sam', 'Called: budget agreed, demo booked']);
    assert.match(await page.locator('table.history tbody tr').first().textContent(), /user:sam.*Called: budget agreed/);

    // Sent back: the score explanation shows the hold that keeps scoring from moving the lead up again at once.
    await page.getByLabel('New stage').selectOption('lead');
    await page.getByLabel('Reason (kept in the history)').fill('Not before next quarter');
    await page.getByRole('button', { name: 'Change stage' }).click();
    await page.waitForSelector('[data-field="hold"]');
    const held = (await apiGet('/api/leads/' + ada.id)).score_breakdown.hold;
    assert.match(held.summary, /recycled to lead by user:sam/);
    assert.equal(await page.locator('[data-field="hold"]').textContent(), 'Hold: ' + held.summary);
    await screenshot(page, 'lead');
    assert.equal(await overflowsSideways(page), false);
    assert.deepEqual(problems, []);
    await context.close();
  });

  /** The accounts API once ACME Widgets' two leads are in their account (the projector fills accounts in its round). */
  const accountsReady = () =>
    eventually(async () => (await apiGet('/api/accounts?site=demo')).accounts.some((a) => a.domain === ACME && a.leads === 2), { what: 'the ACME Widgets account with its two leads' });

  test('the accounts page lists what the accounts API lists, in its order, with each account\'s stage, score and leads', async () => {
    await accountsReady();
    const { context, page, problems } = await openSignedIn(USERS.viewer);
    await page.goto(gateway + '/console/leads');
    await page.click('nav >> text=Accounts');
    await page.waitForURL(gateway + '/console/accounts');
    await page.waitForSelector('tr[data-account]');
    const api = await apiGet('/api/accounts?site=demo&order=score');
    assert.deepEqual(await page.locator('tr[data-account]').evaluateAll((rows) => rows.map((r) => r.dataset.account)), api.accounts.map((a) => a.domain));
    const acme = api.accounts.find((a) => a.domain === ACME);
    const row = page.locator(`tr[data-account="${ACME}"]`);
    assert.match(await row.locator('th').textContent(), /ACME Widgets\s*acme-widgets\.com/);
    assert.equal(await row.locator('[data-field="leads"]').textContent(), '2');
    assert.equal(await row.locator('[data-field="score"]').textContent(), String(Math.round(acme.score * 10) / 10));
    assert.equal(await page.locator('nav[aria-label="Console"] a[aria-current="page"]').textContent(), 'Accounts');
    await screenshot(page, 'accounts');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the accounts search finds an account by its company name, and the URL keeps the search', async () => {
    await accountsReady();
    const { context, page, problems } = await openSignedIn(USERS.viewer);
    await page.goto(gateway + '/console/accounts');
    await page.waitForSelector('tr[data-account]');
    await page.getByLabel('Search').fill('acme widgets');
    await page.getByRole('button', { name: 'Show accounts' }).click();
    await page.waitForURL(/q=acme\+widgets/);
    await eventually(async () => (await page.locator('tr[data-account]').count()) === 1, { what: 'one row for ACME Widgets' });
    assert.equal(await page.locator('tr[data-account]').getAttribute('data-account'), ACME);
    await page.reload();
    await page.waitForSelector('tr[data-account]');
    assert.equal(await page.getByLabel('Search').inputValue(), 'acme widgets');
    assert.equal(await page.locator('tr[data-account]').count(), 1);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the accounts stage filter lists the accounts the API lists at that stage', async () => {
    await accountsReady();
    const { context, page, problems } = await openSignedIn(USERS.viewer);
    const all = (await apiGet('/api/accounts?site=demo')).accounts;
    const stage = all.find((a) => a.domain === ACME).stage;
    const api = await apiGet('/api/accounts?site=demo&stage=' + stage);
    await page.goto(gateway + '/console/accounts');
    await page.waitForSelector('tr[data-account]');
    await page.getByLabel('Stage').selectOption(stage);
    await page.getByRole('button', { name: 'Show accounts' }).click();
    await page.waitForURL(new RegExp('stage=' + stage));
    await eventually(async () => (await page.locator('tr[data-account]').count()) === api.accounts.length, { what: `the ${stage} accounts` });
    assert.deepEqual(await page.locator('tr[data-account]').evaluateAll((rows) => rows.map((r) => r.dataset.account)), api.accounts.map((a) => a.domain));
    const other = stage === 'qualified' ? 'none' : 'qualified';
    await page.getByLabel('Stage').selectOption(other);
    await page.getByRole('button', { name: 'Show accounts' }).click();
    await page.waitForURL(new RegExp('stage=' + other));
    const others = (await apiGet('/api/accounts?site=demo&stage=' + other)).accounts;
    await eventually(async () => (await page.locator('tr[data-account]').count()) === others.length, { what: `the ${other} accounts` });
    if (others.length === 0) await page.locator('text=No account matches.').waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('an account page shows the account\'s score parts, its leads and its history with the sales user\'s stage change', async () => {
    await accountsReady();
    const { context, page, problems } = await openSignedIn(USERS.viewer);
    await page.goto(gateway + '/console/accounts');
    await page.click(`tr[data-account="${ACME}"] a`);
    await page.waitForURL(gateway + '/console/accounts/' + ACME);
    await page.waitForSelector('h1:text("ACME Widgets")');
    const account = await apiGet('/api/accounts/' + ACME + '?site=demo');
    assert.equal(Number(await page.locator('[data-field="score"]').textContent()), Math.round(account.score.score * 10) / 10);
    assert.equal(Number(await page.locator('[data-field="behaviour"]').textContent()), Math.round(account.score.behaviour * 10) / 10);
    assert.deepEqual(await page.locator('tr[data-lead]').evaluateAll((rows) => rows.map((r) => r.dataset.lead)), account.leads.map((l) => l.id));
    assert.equal(await page.locator('table.history tbody tr').count(), account.timeline.length);
    // Ada's move to SQL by the sales user (the lead page's test) is in the account's history
    assert.match(await page.locator('table.history').textContent(), /Lead → SQL.*ada@acme-widgets\.com.*Called: budget agreed.*user:sam/);
    await screenshot(page, 'account');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('an account\'s lead links to the lead\'s page', async () => {
    await accountsReady();
    const { context, page, problems } = await openSignedIn(USERS.viewer);
    const charles = (await apiGet('/api/leads?site=demo&q=charles@acme-widgets.com')).leads[0];
    await page.goto(gateway + '/console/accounts/' + ACME);
    await page.locator(`tr[data-lead="${charles.id}"] a`).click();
    await page.waitForURL(gateway + '/console/leads/' + charles.id);
    await page.waitForSelector('h1:text("Charles Babbage")');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a sales user declares another domain the same company: the account shows it, and its history says who', async () => {
    await accountsReady();
    const { context, page, problems } = await openSignedIn(USERS.sales);
    await page.goto(gateway + '/console/accounts/' + ACME);
    await page.waitForSelector('h1:text("ACME Widgets")');
    await page.getByLabel('Domain (its leads and history move here)').fill('acme-widgets.co.uk');
    await page.getByRole('button', { name: 'Merge into this account' }).click();
    assert.match(await page.getByRole('status').filter({ hasText: 'acme-widgets.co.uk is now' }).textContent(), /is now ACME Widgets: 2 leads here/);
    await eventually(async () => (await page.locator('[data-field="merged"]').textContent()) === 'acme-widgets.co.uk', { what: 'the alias on the page' });
    const account = await apiGet('/api/accounts/' + ACME + '?site=demo');
    assert.deepEqual(account.merged, ['acme-widgets.co.uk']);
    assert.match(await page.locator('tr[data-kind="account_merged"]').first().textContent(), /Merged.*acme-widgets\.co\.uk.*user:sam/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a domain the API refuses to merge shows the API\'s reason as an alert, and nothing is merged', async () => {
    await accountsReady();
    const { context, page, problems } = await openSignedIn(USERS.sales);
    await page.goto(gateway + '/console/accounts/' + ACME);
    await page.waitForSelector('h1:text("ACME Widgets")');
    const before = await apiGet('/api/accounts/' + ACME + '?site=demo');
    await page.getByLabel('Domain (its leads and history move here)').fill('www.' + ACME);
    await page.getByRole('button', { name: 'Merge into this account' }).click();
    assert.match(await page.getByRole('alert').textContent(), /own domain/);
    assert.deepEqual((await apiGet('/api/accounts/' + ACME + '?site=demo')).merged, before.merged);
    assert.deepEqual(problems.filter((p) => !/status of 400/.test(p)), []);
    await context.close();
  });

  test('a viewer reads an account but is offered no merge, and the API refuses the viewer\'s merge with 403', async () => {
    await accountsReady();
    const { context, page, problems } = await openSignedIn(USERS.viewer);
    await page.goto(gateway + '/console/accounts/' + ACME);
    await page.waitForSelector('h1:text("ACME Widgets")');
    assert.equal(await page.locator('text=Another domain of this company').count(), 0);
    const answer = await page.evaluate(async (domain) => {
      const session = await (await fetch('/api/session')).json();
      const response = await fetch(`/api/accounts/${domain}/aliases?site=demo`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken },
        body: JSON.stringify({ alias: 'acme-widgets.de' })
      });
      return { status: response.status, body: await response.json() };
    }, ACME);
    assert.equal(answer.status, 403);
    assert.equal(answer.body.error.code, 'forbidden_role');
    assert.ok(!(await apiGet('/api/accounts/' + ACME + '?site=demo')).merged.includes('acme-widgets.de'));
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('an account that does not exist says so as an alert', async () => {
    const { context, page } = await openSignedIn(USERS.viewer);
    await page.goto(gateway + '/console/accounts/nobody-here.example.org');
    assert.match(await page.getByRole('alert').textContent(), /no account nobody-here\.example\.org/);
    await context.close();
  });

  test('the traffic page shows the stats API\'s visitors, page views, downloads, top pages and sources, with a chart', async () => {
    const { context, page, problems } = await openPage();
    await signIn(page, USERS.admin);
    const stats = await apiGet('/api/sites/demo/stats');
    await page.click('nav >> text=Traffic');
    await page.waitForSelector('[data-stat="visitors"]');
    const stat = (id) => page.locator(`[data-stat="${id}"] .value`).textContent();
    assert.equal(await stat('visitors'), String(stats.totals.visitors));
    assert.equal(await stat('pageviews'), String(stats.totals.events.pageview));
    assert.equal(await stat('downloads'), String(Object.values(stats.totals.downloads).reduce((a, b) => a + b, 0)));
    assert.equal(await stat('outbound'), String(stats.totals.events.outbound));
    const topPage = Object.entries(stats.totals.pageviews).sort((a, b) => b[1] - a[1])[0];
    assert.match(await page.locator('section:has(h2:text("Top pages")) tbody tr').first().textContent(), new RegExp(`${topPage[0]}${topPage[1]}`));
    for (const source of ['newsletter', 'google', 'linkedin']) assert.ok((await page.locator('section:has(h2:text("Sources"))').textContent()).includes(source), source);
    assert.equal(await page.locator('.chart canvas').count(), 1);
    await screenshot(page, 'traffic');
    assert.equal(await overflowsSideways(page), false);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the funnel page shows the funnel API\'s steps, conversions and the sales-qualified lead', async () => {
    const { context, page, problems } = await openPage();
    await signIn(page, USERS.admin);
    const funnel = await apiGet('/api/sites/demo/funnel');
    await page.click('nav >> text=Funnel');
    await page.waitForSelector('tr[data-step]');
    for (const step of funnel.steps) {
      assert.equal(await page.locator(`tr[data-step="${step.step}"] [data-field="count"]`).textContent(), String(step.count), step.step);
    }
    assert.equal(funnel.steps.find((s) => s.step === 'lead').count, PEOPLE.length);
    assert.match(await page.locator('main').textContent(), /newsletter/);
    await screenshot(page, 'funnel');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the forms page shows the forms report of the API', async () => {
    const { context, page, problems } = await openPage();
    await signIn(page, USERS.admin);
    const report = await apiGet('/api/sites/demo/forms');
    await page.click('nav >> text=Forms');
    const row = page.locator('tr[data-form="ebook"]');
    await row.waitFor();
    const ebook = report.forms.find((f) => f.form === 'ebook');
    assert.equal(await row.locator('[data-field="submissions"]').textContent(), String(ebook.submissions));
    assert.equal(await row.locator('[data-field="created"]').textContent(), String(ebook.leads.created));
    assert.equal(ebook.leads.created, PEOPLE.length);
    // the ebook's pages (/ and /ebook in the demo configuration): Ada's and Grace's views of /
    assert.deepEqual(ebook.pages, ['/', '/ebook']);
    assert.equal(ebook.views, 2);
    assert.equal(await row.locator('[data-field="views"]').textContent(), String(ebook.views));
    assert.equal(await row.locator('[data-field="conversion"]').textContent(), Math.round(ebook.conversion * 1000) / 10 + ' %');
    await screenshot(page, 'forms');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('an admin sees the failing endpoint and its dead letters, and replays one', async () => {
    const { context, page, problems } = await openPage();
    await signIn(page, USERS.admin);
    const dead = (await apiGet('/api/webhooks/crm/dead')).dead;
    await page.click('nav >> text=Webhooks');
    await page.waitForSelector('tr[data-dead]');
    assert.equal(await page.locator('tr[data-dead]').count(), dead.length);
    assert.match(await page.locator('[data-field="dead"]').textContent(), new RegExp(`\\(${dead.length}\\)`));
    // nothing reached the CRM that is down: no speed-to-lead to show
    assert.equal((await apiGet('/api/webhooks/crm/speed-to-lead')).leads, 0);
    assert.match(await page.locator('[data-field="speed"]').textContent(), /no new lead delivered/);
    await screenshot(page, 'webhooks');
    await page.locator(`tr[data-dead="${dead[0].id}"]`).getByRole('button', { name: /^Replay / }).click();
    assert.match(await page.getByRole('status').filter({ hasText: 'Sent again' }).textContent(), /Sent again: 1/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a viewer reads every page but is offered no change, and the API refuses the viewer\'s change with 403', async () => {
    const { context, page, problems } = await openPage();
    await signIn(page, USERS.viewer);
    const grace = (await apiGet('/api/leads?site=demo&q=grace@globex.com')).leads[0];
    await page.goto(gateway + '/console/leads/' + grace.id);
    await page.waitForSelector('h1:text("Grace Hopper")');
    assert.equal(await page.locator('text=Change the stage').count(), 0);
    await page.click('nav >> text=Webhooks');
    await page.waitForSelector('tr[data-dead]');
    assert.equal(await page.getByRole('button', { name: /^Replay / }).count(), 0);
    // The viewer's own session and CSRF token, from the page, as the console would send them.
    const answer = await page.evaluate(async (id) => {
      const session = await (await fetch('/api/session')).json();
      const response = await fetch(`/api/leads/${id}/stage`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken },
        body: JSON.stringify({ stage: 'customer', reason: 'viewer tries' })
      });
      return { status: response.status, body: await response.json() };
    }, grace.id);
    assert.equal(answer.status, 403);
    assert.equal(answer.body.error.code, 'forbidden_role');
    assert.equal((await apiGet('/api/leads/' + grace.id)).stage, grace.stage);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('without a session the API refuses with 401 and the console shows the sign-in', async () => {
    const refused = await fetch(gateway + '/api/leads?site=demo');
    assert.equal(refused.status, 401);
    assert.equal((await refused.json()).error.code, 'missing_api_key');
    const { context, page } = await openPage(WIDTHS.phone);
    await page.goto(gateway + '/console/traffic');
    await page.getByLabel('Password').waitFor();
    assert.equal(await page.locator('nav[aria-label="Console"]').count(), 0);
    await context.close();
  });

  test('a session\'s change sent from another site is refused with 403, even with the CSRF token', async () => {
    const signedIn = await post('/api/session', USERS.admin);
    const cookie = signedIn.headers.get('set-cookie').split(';')[0];
    const { csrfToken } = await signedIn.json();
    const grace = (await apiGet('/api/leads?site=demo&q=grace@globex.com')).leads[0];
    const answer = await post(`/api/leads/${grace.id}/stage`, { stage: 'customer', reason: 'from elsewhere' },
      { Cookie: cookie, 'X-CSRF-Token': csrfToken, Origin: 'https://attacker.example' });
    assert.equal(answer.status, 403);
    assert.equal((await apiGet('/api/leads/' + grace.id)).stage, grace.stage);
  });

  test('signing out ends the session: the sign-in shows again and the session is refused', async () => {
    const { context, page, problems } = await openPage();
    await signIn(page, USERS.viewer);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Password').waitFor();
    assert.equal(await page.evaluate(async () => (await fetch('/api/session')).status), 401);
    await page.goto(gateway + '/console/leads');
    await page.getByLabel('Password').waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the demo page links to the console', async () => {
    const page = await (await fetch(gateway + '/')).text();
    assert.match(page, /<a id="console-link" href="\/console">/);
  });
});
