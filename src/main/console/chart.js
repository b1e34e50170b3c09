// A day-by-day line chart (uPlot), sized to its box; the same numbers are in a table beside it for screen readers.
import { html } from 'htm/preact';
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const dayLabel = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const COLOURS = ['#1d4ed8', '#c2410c', '#047857', '#7c3aed'];

/** days: ['YYYY-MM-DD', ...]; series: [{label, values}] */
export function DayChart({ days, series, label }) {
  const box = useRef(null);
  useEffect(() => {
    const element = box.current;
    const data = [days.map((d) => Date.parse(d + 'T00:00:00Z') / 1000), ...series.map((s) => s.values)];
    const options = {
      width: Math.max(element.clientWidth, 200),
      height: 240,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      scales: { y: { range: (u, min, max) => [0, Math.max(1, max)] } },
      // whole days on the x axis (the API counts per day), never hours
      axes: [{ incrs: [86400, 2 * 86400, 7 * 86400, 14 * 86400, 28 * 86400], values: (u, splits) => splits.map((ts) => dayLabel.format(new Date(ts * 1000))) }, { size: 50 }],
      legend: { live: false },
      series: [{}, ...series.map((s, i) => ({ label: s.label, stroke: COLOURS[i % COLOURS.length], width: 2, points: { show: days.length < 40 } }))]
    };
    const plot = new uPlot(options, data, element);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(element.clientWidth, 200), height: 240 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [days.join(), JSON.stringify(series)]);
  return html`<figure class="chart"><div ref=${box} aria-hidden="true"></div><figcaption>${label}</figcaption></figure>`;
}
