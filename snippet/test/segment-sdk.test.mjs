// The real SDKs from npm against the gateway jar (issue 16): Segment's @segment/analytics-node and RudderStack's
// @rudderstack/rudder-sdk-node send track/page/identify/batch to /v1/* with a site's write key, through a proxy that
// hands the gateway's answer to a batch on but tells the SDK 503, so that the SDK sends the same batch again; each
// event must still be stored once, as the API's stats and lead timeline show.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { Analytics as SegmentAnalytics } from '@segment/analytics-node';
import { Stack, JAR, eventually, freePort } from './support/stack.mjs';

const require = createRequire(import.meta.url);
const RudderAnalytics = require('@rudderstack/rudder-sdk-node');

const SEGMENT_KEY = 'segment-write-key-0123456789';
const RUDDER_KEY = 'rudder-write-key-0123456789';
const API_KEY = 'sdk-test-api-key-0123456789';
const sha256 = (text) => createHash('sha256').update(text).digest('hex');

/** The usual stack with two sites that take write keys, an API key, and a form on each site to make leads. */
class SdkStack extends Stack {
  config() {
    const form = (id, site) => `
  - id: ${id}
    site: ${site}
    kind: magnet
    fields: [{name: email, type: email, required: true}]
    spam: {minSeconds: 0}
    rateLimit: {perIp: 0, perEmail: 0}`;
    return `server:
  host: 127.0.0.1
secret: sdk-test-secret-0123456789abcdef0123
sites:
  - key: seg
    allowedOrigins: ["${this.site}"]
    writeKeys: [{name: node, sha256: ${sha256(SEGMENT_KEY)}}]
  - key: rudder
    allowedOrigins: ["${this.site}"]
    writeKeys: [{name: node, sha256: ${sha256(RUDDER_KEY)}}]
apiKeys:
  - {name: test, sha256: ${sha256(API_KEY)}}
forms:${form('seg-ebook', 'seg')}${form('rudder-ebook', 'rudder')}
`;
  }
}

/**
 * Forwards every request to the gateway as it came (gzip and all); while `failures` is above 0, a batch's answer
 * is swallowed and the SDK gets 503 instead: a retry of what the gateway already took.
 */
