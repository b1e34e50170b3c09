/*
 * Leadgate tracking snippet: page views, downloads, outbound clicks, custom events and lead-magnet
 * forms, sent to the gateway that served this file. One IIFE, no dependencies, ES2017.
 *
 * Embed: <script async src="https://GATEWAY/s.js" data-site="SITE_KEY"></script>
 * Queue stub (optional, before it):
 *   window.leadgate=window.leadgate||function(){(leadgate.q=leadgate.q||[]).push(arguments)}
 *
 * It must never break the host page: every entry point (listeners, timers, promise handlers, the
 * public function) runs inside safe(), and every promise chain ends in a handler.
 * Size is a feature (budget: 2,000 bytes gzipped), so the code takes shapes that minify well.
 */
((w, d, prior) => {
  // Embedded twice: the first copy does the work.
  if (prior && prior.l) return;

  const safe = (f) => (...args) => {
    try {
      return f(...args);
    } catch (e) {}
  };
  const noop = () => {};
  const all = (root, selector, each) => root.querySelectorAll(selector).forEach(each);

  safe(() => {
    const script = d.currentScript;
    const options = script.dataset;
    const site = options.site;
    // No site key: there is nobody to send events to.
    if (!site) return;

    const nav = navigator;
    const loc = location;
    const origin = new URL(script.src).origin;
    const collect = origin + '/e';
    const strip = (options.stripParams || '').split(/[\s,]+/);
    const downloads = RegExp(
      `\\.(${(options.downloadExt || 'pdf|zip|docx?|xlsx?|pptx?|epub|csv|txt|mp[34]|mov|7z|rar|gz|dmg|exe|msi|apk').replace(/[\s,]+/g, '|')})$`,
      'i'
    );
    const required = options.consent == 'required';
    // Global Privacy Control and Do Not Track are honoured unless the site owner opts out.
    const blocked = options.honorDnt != 'false' && (nav.globalPrivacyControl || nav.doNotTrack == 1);

    // localStorage through its named properties; a plain object where storage is refused
    // (sandboxed frames, storage disabled), so the page still works from memory.
    let store = {};
    try {
      store = localStorage || store;
    } catch (e) {}
    // A first-party cookie, mirrored in localStorage for browsers that refuse the cookie.
    const get = (key) => (d.cookie.match(`\\b${key}=(\\w+)`) || [])[1] || store[key];
    const put = (key, value = '') => {
      // 382 days: under the 13 months an audience cookie may live.
      d.cookie = `${key}=${value};path=/;SameSite=Lax;max-age=${value ? 33e6 : 0}${loc.protocol == 'https:' ? ';Secure' : ''}`;
      store[key] = value;
    };

    // 128 random bits as 32 lowercase hex characters.
    const randomId = () => [...crypto.getRandomValues(new Uint8Array(16))].map((b) => (b + 256).toString(16).slice(1)).join('');

    // '1' granted, '0' denied, nothing: not asked yet.
    const consent = get('_lg_c');
    let allowed = !blocked && (consent == 1 || (!required && consent != '0'));
    let source = {};
    let backoff = 0;
    let visitor, pageUrl, timer, inFlight, beaconed;

    const visitorId = () => {
      visitor = visitor || get('_lg_v');
      if (!/^[\da-f]{32}$/.test(visitor)) put('_lg_v', (visitor = randomId()));
      return visitor;
    };
    // A session ends after 30 minutes without an event; tabs share it through localStorage.
    const sessionId = (now) => {
      const [id, last] = (store._lg_s || '').split('.');
      const session = now - last < 18e5 ? id : randomId();
      store._lg_s = session + '.' + now;
      return session;
    };

    const currentUrl = () => {
      const url = new URL(loc);
      strip.map((param) => url.searchParams.delete(param));
      return url.href.slice(0, 2048);
    };
    const params = (names, prefix, found) => {
      names.split(' ').map((name) => {
        const value = new URLSearchParams(loc.search).get(prefix + name);
        if (value) (found = found || {})[name] = value.slice(0, 256);
      });
      return found;
    };
    // What the gateway accepts: at most 20 keys; values boolean, finite number, or a string of
    // at most 256 characters (anything else becomes one).
    const props = (given, clean = {}) => {
      Object.keys(given || {})
        .slice(0, 20)
        .map((key) => {
          const value = given[key];
          clean[key] = value === !!value || (value === +value && isFinite(value)) ? value : ('' + value).slice(0, 256);
        });
      return clean;
    };

    // The outbox: events the gateway has not confirmed yet, the oldest dropped beyond 100.
    const load = () => {
      try {
        return JSON.parse(store._lg_q) || [];
      } catch (e) {
        return [];
      }
    };
    const save = (queue) => (store._lg_q = JSON.stringify(queue.slice(-100)));
    const post = (url, body, options) => fetch(url, Object.assign({ method: 'POST', body }, options));
    const schedule = (ms) => (timer = timer || setTimeout(flush, ms));
    const flush = async () => {
      timer = 0;
      const body = JSON.stringify(load().slice(0, 50));
      if (inFlight || !allowed || body == '[]') return;
      inFlight = 1;
      try {
        // fetch, not sendBeacon: only an answer tells whether the events were stored. No keepalive:
        // if the page goes away meanwhile, hide() hands the outbox to sendBeacon.
        const status = (await post(collect, body)).status;
        // The gateway could not store them now (503 while its store is down): keep, retry later.
        if (status > 499 || status == 429) throw 0;
        // Stored (2xx), or refused for good (4xx): either way they leave the outbox.
        backoff = 0;
        save(load().filter((event) => !body.includes(event.id)));
        schedule(0);
      } catch (e) {
        backoff = Math.min(6e4, backoff * 2 || 1e3);
        schedule(backoff * (0.5 + Math.random()));
      }
      inFlight = 0;
    };
    // The page may be going away: hand the outbox to the browser. The events stay in the outbox
    // until a fetch confirms them; the gateway stores an event id once, so sending twice is safe.
    const hide = (e) => {
      const body = JSON.stringify(load().slice(0, 50));
      // 'visibilitychange' also fires when the page comes back into view; 'pagehide' < 'v'.
      if (allowed && body != beaconed && body != '[]' && (e.type < 'v' || d.hidden)) {
        nav.sendBeacon(collect, (beaconed = body)) || post(collect, body, { keepalive: 1 }).catch(noop);
      }
    };

    const send = (type, event) => {
      // A privacy signal, or no consent: nothing is stored and nothing leaves the page.
      if (!allowed) return;
      const now = Date.now();
      const queue = load();
      queue.push(
        Object.assign(
          { site, visitor: visitorId(), session: sessionId(now), id: randomId(), type, ts: now, page: currentUrl() },
          source,
          event
        )
      );
      save(queue);
      // The events of one second travel together.
      schedule(1e3);
    };

    const page = () => {
      const url = currentUrl();
      // The same url twice in a row (replaceState, a repeated push) is one view.
      if (url == pageUrl) return;
      source = {
        referrer: (pageUrl || d.referrer).slice(0, 2048) || undefined,
        utm: params('source medium campaign term content', 'utm_'),
        click: params('gclid fbclid msclkid li_fat_id', '')
      };
      send('pageview', { url: (pageUrl = url), page: undefined, title: d.title.slice(0, 512) });
    };

    const click = (e) => {
      const link = e.target.closest('a[href]');
      // 'auxclick' < 'b': only its middle button opens a link.
      if (!link || (e.type < 'b' && e.button != 1)) return;
      const url = new URL(link.href);
      const href = url.href.slice(0, 2048);
      // The gateway counts its own lead-magnet links when it serves them.
      if (!href.indexOf(origin + '/d/')) return;
      if (link.dataset.leadgateDownload != null || downloads.test(url.pathname)) send('download', { url: href });
      else if (/^http/.test(href) && url.hostname != loc.hostname) send('outbound', { url: href });
    };

    const formUrl = (form) => origin + '/f/' + encodeURIComponent(form.dataset.leadgateForm);
    // A signed render time: the gateway treats a submit faster than a person types as spam.
    const token = (form) =>
      (form.lgt =
        form.lgt ||
        fetch(formUrl(form) + '/token')
          .then((response) => response.json())
          .then((answer) => answer.token)
          .catch(noop));
    // A message goes into the form's [data-leadgate-error="FIELD"] element, or one made after the
    // field ("" is the form's own message, made at the end of the form).
    const find = (form, attribute, name) => form.querySelector(`[${attribute}=${JSON.stringify(name)}]`);
    const showErrors = (form, errors) => {
      all(form, '[data-leadgate-error]', (slot) => (slot.textContent = ''));
      all(form, '[aria-invalid]', (field) => field.removeAttribute('aria-invalid'));
      for (const name in errors) {
        // For a radio group, its first button.
        const field = find(form, 'name', name);
        let slot = find(form, 'data-leadgate-error', name);
        if (!slot) {
          slot = d.createElement('small');
          slot.dataset.leadgateError = name;
          field ? field.after(slot) : form.append(slot);
        }
        slot.textContent = errors[name];
        if (field) field.setAttribute('aria-invalid', true);
      }
    };
    // The message goes into the form's [data-leadgate-success] element, or replaces the form's content.
    const showSuccess = (form, answer, box = form.querySelector('[data-leadgate-success]') || form) => {
      box.hidden = false;
      box.innerHTML = '<p>';
      box.firstChild.append(answer.message);
      if (answer.download) box.firstChild.append(' ', Object.assign(d.createElement('a'), { href: answer.download, textContent: 'Download' }));
      else if (answer.redirect) loc.href = answer.redirect;
    };
    const lock = (form, on) => all(form, 'button,[type=submit]', (button) => (button.disabled = on));
    const submit = async (e) => {
      const form = e.target;
      const fields = {};
      if (!form.dataset.leadgateForm) return;
      e.preventDefault();
      for (const [name, value] of new FormData(form)) fields[name] = value;
      all(form, '[type=checkbox][name]', (box) => (fields[box.name] = box.checked));
      // One id for every try of this submission, so a retried submit is stored once.
      form.lgs = form.lgs || randomId();
      lock(form, true);
      try {
        const response = await post(
          formUrl(form),
          JSON.stringify({
            // Without tracking consent the form still works, with an id that is never stored.
            visitor: allowed ? visitorId() : randomId(),
            submission: form.lgs,
            token: await token(form),
            page: currentUrl(),
            fields
          }),
          { headers: { 'Content-Type': 'application/json' } }
        );
        const answer = await response.json();
        // 429, 503: the data stays in the form for another try.
        if (!answer.ok && response.status != 422) throw 0;
        form.lgs = 0;
        answer.ok ? showSuccess(form, answer) : showErrors(form, answer.errors);
      } catch (e) {
        showErrors(form, { '': 'Please try again.' });
      }
      lock(form, false);
    };

    const command = (name, a, b) => {
      if (name == 'page') page();
      // identify(props) is the custom event 'identify'; the gateway links it to a lead.
      if (name == 'identify') [name, a, b] = ['track', name, a];
      if (name == 'track' && a) send('custom', { name: ('' + a).slice(0, 128), props: props(b) });
      if (name == 'consent' && !blocked) {
        const before = allowed;
        // Anything but 'granted' is a refusal.
        allowed = a == 'granted';
        put('_lg_c', allowed ? '1' : '0');
        if (!allowed) {
          // Forget this visitor: no id, no session, nothing queued.
          put('_lg_v');
          store._lg_s = store._lg_q = visitor = '';
        } else if (!before) {
          // The view of the page where consent was given, with where the visitor came from.
          pageUrl = 0;
          page();
        }
      }
    };

    const listen = (target, type, handler) => target.addEventListener(type, safe(handler), true);
    const api = (w.leadgate = safe(command));
    api.l = 1;

    ['pushState', 'replaceState'].map((method) => {
      const original = history[method];
      history[method] = function () {
        const result = original.apply(this, arguments);
        safe(page)();
        return result;
      };
    });
    listen(w, 'popstate', page);
    listen(d, 'click', click);
    listen(d, 'auxclick', click);
    listen(d, 'submit', submit);
    listen(d, 'visibilitychange', hide);
    listen(w, 'pagehide', hide);
    listen(w, 'online', () => {
      clearTimeout(timer);
      flush();
    });
    // The script is async: forms below it may not be parsed yet.
    const forms = () => all(d, '[data-leadgate-form]', token);
    forms();
    listen(d, 'DOMContentLoaded', forms);

    // Events left in the outbox by earlier pages (gateway down, tab closed) go out with this view.
    page();
    ((prior && prior.q) || []).map((args) => api(...args));
  })();
})(window, document, window.leadgate);
