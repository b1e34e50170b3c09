// A lead's page: fields, consents, score with its explanation, stage history (who, why), the whole timeline, and
// the stage change (sales feedback) for a sales or admin user.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { api, get } from '../api.js';
import { STAGES, count, score, stageName, when } from '../format.js';
import { Failure, Loading, useResource } from './common.js';

export function Lead({ id, session }) {
  const lead = useResource(() => get('/api/leads/' + encodeURIComponent(id)), [id]);
  if (!lead.data) {
    return html`<h1 tabindex="-1">Lead</h1><p><a href="/console/leads">← All leads</a></p><${Failure} error=${lead.error} /><${Loading} when=${lead.loading} />`;
  }
  const l = lead.data;
  const fields = l.fields || {};
  return html`
    <p><a href="/console/leads">← All leads</a></p>
    <h1 tabindex="-1">${fields.name || l.email}</h1>
    <p class="lede">
      <span class=${'stage stage-' + l.stage} data-field="stage">${stageName(l.stage)}</span>
      <span>Score <strong data-field="score">${score(l.score)}</strong></span>
      <span>${l.email}</span>
      ${l.disqualified_reason && html`<span>Junk: ${l.disqualified_reason}</span>`}
    </p>
    <div class="grid">
      <section class="card" aria-labelledby="fields-h">
        <h2 id="fields-h">Fields</h2>
        <dl class="fields">
          <dt>Email</dt><dd>${l.email}</dd>
          ${Object.entries(fields).map(([k, v]) => html`<dt>${k}</dt><dd>${String(v)}</dd>`)}
          <dt>First touch</dt><dd>${l.first_touch ? [l.first_touch.source, l.first_touch.medium, l.first_touch.campaign].filter(Boolean).join(' / ') : '—'}</dd>
          ${l.first_touch && l.first_touch.landing && html`<dt>Landing page</dt><dd class="url">${l.first_touch.landing}</dd>`}
          <dt>Created</dt><dd>${when(l.created_at)}</dd>
        </dl>
        <h3>Consents</h3>
        ${(l.consents || []).length === 0
          ? html`<p class="muted">None recorded.</p>`
          : html`<ul class="consents">${l.consents.map((c) => html`<li><strong>${c.kind}</strong> ${when(c.at)}, form ${c.form}: “${c.text}”</li>`)}</ul>`}
      </section>
      <${ScoreCard} breakdown=${l.score_breakdown} />
      ${session.role !== 'viewer' && html`<${StageChange} lead=${l} onChanged=${lead.reload} />`}
    </div>
    <section class="card" aria-labelledby="history-h">
      <h2 id="history-h">Stage history</h2>
      <div class="table-wrap" tabindex="0" role="region" aria-label="Stage history table"><table class="history stacked">
        <thead><tr><th scope="col">When</th><th scope="col">Stage</th><th scope="col">From</th><th scope="col">By</th><th scope="col">Why</th></tr></thead>
        <tbody>${(l.stage_history || []).slice().reverse().map((h) => html`<tr>
          <td data-label="When">${when(h.at)}</td><td data-label="Stage">${stageName(h.stage)}</td><td data-label="From">${h.from ? stageName(h.from) : '—'}</td><td data-label="By">${h.by || '—'}</td><td data-label="Why">${h.reason || '—'}</td>
        </tr>`)}</tbody>
      </table></div>
    </section>
    <section class="card" aria-labelledby="timeline-h">
      <h2 id="timeline-h">Timeline <span class="muted">(${count((l.timeline || []).length)} events, visits before the form included)</span></h2>
      <ol class="timeline">
        ${(l.timeline || []).map((e) => html`<li>
          <time>${when(e.at)}</time> <strong>${e.type}</strong> ${e.name ? html`<span>${e.name}</span>` : null}
          ${e.url && html`<span class="url">${e.url}</span>`}
        </li>`)}
      </ol>
    </section>
  `;
}

function ScoreCard({ breakdown }) {
  if (!breakdown) return html`<section class="card"><h2>Score</h2><p class="muted">Not scored yet.</p></section>`;
  const b = breakdown;
  return html`
    <section class="card" aria-labelledby="score-h">
      <h2 id="score-h">Score ${score(b.score)}</h2>
      <p>Behaviour <strong>${score(b.behaviour)}</strong> (halves every ${score(b.half_life_days)} days) + fit <strong>${score(b.fit)}</strong></p>
      ${b.hold && html`<p class="hold" data-field="hold"><strong>Hold:</strong> ${b.hold.summary}</p>`}
      <table class="rules">
        <caption class="sr-only">Points by rule</caption>
        <thead><tr><th scope="col">Rule</th><th scope="col" class="num">Events</th><th scope="col" class="num">Points</th><th scope="col" class="num">Now worth</th></tr></thead>
        <tbody>
          ${(b.behaviour_rules || []).map((r) => html`<tr><th scope="row">${r.rule}</th><td class="num">${count(r.events)}</td><td class="num">${score(r.points)}</td><td class="num">${score(r.value)}</td></tr>`)}
          ${(b.fit_rules || []).map((r) => html`<tr><th scope="row">${r.rule} <span class="sub">fit: ${r.why}</span></th><td class="num">—</td><td class="num">${score(r.points)}</td><td class="num">${score(r.points)}</td></tr>`)}
        </tbody>
      </table>
      ${Object.keys(b.bant || {}).length > 0 &&
      html`<h3>BANT known</h3><ul>${Object.entries(b.bant).map(([k, v]) => html`<li><strong>${k}</strong>: ${v}</li>`)}</ul>`}
    </section>
  `;
}

function StageChange({ lead, onChanged }) {
  const [state, setState] = useState({ busy: false, error: null, done: null });
  const submit = async (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    setState({ busy: true, error: null, done: null });
    try {
      const after = await api('POST', '/api/leads/' + encodeURIComponent(lead.id) + '/stage', {
        stage: form.get('stage'),
        reason: form.get('reason').trim() || undefined
      });
      setState({ busy: false, error: null, done: 'Moved to ' + stageName(after.stage) + '.' });
      event.target.reset();
      onChanged();
    } catch (e) {
      setState({ busy: false, error: e.message, done: null });
    }
  };
  return html`
    <section class="card" aria-labelledby="change-h">
      <h2 id="change-h">Change the stage</h2>
      <form class="stack" onSubmit=${submit}>
        <label for="new-stage">New stage</label>
        <select id="new-stage" name="stage" required>
          <option value="">Choose a stage</option>
          ${STAGES.filter((s) => s !== lead.stage).map((s) => html`<option value=${s}>${stageName(s)}</option>`)}
        </select>
        <label for="stage-reason">Reason (kept in the history)</label>
        <textarea id="stage-reason" name="reason" rows="2" maxlength="500" required></textarea>
        ${state.error && html`<p class="error" role="alert">${state.error}</p>`}
        ${state.done && html`<p class="ok" role="status">${state.done}</p>`}
        <button type="submit" disabled=${state.busy}>Change stage</button>
      </form>
    </section>
  `;
}