async function flakyProxy(target) {
  const proxy = { failures: 0, requests: [] };
  const server = createServer(async (request, response) => {
    const chunks = [];
    for await (const chunk of request) chunks.push(chunk);
    const headers = { ...request.headers };
    for (const name of ['host', 'connection', 'content-length', 'keep-alive', 'transfer-encoding']) delete headers[name];
    const answer = await fetch(target + request.url, { method: request.method, headers, body: Buffer.concat(chunks) });
    const body = await answer.text();
    const failed = answer.status == 200 && proxy.failures > 0;
    if (failed) proxy.failures--;
    proxy.requests.push({ path: request.url, status: answer.status, told: failed ? 503 : answer.status });
    response.writeHead(failed ? 503 : answer.status, { 'Content-Type': 'application/json' });
    response.end(failed ? '{"error":{"code":"proxy","message":"made-up outage"}}' : body);
  });
  const port = await freePort();
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${port}`;
  proxy.close = () => new Promise((resolve) => server.close(resolve));
  return proxy;
}

const skip = existsSync(JAR) ? false : `${JAR} is not built (cd .. && mvn -q -DskipTests package)`;
const stack = new SdkStack();
let proxy;

before(async () => {
  if (skip) return;
  await stack.start();
  proxy = await flakyProxy(stack.gateway);
});

after(async () => {
  if (skip) return;
  await proxy.close();
  await stack.stop();
});

async function api(path) {
  const response = await fetch(stack.gateway + path, { headers: { Authorization: 'Bearer ' + API_KEY } });
  assert.equal(response.status, 200, await response.clone().text());
  return response.json();
}

const stats = (site) => api(`/api/sites/${site}/stats`).then((report) => report.totals);

/** Makes a lead on the site by its form; answers its id. */
async function lead(site, email) {
  const response = await fetch(`${stack.gateway}/f/${site}-ebook`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36' },
    body: JSON.stringify({ visitor: 'form' + Date.now().toString(16).padStart(12, '0'), submission: 's-' + Date.now(), fields: { email } })
  });
  assert.equal(response.status, 200, await response.clone().text());
  return eventually(async () => (await api(`/api/leads?site=${site}&q=${encodeURIComponent(email)}`)).leads[0]?.id, {
    what: 'the lead of ' + email
  });
}

/** The lead's timeline once it holds `count` events of visitors other than its form's. */
async function sdkTimeline(id, count) {
  return eventually(
    async () => {
      const events = (await api('/api/leads/' + id)).timeline.filter((e) => e.type != 'form' && e.linked_by == 'identify');
      return events.length >= count && events;
    },
    { what: `${count} events on lead ${id}` }
  );
}

test('segmentAnalyticsNode_trackPageIdentify_retriedBatch_storedOnceEach', { skip }, async () => {
  const email = `ada-${Date.now()}@acme-corp.com`;
  const leadId = await lead('seg', email);
  const analytics = new SegmentAnalytics({ writeKey: SEGMENT_KEY, host: proxy.url, flushAt: 10, flushInterval: 100, maxRetries: 3 });
  const errors = [];
  analytics.on('error', (e) => errors.push(e));
  proxy.failures = 1;
  proxy.requests = [];
  analytics.identify({ userId: 'user-1', traits: { email, plan: 'pro' } });
  analytics.page({ userId: 'user-1', name: 'Pricing', properties: { url: 'https://www.acme.com/pricing', title: 'Pricing' } });
  analytics.track({ userId: 'user-1', event: 'Signed Up', properties: { plan: 'pro' } });
  analytics.track({ userId: 'user-1', event: 'File Downloaded', properties: { url: 'https://www.acme.com/guide.pdf' } });
  await analytics.closeAndFlush({ timeout: 20000 });
  assert.deepEqual(errors, []);
  const batches = proxy.requests.filter((r) => r.path == '/v1/batch');
  assert.ok(batches.some((r) => r.told == 503) && batches.at(-1).told == 200, JSON.stringify(proxy.requests));

  // the identify links user-1's visitor to the lead; its later events join the lead's timeline, once each
  const events = await sdkTimeline(leadId, 4);
  await new Promise((resolve) => setTimeout(resolve, 300)); // a second copy would be projected by now
  const again = await sdkTimeline(leadId, 4);
  assert.deepEqual(again.map((e) => e.type + ':' + (e.name || e.url)).sort(),
    ['custom:Signed Up', 'custom:identify', 'download:File Downloaded', 'pageview:Pricing'].sort(), JSON.stringify(again));
  assert.equal(events.length, 4);
  const totals = await stats('seg');
  assert.equal(totals.pageviews['/pricing'], 1);
  assert.equal(totals.downloads['https://www.acme.com/guide.pdf'], 1);
  assert.equal(totals.events.custom, 2, JSON.stringify(totals.events));
});

test('rudderSdkNode_trackPageIdentify_retriedAndRepeatedMessageIds_storedOnceEach', { skip }, async () => {
  const email = `bob-${Date.now()}@acme-corp.com`;
  const leadId = await lead('rudder', email);
  const client = new RudderAnalytics(RUDDER_KEY, { dataPlaneUrl: proxy.url, flushAt: 10, flushInterval: 100, logLevel: 'error' });
  proxy.failures = 1;
  proxy.requests = [];
  const sent = (call, message) => new Promise((resolve, reject) => client[call](message, (e) => (e ? reject(e) : resolve())));
  await sent('identify', { userId: 'user-2', anonymousId: 'b0b0b0b0b0b0b0b0', traits: { email } });
  const pricing = { userId: 'user-2', name: 'Pricing', messageId: 'rudder-page-1', properties: { url: 'https://www.acme.com/pricing' } };
  await Promise.all([
    sent('page', pricing),
    sent('page', { ...pricing }), // the same messageId twice: one page view
    sent('track', { userId: 'user-2', event: 'Signed Up', properties: { plan: 'team' } })
  ]);
  await client.flush();
  const batches = proxy.requests.filter((r) => r.path == '/v1/batch');
  assert.ok(batches.filter((r) => r.told == 503).length == 1, JSON.stringify(batches));

  // identify (on the anonymous and the user's visitor), page and track
  const events = await sdkTimeline(leadId, 4);
  await new Promise((resolve) => setTimeout(resolve, 300));
  const again = await sdkTimeline(leadId, 4);
  assert.deepEqual(again.map((e) => e.type + ':' + (e.name || e.url)).sort(),
    ['custom:Signed Up', 'custom:identify', 'custom:identify', 'pageview:Pricing'].sort(), JSON.stringify(again));
  assert.equal(events.length, 4);
  const totals = await stats('rudder');
  assert.equal(totals.pageviews['/pricing'], 1);
  assert.equal(totals.events.custom, 3, JSON.stringify(totals.events));
});

test('wrongWriteKey_theSdkIsRefusedAndNothingIsStored', { skip }, async () => {
  const before = (await stats('seg')).events.custom ?? 0;
  const analytics = new SegmentAnalytics({ writeKey: 'not-a-key', host: stack.gateway, flushAt: 1, maxRetries: 0 });
  const failed = new Promise((resolve) => analytics.on('error', resolve));
  analytics.track({ userId: 'user-3', event: 'Nope' });
  const error = await failed;
  assert.match(String(error.reason ?? error.message ?? error), /401/);
  await analytics.closeAndFlush({ timeout: 5000 });
  assert.equal((await stats('seg')).events.custom ?? 0, before);
});
