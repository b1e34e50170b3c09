// Traffic: the stats API per day (visitors, page views, downloads, outbound clicks), top pages, sources, downloads.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { get, query } from '../api.js';
import { count, sum } from '../format.js';
import { DayChart } from '../chart.js';
import { CountTable, DayRange, Failure, Loading, Stat, useResource } from './common.js';

export function Traffic({ site }) {
  const [range, setRange] = useState({ from: '', to: '' });
  const stats = useResource(() => get('/api/sites/' + encodeURIComponent(site) + '/stats' + query(range)), [site, range.from, range.to]);
  const s = stats.data;
  const events = (c) => (c.events || {});
  return html`
    <h1 tabindex="-1">Traffic</h1>
    <${DayRange} from=${range.from || (s && s.from) || ''} to=${range.to || (s && s.to) || ''} onChange=${setRange} />
    <${Failure} error=${stats.error} />
    <${Loading} when=${stats.loading && !s} />
    ${s &&
    html`
      <p class="muted">${s.from} to ${s.to} (${s.timezone || 'UTC'})</p>
      <div class="stats">
        <${Stat} id="visitors" label="Visitors" value=${count(s.totals.visitors)} />
        <${Stat} id="pageviews" label="Page views" value=${count(events(s.totals).pageview || 0)} />
        <${Stat} id="downloads" label="Downloads" value=${count(sum(s.totals.downloads))} />
        <${Stat} id="outbound" label="Outbound clicks" value=${count(events(s.totals).outbound || 0)} />
        <${Stat} id="forms" label="Forms sent" value=${count(events(s.totals).form || 0)} />
      </div>
      <section class="card">
        <h2>Per day</h2>
        <${DayChart}
          days=${s.days.map((d) => d.day)}
          label="Visitors and page views per day (the table below has the numbers)"
          series=${[
            { label: 'Visitors', values: s.days.map((d) => d.visitors || 0) },
            { label: 'Page views', values: s.days.map((d) => events(d).pageview || 0) }
          ]}
        />
        <details>
          <summary>The numbers per day</summary>
          <div class="table-wrap" tabindex="0" role="region" aria-label="Visitors and page views per day"><table class="days">
            <thead><tr><th scope="col">Day</th><th scope="col" class="num">Visitors</th><th scope="col" class="num">Page views</th><th scope="col" class="num">Downloads</th><th scope="col" class="num">Outbound</th></tr></thead>
            <tbody>${s.days.map((d) => html`<tr><th scope="row">${d.day}</th><td class="num">${count(d.visitors)}</td><td class="num">${count(events(d).pageview || 0)}</td><td class="num">${count(sum(d.downloads))}</td><td class="num">${count(events(d).outbound || 0)}</td></tr>`)}</tbody>
          </table></div>
        </details>
      </section>
      <div class="grid">
        <${CountTable} caption="Top pages" label="Page" counts=${s.totals.pageviews} />
        <${CountTable} caption="Sources" label="Source" counts=${s.totals.sources} />
        <${CountTable} caption="Downloads" label="File" counts=${s.totals.downloads} />
      </div>
    `}
  `;
}
