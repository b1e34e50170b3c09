// The public function, the queue stub, loading once, and never throwing into the host page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, Page } from './support/page.mjs';

const customs = (page) => page.sent().filter((e) => e.type == 'custom');

test('track_nameAndProps_areSentAsACustomEvent', async () => {
  const page = await open({ url: 'https://www.site.test/pricing' });
  page.call('track', 'plan selected', { plan: 'pro', seats: 12, yearly: true });
  await page.flush();
  const [event] = customs(page);
  assert.equal(event.name, 'plan selected');
  assert.deepEqual(event.props, { plan: 'pro', seats: 12, yearly: true });
  assert.equal(event.page, 'https://www.site.test/pricing');
  await page.close();
});

test('track_propsOutsideWhatTheGatewayAccepts_areMadeAcceptable', async () => {
  const page = await open();
  const props = { long: 'z'.repeat(300), nested: { a: 1 }, list: [1, 2], none: null, nan: NaN, big: Infinity };
  for (let i = 0; i < 30; i++) props['k' + i] = i;
  page.call('track', 'n'.repeat(200), props);
  await page.flush();
  const [event] = customs(page);
  assert.equal(event.name.length, 128);
  assert.equal(Object.keys(event.props).length, 20);
  assert.equal(event.props.long.length, 256);
  assert.equal(event.props.nested, '[object Object]');
  assert.equal(event.props.list, '1,2');
  assert.equal(event.props.none, 'null');
  assert.equal(event.props.nan, 'NaN');
  assert.equal(event.props.big, null, 'JSON has no Infinity: null, which the gateway ignores');
  await page.close();
});

test('track_withoutName_sendsNothing', async () => {
  const page = await open();
  page.call('track');
  page.call('track', '');
  await page.flush();
  assert.deepEqual(customs(page), []);
  await page.close();
});

test('identify_props_areSentAsTheCustomEventIdentify', async () => {
  const page = await open();
  page.call('identify', { email: 'ada@acme.test', company: 'ACME' });
  await page.flush();
  const [event] = customs(page);
  assert.equal(event.name, 'identify');
  assert.deepEqual(event.props, { email: 'ada@acme.test', company: 'ACME' });
  await page.close();
});

test('queueStub_callsMadeBeforeLoading_areReplayedInOrder', async () => {
  const page = await open({ queue: [['track', 'early', { n: 1 }], ['identify', { email: 'e@x.test' }], ['track', 'later']] });
  await page.flush();
  assert.deepEqual(page.sent().map((e) => e.name || e.type), ['pageview', 'early', 'identify', 'later']);
  assert.equal(typeof page.window.leadgate, 'function');
  assert.equal(page.window.leadgate.q, undefined, 'the real function replaced the stub');
  await page.close();
});

test('embeddedTwice_loadsOnce', async () => {
  const page = await open({ url: 'https://www.site.test/', html: '<a id=l href="/a.pdf">a</a>' });
  const first = page.window.leadgate;
  page.load({ site: 'demo' }, 'https://gw.test/s.js');
  page.load({ site: 'other' }, 'https://gw2.test/s.js');
  assert.equal(page.window.leadgate, first);
  page.click('#l');
  page.navigate('/next');
  await page.flush();
  assert.deepEqual(page.sent().map((e) => e.type), ['pageview', 'download', 'pageview']);
  assert.ok(page.gateway.requests.every((r) => r.url.startsWith('https://gw.test/')));
  await page.close();
});

test('noSiteKey_doesNothing', async () => {
  const page = await open({ data: {} });
  await page.advance(5000);
  assert.deepEqual(page.gateway.requests, []);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('gatewayOrigin_isTheOriginOfTheScriptsOwnSrc', async () => {
  const page = await open({ src: 'https://collect.acme.test:8443/s.js?v=3' });
  await page.flush();
  assert.equal(page.gateway.requests[0].url, 'https://collect.acme.test:8443/e');
  await page.close();
});

// Each case breaks something the snippet relies on; the host page must never see an exception.
const HOSTILE = {
  'currentScript is null': (w) => Object.defineProperty(w.document, 'currentScript', { get: () => null, configurable: true }),
  'crypto is missing': (w) => Object.defineProperty(w, 'crypto', { value: undefined, configurable: true }),
  'fetch throws synchronously': (w) => (w.fetch = () => { throw new Error('blocked'); }),
  'fetch rejects': (w) => (w.fetch = () => Promise.reject(new Error('offline'))),
  'sendBeacon throws': (w) => (w.navigator.sendBeacon = () => { throw new Error('nope'); }),
  'localStorage throws': (w) => Object.defineProperty(w, 'localStorage', { get: () => { throw new Error('SecurityError'); }, configurable: true }),
  'cookie throws': (w) => Object.defineProperty(w.document, 'cookie', { get: () => { throw new Error('sandboxed'); }, set: () => { throw new Error('sandboxed'); }, configurable: true }),
  'history methods missing': (w) => { w.history.pushState = undefined; },
  'JSON.stringify is broken by the host': (w) => (w.JSON.stringify = () => { throw new Error('polyfill bug'); })
};

for (const [name, breakIt] of Object.entries(HOSTILE)) {
  test(`neverThrows_${name.replaceAll(' ', '_')}`, async () => {
    let page;
    assert.doesNotThrow(() => {
      page = new Page({ html: '<a id=l href="/a.pdf">a</a><form data-leadgate-form="f"><input name=email value=a@b.test></form>', before: (w) => breakIt(w) });
    });
    assert.doesNotThrow(() => {
      page.call('track', 'x', { a: 1 });
      page.call('identify', null);
      page.call('consent', 'granted');
      page.call('nonsense', Symbol('s'));
      page.call();
      page.click('#l');
      page.submit();
      page.hide();
      page.dispatch('pagehide');
      page.dispatch('online');
      page.dispatch('popstate');
    });
    // Once the forms module has loaded, its submit as well.
    await page.settle();
    assert.doesNotThrow(() => page.submit());
    await page.advance(70e3);
    assert.deepEqual(page.errors, []);
    await page.close();
  });
}

test('neverThrows_strangeArgumentsToTheApi', async () => {
  const page = await open();
  const strange = [[], [null], [{}], ['track', { toString: () => { throw new Error('evil'); } }], ['track', 'x', Object.create(null)], ['identify', 'not an object'], ['consent'], ['track', 'x', new Proxy({}, { ownKeys: () => { throw new Error('trap'); } })]];
  strange.forEach((args, i) => assert.doesNotThrow(() => page.call(...args), `case ${i}`));
  await page.advance(5000);
  assert.deepEqual(page.errors, []);
  await page.close();
});
