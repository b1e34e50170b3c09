// Accounts: a site's companies (leads grouped by their email's company domain), by account score or recent
// activity, searched by domain or company name and filtered by stage, paged by the API's offset. The search and
// filters live in the URL, as on the leads page.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { get, query } from '../api.js';
import { ACCOUNT_STAGES, accountStageName, count, score, when } from '../format.js';
import { Failure, Loading, filtersIn, showFiltered, useResource } from './common.js';

const PAGE_SIZE = 25;
/** The URL's (and the API's) filter parameters. */
const FILTERS = ['q', 'stage', 'order'];

export function Accounts({ site, search }) {
  const filters = filtersIn(search, FILTERS);
  // the offset belongs to the search it was paged in: another search (a filter, back or forward) starts at 0
  const [paging, setPaging] = useState({ search, offset: 0 });
  const offset = paging.search === search ? paging.offset : 0;
  const setOffset = (next) => setPaging({ search, offset: next });
  const accounts = useResource(
    () => get('/api/accounts' + query({ site, ...filters, limit: PAGE_SIZE, offset: offset || '' })),
    [site, search, offset]
  );

  const apply = (event) => showFiltered(event, FILTERS, '/console/accounts');
  const rows = accounts.data ? accounts.data.accounts : [];
  return html`
    <h1 tabindex="-1">Accounts</h1>
    <p class="muted">Companies: a site's leads grouped by their email's company domain (free-mail addresses make none), scored as a buying group.</p>
    <form class="filters" role="search" onSubmit=${apply}>
      <label class="grow">Search <input type="search" name="q" value=${filters.q} placeholder="domain or company name" maxlength="200" /></label>
      <label>Stage
        <select name="stage" value=${filters.stage}>
          <option value="">Any stage</option>
          ${ACCOUNT_STAGES.slice().reverse().map((s) => html`<option value=${s}>${accountStageName(s)}</option>`)}
        </select>
      </label>
      <label>Sort
        <select name="order" value=${filters.order}>
          <option value="score">Score, highest first</option>
          <option value="recent">Most recent activity</option>
        </select>
      </label>
      <button type="submit">Show accounts</button>
      ${(filters.q || filters.stage) && html`<a class="clear" href="/console/accounts">Clear filters</a>`}
    </form>
    <${Failure} error=${accounts.error} />
    <${Loading} when=${accounts.loading && !accounts.data} />
    ${accounts.data &&
    html`<div class="table-wrap" tabindex="0" role="region" aria-label="Accounts">
      <table class="accounts stacked" aria-busy=${accounts.loading ? 'true' : 'false'}>
        <caption class="sr-only">Accounts, ${filters.order === 'recent' ? 'most recent activity first' : 'highest account score first'}</caption>
        <thead><tr>
          <th scope="col">Account</th><th scope="col">Stage</th><th scope="col" class="num">Score</th>
          <th scope="col" class="num">Leads</th><th scope="col" class="num">Engaged people</th><th scope="col">Last activity</th>
        </tr></thead>
        <tbody>
          ${rows.length === 0 && html`<tr><td colspan="6" class="muted">No account matches.</td></tr>`}
          ${rows.map((a) => html`<tr data-account=${a.domain}>
            <th scope="row"><a href=${'/console/accounts/' + encodeURIComponent(a.domain)}>${a.company || a.domain}</a>
              ${a.company && html`<span class="sub">${a.domain}</span>`}</th>
            <td data-label="Stage"><span class=${'stage stage-' + a.stage}>${accountStageName(a.stage)}</span></td>
            <td class="num inline" data-label="Score" data-field="score">${score(a.score)}</td>
            <td class="num inline" data-label="Leads" data-field="leads">${count(a.leads)}</td>
            <td class="num inline" data-label="Engaged people" data-field="engaged">${count(a.engaged_people)}</td>
            <td data-label="Last activity">${when(a.activity)}</td>
          </tr>`)}
        </tbody>
      </table>
    </div>
    <nav class="pager" aria-label="Pages of accounts">
      <button type="button" disabled=${offset === 0} onClick=${() => setOffset(Math.max(0, offset - PAGE_SIZE))}>Previous page</button>
      <span role="status">Page ${Math.floor(offset / PAGE_SIZE) + 1}</span>
      <button type="button" disabled=${accounts.data.next_offset == null} onClick=${() => setOffset(accounts.data.next_offset)}>Next page</button>
    </nav>`}
  `;
}
