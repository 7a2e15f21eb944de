// A station's tip-offs shared with it by the district (GET /api/console/shared): the text
// alone, its date, and the station's answer, given here (POST /api/console/shared/{id}/answer).
import { api } from '../lib/api.js';
import { fieldErrors, h } from '../lib/dom.js';
import { state } from '../lib/state.js';
import { errorBox } from '../lib/ui.js';
import { t } from '../lib/words.js';

function tipView(tip, redraw) {
  if (tip.answer) {
    return h('li', { class: 'shared-tip' }, h('p', { class: 'small' }, tip.date), h('p', { class: 'body' }, tip.body),
      h('p', { class: 'small' }, t('console.shared_answered') + ' ' + tip.answer));
  }
  const form = h('form', { onsubmit: async (ev) => {
    ev.preventDefault();
    try {
      const r = await api('POST', '/api/console/shared/' + encodeURIComponent(tip.id) + '/answer',
        { body: new FormData(form).get('body') });
      redraw(r.items);
    } catch (err) {
      if (err.status === 400) fieldErrors(form, err);
      else form.prepend(errorBox(err));
    }
  } },
  h('label', { for: 'sh-' + tip.id }, t('console.shared_answer')),
  h('textarea', { name: 'body', id: 'sh-' + tip.id, rows: 3, maxlength: 2000, required: true }),
  h('button', { type: 'submit' }, t('console.save')));
  return h('li', { class: 'shared-tip' }, h('p', { class: 'small' }, tip.date),
    h('p', { class: 'body' }, tip.body), form);
}

// sharedCard is the card of the tips shared with a station officer's station, filled once
// they are loaded (hidden while there are none, and for every other role).
export function sharedCard() {
  const card = h('section', { class: 'card shared', hidden: true });
  if (state.me.sees.complaints) return card;
  const draw = (items) => {
    card.hidden = items.length === 0;
    card.replaceChildren(h('h2', {}, t('console.shared')),
      h('ul', { class: 'rows' }, items.map((tip) => tipView(tip, draw))));
  };
  api('GET', '/api/console/shared').then((r) => draw(r.items), (err) => {
    card.hidden = false;
    card.append(errorBox(err));
  });
  return card;
}
