// Global Privacy Control, Do Not Track, and data-consent="required".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open } from './support/page.mjs';

const signal = (name, value) => (window) => Object.defineProperty(window.navigator, name, { value, configurable: true });

/** Nothing stored (no cookie, no storage) and nothing sent. */
async function assertSilent(page) {
  page.call('track', 'x');
  page.click(page.document.body);
  page.hide();
  await page.advance(10e3);
  assert.deepEqual(page.gateway.requests.filter((r) => r.path == '/e'), []);
  assert.deepEqual(page.cookieWrites, []);
  assert.deepEqual(page.local(), {});
}

test('gpc_onByDefault_isHonoured', async () => {
  const page = await open({ before: signal('globalPrivacyControl', true) });
  await assertSilent(page);
  await page.close();
});

test('dnt_onByDefault_isHonoured', async () => {
  const page = await open({ before: signal('doNotTrack', '1') });
  await assertSilent(page);
  await page.close();
});

test('dnt_unspecifiedOrOff_tracks', async () => {
  for (const value of ['0', 'unspecified', null]) {
    const page = await open({ before: signal('doNotTrack', value) });
    await page.flush();
    assert.equal(page.gateway.stored.size, 1, String(value));
    await page.close();
  }
});

test('gpc_siteOwnerOptedOutWithHonorDntFalse_tracks', async () => {
  const page = await open({ data: { site: 'demo', honorDnt: 'false' }, before: (w) => { signal('globalPrivacyControl', true)(w); signal('doNotTrack', '1')(w); } });
  await page.flush();
  assert.equal(page.gateway.stored.size, 1);
  await page.close();
});

test('gpc_consentGranted_stillNothingIsSent', async () => {
  const page = await open({ data: { site: 'demo', consent: 'required' }, before: signal('globalPrivacyControl', true) });
  page.call('consent', 'granted');
  await assertSilent(page);
  await page.close();
});

/** What a cookieless view carries: the site, the type and the url; no id of any kind, nothing from the url's query. */
const cookieless = (url) => ({ site: 'demo', type: 'pageview', url });

test('consentRequired_beforeConsent_sendsOnlyCookielessViewsAndStoresNothing', async () => {
  const page = await open({ url: 'https://www.site.test/a', data: { site: 'demo', consent: 'required' }, html: '<a id=l href="/a.pdf">a</a>' });
  page.click('#l');
  page.call('track', 'x');
  page.navigate('/b');
  page.navigate('/b');
  page.hide();
  await page.advance(10e3);
  const requests = page.gateway.requests.filter((r) => r.path == '/e');
  assert.deepEqual(requests.map((r) => r.via), ['beacon', 'beacon']);
  assert.deepEqual(page.sent(), [cookieless('https://www.site.test/a'), cookieless('https://www.site.test/b')]);
  assert.deepEqual(page.cookieWrites, []);
  assert.deepEqual(page.local(), {});
  await page.close();
});

test('consentRequired_denied_sendsNoMoreCookielessViews', async () => {
  const page = await open({ url: 'https://www.site.test/a', data: { site: 'demo', consent: 'required' } });
  page.call('consent', 'denied');
  page.navigate('/b');
  await page.advance(10e3);
  assert.deepEqual(page.sent(), [cookieless('https://www.site.test/a')]);
  assert.deepEqual(page.local(), { _lg_c: '0' });
  await page.close();
});

test('consentRequired_granted_sendsTheViewOfThisPageAndRemembersIt', async () => {
  const first = await open({ url: 'https://www.site.test/?utm_source=news', data: { site: 'demo', consent: 'required' } });
  await first.flush();
  first.call('consent', 'granted');
  first.call('track', 'after consent');
  await first.flush();
  const [view, consent, custom] = first.gateway.storedEvents().filter((e) => e.visitor);
  assert.equal(view.type, 'pageview');
  assert.deepEqual(view.utm, { source: 'news' });
  assert.deepEqual([consent.name, consent.props, consent.visitor], ['consent', { granted: true }, view.visitor]);
  assert.equal(custom.name, 'after consent');
  assert.equal(first.local()._lg_v, view.visitor);

  const second = await open({ url: 'https://www.site.test/next', data: { site: 'demo', consent: 'required' }, restore: first.snapshot() });
  await second.flush();
  assert.equal(second.gateway.stored.size, 1, 'a later page needs no new consent, and sends no cookieless view');
  assert.equal(second.sent()[0].visitor, view.visitor);
  await first.close();
  await second.close();
});

