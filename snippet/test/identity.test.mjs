// The visitor id (localStorage, memory where storage is refused) and the session (30 minutes of inactivity).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open } from './support/page.mjs';

const HEX32 = /^[0-9a-f]{32}$/;

test('visitor_firstVisit_is32LowercaseHexCharacters', async () => {
  const page = await open();
  await page.flush();
  const [view] = page.sent();
  assert.match(view.visitor, HEX32);
  assert.match(view.id, HEX32);
  assert.match(view.session, HEX32);
  await page.close();
});

test('ids_manyVisitors_areAllDifferent', async () => {
  const seen = new Set();
  for (let i = 0; i < 20; i++) {
    const page = await open();
    await page.flush();
    seen.add(page.sent()[0].visitor);
    await page.close();
  }
  assert.equal(seen.size, 20);
});

// The gateway's HttpOnly cookie keeps the id where the site serves the gateway itself (test/privacy.e2e.test.mjs);
// a cookie set by the script would last no longer than storage in Safari (7 days), so the script sets none.
test('visitorId_firstVisit_isKeptInLocalStorageAndNoCookieIsWritten', async () => {
  const page = await open({ url: 'https://www.site.test/' });
  await page.flush();
  assert.equal(page.local()._lg_v, page.sent()[0].visitor);
  assert.deepEqual(page.cookieWrites, []);
  await page.close();
});

test('visitor_nextPageLoad_isTheSameVisitor', async () => {
  const first = await open();
  await first.flush();
  const second = await open({ url: 'https://www.site.test/pricing', restore: first.snapshot() });
  await second.flush();
  assert.equal(second.sent()[0].visitor, first.sent()[0].visitor);
  await first.close();
  await second.close();
});

// A sandboxed frame (allow-scripts only) throws on document.cookie and on localStorage.
test('visitor_cookieAndStorageThrow_eventsAreSentWithOneIdKeptInMemory', async () => {
  const refused = () => {
    throw new DOMException('sandboxed', 'SecurityError');
  };
  const sandbox = (window) => {
    Object.defineProperty(window.document, 'cookie', { get: refused, set: refused, configurable: true });
    Object.defineProperty(window, 'localStorage', { get: refused, configurable: true });
  };
  const page = await open({ before: sandbox });
  page.call('track', 'widget shown');
  page.navigate('/step-2');
  await page.advance(2000);
  const sent = page.sent();
  assert.deepEqual(sent.map((e) => e.type), ['pageview', 'custom', 'pageview']);
  assert.match(sent[0].visitor, HEX32);
  assert.ok(sent.every((e) => e.visitor == sent[0].visitor && e.session == sent[0].session));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('visitor_cookieRefused_isKeptInLocalStorage', async () => {
  const refuse = (window, page) => (page.cookiesRefused = true);
  const first = await open({ before: refuse });
  await first.flush();
  assert.equal(first.cookie('_lg_v'), undefined);
  const snapshot = first.snapshot();
  assert.match(snapshot.local._lg_v, HEX32);
  const second = await open({ url: 'https://www.site.test/pricing', restore: snapshot, before: refuse });
  await second.flush();
  assert.equal(second.sent()[0].visitor, first.sent()[0].visitor);
  await first.close();
  await second.close();
});

// Only the gateway's cookie can tell it is the same browser (the gateway takes its id over the event's).
test('visitor_localStorageCleared_sendsANewId', async () => {
  const first = await open();
  await first.flush();
  const snapshot = first.snapshot();
  snapshot.local = {};
  const second = await open({ restore: snapshot });
  await second.flush();
  assert.match(second.sent()[0].visitor, HEX32);
  assert.notEqual(second.sent()[0].visitor, first.sent()[0].visitor);
  await first.close();
  await second.close();
});

test('visitor_noCookiesAndStorageThrows_keepsOneIdForThePage', async () => {
  const page = await open({
    html: '<a id=out href="https://other.test/">x</a>',
    before: (window, page) => {
      page.cookiesRefused = true;
      Object.defineProperty(window, 'localStorage', { get: () => { throw new Error('SecurityError'); }, configurable: true });
    }
  });
  page.click('#out');
  await page.flush();
  const [view, outbound] = page.sent();
  assert.match(view.visitor, HEX32);
  assert.equal(outbound.visitor, view.visitor);
  assert.equal(outbound.session, view.session);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('visitor_tamperedStorage_isReplacedByAValidId', async () => {
  const page = await open({ restore: { local: { _lg_v: 'not-an-id' }, cookie: [] } });
  await page.flush();
  assert.match(page.sent()[0].visitor, HEX32);
  await page.close();
});

test('session_eventsWithin30Minutes_shareOneSession', async () => {
  const page = await open();
  await page.advance(29 * 60e3);
  page.call('track', 'scrolled');
  await page.advance(29 * 60e3);
  page.call('track', 'scrolled again');
  await page.flush();
  const sessions = new Set(page.sent().map((e) => e.session));
  assert.equal(sessions.size, 1);
  await page.close();
});

test('session_after30MinutesInactive_startsANewOne', async () => {
  const page = await open();
  await page.advance(30 * 60e3 + 1);
  page.call('track', 'back');
  await page.flush();
  const [view, back] = page.sent();
  assert.notEqual(back.session, view.session);
  assert.equal(back.visitor, view.visitor);
  await page.close();
});

test('session_nextPageWithin30Minutes_continues', async () => {
  const first = await open();
  await first.flush();
  const second = await open({ restore: first.snapshot(), now: first.clock.now + 10 * 60e3 });
  await second.flush();
  assert.equal(second.sent()[0].session, first.sent()[0].session);
  const third = await open({ restore: second.snapshot(), now: second.clock.now + 31 * 60e3 });
  await third.flush();
  assert.notEqual(third.sent()[0].session, first.sent()[0].session);
  for (const page of [first, second, third]) await page.close();
});
