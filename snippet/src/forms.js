/*
 * Leadgate lead-magnet forms: a token for each form[data-leadgate-form], then its submits posted to the
 * gateway and the answer shown in the form. ES2017, no dependencies.
 *
 * Not embedded by a site: the snippet (src/leadgate.js) loads it from the gateway (/s-forms.js) when
 * the page has such a form. What it needs comes from the snippet through window.leadgate.l (the
 * visitor id, random ids, the page's url as the snippet sends it); it puts its scan for new forms
 * there as forms_, which the snippet then calls whenever the page changes. Names ending in _ are
 * internal: the build gives them the short names pinned in scripts/build.mjs, the same in both files.
 * Like the snippet, it never throws into the host page.
 */
((w, d, lg) => {
  const safe = (f) => (...args) => {
    try {
      f(...args);
    } catch (e) {}
  };

  safe(() => {
    const internal = lg.l;
    // Not loaded by the snippet (no leadgate.l to use), or loaded a second time: nothing to do.
    if (!internal.url_ || internal.loaded_) return;
    internal.loaded_ = 1;
    const { visitor_: visitor, id_: randomId, url_: currentUrl } = internal;
    // This file comes from where the snippet came from: the gateway, or the path the site serves it on.
    const origin = d.currentScript.src.replace(/\/[^/]*$/, '');

    // Form ids are identifiers from the gateway's configuration: safe in a path as they are.
    const formUrl = (form) => origin + '/f/' + form.dataset.leadgateForm;
    // A signed render time: the gateway treats a submit faster than a person types as spam.
    const token = (form) =>
      (form.lgt =
        form.lgt ||
        fetch(formUrl(form) + '/token')
          .then((response) => response.json())
          .then((answer) => answer.token)
          .catch(() => {}));
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
      else if (answer.redirect) location.href = answer.redirect;
    };
    // A refusal's messages by field: each of its fields, else its one field, else the form's own ("").
    const messages = (error) => Object.fromEntries((error.fields || [error]).map((e) => [e.field || '', e.message]));
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
          const response = await fetch(formUrl(form), {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({
              // Without tracking consent, an id that is never stored.
              visitor: visitor(),
              submission: form.lgs,
              token: await token(form),
              page: currentUrl(),
              fields
            })
          });
          const answer = await response.json();
          // 429, 503: the data stays in the form for another try.
          if (!answer.ok && response.status != 422) throw 0;
          form.lgs = 0;
          answer.ok ? showSuccess(form, answer) : showErrors(form, messages(answer.error));
        } catch (e) {
          showErrors(form, { '': 'Please try again.' });
        }
        lock(form, false);
      } catch (e) {}
    };

    w.addEventListener(
      'submit',
      safe((e) => {
        const form = e.target;
        if (form.dataset.leadgateForm) {
          e.preventDefault();
          submit(form);
        }
      }),
      true
    );
    // The snippet calls it again (inside its own safe()) whenever the page changes: a form added
    // later gets its token too.
    (internal.forms_ = () => all(d, '[data-leadgate-form]', token))();
  })();
})(window, document, window.leadgate);
