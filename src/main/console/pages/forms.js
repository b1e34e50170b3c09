// Forms: per form, views of the pages that hold it, submissions and what became of them (the forms report API).
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { get, query } from '../api.js';
import { count, percent, ranked } from '../format.js';
import { DayRange, Failure, Loading, useResource } from './common.js';

export function Forms({ site }) {
  const [range, setRange] = useState({ from: '', to: '' });
  const report = useResource(() => get('/api/sites/' + encodeURIComponent(site) + '/forms' + query(range)), [site, range.from, range.to]);
  const r = report.data;
  return html`
    <h1 tabindex="-1">Forms</h1>
    <${DayRange} from=${range.from || (r && r.from) || ''} to=${range.to || (r && r.to) || ''} onChange=${setRange} />
    <${Failure} error=${report.error} />
    <${Loading} when=${report.loading && !r} />
    ${r &&
    html`
      <p class="muted">${r.from} to ${r.to} (${r.timezone || 'UTC'})</p>
      <div class="table-wrap" tabindex="0" role="region" aria-label="Forms report"><table class="forms stacked">
        <caption class="sr-only">Submissions per form and what became of them</caption>
        <thead><tr>
          <th scope="col">Form</th><th scope="col" class="num">Page views</th><th scope="col" class="num">Submissions</th><th scope="col" class="num">Leads made</th>
          <th scope="col" class="num">Views → leads</th>
          <th scope="col" class="num">Leads updated</th><th scope="col" class="num">Spam stopped</th><th scope="col" class="num">Junk</th>
          <th scope="col" class="num">Rate-limited</th><th scope="col" class="num">Invalid</th><th scope="col" class="num">Retries</th>
        </tr></thead>
        <tbody>
          ${r.forms.length === 0 && html`<tr><td colspan="11" class="muted">This site has no form.</td></tr>`}
          ${r.forms.map((f) => html`<tr data-form=${f.form}>
            <th scope="row">${f.form}${f.pages && html`<span class="sub">${f.pages.join(', ')}</span>`}</th>
            <td class="num" data-label="Page views" data-field="views">${count(f.views)}</td>
            <td class="num" data-label="Submissions" data-field="submissions">${count(f.submissions)}</td>
            <td class="num" data-label="Leads made" data-field="created">${count(f.leads.created)}</td>
            <td class="num" data-label="Views → leads" data-field="conversion">${percent(f.conversion)}</td>
            <td class="num" data-label="Leads updated" data-field="updated">${count(f.leads.updated)}</td>
            <td class="num" data-label="Spam stopped" data-field="spam">${count(f.spam.total)}${split(f.spam)}</td>
            <td class="num" data-label="Junk" data-field="junk">${count(f.junk.total)}${split(f.junk)}</td>
            <td class="num" data-label="Rate-limited" data-field="rateLimited">${count(f.rateLimited.total)}${split(f.rateLimited)}</td>
            <td class="num" data-label="Invalid" data-field="invalid">${count(f.invalid)}</td>
            <td class="num" data-label="Retries" data-field="retries">${count(f.retries)}</td>
          </tr>`)}
        </tbody>
      </table></div>
      <p class="muted">Page views: of the pages that hold the form (its <code>pages</code> in the configuration; — when it names none). Views → leads: leads made per page view.</p>
    `}
  `;
}

function split(s) {
  const parts = ranked(s.by);
  return parts.length ? html`<span class="sub">${parts.map(([k, v]) => k + ' ' + v).join(', ')}</span>` : null;
}
