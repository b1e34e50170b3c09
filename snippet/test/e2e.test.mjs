// End to end: the built snippet, served by the gateway jar, in Debian's Chromium, on a site of another
// origin; what lands is read from Redis (key layout: ../docs/redis.md).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { Stack, eventually, missingPrerequisites, CHROMIUM, BROWSER_ARGS, DIST, DIST_FORMS } from './support/stack.mjs';

const VISITOR = /^[0-9a-f]{32}$/;

describe('e2e: Chromium → gateway → Redis', { timeout: 120000 }, () => {
  const stack = new Stack();
  let browser;

  before(async () => {
    const missing = missingPrerequisites();
    if (missing.length) throw new Error('the end-to-end tests need:\n  ' + missing.join('\n  '));
    await stack.start();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: BROWSER_ARGS });
  });

  after(async () => {
    if (browser) await browser.close();
    await stack.stop();
  });

  const newContext = (options = {}) => browser.newContext(options);
  const snippetLoaded = (page) => page.waitForFunction(() => window.leadgate && window.leadgate.l);
  // The snippet keeps its id in the site's localStorage (no cookie: test/privacy.e2e.test.mjs has the gateway's).
  const visitorOf = async (context) =>
    (await context.storageState()).origins.find((o) => o.origin == stack.site)?.localStorage.find((i) => i.name == '_lg_v')?.value;
  const outbox = (page) => page.evaluate(() => JSON.parse(localStorage._lg_q || '[]'));
  /** Waits until the visitor's timeline holds what `ready` wants, then returns the visitor. */
  const landed = async (id, ready, what) => {
    let seen;
    try {
      return await eventually(
        async () => {
          seen = await stack.visitor('demo', id);
          return seen && ready(seen) && seen;
        },
        { what, timeout: 20000 }
      );
    } catch (e) {
      const summary = seen && { profile: seen.profile, timeline: seen.timeline.map((t) => `${t.type} ${t.name || t.url}`) };
      throw new Error(`${e.message.split(';')[0]}; visitor ${id} has ${JSON.stringify(summary, null, 1)}\ngateway log:\n${stack.gatewayLog()}`);
    }
  };

  test('the gateway serves the snippet and its forms module built from src/', async () => {
    for (const [path, file] of [
      ['/s.js', DIST],
      ['/s-forms.js', DIST_FORMS]
    ]) {
      const response = await fetch(stack.gateway + path);
      assert.equal(response.status, 200, path);
      assert.ok(
        (await response.text()) == readFileSync(file, 'utf8'),
        `target/leadgate.jar serves another ${path} than ${file}: rebuild the jar (mvn -q -DskipTests package)`
      );
    }
  });

  test('the forms module is loaded once, async, from the gateway, by a page with a form (also one added later)', async () => {
    const context = await newContext();
    const page = await context.newPage();
    const loads = [];
    const tokens = [];
    const errors = [];
    page.on('request', (r) => r.url().endsWith('/s-forms.js') && loads.push(r.url()));
    page.on('request', (r) => r.url().endsWith('/token') && tokens.push(r.url()));
    page.on('pageerror', (e) => errors.push(e));
    const moduleScripts = () => page.evaluate(() => [...document.querySelectorAll('script[src$="/s-forms.js"]')].map((s) => [s.src, s.async]));

    // No form: no module.
    await page.goto(stack.site + '/about.html');
    await snippetLoaded(page);
    await eventually(async () => (await outbox(page)).length == 0 && (await page.evaluate(() => '_lg_q' in localStorage)), { what: 'the first view' });
    assert.deepEqual(loads, []);
    // A form added by the page's own code: the module comes, and fetches the form's token.
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<form data-leadgate-form="ebook"><input name="email"></form>'));
    await eventually(() => tokens.length == 1, { what: 'the token of the added form' });
    assert.deepEqual(loads, [stack.gateway + '/s-forms.js']);
    assert.deepEqual(await moduleScripts(), [[stack.gateway + '/s-forms.js', true]]);

    // A form in the HTML: the module once, the token once.
    loads.length = tokens.length = 0;
    await page.goto(stack.site + '/');
    await snippetLoaded(page);
    await eventually(() => tokens.length == 1, { what: 'the token of the form in the page' });
    await page.evaluate(() => document.body.append(document.createElement('p')));
    await page.waitForTimeout(300);
    assert.deepEqual(tokens, [stack.gateway + '/f/ebook/token']);
    assert.deepEqual(await moduleScripts(), [[stack.gateway + '/s-forms.js', true]]);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('page views, SPA navigation, downloads, outbound and custom events land on the visitor', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(stack.site + '/?utm_source=newsletter&utm_medium=email&utm_campaign=launch&gclid=G-1&token=s3cret', {
      referer: 'https://search.example/?q=crm'
    });
    await snippetLoaded(page);
    await page.click('#pdf');
    await page.click('#tagged');
    await page.click('#spa-features');
    await page.click('#spa-pricing');
    await page.click('#spa-again');
    await page.evaluate(() => window.leadgate('identify', { email: 'ada@acme-widgets.com' }));
    // Leaving the page: the last events travel by sendBeacon.
    await Promise.all([page.waitForURL('**/partner.html'), page.click('#outbound')]);

    const id = await visitorOf(context);
    assert.match(id, VISITOR);
    const visitor = await landed(
      id,
      (v) => v.profile.pageviews == '3' && v.profile.downloads == '2' && v.profile.outbound == '1' && v.profile.custom == '2',
      'three views, two downloads, one outbound, two custom events'
    );
    const timeline = [...visitor.timeline].reverse();
    assert.equal(new Set(timeline.map((e) => e.id)).size, timeline.length, 'each event stored once');
    const views = timeline.filter((e) => e.type == 'pageview').map((e) => e.url);
    assert.deepEqual(views, [
      stack.site + '/?utm_source=newsletter&utm_medium=email&utm_campaign=launch&gclid=G-1',
      stack.site + '/features',
      stack.site + '/pricing?plan=pro'
    ]);
    assert.deepEqual(
      timeline.filter((e) => e.type == 'download').map((e) => e.url),
      [stack.site + '/files/crm-guide.pdf', stack.site + '/get/whitepaper']
    );
    assert.deepEqual(timeline.filter((e) => e.type == 'outbound').map((e) => e.url), [stack.elsewhere + '/partner.html']);
    assert.deepEqual(timeline.filter((e) => e.type == 'custom').map((e) => e.name).sort(), ['hero viewed', 'identify']);
    assert.match(visitor.profile.first_touch, /newsletter/);
    assert.match(visitor.profile.first_touch, /G-1/);

    // A gateway on another origin sets no cookie, and the script sets none either.
    assert.deepEqual(await context.cookies(stack.site), []);
    await context.close();
  });

  test('a lead-magnet form is submitted with the visitor id and shows the answer', async (t) => {
    if (!stack.formsSupported) {
      t.skip('the gateway does not know forms yet (its config refuses "forms:"); this test runs once it does');
      return;
    }
    const context = await newContext();
    const page = await context.newPage();
    const posts = [];
    page.on('request', (r) => r.method() == 'POST' && r.url().endsWith('/f/ebook') && posts.push(JSON.parse(r.postData())));
    await page.goto(stack.site + '/');
    await snippetLoaded(page);
    // A person takes a few seconds to fill a form in; a submit sooner than the gateway's minimum after the
    // render token (3 s by default) is taken for a bot and answered like a success, storing nothing.
    await page.waitForTimeout(3500);
    // Empty: the browser lets it through (the field is not `required` in the page), the gateway refuses it.
    await page.click('#ebook button');
    await eventually(() => page.textContent('[data-leadgate-error="email"]'), { what: 'the email error' });
    assert.equal(await page.getAttribute('input[name=email]', 'aria-invalid'), 'true');
    await page.fill('input[name=email]', 'ada@acme-widgets.com');
    await page.fill('input[name=name]', 'Ada');
    await page.click('#ebook button');
    await page.waitForSelector('[data-leadgate-success]:not([hidden])');
    assert.ok((await page.textContent('[data-leadgate-success]')).trim().length > 0);
    const id = await visitorOf(context);
    assert.ok(posts.length == 2 && posts.every((p) => p.visitor == id));
    assert.equal(posts[1].fields.email, 'ada@acme-widgets.com');
    assert.equal(posts[0].submission == posts[1].submission, false, 'a 422 is an answer: the next submit is new');
    // Really stored, not taken for spam: the visitor is now linked to a lead.
    await landed(id, (v) => v.profile.lead, 'the visitor linked to a lead');
    await context.close();
  });

  test('events made while the gateway is down arrive once it is back, each stored once', async () => {
    const context = await newContext();
    const page = await context.newPage();
    const failed = [];
    page.on('requestfailed', (r) => r.url() == stack.gateway + '/e' && failed.push(r));
    await page.goto(stack.site + '/about.html');
    await snippetLoaded(page);
    await eventually(async () => (await outbox(page)).length == 0 && (await page.evaluate(() => '_lg_q' in localStorage)), {
      what: 'the first view to be confirmed'
    });

    await stack.killGateway();
    await page.evaluate(() => {
      window.leadgate('track', 'during outage', { n: 1 });
      window.leadgate('track', 'during outage', { n: 2 });
    });
    await eventually(() => failed.length > 0, { what: 'a failed delivery' });
    assert.equal((await outbox(page)).length, 2, 'kept in localStorage');

    await stack.startGateway();
    // The browser comes back online (here: the event a browser fires); the retry timer would do it too.
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await eventually(async () => (await outbox(page)).length == 0, { what: 'the outbox to empty' });
    const id = await visitorOf(context);
    const visitor = await landed(id, (v) => v.timeline.filter((e) => e.name == 'during outage').length >= 2, 'the outage events');
    const outage = visitor.timeline.filter((e) => e.name == 'during outage');
    assert.equal(outage.length, 2, 'stored once each');
    assert.deepEqual(outage.map((e) => e.props.n).sort(), [1, 2]);

    // Down again: this time the page is closed before the gateway returns; the next page sends it.
    failed.length = 0;
    await stack.killGateway();
    await page.evaluate(() => window.leadgate('track', 'left behind'));
    await eventually(() => failed.length > 0, { what: 'a failed delivery' });
    await page.close({ runBeforeUnload: true });
    await stack.startGateway();
    const next = await context.newPage();
    await next.goto(stack.site + '/about.html');
    await snippetLoaded(next);
    await eventually(async () => (await outbox(next)).length == 0, { what: 'the outbox to empty' });
    const after = await landed(id, (v) => v.timeline.some((e) => e.name == 'left behind'), 'the event left behind');
    assert.equal(after.timeline.filter((e) => e.name == 'left behind').length, 1);
    assert.equal(new Set(after.timeline.map((e) => e.id)).size, after.timeline.length, 'no event stored twice');
    await context.close();
  });

  test('Global Privacy Control: nothing is stored and nothing is sent', async () => {
    const context = await newContext();
    await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
    const page = await context.newPage();
    const sent = [];
    page.on('request', (r) => r.url() == stack.gateway + '/e' && sent.push(r));
    await page.goto(stack.site + '/');
    await snippetLoaded(page);
    await page.click('#pdf');
    await page.evaluate(() => window.leadgate('track', 'should not leave'));
    assert.equal(await page.evaluate(() => localStorage.length), 0);
    assert.deepEqual(await context.cookies(stack.site), []);
    // Leaving fires pagehide, when anything waiting would be beaconed.
    await page.goto('about:blank');
    assert.deepEqual(sent.map((r) => r.url()), []);
    await context.close();
  });
});
