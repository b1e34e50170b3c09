// End to end: the bundled demo page as a newcomer meets it after `java -jar target/leadgate.jar` (the
// embedded demo configuration, the in-memory store), in Debian's Chromium. With LEADGATE_SCREENSHOTS=1 the
// screenshots are written to docs/screenshots/ (otherwise to the test's temporary folder).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { eventually, freePort, missingPrerequisites, CHROMIUM, BROWSER_ARGS, JAR } from './support/stack.mjs';

const SCREENSHOTS = new URL('../../docs/screenshots/', import.meta.url).pathname;
const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 375, height: 740 } };

describe('e2e: the demo page of java -jar target/leadgate.jar', { timeout: 120000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'leadgate-demo-'));
  let gateway, java, browser;

  before(async () => {
    const missing = missingPrerequisites();
    if (missing.length) throw new Error('the end-to-end tests need:\n  ' + missing.join('\n  '));
    const port = await freePort();
    gateway = `http://127.0.0.1:${port}`;
    const env = { ...process.env, LEADGATE_PORT: String(port) };
    // What a newcomer runs: no configuration file, no Redis.
    delete env.LEADGATE_CONFIG;
    delete env.LEADGATE_REDIS_URL;
    const log = openSync(join(dir, 'gateway.log'), 'a');
    java = spawn('java', ['-jar', JAR], { env, stdio: ['ignore', log, log] });
    closeSync(log);
    await eventually(async () => (await fetch(gateway + '/health/ready').catch(() => null))?.status == 200, {
      timeout: 60000,
      what: 'the gateway to be ready; its log:\n' + join(dir, 'gateway.log')
    });
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
    rmSync(dir, { recursive: true, force: true });
  });

  /** A page that records every console error, page error and failed or refused request. */
  const watchedPage = async (viewport) => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const problems = [];
    page.on('console', (m) => m.type() == 'error' && problems.push(`console: ${m.text()} (${m.location().url})`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    // (A reload cancels a fetch still under way: net::ERR_ABORTED is the page going, not a failure.)
    page.on('requestfailed', (r) => r.failure()?.errorText != 'net::ERR_ABORTED' && problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
    page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()}: ${r.url()}`));
    return { context, page, problems };
  };

  /** Inputs (and the page itself) that stick out of their box, as "what: by how many pixels". */
  const overflows = (page) =>
    page.evaluate(() => {
      const found = [];
      const form = document.querySelector('form').getBoundingClientRect();
      for (const input of document.querySelectorAll('form input:not([tabindex="-1"]), form button')) {
        const box = input.getBoundingClientRect();
        if (box.right > form.right || box.left < form.left) found.push(`${input.name || input.textContent.trim()}: ${Math.round(box.right - form.right)}`);
      }
      const page = document.documentElement;
      if (page.scrollWidth > page.clientWidth) found.push(`the page: ${page.scrollWidth - page.clientWidth}`);
      return found;
    });

  test('a visitor moves to Pricing, reloads it, takes the ebook and sees the lead recorded, without a console error', async () => {
    const { context, page, problems } = await watchedPage(WIDTHS.desktop);
    await page.goto(gateway + '/');
    await page.waitForFunction(() => window.leadgate && window.leadgate.l);

    await page.click('nav >> text=Pricing');
    await page.waitForURL(gateway + '/pricing');
    await page.waitForSelector('#pricing:not([hidden])');
    const reloaded = await page.reload();
    assert.equal(reloaded.status(), 200, 'the SPA route survives a reload');
    await page.waitForSelector('#pricing:not([hidden])');
    assert.match(await page.title(), /Pricing/);

    // A person takes a few seconds to fill the form in (the gateway takes a faster submit for a bot).
    await page.waitForTimeout(3200);
    await page.fill('#email', 'ada@acme-widgets.com');
    await page.fill('#name', 'Ada Lovelace');
    await page.fill('#company', 'ACME Widgets');
    await page.check('input[name=consent_privacy]');
    await page.click('form button[type=submit]');
    await page.waitForSelector('[data-leadgate-success] a');

    // The panel shows what the gateway recorded, read from the API with the demo key.
    const row = await eventually(
      async () => {
        const text = await page.textContent('#recorded-leads');
        return text.includes('ada@acme-widgets.com') && text;
      },
      { what: 'the lead in the panel' }
    );
    assert.match(row, /ACME Widgets/);
    await eventually(async () => /\/pricing/.test(await page.textContent('#recorded-stats')), { what: 'the pricing views in the stats' });
    const links = await page.$$eval('#recorded a', (as) => as.map((a) => a.getAttribute('href')));
    assert.ok(links.includes('/api/leads?site=demo&order=recent'), links.join(' '));
    assert.ok(links.includes('/api/sites/demo/stats'), links.join(' '));
    assert.match(await page.textContent('#recorded'), /Authorization: Bearer demo-api-key-change-me/);
    // The lead's own link shows its profile, read with the key: the Pricing views before the form are in it.
    await page.click('#recorded-leads a');
    await page.waitForSelector('#recorded-json:not([hidden])');
    const profile = JSON.parse(await page.textContent('#recorded-json-body'));
    assert.equal(profile.email, 'ada@acme-widgets.com');
    assert.ok(JSON.stringify(profile).includes(gateway + '/pricing'), JSON.stringify(profile).slice(0, 2000));

    assert.deepEqual(await overflows(page), []);
    await page.screenshot({ path: screenshot('desktop'), fullPage: true });
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('at a phone\'s width the form and the panel fit the screen', async () => {
    const { context, page, problems } = await watchedPage(WIDTHS.phone);
    await page.goto(gateway + '/');
    await page.waitForFunction(() => window.leadgate && window.leadgate.l);
    await page.waitForSelector('#recorded[data-state=loaded]');
    assert.deepEqual(await overflows(page), []);
    await page.screenshot({ path: screenshot('phone'), fullPage: true });
    assert.deepEqual(problems, []);
    await context.close();
  });

  function screenshot(name) {
    return join(process.env.LEADGATE_SCREENSHOTS == '1' ? SCREENSHOTS : dir, `demo-${name}.png`);
  }
});
