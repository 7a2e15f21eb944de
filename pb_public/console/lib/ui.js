// The small pieces several views show: errors, dates, names, stars, badges, poster links.
import { h } from './dom.js';
import { state } from './state.js';
import { t } from './words.js';

export function errorBox(err) {
  const known = { 404: 'console.not_found', 409: 'console.conflict', 403: 'console.forbidden' }[err.status];
  return h('p', { class: 'errors', role: 'alert' }, known ? t(known) : t('console.failed') + ' ' + err.message);
}

// at is a moment of the server in the district's time zone, in the officer's language, on the
// 24-hour clock as the digest says it (not "2:36 pm" on a Hindi screen).
export function at(created) {
  return new Date(created.replace(' ', 'T')).toLocaleString(t('lang.locale'),
    { timeZone: state.me.config.timezone, dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' });
}

// when is the date and time of an item or a thread entry; a station officer gets (and sees)
// the date only.
export function when(row) {
  return row.created ? at(row.created) : row.date;
}

export function stationName(s) {
  return state.lang === 'en' ? s.name : (s.name_hi || s.name);
}

// count is a count of the inbox, "10000+" where it stopped counting.
export function count(c) {
  return c ? c.n + (c.more ? '+' : '') : '0';
}

// stars draws a rating out of the server's highest.
export function stars(n) {
  return '★'.repeat(n) + '☆'.repeat(Math.max(0, state.meta.ratings.length - n));
}

export function posterLink(code, label) {
  const href = '/api/stations/' + encodeURIComponent(code) + '/poster';
  return h('a', { href, target: '_blank', rel: 'noopener' }, label);
}

// badges are the marks of an item: its flags, overdue, escalated, instructed, assigned to me.
export function badges(row) {
  const b = [];
  for (const f of row.flags) b.push(h('span', { class: 'badge flag-' + f }, t('flag.' + f)));
  if (row.overdue_action) b.push(h('span', { class: 'badge overdue' }, t('overdue.action')));
  else if (row.overdue_review) b.push(h('span', { class: 'badge overdue' }, t('overdue.review')));
  if (row.escalated) b.push(h('span', { class: 'badge escalated' }, t('console.escalated')));
  if (row.instructed) b.push(h('span', { class: 'badge instructed' }, t('console.instructed')));
  if (row.assigned_to && row.assigned_to === state.me.officer.id) {
    b.push(h('span', { class: 'badge mine' }, t('console.mine')));
  }
  return b;
}