test('consentRequired_grantedThroughTheQueueStub_sendsTheFirstView', async () => {
  const page = await open({ data: { site: 'demo', consent: 'required' }, queue: [['consent', 'granted']] });
  await page.flush();
  assert.deepEqual(page.sent().filter((e) => e.visitor).map((e) => e.name || e.type), ['pageview', 'consent']);
  await page.close();
});

test('consent_denied_clearsTheVisitorAndStopsSending', async () => {
  const page = await open();
  page.gateway.mode = 'down';
  await page.flush();
  const visitor = page.local()._lg_v;
  page.call('consent', 'denied');
  const refusal = page.gateway.requests.at(-1);
  assert.equal(refusal.via, 'beacon');
  assert.deepEqual(JSON.parse(refusal.body).map((e) => [e.name, e.props, e.visitor]), [['consent', { granted: false }, visitor]],
    'the refusal alone: the view that waited is dropped');
  assert.deepEqual(Object.keys(page.local()), ['_lg_c'], 'only the refusal itself is kept');
  page.gateway.mode = 'up';
  page.call('track', 'after refusal');
  await page.advance(120e3);
  assert.equal(page.gateway.stored.size, 0);
  await page.close();
});

test('consent_deniedOnAnEarlierPage_isRemembered', async () => {
  const first = await open();
  first.call('consent', 'denied');
  const second = await open({ restore: first.snapshot() });
  await second.advance(5000);
  assert.equal(second.gateway.requests.length, 0);
  await first.close();
  await second.close();
});

test('consent_deniedThroughTheQueueStub_sendsOnlyTheRefusal', async () => {
  const page = await open({ queue: [['consent', 'denied']] });
  await page.advance(5000);
  assert.deepEqual(page.sent().map((e) => [e.type, e.name]), [['custom', 'consent']]);
  assert.deepEqual(page.local(), { _lg_c: '0' });
  await page.close();
});

test('consent_grantedThenDeniedThenGranted_getsANewVisitor', async () => {
  const page = await open();
  await page.flush();
  const before = page.sent()[0].visitor;
  page.call('consent', 'denied');
  page.call('consent', 'granted');
  await page.flush();
  const after = page.sent().filter((e) => e.type == 'pageview').at(-1);
  assert.notEqual(after.visitor, before);
  await page.close();
});

test('consent_grantedWhereTrackingWasAllowedAlready_sendsNoSecondView', async () => {
  const page = await open();
  page.call('consent', 'granted');
  page.call('consent', 'granted');
  await page.flush();
  assert.deepEqual(page.sent().map((e) => e.type), ['pageview']);
  await page.close();
});

test('consentRequired_navigatedBeforeConsent_grantSendsTheViewOfThePageItIsGivenOn', async () => {
  const page = await open({ url: 'https://www.site.test/a', referrer: 'https://search.test/', data: { site: 'demo', consent: 'required' } });
  page.navigate('/b');
  page.navigate('/c');
  await page.flush();
  assert.deepEqual(page.sent(), ['a', 'b', 'c'].map((path) => cookieless('https://www.site.test/' + path)));
  page.call('consent', 'granted');
  await page.flush();
  assert.deepEqual(
    page.sent().filter((e) => e.visitor).map((e) => [e.type, e.url, e.referrer]),
    [['pageview', 'https://www.site.test/c', 'https://search.test/'], ['custom', 'https://www.site.test/c', 'https://search.test/']]
  );
  await page.close();
});
