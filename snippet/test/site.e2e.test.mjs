// End to end, as a site sees the snippet: in-page anchors, hash routing, the titles of single-page-app
// routes, a sandboxed frame and a strict Content Security Policy. The built snippet, served by the gateway
// jar, in Debian's Chromium, on a site of another origin; what lands is read from Redis.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { Stack, eventually, missingPrerequisites, CHROMIUM, BROWSER_ARGS } from './support/stack.mjs';

const README = new URL('../README.md', import.meta.url);

describe('e2e: the snippet as a site sees it', { timeout: 180000 }, () => {
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

  const snippetLoaded = (page) => page.waitForFunction(() => window.leadgate && window.leadgate.l);
  const visitorOf = async (context) =>
    (await context.storageState()).origins.find((o) => o.origin == stack.site)?.localStorage.find((i) => i.name == '_lg_v')?.value;
  /** Every event the page (and its frames) posted to the gateway, by fetch or beacon. */
  const posted = (page) => {
    const events = [];
    page.on('request', (r) => r.method() == 'POST' && r.url() == stack.gateway + '/e' && events.push(...[].concat(JSON.parse(r.postData()))));
    return events;
  };
  /** The visitor's timeline (oldest first) once `ready` holds for it. */
  const landed = async (site, id, ready, what) => {
    let seen;
    try {
      const visitor = await eventually(
        async () => {
          seen = await stack.visitor(site, id);
          return seen && ready([...seen.timeline].reverse()) && seen;
        },
        { what, timeout: 20000 }
      );
      return [...visitor.timeline].reverse();
    } catch (e) {
      const summary = seen && seen.timeline.map((t) => `${t.type} ${t.name || t.url} ${t.title || ''}`);
      throw new Error(`${e.message.split(';')[0]}; visitor ${id} has ${JSON.stringify(summary, null, 1)}`);
    }
  };
  const views = (timeline) => timeline.filter((e) => e.type == 'pageview');
  /** Events sent after `marker` (a custom event the case sends last) has landed are in the store too. */
  const sendMarker = (page) => page.evaluate(() => window.leadgate('track', 'done'));
  const hasMarker = (timeline) => timeline.some((e) => e.name == 'done');

  // Page views: what a visitor does on a page, and the views the site gets for it.
  const VIEW_CASES = [
    {
      name: 'in-page anchors (a link to #faq, location.hash, back) are not page views',
      fixture: '/anchors.html',
      act: async (page) => {
        await page.click('#to-faq');
        await page.evaluate(() => (location.hash = '#top'));
        await page.goBack();
      },
      views: [['/anchors.html', 'ACME docs']]
    },
    {
      name: 'a landing url with a #fragment is sent without it',
      fixture: '/anchors.html#faq',
      act: async () => {},
      views: [['/anchors.html', 'ACME docs']]
    },
    {
      name: 'with data-hash-routing each #/route is a page view',
      fixture: '/hash-app.html',
      act: async (page) => {
        await page.click('#to-pricing');
        await page.click('#to-features');
        await page.evaluate(() => (location.hash = '#/features'));
      },
      views: [
        ['/hash-app.html', 'ACME app: home'],
        ['/hash-app.html#/pricing', 'ACME app: home'],
        ['/hash-app.html#/features', 'ACME app: home']
      ]
    },
    {
      name: 'an SPA route gets the title the app sets after pushState (a tick, a frame, or a fetch later)',
      fixture: '/spa.html',
      act: async (page) => {
        for (const button of ['#tick', '#frame', '#fetched']) {
          await page.click(button);
          await page.waitForTimeout(400);
        }
      },
      views: [
        ['/spa.html', 'ACME: home'],
        ['/features', 'ACME: features'],
        ['/pricing', 'ACME: pricing'],
        ['/customers', 'ACME: customers']
      ]
    },
    {
      name: 'an SPA route left before its view was sent still lands, with its title',
      fixture: '/spa.html',
      act: async (page) => {
        await Promise.all([page.waitForURL('**/about.html'), page.click('#leave')]);
        await snippetLoaded(page);
      },
      views: [
        ['/spa.html', 'ACME: home'],
        ['/careers', 'ACME: careers'],
        ['/about.html', 'About ACME']
      ]
    }
  ];

  for (const { name, fixture, act, views: expected } of VIEW_CASES) {
    test(name, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e));
      await page.goto(stack.site + fixture);
      await snippetLoaded(page);
      await act(page);
      await sendMarker(page);
      const timeline = await landed('demo', await visitorOf(context), hasMarker, name);
      assert.deepEqual(
        views(timeline).map((v) => [v.url.slice(stack.site.length), v.title]),
        expected
      );
      assert.deepEqual(errors, []);
      await context.close();
    });
  }

  test('in a sandboxed frame, where cookies and storage throw, events are sent with a visitor id kept in memory', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const events = posted(page);
    const errors = [];
    page.on('pageerror', (e) => errors.push(e));
    await page.goto(stack.site + '/sandboxed.html');
    const frame = page.frame({ url: /framed\.html/ });
    await frame.waitForFunction(() => window.leadgate && window.leadgate.l);
    // What the frame cannot touch: the reason the snippet must keep its ids in memory.
    assert.deepEqual(
      await frame.evaluate(() => ['cookie', 'localStorage'].map((name) => {
        try {
          return name == 'cookie' ? document.cookie : window.localStorage;
        } catch (e) {
          return e.name;
        }
      })),
      ['SecurityError', 'SecurityError']
    );
    await frame.click('#step');
    await eventually(() => events.length >= 3, { what: 'the frame to send its events' });
    const id = events[0].visitor;
    assert.match(id, /^[0-9a-f]{32}$/);
    assert.ok(events.every((e) => e.visitor == id && e.session == events[0].session), 'one visitor, one session');
    await frame.evaluate(() => window.leadgate('track', 'done'));
    const timeline = await landed('anywhere', id, hasMarker, 'the frame\'s events');
    assert.deepEqual(
      timeline.map((e) => e.name || e.url.slice(stack.site.length)),
      ['/framed.html', 'widget shown', '/framed.html?step=2', 'done']
    );
    assert.deepEqual(errors, []);
    await context.close();
  });

  /** The policy snippet/README.md tells a site to add, for this gateway. */
  const documentedPolicy = () => {
    const line = readFileSync(README, 'utf8').match(/^Content-Security-Policy: (.+)$/m);
    assert.ok(line, 'snippet/README.md shows the Content-Security-Policy a site needs');
    return line[1].replaceAll('https://GATEWAY', stack.gateway);
  };

  // Under `default-src 'none'` plus what the README names, the snippet and its forms module work; a
  // policy without connect-src is there to show that the check can see a blocked request.
  const CSP_CASES = [
    { name: 'the policy snippet/README.md documents lets every event and the form token through', policy: () => documentedPolicy(), blocked: [] },
    {
      name: 'the same policy without connect-src blocks the events (the check sees it)',
      policy: () => documentedPolicy().replace(/;?\s*connect-src[^;]*/, ''),
      blocked: ['connect-src']
    }
  ];

  for (const { name, policy, blocked } of CSP_CASES) {
    test(name, async () => {
      stack.vars.CSP = "default-src 'none'; " + policy();
      const context = await browser.newContext();
      const page = await context.newPage();
      const tokens = [];
      page.on('response', (r) => r.url().endsWith('/f/ebook/token') && r.status() == 200 && tokens.push(r.url()));
      await page.addInitScript(() => {
        window.violations = [];
        document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.effectiveDirective));
      });
      await page.goto(stack.site + '/csp.html');
      await snippetLoaded(page);
      await page.click('#pdf');
      await sendMarker(page);
      if (blocked.length) {
        await eventually(async () => (await page.evaluate(() => window.violations)).length, { what: 'a violation' });
        assert.deepEqual([...new Set(await page.evaluate(() => window.violations))], blocked);
      } else {
        const timeline = await landed('demo', await visitorOf(context), hasMarker, name);
        assert.deepEqual(timeline.map((e) => e.type), ['pageview', 'download', 'custom']);
        await eventually(() => tokens.length == 1, { what: 'the form token' });
        assert.deepEqual(await page.evaluate(() => window.violations), []);
      }
      stack.vars.CSP = undefined;
      await context.close();
    });
  }
});
