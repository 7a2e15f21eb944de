// The inbox: a receipt or reference lookup, the counts of what needs attention and per
// status, the filters (behind a button on a phone), the pinned items, a page of items with
// "show more" and the bulk bar; the stations with their posters below.
import { api } from '../lib/api.js';
import { h, select, show } from '../lib/dom.js';
import { state } from '../lib/state.js';
import { badges, count, errorBox, posterLink, stars, stationName, when } from '../lib/ui.js';
import { t } from '../lib/words.js';
import { bulkBar, fill, lookupForm } from './bulk.js';
import { exportCard } from './export.js';
import { sharedCard } from './shared.js';

// The filters that links of counts replace (a status keeps the others).
const REPLACED = ['status', 'escalated', 'overdue', 'mine', 'instructed', 'flag', 'after'];
// The filters that only links set, kept through the form as hidden fields.
const LINKED = ['escalated', 'overdue', 'mine', 'instructed'];

// flagged: an open item that needs attention (a closed or spam one no longer does).
function flagged(row) {
  const open = row.status === 'new' || row.status === 'in_review';
  return open && (row.flags.includes('urgent') || row.flags.includes('negative') ||
    row.overdue_action || row.overdue_review || row.escalated || row.instructed);
}

function rowView(row, check) {
  return h('li', { class: 'row' + (flagged(row) ? ' flagged' : '') },
    check ? check(row) : null,
    h('a', { href: '#/item/' + row.id, class: 'rowlink' },
      h('span', { class: 'meta' },
        h('span', { class: 'when' }, when(row)), ' · ',
        h('span', {}, stationName(row.station)), ' · ',
        h('span', {}, t('kind.' + row.kind)),
        row.rating ? h('span', { class: 'stars', 'aria-label': row.rating + '/' + state.meta.ratings.length },
          ' ' + stars(row.rating)) : null,
        ' · ', h('span', { class: 'status s-' + row.status }, t('status.' + row.status)),
        ' · ', h('span', { class: 'ref' }, row.ref),
        row.assigned_name
          ? [' · ', h('span', { class: 'assignee' }, t('console.assigned') + ' ' + row.assigned_name)] : null),
      h('span', { class: 'badges' }, badges(row)),
      h('span', { class: 'excerpt' }, row.excerpt)));
}

// choice is a filter's label and select, with "all" first.
function choice(name, label, options, value) {
  return h('div', {}, h('label', { for: 'f-' + name }, label),
    select(name, [['', t('console.all')], ...options], value));
}

// filters: one station or one kind is no choice, so an officer with one gets no such filter;
// on a phone they wait behind a button unless one is set.
function filters(query) {
  const { me, meta } = state;
  const v = (k) => query.get(k) || '';
  const form = h('form', { class: 'filters', onsubmit: (ev) => {
    ev.preventDefault();
    const q = new URLSearchParams();
    for (const [k, val] of new FormData(form)) if (val) q.set(k, val);
    location.hash = '#/?' + q;
  } },
  h('div', { class: 'grid' },
    me.stations.length > 1
      ? choice('station', t('word.station'), me.stations.map((s) => [s.id, stationName(s)]), v('station')) : null,
    choice('status', t('console.status'),
      [['open', t('console.open')], ...meta.statuses.map((s) => [s, t('status.' + s)])], v('status')),
    meta.kinds.length > 1
      ? choice('kind', t('console.kind'), meta.kinds.map((k) => [k, t('kind.' + k)]), v('kind')) : null,
    choice('flag', t('console.flag'), meta.flags.map((f) => [f, t('flag.' + f)]), v('flag')),
    choice('rating', t('word.rating'), meta.ratings.map((n) => [String(n), '★'.repeat(n)]), v('rating')),
    h('div', {}, h('label', { for: 'f-from' }, t('console.from')),
      h('input', { type: 'date', id: 'f-from', name: 'from', value: v('from') })),
    h('div', {}, h('label', { for: 'f-to' }, t('console.to')),
      h('input', { type: 'date', id: 'f-to', name: 'to', value: v('to') })),
    h('div', { class: 'wide' }, h('label', { for: 'f-q' }, t('console.words')),
      h('input', { type: 'search', id: 'f-q', name: 'q', value: v('q') }))),
  LINKED.filter((k) => query.get(k)).map((k) => h('input', { type: 'hidden', name: k, value: '1' })),
  h('button', { type: 'submit' }, t('console.apply')), ' ',
  h('a', { href: '#/', class: 'button secondary' }, t('console.clear')));
  const set = [...query.keys()].some((k) => !LINKED.includes(k));
  return h('details', { class: 'card filter-box', open: set || matchMedia('(min-width: 48rem)').matches },
    h('summary', {}, t('console.filters')), form);
}

