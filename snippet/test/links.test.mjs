// Download and outbound link clicks: one delegated listener, left and middle button.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open } from './support/page.mjs';

const PAGE = 'https://www.site.test/resources';

// [href, extra attributes, data attributes of the script, the event type expected or null]
const CASES = [
  ['/files/guide.pdf', '', {}, 'download'],
  ['/files/GUIDE.PDF', '', {}, 'download'],
  ['https://cdn.other.test/deck.pptx?v=3', '', {}, 'download'],
  ['/a.zip', '', {}, 'download'],
  ['/a.docx', '', {}, 'download'],
  ['/a.doc', '', {}, 'download'],
  ['/a.xlsx', '', {}, 'download'],
  ['/a.csv', '', {}, 'download'],
  ['/a.epub', '', {}, 'download'],
  ['/a.mp3', '', {}, 'download'],
  ['/a.mp4', '', {}, 'download'],
  ['/get?file=a.pdf', '', {}, null],
  ['/get/whitepaper', 'data-leadgate-download', {}, 'download'],
  ['/pdf', '', {}, null],
  ['/pricing', '', {}, null],
  ['#top', '', {}, null],
  ['https://other.test/partner', '', {}, 'outbound'],
  ['http://site.test/', '', {}, 'outbound'],
  ['https://www.site.test:8443/', '', {}, null],
  ['mailto:sales@site.test', '', {}, null],
  ['tel:+331234', '', {}, null],
  ['/a.pdf', '', { downloadExt: 'zip, dmg' }, null],
  ['/a.dmg', '', { downloadExt: 'zip, dmg' }, 'download'],
  ['/a.ZIP', '', { downloadExt: 'zip,dmg' }, 'download']
];

for (const [href, extra, data, expected] of CASES) {
  test(`link_${href}${extra ? '_' + extra : ''}${data.downloadExt ? '_ext=' + data.downloadExt : ''}_is_${expected}`, async () => {
    const page = await open({ url: PAGE, data: { site: 'demo', ...data }, html: `<a id=l href="${href}" ${extra}><span>text</span></a>` });
    page.click('#l span');
    await page.flush();
    const events = page.sent().filter((e) => e.type != 'pageview');
    if (!expected) {
      assert.deepEqual(events, []);
    } else {
      assert.equal(events.length, 1);
      assert.equal(events[0].type, expected);
      assert.equal(events[0].url, new URL(href, PAGE).href);
      assert.equal(events[0].page, PAGE);
    }
    await page.close();
  });
}

test('link_middleClick_isTracked_rightClick_isNot', async () => {
  const page = await open({ url: PAGE, html: '<a id=l href="/a.pdf">a</a>' });
  page.click('#l', { type: 'auxclick', button: 1 });
  page.click('#l', { type: 'auxclick', button: 2 });
  await page.flush();
  assert.deepEqual(page.sent().map((e) => e.type), ['pageview', 'download']);
  await page.close();
});

test('link_middleClickSentAsAClick_isTracked_rightClick_isNot', async () => {
  // Browsers without auxclick (Safari before 18.2) send the middle button's click as a click.
  const page = await open({ url: PAGE, html: '<a id=l href="/a.pdf">a</a>' });
  page.click('#l', { button: 1 });
  page.click('#l', { button: 2 });
  await page.flush();
  assert.deepEqual(page.sent().map((e) => e.type), ['pageview', 'download']);
  await page.close();
});

test('link_clickOutsideAnyLink_sendsNothingAndThrowsNothing', async () => {
  const page = await open({ url: PAGE, html: '<p id=p>text</p><a id=noHref>anchor</a>' });
  page.click('#p');
  page.click('#noHref');
  page.click(page.document.body);
  await page.flush();
  assert.deepEqual(page.sent().map((e) => e.type), ['pageview']);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('link_aLinkThatStopsPropagation_isStillSeen', async () => {
  const page = await open({ url: PAGE, html: '<a id=l href="https://other.test/">o</a>' });
  page.$('#l').addEventListener('click', (e) => e.stopPropagation());
  page.document.addEventListener('click', (e) => e.stopImmediatePropagation(), true);
  page.click('#l');
  await page.flush();
  assert.deepEqual(page.sent().map((e) => e.type), ['pageview', 'outbound']);
  await page.close();
});
