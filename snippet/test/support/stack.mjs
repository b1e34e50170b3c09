// The real thing, on loopback: a private redis-server, the gateway jar, a site served from another
// origin, and Debian's Chromium driven by playwright-core. Every process is started here and ended in stop().
import { spawn, execFile } from 'node:child_process';
import { createServer, request as httpRequest } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, openSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';

// The admin API key of the test gateway: tests read what it holds through its API.
export const E2E_KEY = 'e2e-admin-key-not-a-secret';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;
// LEADGATE_JAR: another build of the gateway (the default is the repository's own).
export const JAR = process.env.LEADGATE_JAR || join(ROOT, '../target/leadgate.jar');
export const DIST = join(ROOT, 'dist/leadgate.min.js');
export const DIST_FORMS = join(ROOT, 'dist/leadgate-forms.min.js');
const FIXTURES = join(ROOT, 'test/fixtures');
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
];
// A desktop Chrome: the gateway drops events from HeadlessChrome as a bot, as it should. Set on the
// browser, not the context: a beacon sent while a page unloads does not carry a context's override.
export const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
export const BROWSER_ARGS = [...CHROMIUM_ARGS, '--user-agent=' + USER_AGENT];

export async function freePort() {
  const server = createNetServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Polls until check() returns a truthy value, or fails with what it last saw. */
export async function eventually(check, { timeout = 15000, interval = 100, what = 'the condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      last = value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}; last: ${last instanceof Error ? last.stack : JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

export function missingPrerequisites() {
  const missing = [];
  if (!existsSync(JAR)) missing.push(`${JAR} (build it: cd .. && mvn -q -DskipTests package)`);
  if (!existsSync(CHROMIUM)) missing.push(`${CHROMIUM} (apt-get install -y chromium)`);
  return missing;
}

export class Stack {
  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'leadgate-e2e-'));
    this.vars = {};
    // Sites a test file adds to the configuration (YAML list entries), and the path under which the site's
    // server passes requests on to the gateway, as a reverse proxy serving it first party does.
    this.extraSites = '';
    this.proxyPrefix = null;
    // null: not known yet; the first start finds out.
    this.formsSupported = null;
  }

  async start() {
    [this.redisPort, this.gatewayPort, this.sitePort] = await Promise.all([freePort(), freePort(), freePort()]);
    this.gateway = `http://127.0.0.1:${this.gatewayPort}`;
    this.site = `http://127.0.0.1:${this.sitePort}`;
    // Another hostname for the same server: a link there is outbound.
    this.elsewhere = `http://localhost:${this.sitePort}`;
    await this.startRedis();
    await this.startSite();
    await this.startGateway();
  }

  async startRedis() {
    this.redis = spawn('redis-server', ['--port', String(this.redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await eventually(async () => (await this.redisCli('PING')) == 'PONG', { what: 'redis-server' });
  }

  async redisCli(...args) {
    const { stdout } = await run('redis-cli', ['-p', String(this.redisPort), ...args]);
    return stdout.trim();
  }

  config(withForms) {
    const forms = `
forms:
  - id: ebook
    site: demo
    kind: magnet
    fields:
      - {name: email, type: email, required: true}
      - {name: name, type: text}
`;
    // anywhere: for pages of an opaque origin (a sandboxed frame sends Origin: null), which only "*" accepts.
    return `server:
  host: 127.0.0.1
apiKeys:
  - {name: e2e, sha256: ${createHash('sha256').update(E2E_KEY).digest('hex')}, role: admin}
sites:
  - key: demo
    allowedOrigins: ["${this.site}"]
  - key: anywhere
    allowedOrigins: ["*"]
${this.extraSites}${withForms ? forms : ''}`;
  }

  /** Starts the gateway; with forms in its config when it knows them (they arrive in a later issue). */
  async startGateway() {
    if (this.formsSupported !== false) {
      this.formsSupported = (await this.launch(true)) == 'ready';
      if (this.formsSupported) return;
    }
    await this.launch(false);
  }

  async launch(withForms) {
    const file = join(this.dir, 'leadgate.yaml');
    writeFileSync(file, this.config(withForms));
    this.logFile = join(this.dir, 'gateway.log');
    const log = openSync(this.logFile, 'a');
    const child = spawn('java', ['-jar', JAR, '--config', file], {
      env: { ...process.env, LEADGATE_REDIS_URL: `redis://127.0.0.1:${this.redisPort}`, LEADGATE_PORT: String(this.gatewayPort) },
      stdio: ['ignore', log, log]
    });
    closeSync(log);
    this.java = child;
    let exited = null;
    child.on('exit', (code) => (exited = code));
    await eventually(
      async () => {
        if (exited !== null) return 'exited';
        const response = await fetch(this.gateway + '/health/ready').catch(() => null);
        return response && response.status == 200 && 'ready';
      },
      { timeout: 60000, what: 'the gateway to be ready' }
    ).then((state) => {
      if (state == 'exited') {
        const output = readFileSync(this.logFile, 'utf8');
        if (withForms && /forms: is not a known setting/.test(output)) return;
        throw new Error('the gateway exited with ' + exited + ':\n' + output);
      }
    });
    if (exited !== null) return 'forms unknown';
    return 'ready';
  }

  async killGateway() {
    const exited = new Promise((resolve) => this.java.once('exit', resolve));
    this.java.kill('SIGKILL');
    await exited;
  }

  async startSite() {
    this.server = createServer((request, response) => {
      const path = new URL(request.url, this.site).pathname;
      if (this.proxyPrefix && path.startsWith(this.proxyPrefix + '/')) return this.proxy(request, response);
      if (/\.(pdf|zip)$/.test(path) || path.startsWith('/get/')) {
        response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Disposition': 'attachment' });
        return response.end('%PDF-1.4 fixture');
      }
      const name = path == '/' ? 'landing.html' : path.slice(1) + (path.endsWith('.html') ? '' : '.html');
      const file = join(FIXTURES, name);
      if (!/^[a-z-]+\.html$/.test(name) || !existsSync(file)) {
        // An SPA: every other path is the app's own page.
        response.writeHead(200, { 'Content-Type': 'text/html' });
        return response.end(this.render('landing.html'));
      }
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end(this.render(name));
    });
    await new Promise((resolve) => this.server.listen(this.sitePort, '127.0.0.1', resolve));
  }

  /** Passes the request on to the gateway without the prefix, as nginx's proxy_pass with a trailing / does. */
  proxy(request, response) {
    const headers = { ...request.headers, 'x-forwarded-for': '127.0.0.1' };
    delete headers.host;
    const upstream = httpRequest(
      { host: '127.0.0.1', port: this.gatewayPort, method: request.method, path: request.url.slice(this.proxyPrefix.length), headers },
      (answer) => {
        response.writeHead(answer.statusCode, answer.headers);
        answer.pipe(response);
      }
    );
    upstream.on('error', () => response.writeHead(502).end());
    request.pipe(upstream);
  }

  /** A fixture with its {{NAME}}s filled in: GATEWAY, ELSEWHERE, and whatever a test put in `this.vars`. */
  render(name) {
    const vars = { GATEWAY: this.gateway, ELSEWHERE: this.elsewhere, ...this.vars };
    return readFileSync(join(FIXTURES, name), 'utf8').replace(/{{(\w+)}}/g, (all, key) => vars[key] ?? all);
  }

  /**
   * The visitor's profile and timeline (newest first) as the gateway holds them, read through the privacy export
   * (the Redis form is compact, docs/redis.md: the gateway reads it back). The profile's counts are flattened and
   * its values made strings, as a profile hash once read: {pageviews: '3', first_touch: '{...}', lead, sessions}.
   * Null when the gateway holds no profile of the visitor.
   */
  async visitor(site, id) {
    const url = `${this.gateway}/api/privacy/export?site=${encodeURIComponent(site)}&visitor=${encodeURIComponent(id)}`;
    const response = await fetch(url, { headers: { Authorization: `Bearer ${E2E_KEY}` } });
    if (response.status == 404) return null;
    if (response.status != 200) throw new Error(`export of visitor ${id}: ${response.status} ${await response.text()}`);
    const held = await response.json();
    const all = [...held.visitors, ...held.leads.flatMap((lead) => lead.visitor_profiles || [])];
    const found = all.find((v) => v.id == id && v.site == site);
    if (!found || !found.profile) return null;
    const { counts = {}, ...rest } = found.profile;
    const profile = {};
    for (const [key, value] of Object.entries({ ...rest, ...counts })) {
      if (value != null) profile[key] = typeof value == 'object' ? JSON.stringify(value) : String(value);
    }
    return { profile, timeline: found.timeline };
  }

  async stop() {
    const quit = (child) =>
      child && child.exitCode === null
        ? new Promise((resolve) => {
            child.once('exit', resolve);
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 5000).unref();
          })
        : null;
    await Promise.all([quit(this.java), quit(this.redis)]);
    if (this.server) await new Promise((resolve) => this.server.close(resolve));
    if (process.env.KEEP_E2E_DIR) console.log('e2e files kept in', this.dir);
    else rmSync(this.dir, { recursive: true, force: true });
  }

  gatewayLog() {
    try {
      return readFileSync(this.logFile, 'utf8');
    } catch {
      return '';
    }
  }
}
