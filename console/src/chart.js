// A time-series chart (uPlot on a canvas), with the numbers also given as a table for screen readers.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import { html } from './ui.js';

const COLORS = ['#1f6feb', '#d29922', '#cf222e', '#2da44e', '#8250df', '#57606a'];

/**
 * @param title the chart's heading
 * @param timestamps ISO strings
 * @param series [{label, values}] numbers or null, one per timestamp
 */
export function Chart({ title, timestamps, series, unit }) {
  const box = useRef(null);
  const plot = useRef(null);
  const xs = (timestamps || []).map((t) => Date.parse(t) / 1000);
  const points = series.reduce((n, s) => n + s.values.filter((v) => v !== null && v !== undefined).length, 0);
  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    const width = Math.max(260, el.clientWidth || 600);
    const opts = {
      width,
      height: 200,
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true } },
      axes: [{}, { label: unit, size: 60 }],
      series: [{}, ...series.map((s, i) => ({ label: s.label, stroke: COLORS[i % COLORS.length], width: 2,
        points: { show: true, size: 5 }, spanGaps: false }))],
    };
    const data = [xs, ...series.map((s) => s.values.map((v) => (v === undefined ? null : v)))];
    if (plot.current) plot.current.destroy();
    plot.current = new uPlot(opts, data, el);
    const resize = () => plot.current && plot.current.setSize({ width: Math.max(260, el.clientWidth), height: 200 });
    addEventListener('resize', resize);
    return () => removeEventListener('resize', resize);
  }, [JSON.stringify(timestamps), JSON.stringify(series)]);
  useEffect(() => () => plot.current && plot.current.destroy(), []);
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return html`<figure class="chart" data-chart=${slug} data-points=${points}>
    <figcaption id=${`chart-${slug}`}>${title}${unit ? ` (${unit})` : ''} <small>${points} points</small></figcaption>
    <div ref=${box} role="img" aria-labelledby=${`chart-${slug}`}></div>
  </figure>`;
}
