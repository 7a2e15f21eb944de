// The dashboard: a scope (the officer's own, or an area or station below it) over a period,
// from GET /api/console/dashboard. The hash holds the view (#/dashboard?area=|station=, and
// p=7|30|90, month=YYYY-MM or from=&to=), so it can be shared and bookmarked; a preset
// stays relative ("the last 30 days" is always the last 30 days).
import { api } from '../lib/api.js';
import { fieldErrors, h, select, show } from '../lib/dom.js';
import { go } from '../lib/router.js';
import { state } from '../lib/state.js';
import { errorBox } from '../lib/ui.js';
import { t } from '../lib/words.js';
import { exportCard } from './export.js';
import { crumbs, league, periodLine, questions, service, texts, totals, trendCard } from './dashparts.js';

const PRESETS = ['7', '30', '90'];

// view is what the hash asks for: scope ({area} or {station} or nothing) and period.
function view() {
  const q = new URLSearchParams((location.hash.split('?')[1]) || '');
  const v = {};
  for (const k of ['area', 'station', 'p', 'month', 'from', 'to']) if (q.get(k)) v[k] = q.get(k);
  if (!v.month && !(v.from && v.to) && !PRESETS.includes(v.p)) v.p = '30';
  return v;
}

// link is the hash of a view; scope and period are given apart, so that a drill-down keeps
// the period and a change of period keeps the scope.
export function link(scope, period) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...scope, ...period })) if (v) q.set(k, v);
  return '#/dashboard?' + q;
}

// scopeOf is the hash's scope of a crumb or a league row at a level.
export function scopeOf(level, code) {
  return level === 'station' ? { station: code } : { area: code };
}

function periodOf(v) {
  if (v.month) return { month: v.month };
  if (v.from && v.to) return { from: v.from, to: v.to };
  return { p: v.p };
}

const addDays = (d, n) => new Date(Date.parse(d + 'T00:00:00Z') + n * 86400000).toISOString().slice(0, 10);

// today is the date in the deployment's time zone (the server counts days in it).
function today() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: state.me.config.timezone }).format(new Date());
}

// dates are the period's first and last days: a preset ends yesterday (a whole day), a month
// ends on its last day or today.
function dates(v) {
  if (v.month) {
    const [y, m] = v.month.split('-').map(Number);
    const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    const now = today();
    return { from: v.month + '-01', to: last < now ? last : now };
  }
  if (v.from && v.to) return { from: v.from, to: v.to };
  const to = addDays(today(), -1);
  return { from: addDays(to, 1 - Number(v.p)), to };
}

export async function viewDashboard() {
  const v = view();
  const scope = v.station ? { station: v.station } : v.area ? { area: v.area } : {};
  const form = picker(v, scope);
  const body = h('div', { class: 'dash' }, h('p', { class: 'empty' }, t('console.loading')));
  show(h('section', { class: 'card' }, h('h1', {}, t('console.dashboard')), form),
    exportCard(filterOf(scope, dates(v))), body);
  const q = new URLSearchParams({ ...scope, ...dates(v) });
  let d;
  try {
    d = await api('GET', '/api/console/dashboard?' + q);
  } catch (err) {
    fieldErrors(form, err);
    body.replaceChildren(err.status === 404
      ? h('p', { class: 'errors', role: 'alert' }, t('console.dash_not_found')) : errorBox(err));
    return;
  }
  const period = periodOf(v);
  const chart = trendCard(d.trend);
  body.replaceChildren(...[
    crumbs(d.scope, (c) => link(scopeOf(c.level, c.code), period)),
    periodLine(d),
    totals(d.totals, Boolean(d.texts)),
    d.service && service(d.service),
    chart.card,
    questions(d.questions || []),
    d.league && league(d.league, (row) => link(scopeOf(row.level || d.league.level, row.code), period), go),
    d.texts && texts(d.texts),
  ].filter(Boolean));
  chart.draw();
}

// filterOf is the inbox's filter of a dashboard's scope and period: the inbox knows a
// station by its id, an area by its code.
function filterOf(scope, period) {
  const f = { ...period };
  if (scope.area) f.area = scope.area;
  if (scope.station) {
    const s = state.me.stations.find((x) => x.code === scope.station);
    f.station = s ? s.id : scope.station;
  }
  return f;
}

// picker chooses the period: a preset, a calendar month or a range of days (up to 12 months,
// which the server checks); the scope stays.
function picker(v, scope) {
  const mode = v.month ? 'month' : v.from ? 'range' : v.p;
  const choice = select('period', [...PRESETS.map((p) => [p, t('console.dash_last_' + p)]),
    ['month', t('console.dash_month')], ['range', t('console.dash_range')]], mode);
  const month = h('input', { type: 'month', name: 'month', id: 'f-month', value: v.month || today().slice(0, 7) });
  const d = dates(v);
  const from = h('input', { type: 'date', name: 'from', id: 'f-from', value: d.from });
  const to = h('input', { type: 'date', name: 'to', id: 'f-to', value: d.to });
  const monthBox = h('label', { class: 'pick-month' }, t('console.dash_month'), month);
  const rangeBox = h('span', { class: 'pick-range' },
    h('label', {}, t('console.from'), from), h('label', {}, t('console.to'), to));
  const apply = h('button', { type: 'submit', class: 'button' }, t('console.apply'));
  const toggle = () => {
    monthBox.hidden = choice.value !== 'month';
    rangeBox.hidden = choice.value !== 'range';
    apply.hidden = PRESETS.includes(choice.value);
  };
  choice.addEventListener('change', () => {
    if (PRESETS.includes(choice.value)) go(link(scope, { p: choice.value }));
    else toggle();
  });
  toggle();
  return h('form', {
    class: 'dash-period',
    onsubmit: (ev) => {
      ev.preventDefault();
      const c = choice.value;
      const period = c === 'month' ? { month: month.value }
        : c === 'range' ? { from: from.value, to: to.value } : { p: c };
      go(link(scope, period));
    },
  }, h('label', { for: 'f-period' }, t('console.dash_period')), choice, monthBox, rangeBox, apply);
}
