// My digest: yesterday's as it would be mailed (in a sandboxed frame), and the officer's own
// digests of the last 30 days, failed ones with their error.
import { api } from '../lib/api.js';
import { h, show } from '../lib/dom.js';
import { errorBox } from '../lib/ui.js';
import { t } from '../lib/words.js';

export async function viewDigest() {
  const box = h('section', { class: 'card' }, h('h1', {}, t('console.digest')));
  const rows = h('section', { class: 'card' }, h('h2', {}, t('console.digest_rows')));
  show(box, rows);
  try {
    const p = await api('GET', '/api/digest/preview');
    // sandboxed: the mail's HTML gets no script, no same-origin access
    box.append(h('p', { class: 'small' }, p.subject),
      h('iframe', { class: 'digest', sandbox: '', title: p.subject, srcdoc: p.html }));
  } catch (err) {
    box.append(h('p', { class: 'small' }, t('console.digest_none')), errorBox(err));
  }
  try {
    const list = await api('GET', '/api/console/digests');
    const head = [t('console.day'), t('console.status'), t('console.attempts'), t('console.error')];
    rows.append(h('table', {},
      h('thead', {}, h('tr', {}, head.map((x) => h('th', {}, x)))),
      h('tbody', {}, list.items.map((r) => h('tr', { class: 'd-' + r.status },
        [r.day, r.status, String(r.attempts), r.last_error || ''].map((x) => h('td', {}, x)))))));
  } catch (err) { rows.append(errorBox(err)); }
}
