// The inbox's tools beside the list: the bulk bar (select rows, then acknowledge praise or
// close with one reason: one follow-up per item, POST /api/console/bulk) and the lookup of a
// caller's receipt or an item's reference (POST /api/console/lookup).
import { api } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { rule } from '../lib/meta.js';
import { go, refresh } from '../lib/router.js';
import { state } from '../lib/state.js';
import { errorBox } from '../lib/ui.js';
import { t } from '../lib/words.js';

// The bulk actions the inbox offers.
const BULK = ['acknowledge', 'close', 'assign'];

// officerChoice is a select of the officers of the area who may be given items (the record
// API serves an officer those of its own area); the server skips an item the one chosen
// cannot act on.
function officerChoice() {
  const el = h('select', { name: 'officer', id: 'b-officer', 'aria-label': t('console.officer') },
    h('option', { value: '' }, t('console.officer') + ' —'));
  const q = new URLSearchParams({ perPage: '200', sort: 'role,name', filter: "role != 'range'",
    fields: 'id,name,rank' });
  api('GET', '/api/collections/officers/records?' + q).then((r) => el.append(...r.items.map((o) =>
    h('option', { value: o.id }, o.name + (o.rank ? ' (' + o.rank + ')' : ''))))).catch(() => {});
  return el;
}

// fill puts values into a word's {placeholders}.
export function fill(word, values) {
  return word.replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));
}

// bulkBar is the bar of the actions the officer's role takes in bulk, and a checkbox maker for
// each row; null where the role takes none.
export function bulkBar() {
  const actions = BULK.filter((a) => (rule(a).roles || []).includes(state.me.officer.role));
  if (!actions.length) return null;
  const chosen = new Set();
  const counter = h('span', { class: 'small' });
  const reason = h('input', { type: 'text', name: 'body', id: 'b-body', maxlength: 2000,
    placeholder: t('console.bulk_reason') });
  const chooser = h('select', { name: 'action', id: 'b-action', 'aria-label': t('console.action') },
    actions.map((a) => h('option', { value: a }, t('action.' + a))));
  const officer = actions.includes('assign') ? officerChoice() : h('span');
  const button = h('button', { type: 'submit', disabled: true }, t('console.bulk_apply'));
  const result = h('div', { role: 'status' });
  const sync = () => {
    reason.hidden = !rule(chooser.value).body;
    reason.required = !reason.hidden;
    officer.hidden = !rule(chooser.value).officer;
    officer.required = !officer.hidden;
    counter.textContent = fill(t('console.bulk_selected'), { n: chosen.size });
    button.disabled = chosen.size === 0;
  };
  chooser.addEventListener('change', sync);
  const bar = h('form', { class: 'bulk card', onsubmit: async (ev) => {
    ev.preventDefault();
    button.disabled = true;
    try {
      const r = await api('POST', '/api/console/bulk',
        { action: chooser.value, body: reason.value, officer: officer.value || '', ids: [...chosen] });
      const skipped = Object.values(r.skipped).reduce((a, b) => a + b, 0);
      state.notice = fill(t('console.bulk_done'), { n: r.done }) +
        (skipped ? ' ' + fill(t('console.bulk_skipped'), { n: skipped }) : '');
      refresh();
    } catch (err) {
      result.replaceChildren(errorBox(err));
      sync();
    }
  } }, counter, ' ', chooser, ' ', reason, officer, ' ', button, result);
  sync();
  const check = (row) => h('input', { type: 'checkbox', class: 'pick',
    'aria-label': t('console.bulk_pick') + ' ' + row.ref,
    onchange: (ev) => { if (ev.target.checked) chosen.add(row.id); else chosen.delete(row.id); sync(); } });
  return { bar, check };
}

// lookupForm finds an item by the receipt a caller reads out, or by its reference.
export function lookupForm() {
  const input = h('input', { type: 'search', name: 'q', id: 'l-q', required: true, inputmode: 'text',
    autocomplete: 'off', placeholder: '1234-5678-9012-3456 / K3F9-2QXA' });
  const out = h('span', { role: 'status' });
  return h('form', { class: 'lookup', onsubmit: async (ev) => {
    ev.preventDefault();
    out.replaceChildren();
    try {
      const r = await api('POST', '/api/console/lookup', { q: input.value });
      go('#/item/' + encodeURIComponent(r.id));
    } catch (err) {
      const none = err.status === 404;
      out.replaceChildren(none ? h('span', { class: 'errors' }, t('console.lookup_none')) : errorBox(err));
    }
  } }, h('label', { for: 'l-q' }, t('console.lookup')), h('span', { class: 'inline' }, input,
    h('button', { type: 'submit' }, t('console.lookup_go'))), out);
}
