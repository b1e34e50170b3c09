// Lead-magnet forms: loading the forms module, token, submit, success, field errors, retryable failures.
// Every test runs twice: on the sources, and on the built files (whose handshake names are shortened).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { open as openPage, GATEWAY, FakeGateway } from './support/page.mjs';

const FORM = `
  <form id=f data-leadgate-form="ebook" action="/never">
    <input name=email type=email value="ada@acme.test">
    <input name=name value="Ada">
    <input name=consent type=checkbox checked>
    <input name=newsletter type=checkbox>
    <input name=plan type=radio value=free>
    <input name=plan type=radio value=pro checked>
    <select name=size><option>1-10</option><option selected>11-50</option></select>
    <textarea name=message>Hello</textarea>
    <input name=website class=hp value="" tabindex=-1 autocomplete=off>
    <input type=hidden name=campaign value=q1>
    <input name=disabled value=x disabled>
    <input value=unnamed>
    <button>Get the ebook</button>
  </form>`;

const submits = (page) => page.gateway.requests.filter((r) => r.path == '/f/ebook' && r.method == 'POST');
const tokens = (page) => page.gateway.requests.filter((r) => r.path.endsWith('/token'));
const answer = (status, body) => () => ({ status, body });
// The gateway's 422 for a form's fields: one error, every field at fault in error.fields.
const invalid = (messages) => {
  const fields = Object.entries(messages).map(([field, message]) => ({ field, code: 'invalid', message }));
  return { error: { code: 'invalid_fields', message: fields[0].message, field: fields[0].field, fields } };
};

