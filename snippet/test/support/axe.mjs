// The accessibility audit of a page by axe-core (WCAG 2.x A and AA rules, and axe's best practices), run inside the
// page. The console's CSP allows no injected script tag; Playwright's evaluate runs beside it, as devtools would.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const BLOCKING = new Set(['serious', 'critical']);

/** Every violation axe finds on the page as it is now: [{id, impact, help, nodes: [selector...]}]. */
export async function audit(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations']
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
}

/** The serious and critical violations, as lines a failing assertion can show. */
export async function blockingViolations(page) {
  return (await audit(page)).filter((v) => BLOCKING.has(v.impact)).map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.join(', ')}`);
}
