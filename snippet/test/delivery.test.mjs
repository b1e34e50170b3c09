// Delivery: batches, the outbox in localStorage, retries after failures, sendBeacon on page hide.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, GATEWAY } from './support/page.mjs';

const fetches = (page) => page.gateway.requests.filter((r) => r.via == 'fetch' && r.path == '/e');
const beacons = (page) => page.gateway.requests.filter((r) => r.via == 'beacon');

test('batch_eventsOfTheSameSecond_goInOnePost', async () => {
  const page = await open();
  page.call('track', 'a');
  page.call('track', 'b');
  await page.advance(999);
  assert.equal(fetches(page).length, 0, 'nothing before the second is over');
  await page.advance(1);
  const [post] = fetches(page);
  assert.equal(fetches(page).length, 1);
  assert.equal(post.url, GATEWAY + '/e');
  assert.equal(post.method, 'POST');
  assert.equal(typeof post.body, 'string', 'a string body goes as text/plain: no CORS preflight');
  assert.equal(post.headers['Content-Type'], undefined);
  assert.deepEqual(JSON.parse(post.body).map((e) => e.name || e.type), ['pageview', 'a', 'b']);
  assert.deepEqual(page.outbox(), [], 'confirmed events leave the outbox');
  await page.close();
});

test('batch_moreThan50Waiting_goInPostsOfAtMost50', async () => {
  const page = await open();
  for (let i = 0; i < 70; i++) page.call('track', 'e' + i);
  await page.flush();
  assert.deepEqual(fetches(page).map((r) => JSON.parse(r.body).length), [50, 21]);
  assert.equal(page.gateway.stored.size, 71);
  await page.close();
});

test('batch_bigEvents_goInPostsOfAtMost60000Characters', async () => {
  const page = await open({ url: 'https://www.site.test/?q=' + 'x'.repeat(2000) });
  for (let i = 0; i < 50; i++) page.call('track', 'big', { a: 'y'.repeat(256), b: 'z'.repeat(256) });
  await page.flush();
  const posts = fetches(page);
  assert.ok(posts.length > 1);
  for (const post of posts) assert.ok(post.body.length <= 60000, `${post.body.length} characters`);
  assert.equal(page.gateway.stored.size, 51);
  await page.close();
});

test('batch_oneEventOverTheLimitAlone_isStillSent', async () => {
  const page = await open();
  page.window.document.title = 'T';
  const props = {};
  for (let i = 0; i < 20; i++) props['k' + i] = 'v'.repeat(256);
  await page.flush();
  page.call('track', 'x', props);
  await page.flush();
  assert.equal(page.gateway.stored.size, 2);
  await page.close();
});

test('retry_gatewayAnswers503_keepsEventsAndSendsThemLaterOnce', async () => {
  const page = await open();
  page.gateway.mode = 503;
  await page.flush();
  assert.equal(page.outbox().length, 1, 'kept in localStorage');
  page.call('track', 'during outage');
  await page.advance(5000);
  assert.equal(page.outbox().length, 2);
  page.gateway.mode = 'up';
  await page.advance(120e3);
  assert.deepEqual(page.outbox(), []);
  assert.deepEqual(page.gateway.storedEvents().map((e) => e.name || e.type), ['pageview', 'during outage']);
  await page.close();
});

test('retry_backoff_doublesFromASecondToAMinuteWithJitter', async () => {
  const page = await open();
  page.gateway.mode = 'down';
  await page.flush();
  await page.advance(30 * 60e3);
  const times = fetches(page).map((r) => r.at);
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  // backoff b = 1 s, 2 s, 4 s ... 60 s; each wait is b x [0.5, 1.5)
  gaps.forEach((gap, i) => {
    const backoff = Math.min(60e3, 1000 * 2 ** i);
    assert.ok(gap >= backoff * 0.5 && gap < backoff * 1.5, `wait ${i}: ${gap} ms for a backoff of ${backoff} ms`);
  });
  assert.ok(gaps.length > 25, `${gaps.length} tries in 30 minutes`);
  await page.close();
});

for (const status of [500, 502, 429, 'down']) {
  test(`retry_${status}_isRetried`, async () => {
    const page = await open();
    page.gateway.mode = status;
    await page.flush();
    page.gateway.mode = 'up';
    await page.advance(3000);
    assert.equal(page.gateway.stored.size, 1);
    assert.deepEqual(page.outbox(), []);
    await page.close();
  });
}

