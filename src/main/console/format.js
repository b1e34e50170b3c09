// How numbers, times and stages read in the console.
const numbers = new Intl.NumberFormat('en');
const dates = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
const datesWithYear = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

export const STAGES = ['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer', 'evangelist', 'disqualified'];
const STAGE_NAMES = { mql: 'MQL', sql: 'SQL' };

export const stageName = (stage) => STAGE_NAMES[stage] || (stage ? stage[0].toUpperCase() + stage.slice(1) : '—');
export const count = (n) => (n === undefined || n === null ? '—' : numbers.format(n));
export const score = (n) => (n === undefined || n === null ? '—' : numbers.format(Math.round(n * 10) / 10));
/** A moment, short: the year only when it is not this year's. */
export function when(ms) {
  if (!ms) return '—';
  const date = new Date(typeof ms === 'number' ? ms : Date.parse(ms));
  return (date.getFullYear() === new Date().getFullYear() ? dates : datesWithYear).format(date);
}
export const sum = (counts) => Object.values(counts || {}).reduce((a, b) => a + b, 0);
/** The entries of a count map, largest first. */
export const ranked = (counts) => Object.entries(counts || {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
export const share = (part, whole) => (whole ? Math.round((part / whole) * 1000) / 10 + ' %' : '—');
/** A ratio (0.123) as a percentage (12.3 %), or a dash when there is none. */
export const percent = (ratio) => (ratio === undefined || ratio === null ? '—' : Math.round(ratio * 1000) / 10 + ' %');
/** A duration in ms, short: 850 ms, 4.2 s, 3 min, 2.5 h. */
export function duration(ms) {
  if (ms === undefined || ms === null) return '—';
  if (ms < 1000) return ms + ' ms';
  if (ms < 60_000) return Math.round(ms / 100) / 10 + ' s';
  if (ms < 3_600_000) return Math.round(ms / 6_000) / 10 + ' min';
  return Math.round(ms / 360_000) / 10 + ' h';
}

/** An account's stages, in order: none until its score reaches engaged, then qualified (an MQA). */
export const ACCOUNT_STAGES = ['none', 'engaged', 'qualified'];
const ACCOUNT_STAGE_NAMES = { none: 'Not engaged', engaged: 'Engaged', qualified: 'Qualified (MQA)' };
export const accountStageName = (stage) => ACCOUNT_STAGE_NAMES[stage] || stageName(stage);
