// Webhooks: each endpoint's state and queues, speed-to-lead, its newest deliveries, and dead letters with replay
// (admin only).
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { api, get } from '../api.js';
import { count, duration, when } from '../format.js';
import { Failure, Loading, useResource } from './common.js';

export function Webhooks({ session }) {
  const endpoints = useResource(() => get('/api/webhooks'), []);
  return html`
    <h1 tabindex="-1">Webhooks</h1>
    <${Failure} error=${endpoints.error} />
    <${Loading} when=${endpoints.loading && !endpoints.data} />
    ${endpoints.data && endpoints.data.length === 0 && html`<p class="muted">No webhook endpoint is configured (<code>webhooks:</code> in the configuration).</p>`}
    ${(endpoints.data || []).map((e) => html`<${Endpoint} key=${e.id} endpoint=${e} admin=${session.role === 'admin'} onChanged=${endpoints.reload} />`)}
  `;
}

function Endpoint({ endpoint: e, admin, onChanged }) {
  const id = encodeURIComponent(e.id);
  const deliveries = useResource(() => get('/api/webhooks/' + id + '/deliveries?limit=10'), [e.id, e.ready, e.retrying]);
  const dead = useResource(() => get('/api/webhooks/' + id + '/dead?limit=50'), [e.id]);
  const speed = useResource(() => get('/api/webhooks/' + id + '/speed-to-lead'), [e.id]);
  const [message, setMessage] = useState(null);
  const act = async (what, body) => {
    setMessage(null);
    try {
      const answer = await api('POST', '/api/webhooks/' + id + '/' + what, body);
      setMessage({ ok: true, text: what === 'replay' ? `Sent again: ${answer.replayed}.` : 'Enabled.' });
      dead.reload();
      onChanged();
    } catch (error) {
      setMessage({ ok: false, text: error.message });
    }
  };
  const state = !e.enabled ? 'disabled' : e.failingSince ? 'failing' : 'healthy';
  return html`
    <section class="card endpoint" data-endpoint=${e.id} aria-labelledby=${'ep-' + e.id}>
      <h2 id=${'ep-' + e.id}>${e.id} <span class=${'state state-' + state}>${state}</span></h2>
      <p class="url">${e.url}</p>
      <p>Ready <strong data-field="ready">${count(e.ready)}</strong> · retrying <strong data-field="retrying">${count(e.retrying)}</strong>
        ${e.failingSince && html` · failing since ${when(e.failingSince)}`}
        ${e.disabledReason && html` · disabled ${when(e.disabledAt)}: ${e.disabledReason}`}</p>
      <${Failure} error=${speed.error} />
      ${speed.data && html`<p class="speed" data-field="speed">Speed-to-lead, form answered → delivered, last 7 days:
        ${speed.data.leads === 0 ? html` <span class="muted">no new lead delivered.</span>`
          : html` median <strong data-field="median">${duration(speed.data.medianMs)}</strong>, 90 % within <strong data-field="p90">${duration(speed.data.p90Ms)}</strong>${' '}
            <span class="muted">(${count(speed.data.leads)} new ${speed.data.leads === 1 ? 'lead' : 'leads'})</span>`}</p>`}
      ${admin && !e.enabled && html`<button type="button" onClick=${() => act('enable')}>Enable again</button>`}
      ${message && html`<p class=${message.ok ? 'ok' : 'error'} role=${message.ok ? 'status' : 'alert'}>${message.text}</p>`}
      <h3>Newest deliveries</h3>
      <${Failure} error=${deliveries.error} />
      ${deliveries.data && (deliveries.data.deliveries.length === 0
        ? html`<p class="muted">None yet.</p>`
        : html`<div class="table-wrap" tabindex="0" role="region" aria-label=${'Newest deliveries to ' + e.id}><table class="deliveries stacked">
            <thead><tr><th scope="col">When</th><th scope="col">Message</th><th scope="col">Lead</th><th scope="col" class="num">Status</th><th scope="col" class="num">Took</th></tr></thead>
            <tbody>${deliveries.data.deliveries.map((d) => html`<tr>
              <td data-label="When">${when(d.at)}</td><td data-label="Message">${d.type || d.id || '—'}</td><td data-label="Lead">${d.lead ? html`<a href=${'/console/leads/' + encodeURIComponent(d.lead)}>${d.lead}</a>` : '—'}</td>
              <td class="num" data-label="Status">${d.status || d.error || '—'}</td><td class="num" data-label="Took">${d.ms !== undefined ? d.ms + ' ms' : d.latencyMs !== undefined ? d.latencyMs + ' ms' : '—'}</td>
            </tr>`)}</tbody>
          </table></div>`)}
      <h3>Dead letters <span class="muted" data-field="dead">(${dead.data ? count(dead.data.dead.length) : '…'})</span></h3>
      <${Failure} error=${dead.error} />
      ${dead.data && (dead.data.dead.length === 0
        ? html`<p class="muted">None: every message was delivered or is still being tried.</p>`
        : html`<div class="table-wrap" tabindex="0" role="region" aria-label=${'Dead letters of ' + e.id}><table class="dead stacked">
            <thead><tr><th scope="col">Died</th><th scope="col">Message</th><th scope="col">Lead</th><th scope="col" class="num">Attempts</th><th scope="col">Last answer</th>${admin && html`<th scope="col"><span class="sr-only">Replay</span></th>`}</tr></thead>
            <tbody>${dead.data.dead.map((d) => html`<tr data-dead=${d.id}>
              <td data-label="Died">${when(d.deadAt)}</td><td data-label="Message">${d.type}</td>
              <td data-label="Lead">${d.lead ? html`<a href=${'/console/leads/' + encodeURIComponent(d.lead)}>${d.lead}</a>` : '—'}</td>
              <td class="num" data-label="Attempts">${count(d.attempts)}</td><td data-label="Last answer">${d.status || ''} ${d.reason || ''}</td>
              ${admin && html`<td data-label=""><button type="button" aria-label=${'Replay ' + d.type + ' for ' + (d.lead || d.id)} onClick=${() => act('replay', { id: d.id })}>Replay</button></td>`}
            </tr>`)}</tbody>
          </table></div>`)}
    </section>
  `;
}
