// Funnel: how far the leads made in a range got, step by step, with conversion and velocity, split by first touch
// and lead magnet; the disqualified apart with their reasons (the funnel API).
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { get, query } from '../api.js';
import { count, percent, ranked, stageName } from '../format.js';
import { DayRange, Failure, Loading, useResource } from './common.js';

const STEPS = ['lead', 'mql', 'sql', 'opportunity', 'customer'];

export function Funnel({ site }) {
  const [range, setRange] = useState({ from: '', to: '' });
  const funnel = useResource(() => get('/api/sites/' + encodeURIComponent(site) + '/funnel' + query(range)), [site, range.from, range.to]);
  const f = funnel.data;
  return html`
    <h1 tabindex="-1">Funnel</h1>
    <${DayRange} from=${range.from || (f && f.from) || ''} to=${range.to || (f && f.to) || ''} onChange=${setRange} />
    <${Failure} error=${funnel.error} />
    <${Loading} when=${funnel.loading && !f} />
    ${f &&
    html`
      <p class="muted">Leads made ${f.from} to ${f.to} (${f.timezone || 'UTC'}) and how far each got${f.truncated ? '; only the first 20,000 leads are counted' : ''}.</p>
      <section class="card">
        <h2>Steps</h2>
        <div class="table-wrap" tabindex="0" role="region" aria-label="Funnel steps"><table class="funnel">
          <thead><tr><th scope="col">Step</th><th scope="col" class="num">Count</th><th scope="col" class="bar-cell"><span class="sr-only">Share of the first step</span></th><th scope="col" class="num">Conversion <span class="sub">from the step before</span></th><th scope="col" class="num">Median time <span class="sub">from the step before</span></th></tr></thead>
          <tbody>${f.steps.map((s) => html`<tr data-step=${s.step}>
            <th scope="row">${s.step === 'visitors' ? 'Visitors' : stageName(s.step)}</th>
            <td class="num" data-field="count">${count(s.count)}</td>
            <td class="bar-cell" aria-hidden="true"><span class="meter" style=${{ width: barWidth(s.count, f.steps[0].count) }}></span></td>
            <td class="num" data-field="conversion">${s.conversion === null || s.conversion === undefined ? '—' : percent(s.conversion)}</td>
            <td class="num">${duration(s.medianSecondsFromPrevious)}</td>
          </tr>`)}</tbody>
        </table></div>
        <p><strong>Disqualified:</strong> <span data-field="disqualified">${count(f.disqualified.count)}</span>
          ${ranked(f.disqualified.reasons).length > 0 && html` (${ranked(f.disqualified.reasons).map(([r, n]) => r + ' ' + n).join(', ')})`}</p>
      </section>
      <${Split} title="By first-touch source" label="Source / medium" rows=${f.bySource} />
      <${Split} title="By campaign" label="Campaign" rows=${f.byCampaign} />
      <${Split} title="By lead magnet" label="Magnet" rows=${f.byMagnet} />
    `}
  `;
}

function Split({ title, label, rows }) {
  const entries = Object.entries(rows || {}).sort((a, b) => (b[1].lead || 0) - (a[1].lead || 0) || a[0].localeCompare(b[0]));
  return html`
    <section class="card">
      <h2>${title}</h2>
      ${entries.length === 0
        ? html`<p class="muted">None in this range.</p>`
        : html`<div class="table-wrap" tabindex="0" role="region" aria-label=${title}><table class="split stacked">
            <thead><tr><th scope="col">${label}</th>${STEPS.map((s) => html`<th scope="col" class="num">${stageName(s)}</th>`)}<th scope="col" class="num">Disqualified</th></tr></thead>
            <tbody>${entries.map(([name, c]) => html`<tr><th scope="row">${name}</th>${STEPS.map((s) => html`<td class="num" data-label=${stageName(s)}>${count(c[s] || 0)}</td>`)}<td class="num" data-label="Disqualified">${count(c.disqualified || 0)}</td></tr>`)}</tbody>
          </table></div>`}
    </section>
  `;
}

const barWidth = (n, first) => (first ? Math.max(0, Math.min(100, (n / first) * 100)) : 0) + '%';

/** Seconds as the largest unit that reads well: 45 s, 12 min, 5 h, 3 d. */
function duration(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 90) return seconds + ' s';
  if (seconds < 5400) return Math.round(seconds / 60) + ' min';
  if (seconds < 172800) return Math.round(seconds / 3600) + ' h';
  return Math.round(seconds / 86400) + ' d';
}