for (const build of ['src', 'dist']) describe(build, () => {
  const open = (options) => openPage({ build, ...options });

  test('module_pageWithoutAForm_isNotLoaded', async () => {
    const page = await open({ html: '<form id=plain><input name=q></form><div data-leadgate-success></div>' });
    page.navigate('/next');
    await page.flush();
    assert.deepEqual(page.addedScripts(), []);
    assert.deepEqual(tokens(page), []);
    assert.equal(page.sent().length, 2, 'tracking as usual');
    await page.close();
  });

  test('module_formInTheHtml_isLoadedOnceFromTheSnippetsOrigin', async () => {
    const page = await open({ html: FORM, src: 'https://collect.acme.test:8443/s.js?v=3' });
    assert.deepEqual(page.addedScripts(), ['https://collect.acme.test:8443/s-forms.js']);
    assert.deepEqual(tokens(page).map((r) => r.url), ['https://collect.acme.test:8443/f/ebook/token']);
    page.submit();
    await page.settle();
    assert.equal(page.gateway.requests.at(-1).url, 'https://collect.acme.test:8443/f/ebook');
    page.document.body.append(page.document.createElement('p'));
    page.navigate('/next');
    await page.settle();
    assert.equal(page.addedScripts().length, 1);
    await page.close();
  });

  test('module_formAddedLaterByAnApp_isLoadedAndGetsItsTokenAtOnce', async () => {
    const page = await open({ html: '<main id=app></main>' });
    await page.flush();
    assert.deepEqual(page.addedScripts(), []);
    page.$('#app').innerHTML = FORM;
    await page.settle();
    assert.deepEqual(page.addedScripts(), [GATEWAY + '/s-forms.js']);
    assert.equal(tokens(page).length, 1);
    // A second form, once the module is there: its token too, with no second script.
    page.$('#app').insertAdjacentHTML('beforeend', '<form data-leadgate-form="demo-call"><input name=email></form>');
    await page.settle();
    assert.deepEqual(tokens(page).map((r) => r.path), ['/f/ebook/token', '/f/demo-call/token']);
    assert.equal(page.addedScripts().length, 1);
    page.submit('#f');
    await page.settle();
    assert.equal(submits(page).length, 1);
    assert.equal(page.$('p').textContent, 'Thanks!');
    await page.close();
  });

  test('module_couldNotBeLoaded_trackingGoesOnAndNothingThrows', async () => {
    const page = await open({ html: FORM, before: (w, p) => (p.scriptAnswer = 'fail') });
    const event = new page.window.Event('submit', { bubbles: true, cancelable: true });
    page.$('form').dispatchEvent(event);
    page.call('track', 'still here');
    await page.flush();
    assert.equal(event.defaultPrevented, false, 'without the module the form is the browser\'s');
    assert.deepEqual(page.sent().map((e) => e.name || e.type), ['pageview', 'still here']);
    assert.deepEqual(tokens(page), []);
    assert.equal(page.addedScripts().length, 1, 'asked for once, not on every change to the page');
    page.document.body.append(page.document.createElement('p'));
    await page.settle();
    assert.equal(page.addedScripts().length, 1);
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test('module_runTwice_handlesEachSubmitOnce', async () => {
    const page = await open({ html: FORM });
    page.run(page.code.forms, page.scripts[0]);
    await page.settle();
    assert.equal(tokens(page).length, 1);
    page.submit();
    await page.settle();
    assert.equal(submits(page).length, 1);
    await page.close();
  });

  for (const [name, options] of Object.entries({
    'without the snippet': { data: {} },
    'with only the queue stub': { data: {}, queue: [['track', 'early']] }
  })) {
    test(`module_${name.replaceAll(' ', '_')}_doesNothingAndNeverThrows`, async () => {
      const page = await open({ html: FORM, ...options });
      const script = page.document.createElement('script');
      script.setAttribute('src', GATEWAY + '/s-forms.js');
      assert.doesNotThrow(() => page.run(page.code.forms, script));
      const event = new page.window.Event('submit', { bubbles: true, cancelable: true });
      page.$('form').dispatchEvent(event);
      await page.settle();
      assert.equal(event.defaultPrevented, false);
      assert.deepEqual(page.gateway.requests, []);
      assert.deepEqual(page.errors, []);
      await page.close();
    });
  }

  test('token_onPageLoad_isFetchedForEachForm', async () => {
    const page = await open({ html: FORM + '<form data-leadgate-form="demo-call"></form><form id=plain></form>' });
    const tokens = page.gateway.requests.filter((r) => r.path.endsWith('/token'));
    assert.deepEqual(tokens.map((r) => [r.method, r.url]), [
      ['GET', GATEWAY + '/f/ebook/token'],
      ['GET', GATEWAY + '/f/demo-call/token']
    ]);
    await page.close();
  });

  test('token_formsParsedAfterTheScript_areFetchedWhenTheyAppear', async () => {
    const page = await open();
    page.document.body.innerHTML = FORM;
    await page.settle();
    page.dispatch('DOMContentLoaded', page.document);
    page.document.body.append(page.document.createElement('p'));
    await page.settle();
    assert.equal(tokens(page).length, 1, 'once per form');
    await page.close();
  });

  test('submit_postsTheContractBody', async () => {
    const page = await open({ url: 'https://www.site.test/ebook?utm_source=x', html: FORM });
    await page.flush();
    page.submit();
    await page.settle();
    const [post] = submits(page);
    assert.equal(post.url, GATEWAY + '/f/ebook');
    assert.equal(post.headers['Content-Type'], 'application/json');
    const body = JSON.parse(post.body);
    assert.equal(body.visitor, page.sent()[0].visitor);
    assert.match(body.submission, /^[0-9a-f]{32}$/);
    assert.equal(body.token, 'signed-token');
    assert.equal(body.page, 'https://www.site.test/ebook?utm_source=x');
    assert.deepEqual(body.fields, {
      email: 'ada@acme.test',
      name: 'Ada',
      consent: true,
      newsletter: false,
      plan: 'pro',
      size: '11-50',
      message: 'Hello',
      website: '',
      campaign: 'q1'
    });
    await page.close();
  });

  test('submit_honeypotFilledByABot_isSentAsIs', async () => {
    const page = await open({ html: FORM });
    page.$('.hp').value = 'http://spam.test';
    page.submit();
    await page.settle();
    assert.equal(JSON.parse(submits(page)[0].body).fields.website, 'http://spam.test');
    await page.close();
  });

  test('submit_tokenCouldNotBeFetched_submitsWithoutIt', async () => {
    const g = new FakeGateway();
    g.forms.token = answer(503);
    const page = await open({ html: FORM, gateway: g });
    page.submit();
    await page.settle();
    const body = JSON.parse(submits(page)[0].body);
    assert.equal('token' in body, false);
    assert.equal(body.fields.email, 'ada@acme.test');
    await page.close();
  });

  test('submit_whileSending_buttonIsDisabled', async () => {
    const page = await open({ html: FORM });
    let release;
    page.gateway.forms.submit = () => new Promise((resolve) => (release = resolve));
    const answerLater = page.gateway.answer.bind(page.gateway);
    page.gateway.answer = (r) => (r.path == '/f/ebook' ? page.gateway.forms.submit(r) : answerLater(r));
    page.submit();
    await page.settle();
    assert.equal(page.$('button').disabled, true);
    release({ status: 200, body: { ok: true, message: 'Done', download: null, redirect: null } });
    await page.settle();
    assert.equal(page.$('p').textContent, 'Done');
    await page.close();
  });

  test('success_withSuccessElement_showsMessageAndDownloadLink', async () => {
    const html = FORM.replace('</form>', '<div data-leadgate-success hidden></div></form>');
    const page = await open({ html });
    page.gateway.forms.submit = answer(200, { ok: true, message: 'Check your inbox.', download: GATEWAY + '/d/TOKEN123', redirect: 'https://www.site.test/thanks' });
    page.submit();
    await page.settle();
    const box = page.$('[data-leadgate-success]');
    assert.equal(box.hidden, false);
    assert.equal(box.textContent, 'Check your inbox. Download');
    assert.equal(box.querySelector('a').href, GATEWAY + '/d/TOKEN123');
    assert.ok(page.$('input[name=email]'), 'the fields stay');
    assert.equal(page.window.location.href, 'https://www.site.test/landing', 'no redirect when there is a download');
    await page.close();
  });

  test('success_withoutSuccessElement_replacesTheFormContent', async () => {
    const page = await open({ html: FORM });
    page.gateway.forms.submit = answer(200, { ok: true, message: '<b>Thanks</b>', download: null, redirect: null });
    page.submit();
    await page.settle();
    const form = page.$('form');
    assert.equal(form.children.length, 1);
    assert.equal(form.firstChild.tagName, 'P');
    assert.equal(form.firstChild.textContent, '<b>Thanks</b>', 'text, never markup');
    await page.close();
  });

  test('success_withRedirectAndNoDownload_followsIt', async () => {
    const page = await open({ html: FORM });
    page.gateway.forms.submit = answer(200, { ok: true, message: 'Thanks', download: null, redirect: 'https://www.site.test/thanks' });
    page.submit();
    await page.settle();
    assert.equal(page.window.location.href, 'https://www.site.test/thanks');
    await page.close();
  });

  test('errors_422_goIntoTheirElementsOrAfterTheField', async () => {
    const html = FORM.replace('<input name=name', '<span data-leadgate-error="email" id=emailError></span><input name=name');
    const page = await open({ html });
    page.gateway.forms.submit = answer(422, invalid({ email: 'must be a valid email address', name: 'is required' }));
    page.submit();
    await page.settle();
    assert.equal(page.$('#emailError').textContent, 'must be a valid email address');
    const made = page.$('input[name=name]').nextElementSibling;
    assert.equal(made.tagName, 'SMALL');
    assert.equal(made.textContent, 'is required');
    assert.equal(page.$('input[name=email]').getAttribute('aria-invalid'), 'true');
    assert.equal(page.$('input[name=name]').getAttribute('aria-invalid'), 'true');
    assert.equal(page.$('textarea').getAttribute('aria-invalid'), 'false');
    assert.equal(page.$('button').disabled, false);
    await page.close();
  });

  test('errors_fixedAndResubmitted_areClearedAndTheSubmissionIsNew', async () => {
    const page = await open({ html: FORM });
    page.gateway.forms.submit = answer(422, invalid({ name: 'is required' }));
    page.submit();
    await page.settle();
    page.gateway.forms.submit = answer(422, invalid({ email: 'is taken' }));
    page.submit();
    await page.settle();
    assert.equal(page.$('input[name=name]').getAttribute('aria-invalid'), 'false');
    assert.equal(page.$('input[name=name]').nextElementSibling.textContent, '', 'the old message is gone');
    assert.equal(page.$('input[name=email]').nextElementSibling.textContent, 'is taken');
    const [first, second] = submits(page).map((r) => JSON.parse(r.body).submission);
    assert.notEqual(first, second, 'a 422 is an answer: the next submit is a new submission');
    await page.close();
  });

  test('errors_422WithoutAField_goIntoTheFormsOwnElement', async () => {
    const page = await open({ html: FORM.replace('<button>', '<p data-leadgate-error="" id=formError></p><button>') });
    const expired = 'This form has expired. Please reload the page and submit it again.';
    page.gateway.forms.submit = answer(422, { error: { code: 'form_expired', message: expired } });
    page.submit();
    await page.settle();
    assert.equal(page.$('#formError').textContent, expired);
    assert.equal(page.$('input[name=email]').getAttribute('aria-invalid'), 'false');
    await page.close();
  });

  for (const status of [429, 503, 500, 'down']) {
    test(`retryable_${status}_showsTryAgainKeepsTheDataAndTheSubmissionId`, async () => {
      const page = await open({ html: FORM.replace('<button>', '<p data-leadgate-error="" id=formError></p><button>') });
      page.gateway.forms.submit = status == 'down' ? () => 'network' : answer(status, { error: { code: 'busy' } });
      page.submit();
      await page.settle();
      assert.equal(page.$('#formError').textContent, 'Please try again.');
      assert.equal(page.$('input[name=email]').value, 'ada@acme.test');
      assert.equal(page.$('button').disabled, false);
      page.gateway.forms.submit = answer(200, { ok: true, message: 'Thanks', download: null, redirect: null });
      page.submit();
      await page.settle();
      const [first, second] = submits(page).map((r) => JSON.parse(r.body).submission);
      assert.equal(first, second, 'the same submission, so the gateway stores it once');
      assert.equal(page.$('p').textContent, 'Thanks');
      await page.close();
    });
  }

  test('retryable_withoutAnErrorElement_addsOneAtTheEndOfTheForm', async () => {
    const page = await open({ html: FORM });
    page.gateway.forms.submit = answer(503, { error: { code: 'unavailable' } });
    page.submit();
    await page.settle();
    assert.equal(page.$('form').lastElementChild.textContent, 'Please try again.');
    await page.close();
  });

  test('submit_nativeSubmitIsPrevented_andOtherFormsAreLeftAlone', async () => {
    const page = await open({ html: FORM + '<form id=other action="/search"><input name=q></form>' });
    const ours = new page.window.Event('submit', { bubbles: true, cancelable: true });
    page.$('#f').dispatchEvent(ours);
    const theirs = new page.window.Event('submit', { bubbles: true, cancelable: true });
    page.$('#other').dispatchEvent(theirs);
    assert.equal(ours.defaultPrevented, true);
    assert.equal(theirs.defaultPrevented, false);
    await page.close();
  });

  test('submit_withoutTrackingConsent_worksWithAnIdThatIsNeverStored', async () => {
    const page = await open({ html: FORM, before: (w) => Object.defineProperty(w.navigator, 'globalPrivacyControl', { value: true }) });
    page.submit();
    await page.settle();
    const body = JSON.parse(submits(page)[0].body);
    assert.match(body.visitor, /^[0-9a-f]{32}$/);
    assert.deepEqual(page.local(), {});
    assert.deepEqual(page.cookieWrites, []);
    assert.equal(page.$('p').textContent, 'Thanks!');
    await page.close();
  });
});
