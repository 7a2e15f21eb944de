// An item received by another channel (phone, WhatsApp, video call, walk-in, email), entered on
// the citizen's behalf. Its questions are the questionnaire's one description (meta.questions,
// as the citizen's form asks them): the same fields, names (rating, visit_date, comment,
// answers.{key}, name, mobile, consent) and the server's validation, message by message.
import { api } from '../lib/api.js';
import { fieldErrors, h, select, show } from '../lib/dom.js';
import { state } from '../lib/state.js';
import { errorBox, stationName } from '../lib/ui.js';
import { t } from '../lib/words.js';

// pick is a select of a question's answers, with none chosen first.
function pick(q) {
  const label = (o) => (q.type === 'rating' ? '★'.repeat(Number(o.value)) + ' ' + o.label : o.label);
  return select(q.name, [['', '—'], ...q.options.map((o) => [o.value, label(o)])], '');
}

// field draws a question: a date, a text (a paragraph for a long one), or one of its options
// (a rating, yes or no, a choice).
function field(q) {
  const id = 'n-' + q.key;
  let input;
  if (q.type === 'date') input = h('input', { type: 'date', name: q.name });
  else if (q.type === 'text' && q.long) input = h('textarea', { name: q.name, rows: 4, maxlength: q.max });
  else if (q.type === 'text') input = h('input', { type: 'text', name: q.name, maxlength: q.max });
  else input = pick(q);
  input.id = id;
  return h('div', { class: 'q' }, h('label', { for: id }, q.label + (q.required ? ' *' : '')), input);
}

// labelled is a labelled select with its own id.
function labelled(id, label, el) {
  el.id = id;
  return [h('label', { for: id }, label), el];
}

// submission is the form's fields as the submission's JSON: answers by key, the rating a number.
function submission(form) {
  const fd = new FormData(form);
  const body = { answers: {}, consent: fd.get('consent') === 'on' };
  for (const [k, v] of fd) {
    if (k === 'consent' || v === '') continue;
    if (k.startsWith('answers.')) body.answers[k.slice('answers.'.length)] = v;
    else if (k === 'rating') body.rating = Number(v);
    else body[k] = v;
  }
  return body;
}

// stationChoice: with more than one station, none is chosen until the officer chooses (a call
// filed under the first station of the list would be filed wrongly).
function stationChoice(stations) {
  const options = stations.map((s) => [s.code, stationName(s)]);
  const el = select('station', stations.length > 1 ? [['', '—'], ...options] : options, '');
  el.required = true;
  return el;
}

export function viewNew() {
  const { me, meta } = state;
  const kind = select('kind', meta.kinds.map((k) => [k, t('kind.' + k)]), meta.kinds[0]);
  const asked = h('div', {});
  const syncKind = () => asked.replaceChildren(
    ...meta.questions.filter((q) => q.kinds.includes(kind.value)).map(field));
  kind.addEventListener('change', syncKind);
  const result = h('div', {});
  const form = h('form', { class: 'card new-entry', onsubmit: async (ev) => {
    ev.preventDefault();
    try {
      const r = await api('POST', '/api/console/items', submission(form));
      form.reset();
      syncKind();
      form.querySelectorAll('.error').forEach((e) => e.remove());
      result.replaceChildren(h('section', { class: 'card done', role: 'status' },
        h('p', {}, t('console.entered')), h('p', { class: 'receipt' }, r.receipt)));
      result.scrollIntoView();
    } catch (err) {
      result.replaceChildren(err.status === 400 ? h('p', { class: 'errors' }, t('console.check')) : errorBox(err));
      if (err.status === 400) fieldErrors(form, err);
    }
  } },
  h('h1', {}, t('console.enter')), h('p', { class: 'small' }, t('console.enter_help')),
  labelled('n-station', t('word.station') + ' *', stationChoice(me.stations.filter((s) => s.active))),
  labelled('n-channel', t('console.channel'),
    select('channel', meta.entry_channels.map((c) => [c, t('channel.' + c)]), meta.entry_channels[0])),
  labelled('n-kind', t('console.kind'), kind),
  labelled('n-lang', t('console.language'), select('lang', state.langs.map((l) => [l.code, l.name]), state.lang)),
  asked,
  h('label', { for: 'n-name' }, t('word.name')),
  h('input', { type: 'text', name: 'name', id: 'n-name', maxlength: 120 }),
  h('label', { for: 'n-mobile' }, t('word.mobile')),
  h('input', { type: 'tel', name: 'mobile', id: 'n-mobile', maxlength: 20 }),
  h('p', {}, h('label', { class: 'tick' },
    h('input', { type: 'checkbox', name: 'consent' }), ' ', t('console.consent'))),
  h('button', { type: 'submit' }, t('console.submit')));
  syncKind();
  show(result, form);
}
