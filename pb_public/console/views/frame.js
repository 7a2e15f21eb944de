// The top bar: the campaign's name, the links of the officer's screens, the language switch
// and "Log out".
import { api } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { refresh } from '../lib/router.js';
import { logout, save, state } from '../lib/state.js';
import { stationName } from '../lib/ui.js';
import { t } from '../lib/words.js';

export function frame() {
  const me = state.me;
  const cfg = me ? me.config : null;
  const campaign = cfg ? (state.lang === 'en' ? cfg.campaign_name : cfg.campaign_name_hi) + ' · ' : '';
  document.getElementById('brand').textContent = campaign + t('console.title');
  document.documentElement.lang = state.lang;
  const links = [];
  if (me) {
    links.push(h('a', { href: '#/' }, t('console.inbox')));
    links.push(h('a', { href: '#/dashboard' }, t('console.dashboard')));
    links.push(h('a', { href: '#/reports' }, t('console.reports')));
    if (me.may.enter) links.push(h('a', { href: '#/new' }, t('console.enter')));
    if (me.may.settings) links.push(h('a', { href: '#/settings' }, t('console.settings')));
    links.push(h('a', { href: '#/digest' }, t('console.digest')));
    const unit = stationName({ name: me.officer.unit_name, name_hi: me.officer.unit_name_hi });
    links.push(h('span', { class: 'who' }, me.officer.name + (unit ? ' · ' + unit : '')));
  }
  links.push(h('select', { class: 'lang', 'aria-label': t('console.language'), onchange: switchLang },
    state.langs.map((l) => h('option', { value: l.code, lang: l.code, selected: l.code === state.lang }, l.name))));
  if (me) links.push(h('button', { type: 'button', class: 'link', onclick: logout }, t('console.logout')));
  document.getElementById('nav').replaceChildren(...links);
}

async function switchLang(ev) {
  state.lang = ev.target.value;
  save();
  if (state.me) {
    // the server labels answers in the officer's language
    const path = '/api/collections/officers/records/' + state.me.officer.id;
    await api('PATCH', path, { lang: state.lang }).catch(() => {});
  }
  refresh();
}
