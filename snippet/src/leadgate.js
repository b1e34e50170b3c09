/*
 * Leadgate tracking snippet: page views, downloads, outbound clicks and custom events, sent to the
 * gateway that served this file, which also serves the lead-magnet forms module (src/forms.js) that
 * this loads on a page with such a form. One IIFE, no dependencies, ES2017.
 *
 * Embed: <script async src="https://GATEWAY/s.js" data-site="SITE_KEY"></script>
 * Queue stub (optional, before it):
 *   window.leadgate=window.leadgate||function(){(leadgate.q=leadgate.q||[]).push(arguments)}
 *
 * It must never break the host page: the listener, the timer, the public function and the page
 * observer run inside safe(), and async work catches its own failures.
 * Size is a feature (see scripts/build.mjs for the budget), so the code takes shapes that minify
 * well: one listener for every event type, storage through plain properties, and a referrer's
 * length left to the gateway (which drops an over-long one rather than refusing the event).
 */
((w, d, prior) => {
  // Embedded twice: the first copy does the work.
  if (prior && prior.l) return;

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

    const loc = location;
    // Where the script came from, less its file name: the gateway, or the path the site serves it on.
    const origin = script.src.replace(/\/[^/]*$/, '');
    const collect = origin + '/e';
    // No parameter named: the url is not even re-serialized.
    const strip = (options.stripParams || '').match(/[^\s,]+/g) || [];
    const downloads = RegExp(
      `\\.(${(options.downloadExt || 'pdf|zip|docx?|xlsx?|pptx?|epub|csv|txt|mp[34]|mov|7z|rar|gz|dmg|exe|msi').replace(/[\s,]+/g, '|')})$`,
      'i'
    );
    // Global Privacy Control and Do Not Track are honoured unless the site owner opts out.
    const blocked = options.honorDnt != 'false' && (navigator.globalPrivacyControl || navigator.doNotTrack == 1);

    // localStorage through its named properties; a plain object where storage is refused
    // (sandboxed frames, storage disabled), so the page still works from memory. The visitor id lives
    // there too. What makes it last is the gateway's own HttpOnly cookie, where the site serves the
    // gateway under its own domain: the gateway takes the id of that cookie over the one an event
    // carries (a cookie set by a script, like this storage, lasts 7 days in Safari; docs/privacy.md).
    let store = {};
    try {
      store = localStorage || store;
    } catch (e) {}

    // The consent answer: '1' granted, '0' denied, nothing: not asked yet.
    let allowed = !blocked && (+store._lg_c || (store._lg_c != 0 && options.consent != 'required'));
    // source: where the visitor came from, set by page(); backoff: starts at 1 s (undefined * 2 is NaN);
    // view: the id of the last page view while its title may still change.
    // counted: the url of the last view counted without an id.
    let pageUrl, timer, inFlight, beaconed, source, backoff, view, counted;

    // 128 random bits as 32 lowercase hex characters.
    const randomId = () => [...crypto.getRandomValues(new Uint8Array(16))].map((b) => (b + 256).toString(16).slice(1)).join('');

    // Without tracking consent (a form can still be sent), an id that is never stored.
    const visitorId = () => (allowed ? (/^[\da-f]{32}$/.test(store._lg_v) || (store._lg_v = randomId()), store._lg_v) : randomId());
    // A session ends after 30 minutes without an event; tabs share it through localStorage.
    // (Locals as default parameters, here and below: they minify smaller than const.)
    const sessionId = (now, [id, last] = (store._lg_s || '').split('.'), session = now - last < 18e5 ? id : randomId()) => {
      store._lg_s = session + '.' + now;
      return session;
    };

    const currentUrl = (url = new URL(loc)) => {
      strip.map((param) => url.searchParams.delete(param));
      // An anchor (#faq) is a place on the same page: the fragment is part of the url only for a
      // site that routes by it.
      'hashRouting' in options || (url.hash = '');
      return url.href.slice(0, 2048);
    };
    const params = (names, prefix, found) => {
      names.split(' ').map((name) => {
        const value = new URL(loc).searchParams.get(prefix + name);
        if (value) (found = found || {})[name] = value.slice(0, 256);
      });
      return found;
    };
    // What the gateway accepts: at most 20 keys; values boolean, number or a string of at most 256
    // characters (anything else becomes a string; Infinity goes as null, which the gateway ignores).
    const props = (given, clean = {}) => {
      Object.entries(given || {})
        .slice(0, 20)
        .map(([key, value]) => (clean[key] = value === !!value || value === +value ? value : ('' + value).slice(0, 256)));
      return clean;
    };

    // The outbox: events the gateway has not confirmed yet, the oldest dropped beyond 100.
    const load = () => {
      try {
        return JSON.parse(store._lg_q) || [];
      } catch (e) {}
      return [];
    };
    const save = (queue) => (store._lg_q = JSON.stringify(queue.slice(-100)));
    // A single-page app changes the url first and the title once the new route has rendered: a
    // view gets its title as it leaves (a second later, or when the page is hidden or left).
    const retitle = () => view && save(load().map((event) => (event.id != view || (event.title = d.title.slice(0, 512)), event)), (view = 0));
    // What goes in one request: at most 50 events and 60,000 characters (the gateway's body limit is
    // 64 KiB, and so is what keepalive and sendBeacon may carry), but always the first event. Every
    // way out (the timer, a new view, online, leaving) takes a batch, so the last view is titled first.
    const batch = (size = 0, titled = retitle()) =>
      JSON.stringify(load().filter((event, i) => ((size += JSON.stringify(event).length) < 6e4 && i < 50) || !i));
    const post = (body, keepalive) => fetch(collect, { method: 'POST', body, keepalive });
    const schedule = (ms) => (timer = timer || setTimeout(flush, ms));
    // Runs from the timer or a listener; whatever fails in here stays in here, and every promise
    // ends in a catch: no exception and no unhandled rejection reaches the host page.
    const flush = safe((body = batch()) => {
      timer = 0;
      if (!inFlight && allowed && body[2]) {
        // fetch, not sendBeacon: only an answer tells whether the events were stored. No keepalive:
        // if the page goes away meanwhile, the outbox goes to sendBeacon on the way out.
        inFlight = post(body)
          .then(({ status }) => {
            // The gateway could not store them now (503 while its store is down): keep, retry later.
            if (status > 499 || status == 429) throw 0;
            // Stored (2xx), or refused for good (4xx): either way they leave the outbox.
            backoff = 0;
            save(load().filter((event) => !body.includes(event.id)));
            schedule(0);
          })
          .catch(() => {
            backoff = Math.min(6e4, backoff * 2 || 1e3);
            schedule(backoff * (0.5 + Math.random()));
          })
          .then(() => (inFlight = 0));
      }
    });

    // The events stay in the outbox until a fetch confirms them; the gateway stores an event id once,
    // so sending twice is safe.
    const leave = (body = batch()) => body[2] && body != beaconed && (navigator.sendBeacon(collect, (beaconed = body)) || post(body, 1).catch(() => {}));

    // now and here: one instant and one url for the whole event. Returns the event's id.
    const send = (type, event, now = Date.now(), here = currentUrl(), id = randomId()) => {
      // A privacy signal, or no consent: nothing is stored and nothing leaves the page.
      if (allowed) {
        // url: the page's, unless the event has its own (a view, a link).
        save([...load(), Object.assign({ site, visitor: visitorId(), session: sessionId(now), id, type, ts: now, url: here, page: here }, source, event)]);
        // The events of one second travel together.
        schedule(1e3);
      }
      return id;
    };

    const page = (url = currentUrl()) => {
      // Before any answer to a required consent: a view the gateway counts by a daily hash of address and
      // browser, with no id, nothing stored here and nothing joined to the visitor a consent makes.
      if (!allowed) return blocked || store._lg_c == 0 || url == counted || navigator.sendBeacon(collect, JSON.stringify({ site, type: 'pageview', url: (counted = url) }));
      // The same url twice in a row (replaceState, a repeated push) is one view. Without consent there
      // is no identified view, so the view of the page where consent is given is sent then.
      if (url == pageUrl) return;
      // What the page before did goes now, with the title it has now; this view waits a full
      // second for its own. (clearTimeout returns nothing: flush takes its own batch.)
      flush(clearTimeout(timer));
      source = {
        // After an SPA navigation, the page the visitor came from.
        referrer: pageUrl || d.referrer,
        utm: params('source medium campaign term content', 'utm_'),
        click: params('gclid fbclid msclkid li_fat_id', '')
      };
      view = send('pageview', { url: (pageUrl = url) });
    };

    // A link is a URL already (its href is absolute; an unparsable one has the protocol ':').
    const click = (link, url = link.href.slice(0, 2048)) => {
      if ('leadgateDownload' in link.dataset || downloads.test(link.pathname)) send('download', { url });
      else if (/^http/.test(link.protocol) && link.hostname != loc.hostname) send('outbound', { url });
    };

    // One capture listener on window sees every event the snippet needs.
    // A link opened by a click (main button, or middle where a browser sends that as a click), or by an
    // auxclick ('auxclick' < 'b') with the middle button; the other events have no button (and their
    // target may be no element).
    const on = (e, type = e.type, link = e.button < 2 && e.button >= (type < 'b') && e.target.closest('a[href]')) => {
      if (link) click(link);
      // Any of these events may follow a change of url that no history method made (popstate: back,
      // forward, a #fragment); page() sends a view only when the url has changed.
      page();
      // Back online: send now.
      if (type == 'online') {
        flush(clearTimeout(timer));
      }
      // The page may be going away: hand the outbox to the browser.
      if (allowed && (type == 'pagehide' || d.hidden)) leave();
    };

    const api = (w.leadgate = safe((name, a, b) => {
      if (name == 'page') page();
      // identify(props) is the custom event 'identify'; the gateway links it to a lead.
      if (name == 'identify') (b = a), (a = name), (name = 'track');
      if (name == 'track' && a) send('custom', { name: ('' + a).slice(0, 128), props: props(b) });
      if (name == 'consent' && !blocked) {
        // Anything but 'granted' is a refusal. An answer that changes what is allowed goes to the gateway as
        // the event 'consent' (recorded on the visitor's lead; a refusal also ends the id cookie the gateway
        // set): a grant after the view of the page it was given on, a refusal alone (what waited to be sent
        // is dropped) and before its id is forgotten.
        if ((b = a == 'granted') != allowed) {
          b ? ((allowed = 1), page()) : delete store._lg_q;
          send('custom', { name, props: { granted: b } });
          b || leave();
        }
        if (!(store._lg_c = +(allowed = b))) {
          // Forget this visitor: no id, no session, nothing queued, no view (a new consent sends one).
          pageUrl = view = '';
          delete store._lg_v, delete store._lg_s, delete store._lg_q;
        }
      }
    }));
    // leadgate.l: loaded (a second copy of the snippet stops at it), and what the forms module
    // (src/forms.js) needs from here. Names ending in _ are internal: the build gives them the
    // short names pinned in scripts/build.mjs, the same in both files.
    const internal = (api.l = {
      visitor_: visitorId,
      id_: randomId,
      url_: currentUrl,
      // Until the forms module has loaded (it puts its own scan for new forms here): load it, from
      // this origin, once the page has a form. Made by script, the element is async.
      forms_: () =>
        d.querySelector('form[data-leadgate-form]') &&
        ((internal.forms_ = () => {}), d.head.append(Object.assign(d.createElement('script'), { src: origin + '/s-forms.js' })))
    });

    'pushState replaceState'.split(' ').map((method) => {
      const original = history[method];
      // The page view after the change of url (pushState and replaceState return nothing).
      history[method] = (...args) => api('page', original.apply(history, args));
    });
    'click auxclick popstate online visibilitychange pagehide'.split(' ').map((type) => w.addEventListener(type, safe(on), true));

    // Events left in the outbox by earlier pages (gateway down, tab closed) go out with this view.
    page();
    prior && prior.q && prior.q.map((args) => api(...args));

    // Lead-magnet forms: a form in the HTML, parsed after this (async) script or added later by an
    // app loads the forms module; once loaded, the module fetches the tokens of new forms.
    const forms = safe(() => internal.forms_());
    forms();
    new MutationObserver(forms).observe(d, { childList: 1, subtree: 1 });
  })();
})(window, document, window.leadgate);
