// An account's page: its company fields and the domains merged into it, the account score with which lead gave
// what, its leads (each linking to the lead's page), its merged timeline (the account's history and its leads'
// stage changes), and, for a sales or admin user, declaring another domain the same company.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { api, get, query } from '../api.js';
import { accountStageName, count, score, stageName, when } from '../format.js';
import { Failure, Loading, useResource } from './common.js';

const BACK = html`<p><a href="/console/accounts">← All accounts</a></p>`;

export function Account({ domain, site, session }) {
  const account = useResource(() => get('/api/accounts/' + encodeURIComponent(domain) + query({ site })), [domain, site]);
  if (!account.data) {
    return html`${BACK}<h1 tabindex="-1">Account ${domain}</h1><${Failure} error=${account.error} /><${Loading} when=${account.loading} />`;
  }
  const a = account.data;
  const fields = a.fields || {};
  const parts = a.score.explanation || {};
  const counted = new Map((parts.leads || []).map((p) => [p.lead, p.counted]));
  const emails = new Map(a.leads.map((l) => [l.id, l.email]));
  return html`
    ${BACK}
    <h1 tabindex="-1">${fields.company || a.domain}</h1>
    <p class="lede">
      <span class=${'stage stage-' + a.stage} data-field="stage">${accountStageName(a.stage)}</span>
      <span>Score <strong data-field="score">${score(a.score.score)}</strong></span>
      <span>${a.domain}</span>
      <span><strong data-field="leads">${count(a.leads.length)}</strong> ${a.leads.length === 1 ? 'lead' : 'leads'}</span>
    </p>
    ${a.merged_into && html`<p class="hold" data-field="merged-into">Declared the same company as
      <a href=${'/console/accounts/' + encodeURIComponent(a.merged_into)}>${a.merged_into}</a>: its leads are there.</p>`}
    <div class="grid">
      <section class="card" aria-labelledby="fields-h">
        <h2 id="fields-h">Company</h2>
        <dl class="fields">
          <dt>Domain</dt><dd>${a.domain}</dd>
          ${Object.entries(fields).map(([k, v]) => html`<dt>${label(k)}</dt><dd>${String(v)}</dd>`)}
          <dt>Also known as</dt><dd data-field="merged">${(a.merged || []).length ? a.merged.join(', ') : '—'}</dd>
          <dt>First lead</dt><dd>${when(a.created_at)}</dd>
          <dt>Last change</dt><dd>${when(a.updated_at)}</dd>
        </dl>
      </section>
      <${ScoreCard} account=${a} />
      ${session.role !== 'viewer' && !a.merged_into && html`<${AliasForm} account=${a} site=${site} onMerged=${account.reload} />`}
    </div>
    <section class="card" aria-labelledby="leads-h">
      <h2 id="leads-h">Leads <span class="muted">(most engaged first)</span></h2>
      <div class="table-wrap" tabindex="0" role="region" aria-label="Leads of the account"><table class="account-leads stacked">
        <thead><tr>
          <th scope="col">Lead</th><th scope="col">Stage</th><th scope="col" class="num">Lead score</th>
          <th scope="col" class="num">Behaviour now</th><th scope="col">Engaged</th><th scope="col">Last activity</th>
        </tr></thead>
        <tbody>
          ${a.leads.length === 0 && html`<tr><td colspan="6" class="muted">No lead in this account.</td></tr>`}
          ${a.leads.map((l) => html`<tr data-lead=${l.id}>
            <th scope="row"><a href=${'/console/leads/' + encodeURIComponent(l.id)}>${l.name || l.email}</a>
              ${l.name && html`<span class="sub">${l.email}</span>`}</th>
            <td data-label="Stage"><span class=${'stage stage-' + l.stage}>${stageName(l.stage)}</span></td>
            <td class="num inline" data-label="Lead score">${score(l.score)}</td>
            <td class="num inline" data-label="Behaviour now">${score(l.behaviour)}${counted.get(l.id) === false && html`<span class="sub">not counted</span>`}</td>
            <td class="inline" data-label="Engaged">${l.engaged ? 'Yes' : 'No'}</td>
            <td data-label="Last activity">${when(l.activity)}</td>
          </tr>`)}
        </tbody>
      </table></div>
    </section>
    <section class="card" aria-labelledby="timeline-h">
      <h2 id="timeline-h">History <span class="muted">(the account's changes and its leads' stages, newest first)</span></h2>
      ${(a.timeline || []).length === 0
        ? html`<p class="muted">Nothing yet.</p>`
        : html`<div class="table-wrap" tabindex="0" role="region" aria-label="History of the account"><table class="history events stacked">
        <thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Detail</th><th scope="col">By</th></tr></thead>
        <tbody>${a.timeline.map((t) => html`<tr data-kind=${t.kind}>
          <td data-label="" class="when">${when(t.at)}</td>
          <td data-label="" class="what">${what(t)}</td>
          <td data-label="">${detail(t, emails)}</td>
          <td data-label="By">${t.by || '—'}</td>
        </tr>`)}</tbody>
      </table></div>`}
    </section>
  `;
}

