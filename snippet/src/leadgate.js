/*
 * Leadgate tracking snippet: page views, downloads, outbound clicks, custom events and lead-magnet
 * forms, sent to the gateway that served this file. One IIFE, no dependencies, ES2017.
 *
 * Embed: <script async src="https://GATEWAY/s.js" data-site="SITE_KEY"></script>
 * Queue stub (optional, before it):
 *   window.leadgate=window.leadgate||function(){(leadgate.q=leadgate.q||[]).push(arguments)}
 *
 * It must never break the host page: the listener, the timer and the public function run inside
 * safe(), and async work catches its own failures.
 * Size is a feature (see scripts/build.mjs for the budget), so the code takes shapes that minify
 * well: one listener for every event type, storage through plain properties, and a referrer's
 * length left to the gateway (which drops an over-long one rather than refusing the event).
 */
((w, d, prior) => {
  // Embedded twice: the first copy does the work.
  if (prior && prior.l) return;

  const noop = () => {};
  const safe = (f) => (...args) => {
    try {
      f(...args);
    } catch (e) {}
  };

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
    // No parameter named: the url is not even re-serialized.
    const strip = (options.stripParams || '').match(/[^\s,]+/g) || [];
    const downloads = RegExp(
      `\\.(${(options.downloadExt || 'pdf|zip|docx?|xlsx?|pptx?|epub|csv|txt|mp[34]|mov|7z|rar|gz|dmg|exe|msi').replace(/[\s,]+/g, '|')})$`,
      'i'
    );
    // Global Privacy Control and Do Not Track are honoured unless the site owner opts out.
    const blocked = options.honorDnt != 'false' && (nav.globalPrivacyControl || nav.doNotTrack == 1);

    // localStorage through its named properties; a plain object where storage is refused
    // (sandboxed frames, storage disabled), so the page still works from memory.
    let store = {};
    try {
      store = localStorage || store;
    } catch (e) {}

    // '1' granted, '0' denied, nothing: not asked yet.
    const consent = store._lg_c;
    let allowed = !blocked && (consent == 1 || (options.consent != 'required' && consent != 0));
    let source = {};
    let backoff = 0;
    let visitor, pageUrl, timer, inFlight, beaconed;

    // 128 random bits as 32 lowercase hex characters.
    const randomId = () => [...crypto.getRandomValues(new Uint8Array(16))].map((b) => (b + 256).toString(16).slice(1)).join('');

    // The visitor id lives in a first-party cookie, mirrored in localStorage for browsers that
    // refuse the cookie. 33e6 s (382 days) stays under the 13 months an audience cookie may live.
    const visitorCookie = (id, maxAge) =>
      (d.cookie = `_lg_v=${id};path=/;SameSite=Lax;max-age=${maxAge}${loc.protocol == 'https:' ? ';Secure' : ''}`);
    const visitorId = () => {
      visitor = visitor || (d.cookie.match(/\b_lg_v=(\w+)/) || [])[1] || store._lg_v;
      if (!/^[\da-f]{32}$/.test(visitor)) visitorCookie((store._lg_v = visitor = randomId()), 33e6);
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
    // What the gateway accepts: at most 20 keys; values boolean, number or a string of at most 256
    // characters (anything else becomes a string; Infinity goes as null, which the gateway ignores).
    const props = (given, clean = {}) => {
      Object.keys(given || {})
        .slice(0, 20)
        .map((key) => {
          const value = given[key];
          clean[key] = value === !!value || value === +value ? value : ('' + value).slice(0, 256);
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
    // What goes in one request: at most 50 events and 60,000 characters (the gateway's body limit is
    // 64 KiB, and so is what keepalive and sendBeacon may carry), but always the first event.
    const batch = (size = 0) =>
      JSON.stringify(load().filter((event, i) => ((size += JSON.stringify(event).length) < 6e4 && i < 50) || !i));
    const post = (url, body, options) => fetch(url, Object.assign({ method: 'POST', body }, options));
    const schedule = (ms) => (timer = timer || setTimeout(flush, ms));
    // Whatever fails in here stays in here: no unhandled rejection reaches the host page.
    const flush = () => deliver().catch(noop);
    const deliver = async () => {
      timer = 0;
      const body = batch();
      if (inFlight || !allowed || body == '[]') return;
      inFlight = 1;
      try {
        // fetch, not sendBeacon: only an answer tells whether the events were stored. No keepalive:
        // if the page goes away meanwhile, the outbox goes to sendBeacon on the way out.
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
      } finally {
        inFlight = 0;
      }
    };

    const send = (type, event) => {
      // A privacy signal, or no consent: nothing is stored and nothing leaves the page.
      if (!allowed) return;
      const now = Date.now();
      const here = currentUrl();
      const queue = load();
      // url: the page's, unless the event has its own (a view, a link).
      queue.push(Object.assign({ site, visitor: visitorId(), session: sessionId(now), id: randomId(), type, ts: now, url: here, page: here }, source, event));
      save(queue);
      // The events of one second travel together.
      schedule(1e3);
    };

    const page = () => {
      const url = currentUrl();
      // The same url twice in a row (replaceState, a repeated push) is one view.
      if (url == pageUrl) return;
      source = {
        // After an SPA navigation, the page the visitor came from.
        referrer: pageUrl || d.referrer,
        utm: params('source medium campaign term content', 'utm_'),
        click: params('gclid fbclid msclkid li_fat_id', '')
      };
      send('pageview', { url: (pageUrl = url), title: d.title.slice(0, 512) });
    };

    const click = (link) => {
      const url = new URL(link.href);
      const href = url.href.slice(0, 2048);
      if (link.dataset.leadgateDownload != null || downloads.test(url.pathname)) send('download', { url: href });
      else if (/^http/.test(href) && url.hostname != loc.hostname) send('outbound', { url: href });
    };

    // Form ids are identifiers from the gateway's configuration: safe in a path as they are.
    const formUrl = (form) => origin + '/f/' + form.dataset.leadgateForm;
    // A signed render time: the gateway treats a submit faster than a person types as spam.
    const token = (form) =>
      (form.lgt =
        form.lgt ||
        fetch(formUrl(form) + '/token')
          .then((response) => response.json())
          .then((answer) => answer.token)
          .catch(noop));
    // The script is async: forms below it may not be parsed yet, so this runs again on DOMContentLoaded.
    const forms = () => all(d, '[data-leadgate-form]', token);
    const all = (root, selector, each) => root.querySelectorAll(selector).forEach(each);
    const find = (form, attribute, name) => form.querySelector(`[${attribute}="${name}"]`);
    // A message goes into the form's [data-leadgate-error="FIELD"] element, or one made after the
    // field; "" is the form's own message, at the end of the form.
    const showErrors = (form, errors) => {
      all(form, '[name]', (field) => field.setAttribute('aria-invalid', !!errors[field.name]));
      for (const name in errors) {
        if (!find(form, 'data-leadgate-error', name)) {
          const slot = d.createElement('small');
          // For a radio group: after its first button.
          const field = find(form, 'name', name);
          slot.dataset.leadgateError = name;
          field ? field.after(slot) : form.append(slot);
        }
      }
      all(form, '[data-leadgate-error]', (slot) => (slot.textContent = errors[slot.dataset.leadgateError] || ''));
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
    const submit = async (form) => {
      try {
        const fields = {};
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
      } catch (e) {}
    };

    // One capture listener on window sees every event the snippet needs.
    const on = (e) => {
      const type = e.type;
      const target = e.target;
      const link = target.closest && target.closest('a[href]');
      if (type == 'submit' && target.dataset.leadgateForm) {
        e.preventDefault();
        submit(target);
      }
      // auxclick ('auxclick' < 'b'): only the middle button opens a link.
      if (link && /click/.test(type) && (type > 'b' || e.button == 1)) click(link);
      if (type == 'popstate') page();
      if (type == 'online') {
        clearTimeout(timer);
        flush();
      }
      if (type[0] == 'D') forms();
      // The page may be going away: hand the outbox to the browser. The events stay in the outbox
      // until a fetch confirms them; the gateway stores an event id once, so sending twice is safe.
      if (allowed && (type == 'pagehide' || d.hidden)) {
        const body = batch();
        if (body != beaconed && body != '[]') nav.sendBeacon(collect, (beaconed = body)) || post(collect, body, { keepalive: 1 }).catch(noop);
      }
    };

    const api = (w.leadgate = safe((name, a, b) => {
      if (name == 'page') page();
      // identify(props) is the custom event 'identify'; the gateway links it to a lead.
      if (name == 'identify') [name, a, b] = ['track', name, a];
      if (name == 'track' && a) send('custom', { name: ('' + a).slice(0, 128), props: props(b) });
      if (name == 'consent' && !blocked) {
        const before = allowed;
        // Anything but 'granted' is a refusal.
        allowed = a == 'granted';
        store._lg_c = +allowed;
        if (!allowed) {
          // Forget this visitor: no id, no session, nothing queued.
          visitorCookie((visitor = ''), 0);
          ['_lg_v', '_lg_s', '_lg_q'].map((key) => delete store[key]);
        } else if (!before) {
          // The view of the page where consent was given, with where the visitor came from.
          pageUrl = 0;
          page();
        }
      }
    }));
    api.l = 1;

    ['pushState', 'replaceState'].map((method) => {
      const original = history[method];
      history[method] = function () {
        const result = original.apply(this, arguments);
        api('page');
        return result;
      };
    });
    'click auxclick submit popstate online visibilitychange pagehide DOMContentLoaded'
      .split(' ')
      .map((type) => w.addEventListener(type, safe(on), true));

    // Events left in the outbox by earlier pages (gateway down, tab closed) go out with this view.
    page();
    ((prior && prior.q) || []).map((args) => api(...args));
    forms();
  })();
})(window, document, window.leadgate);
