// A page in happy-dom with the snippet loaded and everything it touches under the test's control:
// the clock and timers, fetch and sendBeacon (answered by a fake gateway), cookies, storage and the
// privacy signals. The snippet runs in the window's own context, as in a browser, and so does the
// forms module when the snippet adds its script element (the fake gateway serves it).
import { readFileSync } from 'node:fs';
import { Window } from 'happy-dom';

const read = (path) => readFileSync(new URL('../../' + path, import.meta.url), 'utf8');
/**
 * The code the pages run: the sources, or with LEADGATE_SNIPPET=dist (or a Page's `build: 'dist'`)
 * the built files, whose handshake names are shortened.
 */
export const BUILDS = {
  src: { snippet: read('src/leadgate.js'), forms: read('src/forms.js') },
  dist: { snippet: read('dist/leadgate.min.js'), forms: read('dist/leadgate-forms.min.js') }
};
const DEFAULT_BUILD = process.env.LEADGATE_SNIPPET || 'src';
export const SOURCE = BUILDS.src.snippet;
export const QUEUE_STUB = 'window.leadgate=window.leadgate||function(){(leadgate.q=leadgate.q||[]).push(arguments)}';
export const GATEWAY = 'https://gw.test';
export const START = Date.UTC(2026, 0, 5, 9, 0, 0);

/**
 * What the gateway does with what it receives. `mode`: 'up' stores and answers 202; 'down' fails
 * the request as an unreachable host does; a number answers with that status. Stored events are kept
 * once per event id, as the real gateway does.
 */
export class FakeGateway {
  constructor() {
    this.mode = 'up';
    this.stored = new Map();
    this.requests = [];
    this.forms = { token: () => ({ status: 200, body: { token: 'signed-token' } }), submit: () => ({ status: 200, body: { ok: true, message: 'Thanks!', download: null, redirect: null } }) };
  }

  /** Every event that reached the gateway, including the ones sent twice. */
  received() {
    return this.requests.filter((r) => r.path == '/e').flatMap((r) => JSON.parse(r.body));
  }

  storedEvents() {
    return [...this.stored.values()];
  }

  answer(request) {
    this.requests.push(request);
    if (this.mode == 'down') return 'network';
    if (typeof this.mode == 'number') return { status: this.mode, body: { error: { code: 'x', message: 'x' } } };
    if (request.path == '/e') {
      for (const event of [].concat(JSON.parse(request.body))) {
        if (!this.stored.has(event.id)) this.stored.set(event.id, event);
      }
      return { status: 202, body: { accepted: 1 } };
    }
    if (/^\/f\/[^/]+\/token$/.test(request.path)) return this.forms.token(request);
    if (/^\/f\/[^/]+$/.test(request.path)) return this.forms.submit(request);
    return { status: 404, body: { error: { code: 'not_found' } } };
  }
}

