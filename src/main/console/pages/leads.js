// Leads: search, filter by stage and score, sort by score or recency, page through with the API's cursor.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { get, query } from '../api.js';
import { navigate } from '../router.js';
import { STAGES, score, stageName, when } from '../format.js';
import { Failure, Loading, useResource } from './common.js';

const PAGE_SIZE = 25;

export function Leads({ site, search }) {
  const params = new URLSearchParams(search);
  const filters = { q: params.get('q') || '', stage: params.get('stage') || '', min_score: params.get('min_score') || '', order: params.get('order') || 'score' };
  // the cursors of the pages before this one (the API's cursors only go forward)
  const [cursors, setCursors] = useState([]);
  const [cursor, setCursor] = useState(null);
  const leads = useResource(
    () => get('/api/leads' + query({ site, ...filters, limit: PAGE_SIZE, cursor })),
    [site, search, cursor]
  );

  const apply = (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    const next = {};
    for (const key of ['q', 'stage', 'min_score', 'order']) next[key] = (form.get(key) || '').trim();
    setCursors([]);
    setCursor(null);
    navigate('/console/leads' + query({ ...next, order: next.order === 'score' ? '' : next.order }));
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
      <label>Score at least <input type="number" name="min_score" value=${filters.min_score} step="any" inputmode="decimal" /></label>
      <label>Sort
        <select name="order" value=${filters.order}>
          <option value="score">Score, highest first</option>
          <option value="recent">Most recent activity</option>
        </select>
      </label>
      <button type="submit">Show leads</button>
    </form>
    <${Failure} error=${leads.error} />
    <${Loading} when=${leads.loading && !leads.data} />
    ${leads.data &&
    html`<div class="table-wrap">
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
