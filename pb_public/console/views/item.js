// One item: its facts, comment and answers, the contact (where the role sees it), the thread
// and the form of the actions the server allows on it.
import { api } from '../lib/api.js';
import { fieldErrors, h, show } from '../lib/dom.js';
import { rule } from '../lib/meta.js';
import { state } from '../lib/state.js';
import { badges, errorBox, posterLink, stars, stationName, when } from '../lib/ui.js';
import { t } from '../lib/words.js';

export async function viewItem(id) {
  show(h('p', {}, t('console.loading')));
  let d;
  try { d = await api('GET', '/api/console/items/' + encodeURIComponent(id)); } catch (err) {
    show(h('a', { href: state.lastInbox }, t('console.back')), errorBox(err));
    return;
  }
  renderItem(d);
}

// tel is a phone number that a phone calls when touched.
function tel(number) {
  return h('a', { href: 'tel:' + number.replace(/[^\d+]/g, '') }, number);
}

function fact(label, ...value) {
  return [h('dt', {}, label), h('dd', {}, ...value)];
}

function renderItem(d) {
  const facts = h('dl', { class: 'facts' },
    fact(t('word.station'), stationName(d.station), ' · ', posterLink(d.station.code, t('console.poster'))),
    fact(t('console.ref'), h('span', { class: 'ref' }, d.ref)),
    fact(t('console.kind'), t('kind.' + d.kind)),
    fact(t('console.status'), h('span', { class: 'status s-' + d.status }, t('status.' + d.status))),
    fact(t('console.date'), when(d)),
    fact(t('console.channel'), t('channel.' + d.channel)),
    d.rating ? fact(t('word.rating'), stars(d.rating) + ' (' + d.rating + '/' + state.meta.ratings.length + ')') : null,
    d.visit_date ? fact(t('console.visit_date'), d.visit_date) : null,
    d.assigned_name ? fact(t('console.assigned'), h('span', { class: 'assignee' }, d.assigned_name),
      d.assigned_phone ? [' · ', tel(d.assigned_phone)] : null) : null);

  const answers = h('dl', { class: 'answers' }, d.answers.map((a) => fact(a.label, a.text)));
  let contact = null;
  if (state.me.sees.contacts) {
    contact = h('section', { class: 'card' }, h('h2', {}, t('console.contact')), d.contact
      ? h('p', { class: 'contact' },
        h('span', { class: 'cname' }, d.contact.name),
        d.contact.mobile ? [' · ', h('span', { class: 'cmobile' }, tel(d.contact.mobile))] : null)
      : h('p', { class: 'small' }, t('console.no_contact')));
  }
  const thread = h('ol', { class: 'thread' },
    d.thread.length ? d.thread.map(entryView) : h('li', { class: 'small' }, t('console.empty_thread')));

  show(
    h('p', {}, h('a', { href: state.lastInbox }, t('console.back'))),
    h('article', { class: 'card item', 'data-id': d.id },
      h('div', { class: 'badges' }, badges(d)),
      facts,
      h('h2', {}, t('console.comment')), h('p', { class: 'comment' }, d.comment),
      d.answers.length ? [h('h2', {}, t('console.answers')), answers] : null),
    contact,
    h('section', { class: 'card' }, h('h2', {}, t('console.thread')), thread),
    actionForm(d));
}

function entryView(e) {
  const by = e.author || t('console.system');
  const change = e.to_status ? ' (' + t('status.' + e.from_status) + ' → ' + t('status.' + e.to_status) + ')' : '';
  return h('li', { class: 'entry k-' + e.kind + (e.public ? ' public' : '') },
    h('div', { class: 'small' }, h('b', {}, t('action.' + (e.action || e.kind))), change,
      ' · ', by, ' · ', when(e), e.public ? ' · ' + t('console.public') : ''),
    e.body ? h('p', { class: 'body' }, e.body) : null);
}

function actionForm(d) {
  if (!d.actions.length) return h('p', { class: 'small' }, t('console.no_actions'));
  const body = h('textarea', { name: 'body', id: 'a-body', rows: 4, maxlength: 2000 });
  const officer = h('select', { name: 'officer', id: 'a-officer' }, h('option', { value: '' }, '—'),
    d.assignable.map((o) => h('option', { value: o.id }, o.name + (o.rank ? ' (' + o.rank + ')' : ''))));
  const officerBox = h('div', { hidden: true }, h('label', { for: 'a-officer' }, t('console.officer')), officer);
  const station = h('select', { name: 'station', id: 'a-station' }, h('option', { value: '' }, '—'),
    state.me.stations.filter((s) => s.active).map((s) => h('option', { value: s.id }, stationName(s))));
  const stationBox = h('div', { hidden: true }, h('label', { for: 'a-station' }, t('word.station')), station);
  const smsNote = h('p', { class: 'notice sms', hidden: true },
    !d.sms.gateway ? t('console.sms_none') : d.sms.possible ? t('console.sms_yes') : t('console.sms_no'));
  const chooser = h('select', { name: 'action', id: 'a-action' },
    d.actions.map((a) => h('option', { value: a }, t('action.' + a))));
  const sync = () => {
    const r = rule(chooser.value);
    officerBox.hidden = !r.officer;
    body.required = !!r.body;
    smsNote.hidden = !r.public;
    cannedBox.hidden = !r.public || !d.replies.length;
    stationBox.hidden = chooser.value !== 'share';
    // a shared tip's text starts as the tip's own, to be trimmed; its contact is never shared
    if (chooser.value === 'share' && !body.value) body.value = d.comment;
  };
  chooser.addEventListener('change', sync);
  // a canned reply (the district's, in the citizen's language) fills the text, to be edited
  const canned = h('select', { id: 'a-canned', 'aria-label': t('console.canned'),
    onchange: (ev) => { if (ev.target.value) body.value = ev.target.value; } },
  h('option', { value: '' }, t('console.canned')), (d.replies || []).map((r) => h('option', { value: r }, r)));
  const cannedBox = h('div', { hidden: true }, canned);
  const form = h('form', { class: 'card actions', onsubmit: async (ev) => {
    ev.preventDefault();
    const fd = new FormData(form);
    const button = form.querySelector('button');
    button.disabled = true;
    try {
      const next = await api('POST', '/api/console/items/' + encodeURIComponent(d.id) + '/actions',
        { action: fd.get('action'), body: fd.get('body'), officer: fd.get('officer') || '',
          station: fd.get('station') || '' });
      renderItem(next);
    } catch (err) {
      button.disabled = false;
      if (err.status === 400) fieldErrors(form, err);
      else form.prepend(errorBox(err));
    }
  } },
  h('h2', {}, t('console.action')),
  h('label', { for: 'a-action' }, t('console.action')), chooser,
  officerBox, stationBox, smsNote, cannedBox,
  h('label', { for: 'a-body' }, t('console.text')), body,
  h('button', { type: 'submit' }, t('console.save')));
  sync();
  return form;
}
