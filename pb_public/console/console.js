// Anubhav officer console. Plain JavaScript, no build step, no other host. Everything a
// citizen typed reaches the page through textContent (the h() helper below), never as HTML.
'use strict';

(function () {
  const STORE = 'anubhav.console';
  const $app = document.getElementById('app');
  const $nav = document.getElementById('nav');
  const $brand = document.getElementById('brand');

  // ---- words: the server's catalog (GET /api/console/words), in the officer's language ----
  const state = { lang: 'hi', token: '', me: null, lastInbox: '#/', words: {}, langs: [], wordsLang: '' };

  function t(key) { return state.words[key] || key; }

  async function loadWords() {
    const w = await api('GET', '/api/console/words?lang=' + encodeURIComponent(state.lang));
    Object.assign(state, { words: w.words, langs: w.langs, lang: w.lang, wordsLang: w.lang });
  }

  // h builds an element; string children become text nodes, so nothing is ever parsed as HTML.
  function h(tag, props, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else if (k === 'class') el.className = v;
      else if (k in el && typeof v !== 'string') el[k] = v;
      else el.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }

  // show puts a view in place; absent parts (null, false) are left out.
  function show(...nodes) { $app.replaceChildren(...nodes.flat(Infinity).filter(Boolean)); }

  // ---- session and API ---------------------------------------------------------------------
  function save() { localStorage.setItem(STORE, JSON.stringify({ token: state.token, lang: state.lang })); }
  function load() {
    try { Object.assign(state, JSON.parse(localStorage.getItem(STORE)) || {}); } catch (e) { /* a fresh start */ }
  }

  class ApiError extends Error {
    constructor(status, body) { super(body.message || String(status)); this.status = status; this.data = body.data || {}; }
  }

  async function api(method, path, body) {
    const res = await fetch(path, {
      method,
      headers: Object.assign({ 'Content-Type': 'application/json' }, state.token ? { Authorization: state.token } : {}),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = res.status === 204 ? {} : await res.json().catch(() => ({}));
    if (res.status === 401 && state.token) { logout(); throw new ApiError(401, data); }
    if (!res.ok) throw new ApiError(res.status, data);
    return data;
  }

  function logout() {
    state.token = ''; state.me = null; save();
    location.hash = '#/login';
  }

  function errorBox(err) {
    const msg = { 404: t('console.not_found'), 409: t('console.conflict'), 403: t('console.forbidden') }[err.status] || (t('console.failed') + ' ' + err.message);
    return h('p', { class: 'errors', role: 'alert' }, msg);
  }

  // fieldErrors marks each field named in an API error (the messages come from the server, in
  // the officer's language).
  function fieldErrors(form, err) {
    form.querySelectorAll('.error').forEach((e) => e.remove());
    for (const [field, e] of Object.entries(err.data || {})) {
      const input = form.querySelector('[name="' + CSS.escape(field) + '"]');
      const note = h('span', { class: 'error', role: 'alert' }, e.message || e.code || String(e));
      if (input) input.after(note); else form.prepend(note);
    }
  }

  // ---- frame ---------------------------------------------------------------------------------
  function frame() {
    const me = state.me;
    const cfg = me ? me.config : null;
    $brand.textContent = cfg ? (state.lang === 'en' ? cfg.campaign_name : cfg.campaign_name_hi) + ' · ' + t('console.title') : t('console.title');
    document.documentElement.lang = state.lang;
    const links = [];
    if (me) {
      links.push(h('a', { href: '#/' }, t('console.inbox')));
      if (me.may.enter) links.push(h('a', { href: '#/new' }, t('console.enter')));
      if (me.may.settings) links.push(h('a', { href: '#/settings' }, t('console.settings')));
      links.push(h('a', { href: '#/digest' }, t('console.digest')));
      links.push(h('span', { class: 'who' }, me.officer.name + (me.officer.unit ? ' · ' + me.officer.unit : '')));
    }
    links.push(h('select', { class: 'lang', 'aria-label': t('console.language'), onchange: switchLang },
      state.langs.map((l) => h('option', { value: l.code, lang: l.code, selected: l.code === state.lang }, l.name))));
    if (me) links.push(h('button', { type: 'button', class: 'link', onclick: logout }, t('console.logout')));
    $nav.replaceChildren(...links);
  }

  async function switchLang(ev) {
    state.lang = ev.target.value;
    save();
    if (state.me) {
      // the server labels answers in the officer's language
      await api('PATCH', '/api/collections/officers/records/' + state.me.officer.id, { lang: state.lang }).catch(() => {});
    }
    route();
  }

  // ---- login and password reset ----------------------------------------------------------
  function viewLogin(message) {
    const form = h('form', { class: 'card narrow', onsubmit: async (ev) => {
      ev.preventDefault();
      const fd = new FormData(form);
      try {
        const auth = await api('POST', '/api/collections/officers/auth-with-password', { identity: fd.get('email'), password: fd.get('password') });
        state.token = auth.token;
        if (auth.record.lang) state.lang = auth.record.lang;
        save();
        location.hash = '#/';
        route();
      } catch (err) {
        form.querySelector('.errors')?.remove();
        form.prepend(h('p', { class: 'errors', role: 'alert' }, err.status === 400 ? t('console.bad_login') : t('console.failed') + ' ' + err.message));
      }
    } },
    h('h1', {}, t('console.login')),
    message ? h('p', { class: 'notice' }, message) : null,
    h('label', { for: 'email' }, t('console.email')), h('input', { id: 'email', name: 'email', type: 'email', required: true, autocomplete: 'username' }),
    h('label', { for: 'password' }, t('console.password')), h('input', { id: 'password', name: 'password', type: 'password', required: true, autocomplete: 'current-password' }),
    h('button', { type: 'submit' }, t('console.login')),
    h('p', {}, h('a', { href: '#/forgot' }, t('console.forgot'))));
    show(form);
  }

  function viewForgot() {
    const form = h('form', { class: 'card narrow', onsubmit: async (ev) => {
      ev.preventDefault();
      await api('POST', '/api/collections/officers/request-password-reset', { email: new FormData(form).get('email') }).catch(() => {});
      form.replaceChildren(h('p', { class: 'notice' }, t('console.reset_sent')), h('a', { href: '#/login' }, t('console.login')));
    } },
    h('h1', {}, t('console.forgot')),
    h('label', { for: 'email' }, t('console.email')), h('input', { id: 'email', name: 'email', type: 'email', required: true }),
    h('button', { type: 'submit' }, t('console.reset_ask')));
    show(form);
  }

  function viewReset(token) {
    const form = h('form', { class: 'card narrow', onsubmit: async (ev) => {
      ev.preventDefault();
      const fd = new FormData(form);
      try {
        await api('POST', '/api/collections/officers/confirm-password-reset', { token, password: fd.get('password'), passwordConfirm: fd.get('passwordConfirm') });
        location.hash = '#/login';
        viewLogin(t('console.reset_done'));
      } catch (err) { fieldErrors(form, err); }
    } },
    h('h1', {}, t('console.reset_new')),
    h('label', { for: 'password' }, t('console.password')), h('input', { id: 'password', name: 'password', type: 'password', required: true, minlength: 8, autocomplete: 'new-password' }),
    h('label', { for: 'passwordConfirm' }, t('console.password_again')), h('input', { id: 'passwordConfirm', name: 'passwordConfirm', type: 'password', required: true, autocomplete: 'new-password' }),
    h('button', { type: 'submit' }, t('console.reset_new')));
    show(form);
  }

  // ---- inbox -------------------------------------------------------------------------------
  const FILTERS = ['station', 'status', 'kind', 'flag', 'rating', 'from', 'to', 'q', 'escalated', 'overdue', 'mine'];

  function when(row) {
    if (!row.created) return row.date; // a station officer sees the date only
    const d = new Date(row.created.replace(' ', 'T'));
    return d.toLocaleString(t('lang.locale'), { timeZone: state.me.config.timezone, dateStyle: 'medium', timeStyle: 'short' });
  }

  function stationName(s) { return state.lang === 'en' ? s.name : (s.name_hi || s.name); }
  function count(c) { return c ? c.n + (c.more ? '+' : '') : '0'; }

  function badges(row) {
    const b = [];
    for (const f of row.flags) b.push(h('span', { class: 'badge flag-' + f }, t('flag.' + f)));
    if (row.overdue_action) b.push(h('span', { class: 'badge overdue' }, t('overdue.action')));
    else if (row.overdue_review) b.push(h('span', { class: 'badge overdue' }, t('overdue.review')));
    if (row.escalated) b.push(h('span', { class: 'badge escalated' }, t('console.escalated')));
    if (row.instructed) b.push(h('span', { class: 'badge instructed' }, t('console.instructed')));
    if (row.assigned_to && row.assigned_to === state.me.officer.id) b.push(h('span', { class: 'badge mine' }, t('console.mine')));
    return b;
  }

  function rowView(row) {
    const attention = row.flags.includes('urgent') || row.flags.includes('negative') || row.overdue_action || row.overdue_review || row.escalated;
    return h('li', { class: 'row' + (attention ? ' attention' : '') },
      h('a', { href: '#/item/' + row.id, class: 'rowlink' },
        h('span', { class: 'meta' },
          h('span', { class: 'when' }, when(row)), ' · ',
          h('span', {}, stationName(row.station)), ' · ',
          h('span', {}, t('kind.' + row.kind)),
          row.rating ? h('span', { class: 'stars', 'aria-label': row.rating + '/5' }, ' ' + '★'.repeat(row.rating) + '☆'.repeat(5 - row.rating)) : null,
          ' · ', h('span', { class: 'status s-' + row.status }, t('status.' + row.status))),
        h('span', { class: 'badges' }, badges(row)),
        h('span', { class: 'excerpt' }, row.excerpt)));
  }

  function select(name, options, value) {
    return h('select', { name, id: 'f-' + name },
      options.map(([v, label]) => h('option', { value: v, selected: v === value }, label)));
  }

  async function viewInbox(query) {
    state.lastInbox = '#/' + (query.toString() ? '?' + query : '');
    const me = state.me;
    const v = (k) => query.get(k) || '';
    const kinds = me.sees.complaints ? ['experience', 'complaint', 'tip'] : ['experience'];
    const form = h('form', { class: 'filters card', onsubmit: (ev) => {
      ev.preventDefault();
      const q = new URLSearchParams();
      for (const [k, val] of new FormData(form)) if (val) q.set(k, val);
      location.hash = '#/?' + q;
    } },
    h('div', { class: 'grid' },
      h('div', {}, h('label', { for: 'f-station' }, t('word.station')),
        select('station', [['', t('console.all')]].concat(me.stations.map((s) => [s.id, stationName(s)])), v('station'))),
      h('div', {}, h('label', { for: 'f-status' }, t('console.status')),
        select('status', [['', t('console.all')], ['open', t('console.open')]].concat(['new', 'in_review', 'action_taken', 'closed', 'spam'].map((s) => [s, t('status.' + s)])), v('status'))),
      h('div', {}, h('label', { for: 'f-kind' }, t('console.kind')), select('kind', [['', t('console.all')]].concat(kinds.map((k) => [k, t('kind.' + k)])), v('kind'))),
      h('div', {}, h('label', { for: 'f-flag' }, t('console.flag')), select('flag', [['', t('console.all')]].concat(['urgent', 'negative', 'burst'].map((f) => [f, t('flag.' + f)])), v('flag'))),
      h('div', {}, h('label', { for: 'f-rating' }, t('word.rating')), select('rating', [['', t('console.all')]].concat([1, 2, 3, 4, 5].map((n) => [String(n), '★'.repeat(n)])), v('rating'))),
      h('div', {}, h('label', { for: 'f-from' }, t('console.from')), h('input', { type: 'date', id: 'f-from', name: 'from', value: v('from') })),
      h('div', {}, h('label', { for: 'f-to' }, t('console.to')), h('input', { type: 'date', id: 'f-to', name: 'to', value: v('to') })),
      h('div', { class: 'wide' }, h('label', { for: 'f-q' }, t('console.words')), h('input', { type: 'search', id: 'f-q', name: 'q', value: v('q') }))),
    ['escalated', 'overdue', 'mine'].filter((k) => query.get(k)).map((k) => h('input', { type: 'hidden', name: k, value: '1' })),
    h('button', { type: 'submit' }, t('console.apply')), ' ',
    h('a', { href: '#/', class: 'button secondary' }, t('console.clear')));

    const selected = me.stations.find((s) => s.id === v('station'));
    const posterLink = selected ? h('p', {}, h('a', { href: '/api/stations/' + encodeURIComponent(selected.code) + '/poster', target: '_blank', rel: 'noopener' }, t('console.poster') + ': ' + stationName(selected))) : null;
    const list = h('ul', { class: 'rows' }, h('li', {}, t('console.loading')));
    const head = h('div', { class: 'counts' });
    const pinned = h('section', { class: 'pinned', hidden: true });
    const moreBox = h('div', { class: 'more' });
    show(head, form, posterLink, pinned, list, moreBox, stationsList());

    // a status keeps the other filters; what needs attention is counted over the whole area
    const link = (params, label, c, whole) => {
      const q = whole ? new URLSearchParams() : new URLSearchParams(query);
      for (const k of ['status', 'escalated', 'overdue', 'mine', 'flag', 'after']) q.delete(k);
      for (const [k, val] of Object.entries(params)) q.set(k, val);
      const active = Object.entries(params).every(([k, val]) => query.get(k) === val);
      return h('a', { href: '#/?' + q, class: 'count' + (active ? ' active' : '') }, label + ' ', h('b', {}, count(c)));
    };

    async function page(after) {
      const q = new URLSearchParams(query);
      if (after) q.set('after', after);
      let p;
      try { p = await api('GET', '/api/console/items?' + q); } catch (err) { list.replaceChildren(errorBox(err)); return; }
      if (!after) {
        list.replaceChildren();
        head.replaceChildren(
          h('div', { class: 'attention' },
            link({ status: 'open', flag: 'urgent' }, t('flag.urgent'), p.attention.urgent, true),
            link({ overdue: '1' }, t('overdue.any'), p.attention.overdue, true),
            me.officer.role !== 'station' ? link({ escalated: '1' }, t('console.att_escalated'), p.attention.escalated, true) : null,
            link({ mine: '1' }, t('console.att_mine'), p.attention.mine, true)),
          h('div', { class: 'statuses' }, ['new', 'in_review', 'action_taken', 'closed', 'spam'].map((s) => link({ status: s }, t('status.' + s), p.counts[s]))));
        pinned.hidden = p.pinned.length === 0;
        pinned.replaceChildren(h('h2', {}, t('console.pinned')), h('ul', { class: 'rows' }, p.pinned.map(rowView)));
        if (p.items.length === 0) list.append(h('li', { class: 'empty' }, t('console.no_items')));
      }
      list.append(...p.items.map(rowView));
      moreBox.replaceChildren(h('div', {},
        p.searched_to ? h('p', { class: 'small' }, t('console.searched_to') + ' ' + p.searched_to) : null,
        p.next ? h('button', { type: 'button', onclick: () => page(p.next) }, t('console.more')) : null));
    }
    await page('');
  }

  function stationsList() {
    const me = state.me;
    return h('details', { class: 'card stations' }, h('summary', {}, t('console.stations') + ' (' + me.stations.length + ')'),
      h('ul', {}, me.stations.map((s) => h('li', {},
        h('a', { href: '#/?station=' + s.id }, stationName(s)), s.active ? '' : ' (' + t('console.inactive') + ')', ' · ',
        h('a', { href: '/api/stations/' + encodeURIComponent(s.code) + '/poster', target: '_blank', rel: 'noopener' }, t('console.poster'))))));
  }

  // ---- one item ----------------------------------------------------------------------------
  const NEEDS_BODY = ['note', 'instruction', 'action_taken', 'reply', 'close', 'reopen'];

  async function viewItem(id) {
    show(h('p', {}, t('console.loading')));
    let d;
    try { d = await api('GET', '/api/console/items/' + encodeURIComponent(id)); } catch (err) { show(h('a', { href: state.lastInbox }, t('console.back')), errorBox(err)); return; }
    renderItem(d);
  }

  function renderItem(d) {
    const facts = h('dl', { class: 'facts' },
      h('dt', {}, t('word.station')), h('dd', {}, stationName(d.station), ' · ',
        h('a', { href: '/api/stations/' + encodeURIComponent(d.station.code) + '/poster', target: '_blank', rel: 'noopener' }, t('console.poster'))),
      h('dt', {}, t('console.kind')), h('dd', {}, t('kind.' + d.kind)),
      h('dt', {}, t('console.status')), h('dd', {}, h('span', { class: 'status s-' + d.status }, t('status.' + d.status))),
      h('dt', {}, t('console.date')), h('dd', {}, when(d)),
      h('dt', {}, t('console.channel')), h('dd', {}, t('channel.' + d.channel)),
      d.rating ? [h('dt', {}, t('word.rating')), h('dd', {}, '★'.repeat(d.rating) + '☆'.repeat(5 - d.rating) + ' (' + d.rating + '/5)')] : null,
      d.visit_date ? [h('dt', {}, t('console.visit_date')), h('dd', {}, d.visit_date)] : null);

    const answers = h('dl', { class: 'answers' }, d.answers.map((a) => [h('dt', {}, a.label), h('dd', {}, a.text)]));
    const contact = state.me.sees.contacts
      ? h('section', { class: 'card' }, h('h2', {}, t('console.contact')),
        d.contact ? h('p', { class: 'contact' }, h('span', { class: 'cname' }, d.contact.name), ' · ', h('span', { class: 'cmobile' }, d.contact.mobile)) : h('p', { class: 'small' }, t('console.no_contact')))
      : null;
    const thread = h('ol', { class: 'thread' }, d.thread.length ? d.thread.map(entryView) : h('li', { class: 'small' }, t('console.empty_thread')));

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
    const at = new Date(e.created.replace(' ', 'T')).toLocaleString(t('lang.locale'), { timeZone: state.me.config.timezone, dateStyle: 'medium', timeStyle: 'short' });
    return h('li', { class: 'entry k-' + e.kind + (e.public ? ' public' : '') },
      h('div', { class: 'small' }, h('b', {}, t('action.' + (e.action || e.kind))), change, ' · ', by, ' · ', at, e.public ? ' · ' + t('console.public') : ''),
      e.body ? h('p', { class: 'body' }, e.body) : null);
  }

  function actionForm(d) {
    if (!d.actions.length) return h('p', { class: 'small' }, t('console.no_actions'));
    const body = h('textarea', { name: 'body', id: 'a-body', rows: 4, maxlength: 2000 });
    const officer = h('select', { name: 'officer', id: 'a-officer' },
      h('option', { value: '' }, '—'), d.assignable.map((o) => h('option', { value: o.id }, o.name + (o.rank ? ' (' + o.rank + ')' : ''))));
    const officerBox = h('div', { hidden: true }, h('label', { for: 'a-officer' }, t('console.officer')), officer);
    const smsNote = h('p', { class: 'notice sms', hidden: true },
      !d.sms.gateway ? t('console.sms_none') : d.sms.possible ? t('console.sms_yes') : t('console.sms_no'));
    const chooser = h('select', { name: 'action', id: 'a-action' }, d.actions.map((a) => h('option', { value: a }, t('action.' + a))));
    const sync = () => {
      const a = chooser.value;
      officerBox.hidden = a !== 'assign';
      body.required = NEEDS_BODY.includes(a);
      smsNote.hidden = a !== 'reply';
    };
    chooser.addEventListener('change', sync);
    const form = h('form', { class: 'card actions', onsubmit: async (ev) => {
      ev.preventDefault();
      const fd = new FormData(form);
      const button = form.querySelector('button');
      button.disabled = true;
      try {
        const next = await api('POST', '/api/console/items/' + encodeURIComponent(d.id) + '/actions',
          { action: fd.get('action'), body: fd.get('body'), officer: fd.get('officer') || '' });
        renderItem(next);
      } catch (err) {
        button.disabled = false;
        if (err.status === 400) fieldErrors(form, err); else form.prepend(errorBox(err));
      }
    } },
    h('h2', {}, t('console.action')),
    h('label', { for: 'a-action' }, t('console.action')), chooser,
    officerBox, smsNote,
    h('label', { for: 'a-body' }, t('console.text')), body,
    h('button', { type: 'submit' }, t('console.save')));
    sync();
    return form;
  }

  // ---- settings ----------------------------------------------------------------------------
  const SETTINGS = [
    ['district_name', 'text'], ['district_name_hi', 'text'], ['campaign_name', 'text'], ['campaign_name_hi', 'text'],
    ['review_days', 'number'], ['action_days', 'number'], ['retention_days', 'number'], ['digest_time', 'text'],
    ['urgent_words', 'lines'], ['sms_enabled', 'check'],
  ];

  // One district's own settings (a range officer picks among its districts). The SMS
  // gateway is the system administrator's, set in the dashboard, never here.
  async function viewSettings(code) {
    let s;
    const query = code ? '?district=' + encodeURIComponent(code) : '';
    try { s = await api('GET', '/api/console/settings' + query); } catch (err) { show(errorBox(err)); return; }
    const v = s.values;
    const field = ([name, type]) => {
      const id = 's-' + name;
      let input;
      if (type === 'check') return h('label', { class: 'tick' }, h('input', { type: 'checkbox', name, id, checked: !!v[name] }), ' ', t('setting.' + name));
      if (type === 'lines') input = h('textarea', { name, id, rows: 6 }, (v[name] || []).join('\n'));
      else input = h('input', { type, name, id, value: v[name] ?? '' });
      return [h('label', { for: id }, t('setting.' + name)), input];
    };
    let picker = [];
    if (s.districts.length > 1) {
      const choice = select('district', s.districts.map((d) => [d.code, stationName(d)]), s.district.code);
      choice.addEventListener('change', () => viewSettings(choice.value));
      picker = [h('label', { for: choice.id }, t('console.district')), choice];
    }
    const form = h('form', { class: 'card settings', onsubmit: async (ev) => {
      ev.preventDefault();
      const out = {};
      for (const [name, type] of SETTINGS) {
        const el = form.elements[name];
        if (type === 'check') out[name] = el.checked;
        else if (type === 'number') out[name] = el.value === '' ? null : Number(el.value);
        else if (type === 'lines') out[name] = el.value.split('\n').map((w) => w.trim()).filter(Boolean);
        else out[name] = el.value;
      }
      form.querySelector('.notice.saved')?.remove();
      try {
        await api('PATCH', '/api/console/settings?district=' + encodeURIComponent(s.district.code), out);
        state.me = await api('GET', '/api/console/me');
        frame();
        form.prepend(h('p', { class: 'notice saved', role: 'status' }, t('console.saved')));
      } catch (err) { fieldErrors(form, err); form.prepend(h('p', { class: 'errors' }, t('console.check'))); }
    } },
    h('h1', {}, t('console.settings') + ' · ' + stationName(s.district)),
    picker,
    SETTINGS.map(field),
    h('p', { class: 'small' }, t('console.sms_help')),
    h('button', { type: 'submit' }, t('console.save')));
    show(form);
  }

  // ---- my digest -----------------------------------------------------------------------------
  async function viewDigest() {
    const box = h('section', { class: 'card' }, h('h1', {}, t('console.digest')));
    const rows = h('section', { class: 'card' }, h('h2', {}, t('console.digest_rows')));
    show(box, rows);
    try {
      const p = await api('GET', '/api/digest/preview');
      // sandboxed: the mail's HTML gets no script, no same-origin access
      box.append(h('p', { class: 'small' }, p.subject), h('iframe', { class: 'digest', sandbox: '', title: p.subject, srcdoc: p.html }));
    } catch (err) { box.append(h('p', { class: 'small' }, t('console.digest_none')), errorBox(err)); }
    try {
      const list = await api('GET', '/api/console/digests');
      rows.append(h('table', {}, h('thead', {}, h('tr', {}, [t('console.day'), t('console.status'), t('console.attempts'), t('console.error')].map((x) => h('th', {}, x)))),
        h('tbody', {}, list.items.map((r) => h('tr', { class: 'd-' + r.status }, h('td', {}, r.day), h('td', {}, r.status), h('td', {}, String(r.attempts)), h('td', {}, r.last_error || ''))))));
    } catch (err) { rows.append(errorBox(err)); }
  }

  // ---- an item received by another channel --------------------------------------------------
  const OWN = ['rating', 'visit_date', 'comment'];

  async function viewNew() {
    let questions;
    try {
      questions = (await api('GET', '/api/collections/questions/records?perPage=200&sort=sort&filter=' + encodeURIComponent('active=true'))).items;
    } catch (err) { show(errorBox(err)); return; }
    const me = state.me;
    const kinds = me.sees.complaints ? ['experience', 'complaint', 'tip'] : ['experience'];
    const label = (q) => (state.lang === 'en' ? q.label_en : q.label_hi) + (q.required ? ' *' : '');
    const qField = (q) => {
      const name = OWN.includes(q.key) ? q.key : 'answers.' + q.key;
      const id = 'n-' + q.key;
      let input;
      if (q.type === 'rating') input = select(name, [['', '—']].concat([1, 2, 3, 4, 5].map((n) => [String(n), n + ' ' + '★'.repeat(n)])), '');
      else if (q.type === 'yesno') input = select(name, [['', '—'], ['yes', t('answer.yes')], ['no', t('answer.no')]], '');
      else if (q.type === 'choice') input = select(name, [['', '—']].concat((q.options || []).map((o) => [o.value, state.lang === 'en' ? o.label_en : o.label_hi])), '');
      else if (q.type === 'date') input = h('input', { type: 'date', name });
      else if (q.key === 'comment') input = h('textarea', { name, rows: 4, maxlength: 2000 });
      else input = h('input', { type: 'text', name });
      input.id = id;
      return h('div', { class: 'q' }, h('label', { for: id }, label(q)), input);
    };
    const kind = select('kind', kinds.map((k) => [k, t('kind.' + k)]), 'experience');
    const asked = h('div', {});
    const syncKind = () => asked.replaceChildren(...questions.filter((q) => q.kinds.includes(kind.value)).map(qField));
    kind.addEventListener('change', syncKind);
    const result = h('div', {});
    const form = h('form', { class: 'card new-entry', onsubmit: async (ev) => {
      ev.preventDefault();
      const fd = new FormData(form);
      const body = { answers: {}, consent: fd.get('consent') === 'on' };
      for (const [k, v] of fd) {
        if (k === 'consent' || v === '') continue;
        if (k.startsWith('answers.')) body.answers[k.slice(8)] = v;
        else if (k === 'rating') body.rating = Number(v);
        else body[k] = v;
      }
      try {
        const r = await api('POST', '/api/console/items', body);
        form.reset(); syncKind();
        form.querySelectorAll('.error').forEach((e) => e.remove());
        result.replaceChildren(h('section', { class: 'card done', role: 'status' }, h('p', {}, t('console.entered')), h('p', { class: 'receipt' }, r.receipt)));
        result.scrollIntoView();
      } catch (err) {
        result.replaceChildren(err.status === 400 ? h('p', { class: 'errors' }, t('console.check')) : errorBox(err));
        if (err.status === 400) fieldErrors(form, err);
      }
    } },
    h('h1', {}, t('console.enter')), h('p', { class: 'small' }, t('console.enter_help')),
    h('label', { for: 'n-station' }, t('word.station')), Object.assign(select('station', me.stations.filter((s) => s.active).map((s) => [s.code, stationName(s)]), ''), { id: 'n-station' }),
    h('label', { for: 'n-channel' }, t('console.channel')), Object.assign(select('channel', ['phone', 'whatsapp', 'video', 'walkin', 'email'].map((c) => [c, t('channel.' + c)]), 'phone'), { id: 'n-channel' }),
    h('label', { for: 'n-kind' }, t('console.kind')), Object.assign(kind, { id: 'n-kind' }),
    h('label', { for: 'n-lang' }, t('console.language')), Object.assign(select('lang', state.langs.map((l) => [l.code, l.name]), state.lang), { id: 'n-lang' }),
    asked,
    h('label', { for: 'n-name' }, t('word.name')), h('input', { type: 'text', name: 'name', id: 'n-name', maxlength: 120 }),
    h('label', { for: 'n-mobile' }, t('word.mobile')), h('input', { type: 'tel', name: 'mobile', id: 'n-mobile', maxlength: 20 }),
    h('p', {}, h('label', { class: 'tick' }, h('input', { type: 'checkbox', name: 'consent' }), ' ', t('console.consent'))),
    h('button', { type: 'submit' }, t('console.submit')));
    syncKind();
    show(result, form);
  }

  // ---- routing -------------------------------------------------------------------------------
  async function route() {
    if (state.wordsLang !== state.lang) {
      try { await loadWords(); } catch (err) { show(errorBox(err)); return; }
    }
    const hash = location.hash || '#/';
    const [path, qs] = hash.slice(1).split('?');
    if (path.startsWith('/reset/')) { frame(); return viewReset(decodeURIComponent(path.slice(7))); }
    if (path === '/forgot') { frame(); return viewForgot(); }
    if (!state.token) { frame(); return viewLogin(); }
    if (!state.me) {
      try { state.me = await api('GET', '/api/console/me'); } catch (err) { if (err.status !== 401) show(errorBox(err)); return; }
      // a console left open for days stays logged in: renew the token once per page load
      api('POST', '/api/collections/officers/auth-refresh').then((r) => { state.token = r.token; save(); }).catch(() => {});
    }
    frame();
    if (path === '/login') { location.hash = '#/'; return; }
    if (path.startsWith('/item/')) return viewItem(decodeURIComponent(path.slice(6)));
    if (path === '/settings') return viewSettings();
    if (path === '/digest') return viewDigest();
    if (path === '/new') return viewNew();
    return viewInbox(new URLSearchParams(qs || ''));
  }

  load();
  window.addEventListener('hashchange', route);
  route();
})();
