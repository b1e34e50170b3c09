// Leads: search, filter (stage, score range, first touch, magnet, days made), sort by score or recency, page through
// with the API's cursor. The filters live in the URL, so a filtered view can be shared or reloaded.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { get, query } from '../api.js';
import { STAGES, score, stageName, when } from '../format.js';
import { Failure, Loading, filtersIn, showFiltered, useResource } from './common.js';

const PAGE_SIZE = 25;
/** The URL's (and the API's) filter parameters. */
const FILTERS = ['q', 'stage', 'min_score', 'max_score', 'source', 'medium', 'campaign', 'magnet', 'created_from', 'created_to', 'order'];

export function Leads({ site, search }) {
  const filters = filtersIn(search, FILTERS);
  // the site's forms (the lead magnets a lead can be made by), from the forms report
  const forms = useResource(() => get('/api/sites/' + encodeURIComponent(site) + '/forms'), [site]);
  const magnets = forms.data ? forms.data.forms.map((f) => f.form) : [];
  // the cursors of the pages before this one (the API's cursors only go forward)
  const [cursors, setCursors] = useState([]);
  const [cursor, setCursor] = useState(null);
  const leads = useResource(
    () => get('/api/leads' + query({ site, ...filters, limit: PAGE_SIZE, cursor })),
    [site, search, cursor]
  );

  const apply = (event) => {
    setCursors([]);
    setCursor(null);
    showFiltered(event, FILTERS, '/console/leads');
  };
  const rows = leads.data ? leads.data.leads : [];
  return html`
    <h1 tabindex="-1">Leads</h1>
    <form class="filters" role="search" onSubmit=${apply}>
      <label class="grow">Search <input type="search" name="q" value=${filters.q} placeholder="email, domain, name or company" maxlength="200" /></label>
      <label>Stage
        <select name="stage" value=${filters.stage}>
          <option value="">All but disqualified</option>
          ${STAGES.map((s) => html`<option value=${s}>${stageName(s)}</option>`)}
        </select>
      </label>
      <label>Score from <input type="number" name="min_score" value=${filters.min_score} step="any" inputmode="decimal" class="short" /></label>
      <label>Score to <input type="number" name="max_score" value=${filters.max_score} step="any" inputmode="decimal" class="short" /></label>
      <label>Source <input type="text" name="source" value=${filters.source} placeholder="e.g. google" maxlength="200" class="short" /></label>
      <label>Medium <input type="text" name="medium" value=${filters.medium} placeholder="e.g. cpc" maxlength="200" class="short" /></label>
      <label>Campaign <input type="text" name="campaign" value=${filters.campaign} maxlength="200" class="short" /></label>
      <label>Magnet
        <select name="magnet" value=${filters.magnet}>
          <option value="">Any form</option>
          ${[...new Set([...magnets, filters.magnet].filter(Boolean))].map((m) => html`<option value=${m}>${m}</option>`)}
        </select>
      </label>
      <label>Made from <input type="date" name="created_from" value=${filters.created_from} /></label>
      <label>Made to <input type="date" name="created_to" value=${filters.created_to} /></label>
      <label>Sort
        <select name="order" value=${filters.order}>
          <option value="score">Score, highest first</option>
          <option value="recent">Most recent activity</option>
        </select>
      </label>
      <button type="submit">Show leads</button>
      ${FILTERS.some((key) => key !== 'order' && filters[key]) && html`<a class="clear" href="/console/leads" onClick=${() => { setCursors([]); setCursor(null); }}>Clear filters</a>`}
    </form>
    <${Failure} error=${leads.error} />
    <${Loading} when=${leads.loading && !leads.data} />
    ${leads.data &&
    html`<div class="table-wrap" tabindex="0" role="region" aria-label="Leads">
      <table class="leads stacked" aria-busy=${leads.loading ? 'true' : 'false'}>
        <caption class="sr-only">Leads, ${filters.order === 'recent' ? 'most recent first' : 'highest score first'}</caption>
        <thead><tr>
          <th scope="col">Lead</th><th scope="col">Company</th><th scope="col">Stage</th>
          <th scope="col" class="num">Score</th><th scope="col">First touch</th><th scope="col">Last activity</th>
        </tr></thead>
        <tbody>
          ${rows.length === 0 && html`<tr><td colspan="6" class="muted">No lead matches.</td></tr>`}
          ${rows.map((lead) => html`<tr data-lead=${lead.id}>
            <th scope="row"><a href=${'/console/leads/' + encodeURIComponent(lead.id)}>${(lead.fields && lead.fields.name) || lead.email}</a>
              ${lead.fields && lead.fields.name && html`<span class="sub">${lead.email}</span>`}</th>
            <td data-label="Company">${(lead.fields && lead.fields.company) || '—'}</td>
            <td data-label="Stage"><span class=${'stage stage-' + lead.stage}>${stageName(lead.stage)}</span>
              ${lead.disqualified_reason && html`<span class="sub">${lead.disqualified_reason}</span>`}</td>
            <td class="num" data-label="Score">${score(lead.score)}</td>
            <td data-label="First touch">${touch(lead.first_touch)}</td>
            <td data-label="Last activity">${when(lead.last_activity_at)}</td>
          </tr>`)}
        </tbody>
      </table>
    </div>
    <nav class="pager" aria-label="Pages of leads">
      <button type="button" disabled=${cursors.length === 0} onClick=${() => {
        setCursor(cursors[cursors.length - 1]);
        setCursors(cursors.slice(0, -1));
      }}>Previous page</button>
      <span role="status">Page ${cursors.length + 1}</span>
      <button type="button" disabled=${!leads.data.next} onClick=${() => {
        setCursors([...cursors, cursor]);
        setCursor(leads.data.next);
      }}>Next page</button>
    </nav>`}
  `;
}

function touch(first) {
  if (!first) return '—';
  return [first.source, first.medium, first.campaign].filter(Boolean).join(' / ') || '—';
}
