// Pieces every page uses: loading a resource, showing its failure, a count table, a date range.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { query } from '../api.js';
import { navigate } from '../router.js';
import { count, ranked, share, sum } from '../format.js';

/** Loads with load() whenever a dependency changes: {data, error, loading, reload}. */
export function useResource(load, dependencies) {
  const [state, setState] = useState({ data: null, error: null, loading: true });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    load().then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error) => current && setState({ data: null, error, loading: false })
    );
    return () => (current = false);
  }, [...dependencies, generation]);
  return { ...state, reload: () => setGeneration((g) => g + 1) };
}

/** A list page's filters as the URL holds them: each key's value, or '' (order: 'score' when none is given). */
export function filtersIn(search, keys) {
  const params = new URLSearchParams(search);
  const filters = {};
  for (const key of keys) filters[key] = params.get(key) || '';
  filters.order = filters.order || 'score';
  return filters;
}

/** A filter form's submit: its values into the page's URL (the default order left out), so the view can be shared. */
export function showFiltered(event, keys, path) {
  event.preventDefault();
  const form = new FormData(event.target);
  const next = {};
  for (const key of keys) next[key] = (form.get(key) || '').trim();
  navigate(path + query({ ...next, order: next.order === 'score' ? '' : next.order }));
}

export function Failure({ error }) {
  if (!error) return null;
  return html`<p class="error" role="alert">${error.status === 403 ? 'Your role may not see this: ' : 'Could not load this: '}${error.message}</p>`;
}

export function Loading({ when }) {
  return when ? html`<p class="loading" role="status">Loading…</p>` : null;
}

/** A two-column table of a count map, largest first, with each row's share of the total. */
export function CountTable({ caption, counts, label, limit = 10, empty = 'None in this range.' }) {
  const rows = ranked(counts).slice(0, limit);
  const total = sum(counts);
  return html`
    <section class="card">
      <h2>${caption}</h2>
      ${rows.length === 0
        ? html`<p class="muted">${empty}</p>`
        : html`<table class="counts">
            <thead><tr><th scope="col">${label}</th><th scope="col" class="num">Count</th><th scope="col" class="num">Share</th></tr></thead>
            <tbody>
              ${rows.map(([name, n]) => html`<tr><th scope="row">${name}</th><td class="num">${count(n)}</td><td class="num">${share(n, total)}</td></tr>`)}
            </tbody>
          </table>`}
    </section>
  `;
}

/** From/to day inputs (empty: the API's default range). */
export function DayRange({ from, to, onChange }) {
  return html`
    <form class="filters" onSubmit=${(e) => {
      e.preventDefault();
      const form = new FormData(e.target);
      onChange({ from: form.get('from'), to: form.get('to') });
    }}>
      <label>From <input type="date" name="from" value=${from} /></label>
      <label>To <input type="date" name="to" value=${to} /></label>
      <button type="submit">Show</button>
    </form>
  `;
}

export function Stat({ label, value, id }) {
  return html`<div class="stat" data-stat=${id}><span class="value">${value}</span><span class="label">${label}</span></div>`;
}