export class Page {
  /**
   * @param {object} options
   * @param {string} [options.url] the page's address
   * @param {object} [options.data] the script tag's data-* attributes (camelCase, as in dataset)
   * @param {string} [options.html] the body's markup
   * @param {object} [options.restore] a snapshot() of an earlier page on the same site (its cookies and storage)
   * @param {FakeGateway} [options.gateway]
   * @param {number} [options.now]
   * @param {Array<Array>} [options.queue] calls made through the queue stub before the script runs
   * @param {(window: Window) => void} [options.before] anything else to set up before the script runs
   * @param {'src'|'dist'} [options.build] the code to run (default: src, or $LEADGATE_SNIPPET)
   */
  constructor(options = {}) {
    const url = options.url || 'https://www.site.test/landing';
    this.gateway = options.gateway || new FakeGateway();
    this.clock = { now: options.now || START };
    this.timers = new Map();
    this.timerSeq = 0;
    this.beaconAnswer = true;
    this.cookieWrites = [];
    this.errors = [];
    this.cookiesRefused = false;
    this.code = BUILDS[options.build || DEFAULT_BUILD];
    // What happens to a script the snippet adds: 'ok' runs it (the forms module at /s-forms.js),
    // 'fail' leaves it unloaded, as an unreachable gateway or a blocker would.
    this.scriptAnswer = 'ok';
    this.scripts = [];
    this.snippetScripts = new Set();

    const window = (this.window = new Window({
      url,
      // Scripts are not fetched by happy-dom: the page runs them itself (see watchScripts).
      settings: { navigation: { disableMainFrameNavigation: true }, handleDisabledFileLoadingAsSuccess: true }
    }));
    const document = (this.document = window.document);
    document.title = options.title || 'Landing page';
    document.body.innerHTML = options.html || '';
    Object.defineProperty(document, 'referrer', { value: options.referrer || '', configurable: true });
    this.setHidden(false);

    const restore = options.restore || { local: {}, cookie: [] };
    for (const [key, value] of Object.entries(restore.local)) window.localStorage.setItem(key, value);
    const cookie = descriptor(document, 'cookie');
    const page = this;
    Object.defineProperty(document, 'cookie', {
      configurable: true,
      get() {
        return cookie.get.call(this);
      },
      set(value) {
        page.cookieWrites.push(value);
        if (!page.cookiesRefused) cookie.set.call(this, value);
      }
    });
    for (const value of restore.cookie) cookie.set.call(document, value);

    window.Date.now = () => this.clock.now;
    window.setTimeout = (fn, ms = 0) => {
      const id = ++this.timerSeq;
      this.timers.set(id, { fn, at: this.clock.now + ms });
      return id;
    };
    // As in a browser, clearTimeout returns nothing.
    window.clearTimeout = (id) => void this.timers.delete(id);
    window.fetch = async (input, init = {}) => this.respond(input, init, 'fetch');
    window.navigator.sendBeacon = (input, body) => {
      this.respond(input, { method: 'POST', body }, 'beacon').catch(() => {});
      return this.beaconAnswer;
    };
    window.addEventListener('error', (e) => this.errors.push(e.error || e.message));
    window.addEventListener('unhandledrejection', (e) => this.errors.push(e.reason));

    if (options.queue) {
      window.eval(QUEUE_STUB);
      for (const args of options.queue) window.leadgate(...args);
    }
    if (options.before) options.before(window, this);
    this.watchScripts();
    this.load(options.data || { site: 'demo' }, options.src || GATEWAY + '/s.js');
  }

