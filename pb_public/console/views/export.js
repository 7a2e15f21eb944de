// The export card of the inbox and the dashboard: CSV or Excel of the filter's items, all of
// them, fetched with the officer's token (a plain link would carry none), with the rows and
// bytes received shown as they come, then saved through a link to the received file.
// Contacts only by an explicit tick, under a plain warning; the server records each.
import { ApiError } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { state, logout } from '../lib/state.js';
import { errorBox } from '../lib/ui.js';
import { t } from '../lib/words.js';
import { fill } from './bulk.js';

// kb says a size in kilobytes or megabytes.
function size(n) {
  return n < 1e6 ? Math.ceil(n / 1e3) + ' KB' : (n / 1e6).toFixed(1) + ' MB';
}

// rowCounter counts a CSV's records as its text arrives: line ends outside quotes.
function rowCounter() {
  let quoted = false;
  let rows = 0;
  return (text) => {
    for (const ch of text) {
      if (ch === '"') quoted = !quoted;
      else if (ch === '\n' && !quoted) rows++;
    }
    return rows;
  };
}

// fileName is the server's name of the file, from its Content-Disposition.
function fileName(res, format) {
  const m = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') || '');
  return m ? m[1] : 'anubhav.' + format;
}

// download fetches an export, telling progress, and returns the file's link.
async function download(format, params, tell) {
  const res = await fetch('/api/console/export.' + format + '?' + params, { headers: { Authorization: state.token } });
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    if (res.status === 401) logout();
    throw new ApiError(res.status, body);
  }
  const total = Number(res.headers.get('X-Total-Count') || 0);
  const whole = Number(res.headers.get('Content-Length') || 0);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const count = rowCounter();
  const parts = [];
  let bytes = 0;
  let rows = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    bytes += value.length;
    if (format === 'csv') {
      rows = Math.max(count(decoder.decode(value, { stream: true })) - 1, 0); // less the header
      tell(fill(t('console.export_rows'), { rows, total, size: size(bytes) }), rows, total);
    } else {
      tell(fill(t('console.export_bytes'), { total, size: size(bytes), whole: size(whole) }), bytes, whole);
    }
  }
  const type = format === 'csv' ? 'text/csv' : res.headers.get('Content-Type');
  const link = h('a', { href: URL.createObjectURL(new Blob(parts, { type })), download: fileName(res, format),
    class: 'export-file' }, t('console.export_save') + ' (' + fileName(res, format) + ')');
  tell(fill(t('console.export_done'), { total }), 1, 1);
  return link;
}

// exportCard offers the filter's items (URLSearchParams of the inbox's filters) as files.
export function exportCard(filter) {
  const params = new URLSearchParams(filter);
  params.delete('after');
  params.delete('limit');
  const tick = state.me.sees.contacts
    ? h('input', { type: 'checkbox', id: 'export-contacts', name: 'contacts' }) : null;
  const warning = h('p', { class: 'notice warn', hidden: true }, t('console.export_warning'));
  if (tick) tick.addEventListener('change', () => { warning.hidden = !tick.checked; });
  const bar = h('progress', { max: 1, value: 0, hidden: true });
  const said = h('p', { class: 'small export-progress', role: 'status' });
  const result = h('div', {});
  const buttons = [];
  const go = async (format) => {
    const q = new URLSearchParams(params);
    if (tick && tick.checked) q.set('contacts', '1');
    buttons.forEach((b) => { b.disabled = true; });
    bar.hidden = false;
    bar.removeAttribute('value'); // busy until the first bytes
    said.textContent = t('console.export_waiting');
    result.replaceChildren();
    try {
      const link = await download(format, q, (text, done, of) => {
        said.textContent = text;
        if (of) { bar.max = of; bar.value = done; }
      });
      result.replaceChildren(link);
      link.click();
    } catch (err) {
      bar.hidden = true;
      said.textContent = '';
      result.replaceChildren(errorBox(err),
        ...Object.values(err.data || {}).map((e) => h('p', { class: 'errors' }, e.message || String(e))));
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
    }
  };
  const button = (format, cls) => h('button', { type: 'button', class: cls, onclick: () => go(format) },
    t('console.export_' + format));
  buttons.push(button('csv', 'export-csv'), button('xlsx', 'export-xlsx secondary'));
  return h('details', { class: 'card export' },
    h('summary', {}, t('console.export_title')),
    h('p', { class: 'small' }, t('console.export_help')),
    tick ? h('p', {}, h('label', { class: 'tick' }, tick, ' ', t('console.export_contacts'))) : null,
    warning,
    h('p', {}, buttons[0], ' ', buttons[1]),
    bar, said, result);
}
