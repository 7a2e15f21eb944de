// The dashboard's sections, each drawn from its part of GET /api/console/dashboard's answer:
// breadcrumbs, the period, totals, service times, the trend, every question's answers, the
// league table with the silent stations, and the text answers (supervisors only).
import { bars, numbers, trend } from '../lib/charts.js';
import { h } from '../lib/dom.js';
import { state } from '../lib/state.js';
import { stationName } from '../lib/ui.js';
import { t } from '../lib/words.js';

const none = '—';
const rating = (x) => (x === null || x === undefined ? none : x.toFixed(1));
const share = (x) => (x === null || x === undefined ? none : Math.round(100 * x) + '%');
const signed = (x) => (x === null || x === undefined ? none
  : (x > 0 ? '▲ +' : x < 0 ? '▼ −' : '= ') + Math.abs(x).toFixed(1));

// hours is a duration: hours up to two days, then days.
function hours(x) {
  if (x === null || x === undefined) return none;
  if (x < 48) return t('console.dash_hours').replace('{n}', x.toFixed(1));
  return t('console.dash_days').replace('{n}', (x / 24).toFixed(1));
}

// date is a day (YYYY-MM-DD) in the officer's language.
export function date(d) {
  return new Date(d + 'T00:00:00Z').toLocaleDateString(t('lang.locale'), { timeZone: 'UTC', dateStyle: 'medium' });
}

const card = (cls, title, ...rest) => h('section', { class: 'card ' + cls }, h('h2', {}, title), ...rest);

// figure is one number with its name, and what it was in the previous period where known.
function figure(key, label, value, previous) {
  return h('div', { class: 'figure', 'data-figure': key },
    h('span', { class: 'value' }, value), h('span', { class: 'label' }, label),
    previous === undefined ? null : h('span', { class: 'previous' }, t('console.dash_previous') + ': ' + previous));
}

export function crumbs(scope, href) {
  const list = scope.crumbs && scope.crumbs.length ? scope.crumbs : [scope];
  return h('nav', { class: 'crumbs', 'aria-label': t('console.dash_crumbs') }, h('ol', {}, list.map((c, i) =>
    h('li', {}, i === list.length - 1
      ? h('span', { 'aria-current': 'page' }, stationName(c)) : h('a', { href: href(c) }, stationName(c))))));
}

export function periodLine(d) {
  return h('p', { class: 'dash-when' },
    h('strong', {}, date(d.period.from) + ' – ' + date(d.period.to)),
    ' (' + t('console.dash_n_days').replace('{n}', d.period.days) + ') · ',
    t('console.dash_previous') + ': ' + date(d.previous.from) + ' – ' + date(d.previous.to));
}

// counts is a small list of {name: count} under its words' family.
function counts(title, family, m) {
  return h('dl', { class: 'by' }, h('dt', {}, title), Object.entries(m || {}).map(([k, n]) =>
    h('dd', { 'data-key': k }, t(family + k) + ': ' + n)));
}

// totals are the period's figures; a station officer (given no written answers) sees its
// experiences only, so complaints, tip-offs and spam are not its figures.
export function totals(s, supervisor) {
  const arrow = s.rating !== null && s.previous_rating !== null ? ' ' + signed(s.rating - s.previous_rating) : '';
  return card('dash-totals', t('console.dash_totals'),
    h('div', { class: 'figures' },
      figure('responses', t('console.dash_responses'), String(s.responses), String(s.previous_responses)),
      figure('rating', t('console.dash_rating') + ' (' + t('console.dash_n_rated').replace('{n}', s.rated) + ')',
        rating(s.rating), rating(s.previous_rating) + arrow),
      figure('negative', t('console.dash_negative'), share(s.negative_share)),
      !supervisor ? null : figure('complaints', t('kind.complaint'), String(s.complaints)),
      !supervisor ? null : figure('tips', t('kind.tip'), String(s.tips)),
      !supervisor ? null : figure('spam', t('status.spam'), String(s.spam))),
    counts(t('console.kind'), 'kind.', s.by_kind),
    counts(t('console.channel'), 'channel.', s.by_channel));
}

export function service(s) {
  return card('dash-service', t('console.dash_service'),
    h('div', { class: 'figures' },
      figure('review', t('console.dash_to_review'), hours(s.median_hours_to_review)),
      figure('reply', t('console.dash_to_reply'), hours(s.median_hours_to_reply)),
      figure('close', t('console.dash_to_close'), hours(s.median_hours_to_close)),
      figure('within_review', t('console.dash_within_review'), share(s.within_review_share)),
      figure('within_action', t('console.dash_within_action'), share(s.within_action_share)),
      figure('open', t('console.dash_open'), String(s.open_now)),
      figure('overdue', t('console.dash_overdue'), String(s.overdue_now))));
}