// appURLWarning says, to whoever prints posters, that their QR codes would lead nowhere.
function appURLWarning() {
  const p = state.me.posters;
  if (!p.problem) return null;
  return h('p', { class: 'notice warn appurl', role: 'alert' }, fill(t(p.problem), { url: p.app_url }));
}

function stationsList() {
  const me = state.me;
  return h('details', { class: 'card stations' },
    h('summary', {}, t('console.stations') + ' (' + me.stations.length + ')'),
    me.posters.url ? h('p', {}, h('a', { href: me.posters.url, target: '_blank', rel: 'noopener',
      class: 'all-posters' }, t('console.posters_all'))) : null,
    appURLWarning(),
    h('ul', {}, me.stations.map((s) => h('li', {},
      h('a', { href: '#/?station=' + s.id }, stationName(s)),
      s.active ? '' : ' (' + t('console.inactive') + ')', ' · ',
      posterLink(s.code, t('console.poster'))))));
}

export async function viewInbox(query) {
  state.lastInbox = '#/' + (query.toString() ? '?' + query : '');
  const me = state.me;
  const selected = me.stations.find((s) => s.id === query.get('station'));
  const poster = selected
    ? h('p', {}, posterLink(selected.code, t('console.poster') + ': ' + stationName(selected)))
    : null;
  const list = h('ul', { class: 'rows' }, h('li', {}, t('console.loading')));
  const head = h('div', { class: 'counts' });
  const pinned = h('section', { class: 'pinned', hidden: true });
  const moreBox = h('div', { class: 'more' });
  const bulk = bulkBar();
  const notice = state.notice ? h('p', { class: 'notice told', role: 'status' }, state.notice) : null;
  state.notice = '';
  show(notice, appURLWarning(), lookupForm(), head, sharedCard(), filters(query), exportCard(query), poster, pinned,
    bulk && bulk.bar, list, moreBox, stationsList());
  const rowOf = (row) => rowView(row, bulk && bulk.check);

  // a status keeps the other filters; what needs attention is counted over the whole area
  const link = (params, label, c, whole) => {
    const q = whole ? new URLSearchParams() : new URLSearchParams(query);
    for (const k of REPLACED) q.delete(k);
    for (const [k, val] of Object.entries(params)) q.set(k, val);
    const active = Object.entries(params).every(([k, val]) => query.get(k) === val);
    return h('a', { href: '#/?' + q, class: 'count' + (active ? ' active' : '') }, label + ' ', h('b', {}, count(c)));
  };

  async function page(after) {
    const q = new URLSearchParams(query);
    if (after) q.set('after', after);
    let p;
    try { p = await api('GET', '/api/console/items?' + q); } catch (err) {
      list.replaceChildren(errorBox(err));
      return;
    }
    if (!after) {
      list.replaceChildren();
      head.replaceChildren(
        h('div', { class: 'needs' },
          link({ status: 'open', flag: 'urgent' }, t('flag.urgent'), p.attention.urgent, true),
          link({ overdue: '1' }, t('overdue.any'), p.attention.overdue, true),
          me.sees.escalated ? link({ escalated: '1' }, t('console.att_escalated'), p.attention.escalated, true) : null,
          link({ mine: '1' }, t('console.att_mine'), p.attention.mine, true),
          p.attention.instructed
            ? link({ instructed: '1' }, t('console.instructed'), p.attention.instructed, true) : null),
        h('div', { class: 'statuses' },
          state.meta.statuses.map((s) => link({ status: s }, t('status.' + s), p.counts[s]))));
      pinned.hidden = p.pinned.length === 0;
      const pinTitle = t(me.sees.complaints ? 'console.pinned' : 'console.pinned_station');
      pinned.replaceChildren(h('h2', {}, pinTitle), h('ul', { class: 'rows' }, p.pinned.map(rowOf)));
      if (p.items.length === 0) list.append(h('li', { class: 'empty' }, t('console.no_items')));
    }
    list.append(...p.items.map(rowOf));
    moreBox.replaceChildren(h('div', {},
      p.searched_to ? h('p', { class: 'small' }, t('console.searched_to') + ' ' + p.searched_to) : null,
      p.next ? h('button', { type: 'button', onclick: () => page(p.next) }, t('console.more')) : null));
  }
  await page('');
}
