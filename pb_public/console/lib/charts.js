// Charts: uPlot (vendor/, MIT, its licence beside it), loaded the first time a chart is drawn
// so that the inbox does not pay for it. Each chart is readable in black and white (bars,
// a line with markers and a dashed line, never colour alone) and its numbers are also in a
// table that a screen reader reads and a toggle shows.
import { h } from './dom.js';
import { t } from './words.js';

let loading = null;

// uplot loads the vendored library once (a classic script: it sets window.uPlot).
function uplot() {
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      document.head.append(h('link', { rel: 'stylesheet', href: 'vendor/uPlot.min.css' }));
      document.head.append(h('script', { src: 'vendor/uPlot.iife.min.js',
        onload: () => resolve(window.uPlot), onerror: () => { loading = null; reject(new Error('uPlot')); } }));
    });
  }
  return loading;
}

// numbers is a chart's data as a table behind a toggle: head is the columns' names, rows
// their cells.
export function numbers(caption, head, rows) {
  return h('details', { class: 'numbers' }, h('summary', {}, t('console.dash_numbers')),
    h('table', {}, h('caption', {}, caption),
      h('thead', {}, h('tr', {}, head.map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, rows.map((r) => h('tr', {}, r.map((x, i) => h(i ? 'td' : 'th', i ? {} : { scope: 'row' }, x)))))));
}

// bars is a table of labelled counts, each with a bar as long as its share of the largest:
// the counts are written out, so the bars need no colour and no second table.
export function bars(caption, rows) {
  const top = Math.max(1, ...rows.map((r) => r.count));
  const all = rows.reduce((n, r) => n + r.count, 0);
  return h('table', { class: 'bars' }, h('caption', {}, caption),
    h('tbody', {}, rows.map((r) => h('tr', {},
      h('th', { scope: 'row' }, r.label),
      h('td', { class: 'meter', 'aria-hidden': 'true' }, h('span', { style: 'width:' + (100 * r.count / top) + '%' })),
      h('td', { class: 'n' }, String(r.count)),
      h('td', { class: 'n share' }, all ? Math.round(100 * r.count / all) + '%' : '')))));
}

// day is a date (YYYY-MM-DD) as uPlot's x: seconds, read in UTC; label is its short name.
const day = (d) => Date.parse(d + 'T00:00:00Z') / 1000;
const label = (x) => new Date(x * 1000)
  .toLocaleDateString(t('lang.locale'), { timeZone: 'UTC', day: 'numeric', month: 'short' });

// trend draws responses (bars, left axis) and the average rating (a line with markers, right
// axis) per day or week, with the scope's mean rating as a dashed line, into box; the chart
// follows the box's width. top is the highest rating.
export async function trend(box, tr, top) {
  const U = await uplot();
  // a canvas falls back on no other font: name the page's own, once its Devanagari has loaded
  const family = getComputedStyle(box).fontFamily;
  await document.fonts.load('12px ' + family, 'अ').catch(() => {});
  const font = { font: '12px ' + family, labelFont: 'bold 12px ' + family };
  const xs = tr.points.map((p) => day(p.date));
  const step = tr.unit === 'week' ? 7 * 86400 : 86400;
  const data = [xs, tr.points.map((p) => p.responses), tr.points.map((p) => p.rating),
    xs.map(() => tr.mean)];
  const opts = {
    width: Math.max(200, box.clientWidth),
    height: 240,
    tzDate: (ts) => U.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    scales: {
      x: { time: true, range: (u, min, max) => [min - step / 2, max + step / 2] },
      n: { range: (u, min, max) => [0, Math.max(1, max)] },
      r: { range: [0, top] },
    },
    legend: { live: false },
    axes: [
      // dates only, one label per point, thinned to fit the width
      { splits: (u) => {
        const fit = Math.max(1, Math.floor(u.bbox.width / devicePixelRatio / 70)); // labels of ~70 px
        return xs.filter((x, i) => i % Math.ceil(xs.length / fit) === 0);
      },
        values: (u, splits) => splits.map(label), ...font },
      { scale: 'n', label: t('console.dash_responses'), ...font },
      { scale: 'r', side: 1, label: t('console.dash_rating'), grid: { show: false }, ...font },
    ],
    series: [
      {},
      { label: t('console.dash_responses'), scale: 'n', stroke: '#333', width: 1, fill: 'rgba(0,0,0,.18)',
        paths: U.paths.bars({ size: [0.7, 48] }), points: { show: false } },
      { label: t('console.dash_rating'), scale: 'r', stroke: '#000', width: 2,
        points: { show: true, size: 8, width: 2, fill: '#fff' } },
      { label: t('console.dash_mean'), scale: 'r', stroke: '#555', width: 1.5, dash: [6, 4], points: { show: false } },
    ],
  };
  const plot = new U(opts, data, box);
  new ResizeObserver(() => plot.setSize({ width: Math.max(200, box.clientWidth), height: 240 })).observe(box);
  return plot;
}