const WHAT = { account_joined: 'Lead joined', account_left: 'Lead left', account_fields: 'Fields set', account_merged: 'Merged' };

function what(t) {
  if (t.kind === 'lead_stage') return t.from ? 'Lead → ' + stageName(t.stage) : 'New ' + stageName(t.stage).toLowerCase();
  if (t.kind === 'account_stage') return 'Account → ' + accountStageName(t.stage);
  return WHAT[t.kind] || t.kind;
}

const leadLink = (id, text) => html`<a href=${'/console/leads/' + encodeURIComponent(id)}>${text}</a>`;

function detail(t, emails) {
  if (t.kind === 'lead_stage') {
    return html`${leadLink(t.lead, t.email)}${t.from ? ' from ' + stageName(t.from) : ''}${t.reason ? ': ' + t.reason : ''}`;
  }
  // the history names a lead by its id ("lead ld_… joined"): shown as a link, by its email when it is still here
  const at = t.lead && t.detail ? t.detail.indexOf(t.lead) : -1;
  if (at < 0) return t.detail || '—';
  return html`${t.detail.slice(0, at)}${leadLink(t.lead, emails.get(t.lead) || t.lead)}${t.detail.slice(at + t.lead.length)}`;
}

/** A field's name as a label: company → Company, group_id → Group id. */
const label = (name) => (name.charAt(0).toUpperCase() + name.slice(1)).replace(/_/g, ' ');

function ScoreCard({ account }) {
  const s = account.score;
  const parts = s.explanation || {};
  const emails = new Map(account.leads.map((l) => [l.id, l.email]));
  return html`
    <section class="card" aria-labelledby="score-h">
      <h2 id="score-h">Account score ${score(s.score)}</h2>
      <table class="rules">
        <caption class="sr-only">Where the account score comes from</caption>
        <thead><tr><th scope="col">Part</th><th scope="col" class="num">Points</th></tr></thead>
        <tbody>
          <tr><th scope="row">Leads' behaviour, decayed to now</th><td class="num" data-field="behaviour">${score(s.behaviour)}</td></tr>
          <tr><th scope="row">Fit of the company</th><td class="num" data-field="fit">${score(s.fit)}</td></tr>
          <tr><th scope="row">Engaged people <span class="sub">${count(s.engaged_people)} engaged</span></th><td class="num" data-field="people">${score(s.people)}</td></tr>
          <tr><th scope="row">Buying-group roles</th><td class="num" data-field="roles">${score(s.roles)}</td></tr>
        </tbody>
      </table>
      ${(parts.fit || []).length > 0 &&
      html`<h3>Fit rules matched</h3><ul>${parts.fit.map((f) => html`<li><strong>${f.rule}</strong> +${score(f.points)}: ${f.why}</li>`)}</ul>`}
      ${(parts.roles || []).length > 0 &&
      html`<h3>Roles of the buying group</h3><ul>${parts.roles.map((r) => html`<li><strong>${r.role}</strong> +${score(r.points)}: ${emails.get(r.lead) || r.lead} (${r.why})</li>`)}</ul>`}
    </section>
  `;
}

function AliasForm({ account, site, onMerged }) {
  const [state, setState] = useState({ busy: false, error: null, done: null });
  const submit = async (event) => {
    event.preventDefault();
    const alias = new FormData(event.target).get('alias').trim();
    const form = event.target;
    setState({ busy: true, error: null, done: null });
    try {
      const after = await api('POST', '/api/accounts/' + encodeURIComponent(account.domain) + '/aliases' + query({ site }), { alias });
      setState({ busy: false, error: null, done: `${alias} is now ${after.fields.company || after.domain}: ${after.leads.length} leads here.` });
      form.reset();
      onMerged();
    } catch (e) {
      setState({ busy: false, error: e.message, done: null });
    }
  };
  return html`
    <section class="card" aria-labelledby="alias-h">
      <h2 id="alias-h">Another domain of this company</h2>
      <form class="stack" onSubmit=${submit}>
        <label for="alias">Domain (its leads and history move here)</label>
        <input id="alias" name="alias" type="text" required maxlength="253" placeholder="e.g. acme-corp.com" autocomplete="off" spellcheck="false" />
        ${state.error && html`<p class="error" role="alert">${state.error}</p>`}
        ${state.done && html`<p class="ok" role="status">${state.done}</p>`}
        <button type="submit" disabled=${state.busy}>Merge into this account</button>
      </form>
    </section>
  `;
}
