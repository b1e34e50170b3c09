// End to end (issue 17): the gateway served first party keeps the visitor in its own HttpOnly cookie, a required
// consent lets only cookieless counts leave the browser before it is given, and Global Privacy Control keeps the
// gateway from making any visitor profile; an erased visitor's queued retries are dropped, even after it submits a form
// again, which lifts its tombstone. Chromium → a site whose server passes /a7/ on to the gateway → Redis.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { Stack, eventually, missingPrerequisites, CHROMIUM, BROWSER_ARGS, E2E_KEY } from './support/stack.mjs';

const VISITOR = /^[0-9a-f]{32}$/;

describe('e2e: privacy and first-party identity', { timeout: 120000 }, () => {
  const stack = new Stack();
  let browser;

  before(async () => {
    const missing = missingPrerequisites();
    if (missing.length) throw new Error('the end-to-end tests need:\n  ' + missing.join('\n  '));
    stack.proxyPrefix = '/a7';
    stack.extraSites = '';
    await stack.start();
    // allowedOrigins need the site's origin, known only once its port is: configure, then start the gateway again.
    stack.extraSites = `  - {key: fp, allowedOrigins: ["${stack.site}"], firstPartyPath: /a7}
  - {key: cmp, allowedOrigins: ["${stack.site}"]}
`;
    await stack.killGateway();
    await stack.startGateway();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: BROWSER_ARGS });
  });

  after(async () => {
    if (browser) await browser.close();
    await stack.stop();
  });

  const today = () => new Date().toISOString().slice(0, 10).replace(/-/g, '');
  const storedId = async (context) =>
    (await context.storageState()).origins.find((o) => o.origin == stack.site)?.localStorage.find((i) => i.name == '_lg_v')?.value;
  // Its path is the prefix: cookies(url) lists it only for a url under it.
  const gatewayCookie = async (context) => (await context.cookies(stack.site + '/a7/')).find((c) => c.name == '_lg_id');
  // A visitor is one Redis list, its profile and timeline (docs/redis.md).
  const visitorKeys = async (site) => (await stack.redisCli('--scan', '--pattern', `lg:*:tl:${site}:*`)).split('\n').filter(Boolean);
  const pageviews = async (site, path) => Number((await stack.redisCli('HGET', `lg:{d:${site}}:${today()}:pv`, path)) || 0);
  const uniques = async (site) => Number(await stack.redisCli('PFCOUNT', `lg:{d:${site}}:${today()}:uv`));
  const landed = (site, id, views) =>
    eventually(async () => {
      const visitor = await stack.visitor(site, id);
      return visitor && visitor.timeline.filter((e) => e.type == 'pageview').length >= views && visitor;
    }, { what: `${views} views of ${site} visitor ${id}`, timeout: 20000 });

  test('served first party, the gateway keeps the visitor in its HttpOnly cookie when the script storage has expired', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(stack.site + '/first-party.html');
    const cookie = await eventually(() => gatewayCookie(context), { what: 'the gateway cookie' });
    const id = await storedId(context);
    assert.match(id, VISITOR);
    assert.equal(cookie.value, id, 'the first event gives the cookie its id');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    assert.equal(cookie.secure, true);
    assert.equal(cookie.path, '/a7');
    assert.equal(cookie.domain, '127.0.0.1', "host-only, on the site's own domain");
    const lifetime = cookie.expires - Date.now() / 1000;
    assert.ok(lifetime > 360 * 86400 && lifetime <= 396 * 86400, `cookie lives ${Math.round(lifetime / 86400)} days`);
    assert.equal(await page.evaluate(() => document.cookie), '', 'the script cannot read it');
    await landed('fp', id, 1);

    // Safari deletes what a script stored after 7 days: the next visit's snippet starts with a new id.
    await page.evaluate(() => localStorage.clear());
    await page.goto(stack.site + '/first-party.html?page=2');
    await page.waitForFunction(() => localStorage._lg_v);
    const fresh = await storedId(context);
    assert.notEqual(fresh, id);
    const visitor = await landed('fp', id, 2);
    assert.deepEqual(visitor.timeline.map((e) => e.url).reverse(), [stack.site + '/first-party.html', stack.site + '/first-party.html?page=2']);
    assert.equal(await stack.visitor('fp', fresh), null, "the script's new id made no second visitor");
    assert.equal((await gatewayCookie(context)).value, id, 'renewed with the same id');
    await context.close();
  });

  test('consent required: only cookieless counts leave the browser before consent, and nothing is joined after it', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const sent = [];
    page.on('request', (r) => r.url() == stack.gateway + '/e' && sent.push(JSON.parse(r.postData())));
    await page.goto(stack.site + '/consent-required.html');
    await eventually(async () => (await pageviews('cmp', '/consent-required.html')) == 1, { what: 'the cookieless view counted' });
    assert.deepEqual(sent, [{ site: 'cmp', type: 'pageview', url: stack.site + '/consent-required.html' }]);
    assert.equal(await page.evaluate(() => localStorage.length), 0, 'nothing stored in the browser');
    assert.deepEqual(await context.cookies(), []);
    assert.deepEqual(await visitorKeys('cmp'), [], 'no visitor profile');
    assert.equal(await uniques('cmp'), 1);

    await page.click('#accept');
    const id = await eventually(() => storedId(context), { what: 'the id made by consent' });
    const visitor = await landed('cmp', id, 1);
    assert.deepEqual(visitor.timeline.map((e) => e.type), ['pageview'], 'the consent answer is no tracking event');
    assert.equal(visitor.profile.sessions, '1');
    assert.deepEqual((await visitorKeys('cmp')).map((key) => key.split(':').pop()), [id], 'the only visitor: the cookieless one is joined to nothing');
    await eventually(async () => (await pageviews('cmp', '/consent-required.html')) == 2, { what: 'the consented view counted' });
    assert.equal(await uniques('cmp'), 2, 'the hash and the id: two of the day');
    await context.close();
  });

  test('Global Privacy Control: with the site owner ignoring it in the snippet, the gateway still keeps no profile and no cookie', async () => {
    stack.vars.HONOR_DNT = 'false';
    const context = await browser.newContext({ extraHTTPHeaders: { 'Sec-GPC': '1' } });
    await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
    const page = await context.newPage();
    const sent = [];
    page.on('request', (r) => r.url() == stack.site + '/a7/e' && sent.push(r));
    try {
      await page.goto(stack.site + '/first-party.html?gpc=1');
      await page.waitForFunction(() => localStorage._lg_v);
      const id = await storedId(context);
      await eventually(async () => (await pageviews('fp', '/first-party.html')) >= 3, { what: 'the view counted cookieless' });
      assert.ok(sent.length > 0, 'the snippet sent (its owner said so)');
      assert.equal(await stack.visitor('fp', id), null, 'no visitor profile');
      assert.equal(await gatewayCookie(context), undefined, 'no cookie');
    } finally {
      delete stack.vars.HONOR_DNT;
      await context.close();
    }
  });

  test('Global Privacy Control honoured: nothing leaves the browser at all', async () => {
    const context = await browser.newContext({ extraHTTPHeaders: { 'Sec-GPC': '1' } });
    await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
    const page = await context.newPage();
    const sent = [];
    page.on('request', (r) => r.url().startsWith(stack.site + '/a7/') && r.url() != stack.site + '/a7/s.js' && sent.push(r.url()));
    await page.goto(stack.site + '/first-party.html?gpc=2');
    await page.waitForFunction(() => window.leadgate && window.leadgate.l);
    await page.evaluate(() => window.leadgate('track', 'should not leave'));
    await page.goto('about:blank');
    assert.deepEqual(sent, []);
    assert.deepEqual(await context.cookies(), []);
    await context.close();
  });

  const api = (path, body) =>
    fetch(stack.gateway + path, {
      method: body ? 'POST' : 'GET',
      headers: { Authorization: `Bearer ${E2E_KEY}`, 'Content-Type': 'application/json' },
      body: body && JSON.stringify(body)
    });
  // The gateway answers 503 for a while: the snippet keeps the event and retries it later.
  const queueWhileDown = async (page, events) => {
    await page.route(events, (route) => route.fulfill({ status: 503, body: '{"error":"store_unavailable"}' }));
    await page.evaluate(() => window.leadgate('track', 'queued before the erasure'));
    await eventually(() => page.evaluate(() => (localStorage._lg_q || '').includes('queued before')), { what: 'the queued event' });
  };
  const erase = async (site, id) => {
    const asked = await api('/api/privacy/erase', { site, visitor: id });
    const answer = await asked.text();
    assert.equal(asked.status, 202, answer);
    const { erasure } = JSON.parse(answer);
    await eventually(async () => (await (await api('/api/privacy/erasures/' + erasure)).json()).status == 'done', { what: 'the erasure done' });
    assert.equal(await stack.visitor(site, id), null, 'erased');
  };
  // The gateway is back: the snippet's retry of its queue is answered 202.
  const backUp = async (page, events) => {
    const accepted = page.waitForResponse((r) => r.url() == events && r.status() == 202, { timeout: 20000 });
    await page.unroute(events);
    await accepted;
  };

  test("an erased visitor's events queued in the browser and retried after the erasure are dropped", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(stack.site + '/first-party.html?erase=1');
    const id = await eventually(() => storedId(context), { what: 'the visitor id' });
    await landed('fp', id, 1);
    await queueWhileDown(page, stack.site + '/a7/e');

    await erase('fp', id);

    await backUp(page, stack.site + '/a7/e');
    assert.equal(await page.evaluate(() => localStorage._lg_q || '[]'), '[]', 'the retries left the browser');
    await new Promise((resolve) => setTimeout(resolve, 3000));
    assert.equal(await stack.visitor('fp', id), null, 'the retried events made no visitor again');
    assert.deepEqual((await visitorKeys('fp')).filter((key) => key.endsWith(':' + id)), []);
    await context.close();
  });

  test('an erased visitor who submits a form again has its later views recorded, never what it queued before the erasure', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(stack.site + '/landing.html?resubmit=1');
    const shown = Date.now();
    const id = await eventually(() => storedId(context), { what: 'the visitor id' });
    await landed('demo', id, 1);
    await queueWhileDown(page, stack.gateway + '/e');
    await erase('demo', id);

    // The person fills the form in (a submit sooner than 3 s after the form was shown is taken for a bot): new consent.
    await page.waitForTimeout(Math.max(0, shown + 3500 - Date.now()));
    await page.fill('input[name=email]', `back-${id.slice(0, 8)}@acme-widgets.com`);
    await page.click('#ebook button');
    await page.waitForSelector('[data-leadgate-success]:not([hidden])');
    await backUp(page, stack.gateway + '/e');
    await page.goto(stack.site + '/about.html?after=1');

    const visitor = await eventually(async () => {
      const v = await stack.visitor('demo', id);
      return v && v.timeline.some((e) => e.type == 'pageview' && e.url.includes('/about.html')) && v;
    }, { what: 'the view after the submission', timeout: 20000 });
    assert.ok(visitor.profile.lead, 'joined to the new lead');
    assert.ok(visitor.timeline.some((e) => e.type == 'form'), 'the submission itself');
    assert.equal(visitor.timeline.filter((e) => e.name == 'queued before the erasure').length, 0, 'the queued event stays dropped');
    assert.equal(visitor.timeline.filter((e) => e.type == 'pageview' && e.url.includes('resubmit=1')).length, 0, 'the view before the erasure stays erased');
    await context.close();
  });
});
