// Page views (on load, SPA navigation, no double counting), the url's stripped parameters, and the
// source of the visit: referrer, utm_* and click ids.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open } from './support/page.mjs';

const views = (page) => page.sent().filter((e) => e.type == 'pageview');

test('pageview_onLoad_hasUrlTitleReferrerAndSite', async () => {
  const page = await open({ url: 'https://www.site.test/pricing', title: 'Pricing', referrer: 'https://search.test/?q=leads' });
  await page.flush();
  const [view] = views(page);
  assert.equal(view.site, 'demo');
  assert.equal(view.url, 'https://www.site.test/pricing');
  assert.equal(view.title, 'Pricing');
  assert.equal(view.referrer, 'https://search.test/?q=leads');
  assert.equal(view.ts, page.clock.now - 1000);
  await page.close();
});

test('pageview_spaNavigation_countsEachNewUrlOnce', async () => {
  const page = await open({ url: 'https://www.site.test/' });
  page.navigate('/features');
  page.navigate('/features'); // the same url again
  page.navigate('/features', 'replaceState'); // state only
  page.navigate('/features?tab=2', 'replaceState');
  page.navigate('/pricing');
  page.navigate('/features', 'replaceState');
  page.dispatch('popstate'); // back to a url already counted last
  await page.flush();
  assert.deepEqual(
    views(page).map((v) => new URL(v.url).pathname + new URL(v.url).search),
    ['/', '/features', '/features?tab=2', '/pricing', '/features']
  );
  await page.close();
});

// An anchor is a place on the page, not a page: the fragment is neither a new view nor part of the url,
// unless the site routes by it (data-hash-routing).
const HASH_CASES = [
  { data: {}, landing: '/docs#install', moves: ['#faq', '#top'], expected: ['/docs'] },
  { data: {}, landing: '/docs', moves: ['#/pricing'], expected: ['/docs'] },
  { data: { hashRouting: '' }, landing: '/app#/home', moves: ['#/pricing', '#/pricing', '#/features'], expected: ['/app#/home', '/app#/pricing', '/app#/features'] }
];
for (const { data, landing, moves, expected } of HASH_CASES) {
  test(`pageview_${'hashRouting' in data ? 'hashRouting' : 'anchors'}_${landing}_then_${moves.join('_')}_views_${expected.join('_')}`, async () => {
    const page = await open({ url: 'https://www.site.test' + landing, data: { site: 'demo', ...data } });
    for (const fragment of moves) {
      page.window.location.hash = fragment;
      page.dispatch('popstate');
    }
    page.call('track', 'after');
    await page.flush();
    const path = (url) => url.slice('https://www.site.test'.length);
    assert.deepEqual(views(page).map((v) => path(v.url)), expected);
    assert.equal(path(page.sent().at(-1).page), expected.at(-1), 'the page of later events');
    await page.close();
  });
}

// A single-page app sets the new route's title after it has changed the url.
test('pageview_titleSetAfterPushState_isTheNewRoutesTitle', async () => {
  const page = await open({ url: 'https://www.site.test/', title: 'Home' });
  page.navigate('/pricing');
  await page.advance(300);
  page.document.title = 'Pricing';
  page.navigate('/features');
  page.document.title = 'Features';
  await page.advance(2000);
  assert.deepEqual(views(page).map((v) => v.title), ['Home', 'Pricing', 'Features']);
  await page.close();
});

test('pageview_titleStillToComeWhenThePageIsLeft_goesByBeaconWithTheTitleItHasThen', async () => {
  const page = await open({ url: 'https://www.site.test/', title: 'Home' });
  await page.flush();
  page.navigate('/pricing');
  page.document.title = 'Pricing';
  page.dispatch('pagehide');
  await page.settle();
  const beaconed = page.gateway.requests.filter((r) => r.via == 'beacon').flatMap((r) => JSON.parse(r.body));
  assert.deepEqual(beaconed.map((v) => [new URL(v.url).pathname, v.title]), [['/pricing', 'Pricing']]);
  await page.close();
});

test('pageview_popstateToAnotherUrl_counts', async () => {
  const page = await open({ url: 'https://www.site.test/a' });
  page.window.history.replaceState = page.window.History.prototype.replaceState; // the browser moved the url itself
  page.window.history.replaceState({}, '', '/b');
  page.dispatch('popstate');
  await page.flush();
  assert.deepEqual(views(page).map((v) => new URL(v.url).pathname), ['/a', '/b']);
  await page.close();
});

