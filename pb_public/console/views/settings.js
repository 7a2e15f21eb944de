// One district's own settings (a range officer picks among its districts), the fields and
// their types as the server lists them (meta.settings). The SMS gateway is the system
// administrator's, set in the dashboard, never here.
import { api } from '../lib/api.js';
import { fieldErrors, h, select, show } from '../lib/dom.js';
import { state } from '../lib/state.js';
import { errorBox, stationName } from '../lib/ui.js';
import { t } from '../lib/words.js';
import { frame } from './frame.js';

// input draws a setting by the type of its value: text, number, list (of words, one a line) or bool.
function input({ name, type }, value) {
  const id = 's-' + name;
  const label = t('setting.' + name);
  if (type === 'bool') {
    return h('label', { class: 'tick' }, h('input', { type: 'checkbox', name, id, checked: !!value }), ' ', label);
  }
  const el = type === 'list'
    ? h('textarea', { name, id, rows: 6 }, (value || []).join('\n'))
    : h('input', { type: type === 'number' ? 'number' : 'text', name, id, value: value ?? '' });
  return [h('label', { for: id }, label), el];
}

// read is a setting's value as typed, in the type the server expects.
function read(el, type) {
  if (type === 'bool') return el.checked;
  if (type === 'number') return el.value === '' ? null : Number(el.value);
  if (type === 'list') return el.value.split('\n').map((w) => w.trim()).filter(Boolean);
  return el.value;
}

export async function viewSettings(code) {
  let s;
  const query = code ? '?district=' + encodeURIComponent(code) : '';
  try { s = await api('GET', '/api/console/settings' + query); } catch (err) { show(errorBox(err)); return; }
  const fields = state.meta.settings.filter((f) => f.name in s.values);
  let picker = [];
  if (s.districts.length > 1) {
    const choice = select('district', s.districts.map((d) => [d.code, stationName(d)]), s.district.code);
    choice.addEventListener('change', () => viewSettings(choice.value));
    picker = [h('label', { for: choice.id }, t('console.district')), choice];
  }
  const form = h('form', { class: 'card settings', onsubmit: async (ev) => {
    ev.preventDefault();
    const out = {};
    for (const { name, type } of fields) out[name] = read(form.elements[name], type);
    form.querySelector('.notice.saved')?.remove();
    try {
      await api('PATCH', '/api/console/settings?district=' + encodeURIComponent(s.district.code), out);
      state.me = await api('GET', '/api/console/me');
      frame();
      form.prepend(h('p', { class: 'notice saved', role: 'status' }, t('console.saved')));
    } catch (err) {
      fieldErrors(form, err);
      form.prepend(h('p', { class: 'errors' }, t('console.check')));
    }
  } },
  h('h1', {}, t('console.settings') + ' · ' + stationName(s.district)),
  picker,
  fields.map((f) => input(f, s.values[f.name])),
  h('p', { class: 'small' }, t('console.sms_help')),
  h('button', { type: 'submit' }, t('console.save')));
  show(form);
}