// trendCard is the trend's card; draw() puts the chart in once the card is on the page (the
// chart takes the card's width).
export function trendCard(tr) {
  const box = h('div', { class: 'chart', role: 'img', 'aria-label': t('console.dash_trend') });
  const unit = t(tr.unit === 'week' ? 'console.dash_week' : 'console.day');
  const table = numbers(t('console.dash_trend'), [unit, t('console.dash_responses'), t('console.dash_rating')],
    tr.points.map((p) => [date(p.date), String(p.responses), rating(p.rating)]));
  const c = card('dash-trend', t('console.dash_trend') + ' (' + unit + ')', box,
    h('p', { class: 'small' }, t('console.dash_mean') + ': ' + rating(tr.mean)), table);
  const top = state.meta.ratings.length;
  return { card: c, draw: () => (tr.points.length ? trend(box, tr, top).catch(() => box.remove()) : box.remove()) };
}

export function questions(qs) {
  if (!qs.length) return null;
  return card('dash-questions', t('console.dash_questions'), qs.map((q) =>
    h('div', { class: 'question', 'data-key': q.key },
    bars(q.label + ' (' + t('console.dash_n_answered').replace('{n}', q.answered) + ')', q.options))));
}

export function texts(ts) {
  return card('dash-texts', t('console.dash_texts'), ts.map((x) => h('div', { class: 'question', 'data-key': x.key },
    x.values.length ? bars(x.label, x.values.map((v) => ({ label: v.value, count: v.count })))
      : h('p', {}, x.label + ': ' + none))));
}

// The league's columns: how each is shown, and whether more is better (sorted first).
const COLUMNS = [
  { key: 'name', word: 'console.dash_unit', show: (r) => stationName(r) },
  { key: 'responses', word: 'console.dash_responses', show: (r) => String(r.responses), more: true },
  { key: 'rating', word: 'console.dash_rating', show: (r) => rating(r.rating), more: true },
  { key: 'score', word: 'console.dash_score', show: (r) => rating(r.score), more: true },
  { key: 'change', word: 'console.dash_change', show: (r) => signed(r.change), more: true },
  { key: 'negative_share', word: 'console.dash_negative', show: (r) => share(r.negative_share) },
  { key: 'median_hours_to_reply', word: 'console.dash_to_reply', show: (r) => hours(r.median_hours_to_reply) },
  { key: 'overdue', word: 'console.dash_overdue', show: (r) => String(r.overdue) },
];

// order is the league's sort: the server's (by score) until a heading is clicked.
let order = { key: 'score', desc: true };

function sorted(rows) {
  const { key, desc } = order;
  const val = (r) => (key === 'name' ? stationName(r) : r[key]);
  return [...rows].sort((a, b) => {
    const x = val(a);
    const y = val(b);
    if (x === null || x === undefined) return y === null || y === undefined ? 0 : 1; // nothing to compare: last
    if (y === null || y === undefined) return -1;
    const c = typeof x === 'string' ? x.localeCompare(y) : x - y;
    return desc ? -c : c;
  });
}

// league is the children's table, sortable by each column; a row (or its name) drills down
// to href(row).
export function league(lg, href, go) {
  const table = h('table', { class: 'league' });
  const draw = () => {
    const head = h('tr', {}, COLUMNS.map((c) => h('th', {
      scope: 'col', 'data-key': c.key,
      'aria-sort': order.key === c.key ? (order.desc ? 'descending' : 'ascending') : 'none',
    }, h('button', {
      type: 'button', class: 'link',
      onclick: () => {
        order = order.key === c.key ? { key: c.key, desc: !order.desc } : { key: c.key, desc: !!c.more };
        draw();
      },
    }, t(c.word), order.key === c.key ? (order.desc ? ' ▼' : ' ▲') : ''))));
    // the name is a link (for the keyboard); a click anywhere else on the row drills down too
    const drill = (r) => (ev) => { if (ev.target.tagName !== 'A') go(href(r)); };
    const rows = sorted(lg.rows).map((r) => h('tr', { 'data-code': r.code, class: 'drill', onclick: drill(r) },
      COLUMNS.map((c, i) => (i ? h('td', { class: 'n' }, c.show(r))
        : h('th', { scope: 'row' }, h('a', { href: href(r) }, c.show(r)))))));
    table.replaceChildren(h('caption', {}, t('console.dash_league_' + lg.level)),
      h('thead', {}, head), h('tbody', {}, rows));
  };
  draw();
  return card('dash-league', t('console.dash_league'),
    h('div', { class: 'scroll' }, table),
    h('p', { class: 'small' }, t('console.dash_score_help').replace('{k}', lg.prior_weight)),
    silent(lg.silent || []));
}

function silent(list) {
  return h('div', { class: 'silent' }, h('h3', {}, t('console.dash_silent')),
    list.length ? h('p', { class: 'small' }, t('console.dash_silent_help')) : null,
    list.length ? h('ul', {}, list.map((s) => h('li', { 'data-code': s.code }, stationName(s))))
      : h('p', { class: 'empty' }, t('console.dash_none_silent')));
}