test('pageview_afterSpaNavigation_referrerIsThePreviousPage', async () => {
  const page = await open({ url: 'https://www.site.test/?utm_source=news', referrer: 'https://search.test/' });
  page.navigate('/pricing');
  page.call('track', 'plan chosen');
  await page.flush();
  const [landing, pricing, custom] = page.sent();
  assert.equal(landing.referrer, 'https://search.test/');
  assert.deepEqual(landing.utm, { source: 'news' });
  assert.equal(pricing.referrer, 'https://www.site.test/?utm_source=news');
  assert.equal(pricing.utm, undefined, 'the new url has no utm_*');
  assert.equal(custom.page, 'https://www.site.test/pricing');
  await page.close();
});

test('pageview_manualPage_countsANewUrlOnly', async () => {
  const page = await open({ url: 'https://www.site.test/' });
  page.call('page');
  page.window.history.replaceState = page.window.History.prototype.replaceState;
  page.window.history.replaceState({}, '', '/virtual/step-2');
  page.call('page');
  await page.flush();
  assert.deepEqual(views(page).map((v) => new URL(v.url).pathname), ['/', '/virtual/step-2']);
  await page.close();
});

test('source_landingWithUtmAndClickIds_areSentWithEveryEventOfThePage', async () => {
  const url =
    'https://www.site.test/?utm_source=linkedin&utm_medium=paid&utm_campaign=q1&utm_term=crm&utm_content=v2' +
    '&gclid=G1&fbclid=F1&msclkid=M1&li_fat_id=L1&other=1';
  const page = await open({ url, html: '<a id=pdf href="/a.pdf">a</a>' });
  page.click('#pdf');
  page.call('track', 'cta');
  await page.flush();
  for (const event of page.sent()) {
    assert.deepEqual(event.utm, { source: 'linkedin', medium: 'paid', campaign: 'q1', term: 'crm', content: 'v2' }, event.type);
    assert.deepEqual(event.click, { gclid: 'G1', fbclid: 'F1', msclkid: 'M1', li_fat_id: 'L1' }, event.type);
  }
  await page.close();
});

test('source_noParameters_sendsNoUtmOrClick', async () => {
  const page = await open({ url: 'https://www.site.test/?utm_source=' });
  await page.flush();
  const [view] = page.sent();
  assert.equal(view.utm, undefined);
  assert.equal(view.click, undefined);
  assert.equal(view.referrer, '');
  await page.close();
});

test('source_veryLongValue_isCutTo256Characters', async () => {
  const page = await open({ url: 'https://www.site.test/?utm_campaign=' + 'x'.repeat(600) });
  await page.flush();
  assert.equal(page.sent()[0].utm.campaign.length, 256);
  await page.close();
});

const STRIP_CASES = [
  { strip: 'token,email', url: '/a?token=s3cret&b=1&email=a%40b.test', expected: '/a?b=1' },
  { strip: 'token, email', url: '/a?email=x&token=y', expected: '/a' },
  { strip: 'token', url: '/a?tokens=1#top', expected: '/a?tokens=1' },
  { strip: undefined, url: '/a?token=1', expected: '/a?token=1' },
  { strip: undefined, url: '/a?q=a%20b&x', expected: '/a?q=a%20b&x' }
];
for (const { strip, url, expected } of STRIP_CASES) {
  test(`stripParams_${strip}_${url}_becomes_${expected}`, async () => {
    const data = { site: 'demo' };
    if (strip) data.stripParams = strip;
    const page = await open({ url: 'https://www.site.test' + url, data, html: '<a id=o href="https://other.test/">o</a>' });
    page.click('#o');
    await page.flush();
    const [view, outbound] = page.sent();
    assert.equal(view.url, 'https://www.site.test' + expected);
    assert.equal(outbound.page, 'https://www.site.test' + expected);
    await page.close();
  });
}

test('pageview_veryLongUrl_isCutTo2048Characters', async () => {
  const page = await open({ url: 'https://www.site.test/?q=' + 'y'.repeat(3000) });
  await page.flush();
  assert.equal(page.sent()[0].url.length, 2048);
  await page.close();
});