  /** Script elements added by the page's code: recorded; the forms module runs, a tick later, as if fetched. */
  watchScripts() {
    new this.window.MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (node.tagName != 'SCRIPT' || this.snippetScripts.has(node)) continue;
          this.scripts.push(node);
          const src = node.getAttribute('src') || '';
          if (this.scriptAnswer == 'ok' && new URL(src, this.window.location.href).pathname == '/s-forms.js') {
            setImmediate(() => this.run(this.code.forms, node));
          }
        }
      }
    }).observe(this.document, { childList: true, subtree: true });
  }

  /** Runs code as the script element `script` would, with document.currentScript set while it runs. */
  run(code, script) {
    Object.defineProperty(this.document, 'currentScript', { get: () => script, configurable: true });
    try {
      this.window.eval(code);
    } finally {
      Object.defineProperty(this.document, 'currentScript', { get: () => null, configurable: true });
    }
  }

  /** The src of each script element the snippet added (the forms module, once at most). */
  addedScripts() {
    return this.scripts.map((script) => script.getAttribute('src'));
  }

  /** Runs the snippet as a script tag with these data attributes would. */
  load(data, src) {
    const script = this.document.createElement('script');
    this.snippetScripts.add(script);
    script.setAttribute('src', src);
    for (const [key, value] of Object.entries(data)) script.dataset[key] = value;
    this.document.head.append(script);
    this.run(this.code.snippet, script);
  }

  async respond(input, init, via) {
    const url = new URL(String(input));
    const request = {
      via,
      url: url.href,
      path: url.pathname,
      method: init.method || 'GET',
      body: init.body,
      headers: init.headers || {},
      keepalive: !!init.keepalive,
      at: this.clock.now
    };
    const answer = await this.gateway.answer(request);
    if (answer == 'network') throw new TypeError('Failed to fetch');
    return {
      status: answer.status,
      ok: answer.status >= 200 && answer.status < 300,
      headers: { get: () => null },
      json: async () => {
        if (answer.body === undefined) throw new SyntaxError('Unexpected end of JSON input');
        return answer.body;
      }
    };
  }

  /** Lets promise chains (fetch answers, their handlers) run to the end. */
  async settle() {
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
  }

  /** Moves the clock on, running every timer that comes due on the way. */
  async advance(ms) {
    const end = this.clock.now + ms;
    await this.settle();
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.clock.now = Math.max(this.clock.now, due[1].at);
      due[1].fn();
      await this.settle();
    }
    this.clock.now = end;
    await this.settle();
  }

  /** Sends whatever is waiting: the batching timer fires. */
  async flush() {
    await this.advance(1000);
  }

  call(...args) {
    this.window.leadgate(...args);
  }

  $(selector) {
    return this.document.querySelector(selector);
  }

  click(selector, init = {}) {
    const el = typeof selector == 'string' ? this.$(selector) : selector;
    const event = new this.window.MouseEvent(init.type || 'click', { bubbles: true, cancelable: true, button: 0, ...init });
    // Links are not followed: the test page stays where it is.
    this.window.addEventListener(event.type, (e) => e.preventDefault(), { once: true });
    el.dispatchEvent(event);
  }

  submit(selector = 'form') {
    const form = this.$(selector);
    form.dispatchEvent(new this.window.Event('submit', { bubbles: true, cancelable: true }));
  }

  navigate(path, how = 'pushState') {
    this.window.history[how]({}, '', path);
  }

  setHidden(hidden) {
    Object.defineProperty(this.document, 'hidden', { get: () => hidden, configurable: true });
    Object.defineProperty(this.document, 'visibilityState', { get: () => (hidden ? 'hidden' : 'visible'), configurable: true });
  }

  hide() {
    this.setHidden(true);
    this.document.dispatchEvent(new this.window.Event('visibilitychange', { bubbles: true }));
  }

  show() {
    this.setHidden(false);
    this.document.dispatchEvent(new this.window.Event('visibilitychange', { bubbles: true }));
  }

  dispatch(type, target = this.window) {
    target.dispatchEvent(new this.window.Event(type, { bubbles: true }));
  }

  /** The events sent by any means (fetch or beacon), in order, duplicates included. */
  sent() {
    return this.gateway.received();
  }

  outbox() {
    return JSON.parse(this.window.localStorage.getItem('_lg_q') || '[]');
  }

  local() {
    const storage = this.window.localStorage;
    const all = {};
    for (let i = 0; i < storage.length; i++) all[storage.key(i)] = storage.getItem(storage.key(i));
    return all;
  }

  cookie(name) {
    const match = this.document.cookie.match(new RegExp('(?:^|; )' + name + '=([^;]*)'));
    return match ? match[1] : undefined;
  }

  /** Cookies and storage, for the next page of the same site. */
  snapshot() {
    return {
      local: this.local(),
      cookie: this.document.cookie
        .split('; ')
        .filter((c) => c && !c.endsWith('='))
        .map((c) => c + ';path=/')
    };
  }

  async close() {
    await this.settle();
    await this.window.happyDOM.close();
  }
}

function descriptor(object, name) {
  for (let o = object; o; o = Object.getPrototypeOf(o)) {
    const found = Object.getOwnPropertyDescriptor(o, name);
    if (found) return found;
  }
  throw new Error('no property ' + name);
}

/** Opens a page, lets the snippet start, and returns it. */
export async function open(options) {
  const page = new Page(options);
  await page.settle();
  return page;
}