for (const status of [400, 403, 404, 413]) {
  test(`drop_${status}_isNotRetried`, async () => {
    const page = await open();
    page.gateway.mode = status;
    await page.flush();
    assert.deepEqual(page.outbox(), [], 'refused for good: dropped');
    await page.advance(10 * 60e3);
    assert.equal(fetches(page).length, 1);
    await page.close();
  });
}

test('retry_online_sendsAtOnce', async () => {
  const page = await open();
  page.gateway.mode = 'down';
  await page.flush();
  await page.advance(10e3); // the backoff is now several seconds long
  const tries = fetches(page).length;
  page.gateway.mode = 'up';
  page.dispatch('online');
  await page.settle();
  assert.equal(fetches(page).length, tries + 1);
  assert.equal(page.gateway.stored.size, 1);
  await page.close();
});

test('retry_nextPageLoad_sendsWhatEarlierPagesLeft', async () => {
  const first = await open();
  first.gateway.mode = 'down';
  first.call('track', 'left behind');
  await first.flush();
  const second = await open({ url: 'https://www.site.test/next', restore: first.snapshot() });
  await second.flush();
  assert.deepEqual(
    second.gateway.storedEvents().map((e) => e.name || e.url),
    ['https://www.site.test/landing', 'left behind', 'https://www.site.test/next']
  );
  assert.deepEqual(second.outbox(), []);
  await first.close();
  await second.close();
});

test('outbox_gatewayDownFor130Events_keepsTheNewest100', async () => {
  const page = await open();
  page.gateway.mode = 'down';
  for (let i = 0; i < 130; i++) page.call('track', 'e' + i);
  await page.flush();
  const outbox = page.outbox();
  assert.equal(outbox.length, 100);
  assert.equal(outbox[0].name, 'e30');
  assert.equal(outbox[99].name, 'e129');
  await page.close();
});

test('outbox_corruptedStorage_isStartedAfresh', async () => {
  const page = await open({ restore: { local: { _lg_q: '{not json' }, cookie: [] } });
  await page.flush();
  assert.equal(page.gateway.stored.size, 1);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('hide_pageHidden_beaconsTheOutboxAndKeepsItUntilConfirmed', async () => {
  const page = await open();
  page.call('track', 'last click');
  page.hide();
  const [beacon] = beacons(page);
  assert.equal(beacon.url, GATEWAY + '/e');
  assert.equal(typeof beacon.body, 'string');
  assert.deepEqual(JSON.parse(beacon.body).map((e) => e.name || e.type), ['pageview', 'last click']);
  assert.equal(page.outbox().length, 2, 'no answer from a beacon: kept until a fetch confirms');
  await page.flush();
  assert.deepEqual(page.outbox(), []);
  assert.equal(page.gateway.stored.size, 2, 'sent twice, stored once');
  await page.close();
});

test('hide_pagehideAfterVisibilityChange_beaconsOnce', async () => {
  const page = await open();
  page.hide();
  page.dispatch('pagehide');
  page.dispatch('pagehide');
  assert.equal(beacons(page).length, 1);
  await page.close();
});

test('hide_nothingWaiting_sendsNoBeacon', async () => {
  const page = await open();
  await page.flush();
  page.hide();
  page.dispatch('pagehide');
  assert.equal(beacons(page).length, 0);
  await page.close();
});

test('hide_pageShownAgain_sendsNoBeacon', async () => {
  const page = await open();
  page.show();
  assert.equal(beacons(page).length, 0);
  await page.close();
});

test('hide_beaconRefused_fallsBackToKeepaliveFetch', async () => {
  const page = await open();
  page.beaconAnswer = false;
  page.dispatch('pagehide');
  await page.settle();
  const [fallback] = fetches(page);
  assert.equal(fallback.keepalive, true);
  assert.equal(JSON.parse(fallback.body)[0].type, 'pageview');
  await page.close();
});

test('events_eachHaveTheirOwnId_soResendsAreStoredOnce', async () => {
  const page = await open();
  page.call('track', 'x');
  page.call('track', 'x');
  page.hide();
  await page.flush();
  const ids = page.sent().map((e) => e.id);
  assert.equal(ids.length, 6, 'three events, each sent by beacon and by fetch');
  assert.equal(new Set(ids).size, 3);
  assert.equal(page.gateway.stored.size, 3);
  await page.close();
});
