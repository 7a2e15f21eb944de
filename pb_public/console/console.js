// Anubhav officer console. Plain JavaScript, no build step, no other host. Everything a
// citizen typed reaches the page through textContent (the h() helper below), never as HTML.
'use strict';

(function () {
  const STORE = 'anubhav.console';
  const $app = document.getElementById('app');
  const $nav = document.getElementById('nav');
  const $brand = document.getElementById('brand');

  // ---- words, Hindi first --------------------------------------------------------------
  const W = {
    console: ['अधिकारी कंसोल', 'Officer console'],
    login: ['लॉग इन', 'Log in'], logout: ['लॉग आउट', 'Log out'],
    email: ['ईमेल', 'Email'], password: ['पासवर्ड', 'Password'], passwordAgain: ['पासवर्ड दोबारा', 'Password again'],
    forgot: ['पासवर्ड भूल गए?', 'Forgot password?'],
    resetAsk: ['पासवर्ड बदलने का लिंक भेजें', 'Send a password reset link'],
    resetSent: ['अगर यह किसी अधिकारी का ईमेल है, तो लिंक भेज दिया गया है (ईमेल सेटिंग होने पर)।', 'If this is an officer\'s email, a link is on its way (once email is set up).'],
    resetNew: ['नया पासवर्ड रखें', 'Set a new password'], resetDone: ['पासवर्ड बदल गया। अब लॉग इन करें।', 'Password changed. Please log in.'],
    badLogin: ['ईमेल या पासवर्ड गलत है।', 'Wrong email or password.'],
    inbox: ['इनबॉक्स', 'Inbox'], enter: ['नई प्रविष्टि', 'New entry'], settings: ['सेटिंग', 'Settings'], digest: ['मेरा डाइजेस्ट', 'My digest'],
    station: ['थाना', 'Station'], status: ['स्थिति', 'Status'], kind: ['प्रकार', 'Kind'], flag: ['निशान', 'Flag'], rating: ['रेटिंग', 'Rating'],
    from: ['से', 'From'], to: ['तक', 'To'], words: ['टिप्पणी में शब्द', 'Words in the comment'],
    all: ['सभी', 'All'], open: ['खुले (नए + जाँच में)', 'Open (new + in review)'],
    apply: ['दिखाएँ', 'Show'], clear: ['साफ़ करें', 'Clear'], more: ['और दिखाएँ', 'Show more'],
    searchedTo: ['इस तारीख तक खोजा:', 'Searched back to'],
    noItems: ['कोई प्रविष्टि नहीं।', 'No items.'], loading: ['लोड हो रहा है…', 'Loading…'],
    pinned: ['तुरंत ध्यान दें: खुले ज़रूरी मामले', 'Needs attention now: open urgent items'],
    attUrgent: ['ज़रूरी', 'Urgent'], attOverdue: ['समय से पीछे', 'Overdue'], attEscalated: ['ऊपर भेजे गए', 'Escalated'], attMine: ['मुझे सौंपे गए', 'Assigned to me'],
    s_new: ['नया', 'New'], s_in_review: ['जाँच में', 'In review'], s_action_taken: ['कार्रवाई हुई', 'Action taken'], s_closed: ['बंद', 'Closed'], s_spam: ['स्पैम', 'Spam'],
    k_experience: ['अनुभव', 'Experience'], k_complaint: ['शिकायत', 'Complaint'], k_tip: ['गुप्त सूचना', 'Tip-off'],
    f_negative: ['नकारात्मक', 'Negative'], f_urgent: ['ज़रूरी', 'Urgent'], f_burst: ['एक साथ कई', 'Burst'],
    overdueReview: ['जाँच बाकी', 'Review overdue'], overdueAction: ['कार्रवाई बाकी', 'Action overdue'],
    escalated: ['ऊपर भेजा गया', 'Escalated'], instructed: ['निर्देश का जवाब बाकी', 'Instruction awaits answer'], mine: ['मुझे सौंपा', 'Mine'],
    c_qr: ['QR', 'QR'], c_walkin: ['खुद आकर', 'Walk-in'], c_phone: ['फ़ोन', 'Phone'], c_whatsapp: ['व्हाट्सऐप', 'WhatsApp'], c_video: ['वीडियो कॉल', 'Video call'], c_email: ['ईमेल', 'Email'],
    channel: ['माध्यम', 'Channel'], date: ['तारीख', 'Date'], comment: ['टिप्पणी', 'Comment'], visitDate: ['थाने जाने की तारीख', 'Date of visit'],
    answers: ['जवाब', 'Answers'], contact: ['संपर्क', 'Contact'], noContact: ['संपर्क नहीं दिखाया जा सकता या नहीं दिया गया।', 'No contact given, or not yours to see.'],
    name: ['नाम', 'Name'], mobile: ['मोबाइल', 'Mobile'], thread: ['कार्यवाही', 'Thread'], emptyThread: ['अभी कुछ दर्ज नहीं।', 'Nothing recorded yet.'],
    system: ['सिस्टम', 'System'], public: ['नागरिक को दिखता है', 'Shown to the citizen'], back: ['← इनबॉक्स', '← Inbox'],
    action: ['कार्य', 'Action'], text: ['लिखें', 'Text'], officer: ['अधिकारी', 'Officer'], save: ['दर्ज करें', 'Record'], noActions: ['इस प्रविष्टि पर आपके लिए कोई कार्य नहीं।', 'No action open to you on this item.'],
    a_review: ['जाँच शुरू करें', 'Take into review'], a_note: ['नोट', 'Note'], a_instruction: ['थाना प्रभारी को निर्देश', 'Instruction to the station in-charge'],
    a_action_taken: ['की गई कार्रवाई', 'Action taken'], a_reply: ['नागरिक को जवाब (सार्वजनिक)', 'Reply to the citizen (public)'], a_assign: ['सौंपें', 'Assign'],
    a_close: ['बंद करें (कारण सहित)', 'Close (with a reason)'], a_spam: ['स्पैम चिह्नित करें', 'Mark as spam'], a_reopen: ['फिर से खोलें', 'Reopen'], a_sms: ['SMS', 'SMS'],
    smsNone: ['SMS गेटवे सेट नहीं है: नागरिक यह जवाब रसीद नंबर से /track पर ही पढ़ेगा।', 'No SMS gateway is set up: the citizen reads this reply on /track with the receipt number only.'],
    smsNo: ['नागरिक ने मोबाइल या संपर्क की अनुमति नहीं दी: जवाब /track पर ही दिखेगा।', 'The citizen gave no mobile or no consent: the reply is on /track only.'],
    smsYes: ['यह जवाब नागरिक के मोबाइल पर SMS से भी जाएगा।', 'This reply also goes to the citizen\'s mobile by SMS.'],
    poster: ['पोस्टर', 'Poster'], stations: ['थाने और पोस्टर', 'Stations and posters'], inactive: ['बंद', 'inactive'],
    saved: ['सहेजा गया।', 'Saved.'], check: ['कृपया चिह्नित जगहें देखें।', 'Please check the marked fields.'],
    failed: ['कुछ गलत हुआ:', 'Something went wrong:'], notFound: ['यह प्रविष्टि आपके क्षेत्र में नहीं है।', 'This item is not in your area.'],
    conflict: ['यह कार्य अब इस प्रविष्टि पर लागू नहीं होता (शायद किसी और ने अभी बदला)।', 'This action no longer applies (someone may have just changed the item).'],
    forbidden: ['आपकी भूमिका यह नहीं कर सकती।', 'Your role may not do this.'],
    st_district_name: ['जिले का नाम (अंग्रेज़ी)', 'District name (English)'], st_district_name_hi: ['जिले का नाम (हिन्दी)', 'District name (Hindi)'],
    st_campaign_name: ['अभियान का नाम (अंग्रेज़ी)', 'Campaign name (English)'], st_campaign_name_hi: ['अभियान का नाम (हिन्दी)', 'Campaign name (Hindi)'],
    st_review_days: ['जाँच की समय-सीमा (दिन)', 'Review within (days)'], st_action_days: ['कार्रवाई की समय-सीमा (दिन)', 'Action within (days)'],
    st_urgent_words: ['ज़रूरी शब्द (हर लाइन में एक)', 'Urgent words (one per line)'], st_retention_days: ['बंद होने के बाद संपर्क कितने दिन रखें', 'Keep contacts for (days after closing)'],
    st_digest_time: ['डाइजेस्ट का समय (HH:MM)', 'Digest time (HH:MM)'],
    st_sms_enabled: ['जवाब SMS से भेजें', 'Send replies by SMS'], district: ['जिला', 'District'],
    smsHelp: ['SMS गेटवे सिस्टम एडमिन लगाते हैं; गेटवे न हो तो जवाब केवल रसीद से पढ़ा जाता है।', 'The system administrator sets up the SMS gateway; without one, replies are read with the receipt only.'],
    digestNone: ['डाइजेस्ट का पूर्वावलोकन उपलब्ध नहीं।', 'No digest preview available.'], digestRows: ['भेजे गए डाइजेस्ट', 'Digests sent'],
    day: ['दिन', 'Day'], attempts: ['प्रयास', 'Attempts'], error: ['त्रुटि', 'Error'],
    e_kind: ['प्रकार', 'Kind'], entered: ['प्रविष्टि दर्ज हुई। नागरिक को यह रसीद नंबर बताएँ:', 'Entered. Give the citizen this receipt number:'],
    enterHelp: ['फ़ोन, व्हाट्सऐप, वीडियो कॉल, खुद आकर या ईमेल से मिली बात नागरिक की ओर से दर्ज करें।', 'Enter what a citizen told you by phone, WhatsApp, video call, walk-in or email, on their behalf.'],
    consent: ['नागरिक ने संपर्क की अनुमति दी', 'The citizen agrees to be contacted'], submit: ['दर्ज करें', 'Enter'],
    yes: ['हाँ', 'Yes'], no: ['नहीं', 'No'], other: ['English', 'हिन्दी'],
    // the API's error codes, for messages in the officer's language
    e_body_required: ['यहाँ लिखना ज़रूरी है।', 'Please write this.'],
    e_officer_cannot_act: ['ऐसा अधिकारी चुनें जो इस प्रविष्टि पर कार्रवाई कर सकता हो।', 'Choose an officer who can act on this item.'],
    e_not_self_editable: ['यह आप खुद नहीं बदल सकते: सिस्टम व्यवस्थापक से कहें।', 'You cannot change this yourself: ask the system administrator.'],
    e_unknown_setting: ['यह सेटिंग यहाँ नहीं बदली जा सकती।', 'This setting cannot be changed here.'],
  };

  const state = { lang: 'hi', token: '', me: null, lastInbox: '#/' };

  function t(key) { const w = W[key]; return w ? w[state.lang === 'en' ? 1 : 0] : key; }

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
    const msg = { 404: t('notFound'), 409: t('conflict'), 403: t('forbidden') }[err.status] || (t('failed') + ' ' + err.message);
    return h('p', { class: 'errors', role: 'alert' }, msg);
  }

  // fieldErrors marks each field named in an API error (the messages come from the server).
  function fieldErrors(form, err) {
    form.querySelectorAll('.error').forEach((e) => e.remove());
    for (const [field, e] of Object.entries(err.data || {})) {
      const input = form.querySelector('[name="' + CSS.escape(field) + '"]');
      const note = h('span', { class: 'error', role: 'alert' }, W['e_' + e.code] ? t('e_' + e.code) : (e.message || e.code || String(e)));
      if (input) input.after(note); else form.prepend(note);
    }
  }

  // ---- frame ---------------------------------------------------------------------------------
  function frame() {
    const me = state.me;
    const cfg = me ? me.config : null;
    $brand.textContent = cfg ? (state.lang === 'en' ? cfg.campaign_name : cfg.campaign_name_hi) + ' · ' + t('console') : t('console');
    document.documentElement.lang = state.lang;
    const links = [];
    if (me) {
      links.push(h('a', { href: '#/' }, t('inbox')));
      if (me.may.enter) links.push(h('a', { href: '#/new' }, t('enter')));
      if (me.may.settings) links.push(h('a', { href: '#/settings' }, t('settings')));
      links.push(h('a', { href: '#/digest' }, t('digest')));
      links.push(h('span', { class: 'who' }, me.officer.name + (me.officer.unit ? ' · ' + me.officer.unit : '')));
    }
    links.push(h('button', { type: 'button', class: 'lang', onclick: switchLang }, t('other')));
    if (me) links.push(h('button', { type: 'button', class: 'link', onclick: logout }, t('logout')));
    $nav.replaceChildren(...links);
  }

  async function switchLang() {
    state.lang = state.lang === 'en' ? 'hi' : 'en';
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
        form.prepend(h('p', { class: 'errors', role: 'alert' }, err.status === 400 ? t('badLogin') : t('failed') + ' ' + err.message));
      }
    } },
    h('h1', {}, t('login')),
    message ? h('p', { class: 'notice' }, message) : null,
    h('label', { for: 'email' }, t('email')), h('input', { id: 'email', name: 'email', type: 'email', required: true, autocomplete: 'username' }),
    h('label', { for: 'password' }, t('password')), h('input', { id: 'password', name: 'password', type: 'password', required: true, autocomplete: 'current-password' }),
    h('button', { type: 'submit' }, t('login')),
    h('p', {}, h('a', { href: '#/forgot' }, t('forgot'))));
    show(form);
  }

  function viewForgot() {
    const form = h('form', { class: 'card narrow', onsubmit: async (ev) => {
      ev.preventDefault();
      await api('POST', '/api/collections/officers/request-password-reset', { email: new FormData(form).get('email') }).catch(() => {});
      form.replaceChildren(h('p', { class: 'notice' }, t('resetSent')), h('a', { href: '#/login' }, t('login')));
    } },
    h('h1', {}, t('forgot')),
    h('label', { for: 'email' }, t('email')), h('input', { id: 'email', name: 'email', type: 'email', required: true }),
    h('button', { type: 'submit' }, t('resetAsk')));
    show(form);
  }

  function viewReset(token) {
    const form = h('form', { class: 'card narrow', onsubmit: async (ev) => {
      ev.preventDefault();
      const fd = new FormData(form);
      try {
        await api('POST', '/api/collections/officers/confirm-password-reset', { token, password: fd.get('password'), passwordConfirm: fd.get('passwordConfirm') });
        location.hash = '#/login';
        viewLogin(t('resetDone'));
      } catch (err) { fieldErrors(form, err); }
    } },
    h('h1', {}, t('resetNew')),
    h('label', { for: 'password' }, t('password')), h('input', { id: 'password', name: 'password', type: 'password', required: true, minlength: 8, autocomplete: 'new-password' }),
    h('label', { for: 'passwordConfirm' }, t('passwordAgain')), h('input', { id: 'passwordConfirm', name: 'passwordConfirm', type: 'password', required: true, autocomplete: 'new-password' }),
    h('button', { type: 'submit' }, t('resetNew')));
    show(form);
  }

  // ---- inbox -------------------------------------------------------------------------------
  const FILTERS = ['station', 'status', 'kind', 'flag', 'rating', 'from', 'to', 'q', 'escalated', 'overdue', 'mine'];

  function when(row) {
    if (!row.created) return row.date; // a station officer sees the date only
    const d = new Date(row.created.replace(' ', 'T'));
    return d.toLocaleString(state.lang === 'en' ? 'en-IN' : 'hi-IN', { timeZone: state.me.config.timezone, dateStyle: 'medium', timeStyle: 'short' });
  }

  function stationName(s) { return state.lang === 'en' ? s.name : (s.name_hi || s.name); }
  function count(c) { return c ? c.n + (c.more ? '+' : '') : '0'; }

  function badges(row) {
    const b = [];
    for (const f of row.flags) b.push(h('span', { class: 'badge flag-' + f }, t('f_' + f)));
    if (row.overdue_action) b.push(h('span', { class: 'badge overdue' }, t('overdueAction')));
    else if (row.overdue_review) b.push(h('span', { class: 'badge overdue' }, t('overdueReview')));
    if (row.escalated) b.push(h('span', { class: 'badge escalated' }, t('escalated')));
    if (row.instructed) b.push(h('span', { class: 'badge instructed' }, t('instructed')));
    if (row.assigned_to && row.assigned_to === state.me.officer.id) b.push(h('span', { class: 'badge mine' }, t('mine')));
    return b;
  }

  function rowView(row) {
    const attention = row.flags.includes('urgent') || row.flags.includes('negative') || row.overdue_action || row.overdue_review || row.escalated;
    return h('li', { class: 'row' + (attention ? ' attention' : '') },
      h('a', { href: '#/item/' + row.id, class: 'rowlink' },
        h('span', { class: 'meta' },
          h('span', { class: 'when' }, when(row)), ' · ',
          h('span', {}, stationName(row.station)), ' · ',
          h('span', {}, t('k_' + row.kind)),
          row.rating ? h('span', { class: 'stars', 'aria-label': row.rating + '/5' }, ' ' + '★'.repeat(row.rating) + '☆'.repeat(5 - row.rating)) : null,
          ' · ', h('span', { class: 'status s-' + row.status }, t('s_' + row.status))),
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
      h('div', {}, h('label', { for: 'f-station' }, t('station')),
        select('station', [['', t('all')]].concat(me.stations.map((s) => [s.id, stationName(s)])), v('station'))),
      h('div', {}, h('label', { for: 'f-status' }, t('status')),
        select('status', [['', t('all')], ['open', t('open')]].concat(['new', 'in_review', 'action_taken', 'closed', 'spam'].map((s) => [s, t('s_' + s)])), v('status'))),
      h('div', {}, h('label', { for: 'f-kind' }, t('kind')), select('kind', [['', t('all')]].concat(kinds.map((k) => [k, t('k_' + k)])), v('kind'))),
      h('div', {}, h('label', { for: 'f-flag' }, t('flag')), select('flag', [['', t('all')]].concat(['urgent', 'negative', 'burst'].map((f) => [f, t('f_' + f)])), v('flag'))),
      h('div', {}, h('label', { for: 'f-rating' }, t('rating')), select('rating', [['', t('all')]].concat([1, 2, 3, 4, 5].map((n) => [String(n), '★'.repeat(n)])), v('rating'))),
      h('div', {}, h('label', { for: 'f-from' }, t('from')), h('input', { type: 'date', id: 'f-from', name: 'from', value: v('from') })),
      h('div', {}, h('label', { for: 'f-to' }, t('to')), h('input', { type: 'date', id: 'f-to', name: 'to', value: v('to') })),
      h('div', { class: 'wide' }, h('label', { for: 'f-q' }, t('words')), h('input', { type: 'search', id: 'f-q', name: 'q', value: v('q') }))),
    ['escalated', 'overdue', 'mine'].filter((k) => query.get(k)).map((k) => h('input', { type: 'hidden', name: k, value: '1' })),
    h('button', { type: 'submit' }, t('apply')), ' ',
    h('a', { href: '#/', class: 'button secondary' }, t('clear')));

    const selected = me.stations.find((s) => s.id === v('station'));
    const posterLink = selected ? h('p', {}, h('a', { href: '/api/stations/' + encodeURIComponent(selected.code) + '/poster', target: '_blank', rel: 'noopener' }, t('poster') + ': ' + stationName(selected))) : null;
    const list = h('ul', { class: 'rows' }, h('li', {}, t('loading')));
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
            link({ status: 'open', flag: 'urgent' }, t('attUrgent'), p.attention.urgent, true),
            link({ overdue: '1' }, t('attOverdue'), p.attention.overdue, true),
            me.officer.role !== 'station' ? link({ escalated: '1' }, t('attEscalated'), p.attention.escalated, true) : null,
            link({ mine: '1' }, t('attMine'), p.attention.mine, true)),
          h('div', { class: 'statuses' }, ['new', 'in_review', 'action_taken', 'closed', 'spam'].map((s) => link({ status: s }, t('s_' + s), p.counts[s]))));
        pinned.hidden = p.pinned.length === 0;
        pinned.replaceChildren(h('h2', {}, t('pinned')), h('ul', { class: 'rows' }, p.pinned.map(rowView)));
        if (p.items.length === 0) list.append(h('li', { class: 'empty' }, t('noItems')));
      }
      list.append(...p.items.map(rowView));
      moreBox.replaceChildren(h('div', {},
        p.searched_to ? h('p', { class: 'small' }, t('searchedTo') + ' ' + p.searched_to) : null,
        p.next ? h('button', { type: 'button', onclick: () => page(p.next) }, t('more')) : null));
    }
    await page('');
  }

  function stationsList() {
    const me = state.me;
    return h('details', { class: 'card stations' }, h('summary', {}, t('stations') + ' (' + me.stations.length + ')'),
      h('ul', {}, me.stations.map((s) => h('li', {},
        h('a', { href: '#/?station=' + s.id }, stationName(s)), s.active ? '' : ' (' + t('inactive') + ')', ' · ',
        h('a', { href: '/api/stations/' + encodeURIComponent(s.code) + '/poster', target: '_blank', rel: 'noopener' }, t('poster'))))));
  }

  // ---- one item ----------------------------------------------------------------------------
  const NEEDS_BODY = ['note', 'instruction', 'action_taken', 'reply', 'close', 'reopen'];

  async function viewItem(id) {
    show(h('p', {}, t('loading')));
    let d;
    try { d = await api('GET', '/api/console/items/' + encodeURIComponent(id)); } catch (err) { show(h('a', { href: state.lastInbox }, t('back')), errorBox(err)); return; }
    renderItem(d);
  }

  function renderItem(d) {
    const facts = h('dl', { class: 'facts' },
      h('dt', {}, t('station')), h('dd', {}, stationName(d.station), ' · ',
        h('a', { href: '/api/stations/' + encodeURIComponent(d.station.code) + '/poster', target: '_blank', rel: 'noopener' }, t('poster'))),
      h('dt', {}, t('kind')), h('dd', {}, t('k_' + d.kind)),
      h('dt', {}, t('status')), h('dd', {}, h('span', { class: 'status s-' + d.status }, t('s_' + d.status))),
      h('dt', {}, t('date')), h('dd', {}, when(d)),
      h('dt', {}, t('channel')), h('dd', {}, t('c_' + d.channel)),
      d.rating ? [h('dt', {}, t('rating')), h('dd', {}, '★'.repeat(d.rating) + '☆'.repeat(5 - d.rating) + ' (' + d.rating + '/5)')] : null,
      d.visit_date ? [h('dt', {}, t('visitDate')), h('dd', {}, d.visit_date)] : null);

    const answers = h('dl', { class: 'answers' }, d.answers.map((a) => [h('dt', {}, a.label), h('dd', {}, a.text)]));
    const contact = state.me.sees.contacts
      ? h('section', { class: 'card' }, h('h2', {}, t('contact')),
        d.contact ? h('p', { class: 'contact' }, h('span', { class: 'cname' }, d.contact.name), ' · ', h('span', { class: 'cmobile' }, d.contact.mobile)) : h('p', { class: 'small' }, t('noContact')))
      : null;
    const thread = h('ol', { class: 'thread' }, d.thread.length ? d.thread.map(entryView) : h('li', { class: 'small' }, t('emptyThread')));

    show(
      h('p', {}, h('a', { href: state.lastInbox }, t('back'))),
      h('article', { class: 'card item', 'data-id': d.id },
        h('div', { class: 'badges' }, badges(d)),
        facts,
        h('h2', {}, t('comment')), h('p', { class: 'comment' }, d.comment),
        d.answers.length ? [h('h2', {}, t('answers')), answers] : null),
      contact,
      h('section', { class: 'card' }, h('h2', {}, t('thread')), thread),
      actionForm(d));
  }

  function entryView(e) {
    const by = e.author || t('system');
    const change = e.to_status ? ' (' + t('s_' + e.from_status) + ' → ' + t('s_' + e.to_status) + ')' : '';
    const at = new Date(e.created.replace(' ', 'T')).toLocaleString(state.lang === 'en' ? 'en-IN' : 'hi-IN', { timeZone: state.me.config.timezone, dateStyle: 'medium', timeStyle: 'short' });
    return h('li', { class: 'entry k-' + e.kind + (e.public ? ' public' : '') },
      h('div', { class: 'small' }, h('b', {}, t('a_' + (e.action || e.kind))), change, ' · ', by, ' · ', at, e.public ? ' · ' + t('public') : ''),
      e.body ? h('p', { class: 'body' }, e.body) : null);
  }

  function actionForm(d) {
    if (!d.actions.length) return h('p', { class: 'small' }, t('noActions'));
    const body = h('textarea', { name: 'body', id: 'a-body', rows: 4, maxlength: 2000 });
    const officer = h('select', { name: 'officer', id: 'a-officer' },
      h('option', { value: '' }, '—'), d.assignable.map((o) => h('option', { value: o.id }, o.name + (o.rank ? ' (' + o.rank + ')' : ''))));
    const officerBox = h('div', { hidden: true }, h('label', { for: 'a-officer' }, t('officer')), officer);
    const smsNote = h('p', { class: 'notice sms', hidden: true },
      !d.sms.gateway ? t('smsNone') : d.sms.possible ? t('smsYes') : t('smsNo'));
    const chooser = h('select', { name: 'action', id: 'a-action' }, d.actions.map((a) => h('option', { value: a }, t('a_' + a))));
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
    h('h2', {}, t('action')),
    h('label', { for: 'a-action' }, t('action')), chooser,
    officerBox, smsNote,
    h('label', { for: 'a-body' }, t('text')), body,
    h('button', { type: 'submit' }, t('save')));
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
      if (type === 'check') return h('label', { class: 'tick' }, h('input', { type: 'checkbox', name, id, checked: !!v[name] }), ' ', t('st_' + name));
      if (type === 'lines') input = h('textarea', { name, id, rows: 6 }, (v[name] || []).join('\n'));
      else input = h('input', { type, name, id, value: v[name] ?? '' });
      return [h('label', { for: id }, t('st_' + name)), input];
    };
    let picker = [];
    if (s.districts.length > 1) {
      const choice = select('district', s.districts.map((d) => [d.code, stationName(d)]), s.district.code);
      choice.addEventListener('change', () => viewSettings(choice.value));
      picker = [h('label', { for: choice.id }, t('district')), choice];
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
        form.prepend(h('p', { class: 'notice saved', role: 'status' }, t('saved')));
      } catch (err) { fieldErrors(form, err); form.prepend(h('p', { class: 'errors' }, t('check'))); }
    } },
    h('h1', {}, t('settings') + ' · ' + stationName(s.district)),
    picker,
    SETTINGS.map(field),
    h('p', { class: 'small' }, t('smsHelp')),
    h('button', { type: 'submit' }, t('save')));
    show(form);
  }

  // ---- my digest -----------------------------------------------------------------------------
  async function viewDigest() {
    const box = h('section', { class: 'card' }, h('h1', {}, t('digest')));
    const rows = h('section', { class: 'card' }, h('h2', {}, t('digestRows')));
    show(box, rows);
    try {
      const p = await api('GET', '/api/digest/preview');
      // sandboxed: the mail's HTML gets no script, no same-origin access
      box.append(h('p', { class: 'small' }, p.subject), h('iframe', { class: 'digest', sandbox: '', title: p.subject, srcdoc: p.html }));
    } catch (err) { box.append(h('p', { class: 'small' }, t('digestNone')), errorBox(err)); }
    try {
      const list = await api('GET', '/api/console/digests');
      rows.append(h('table', {}, h('thead', {}, h('tr', {}, [t('day'), t('status'), t('attempts'), t('error')].map((x) => h('th', {}, x)))),
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
      else if (q.type === 'yesno') input = select(name, [['', '—'], ['yes', t('yes')], ['no', t('no')]], '');
      else if (q.type === 'choice') input = select(name, [['', '—']].concat((q.options || []).map((o) => [o.value, state.lang === 'en' ? o.label_en : o.label_hi])), '');
      else if (q.type === 'date') input = h('input', { type: 'date', name });
      else if (q.key === 'comment') input = h('textarea', { name, rows: 4, maxlength: 2000 });
      else input = h('input', { type: 'text', name });
      input.id = id;
      return h('div', { class: 'q' }, h('label', { for: id }, label(q)), input);
    };
    const kind = select('kind', kinds.map((k) => [k, t('k_' + k)]), 'experience');
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
        result.replaceChildren(h('section', { class: 'card done', role: 'status' }, h('p', {}, t('entered')), h('p', { class: 'receipt' }, r.receipt)));
        result.scrollIntoView();
      } catch (err) {
        result.replaceChildren(err.status === 400 ? h('p', { class: 'errors' }, t('check')) : errorBox(err));
        if (err.status === 400) fieldErrors(form, err);
      }
    } },
    h('h1', {}, t('enter')), h('p', { class: 'small' }, t('enterHelp')),
    h('label', { for: 'n-station' }, t('station')), Object.assign(select('station', me.stations.filter((s) => s.active).map((s) => [s.code, stationName(s)]), ''), { id: 'n-station' }),
    h('label', { for: 'n-channel' }, t('channel')), Object.assign(select('channel', ['phone', 'whatsapp', 'video', 'walkin', 'email'].map((c) => [c, t('c_' + c)]), 'phone'), { id: 'n-channel' }),
    h('label', { for: 'n-kind' }, t('e_kind')), Object.assign(kind, { id: 'n-kind' }),
    h('label', { for: 'n-lang' }, 'भाषा / Language'), Object.assign(select('lang', [['hi', 'हिन्दी'], ['en', 'English']], state.lang), { id: 'n-lang' }),
    asked,
    h('label', { for: 'n-name' }, t('name')), h('input', { type: 'text', name: 'name', id: 'n-name', maxlength: 120 }),
    h('label', { for: 'n-mobile' }, t('mobile')), h('input', { type: 'tel', name: 'mobile', id: 'n-mobile', maxlength: 20 }),
    h('p', {}, h('label', { class: 'tick' }, h('input', { type: 'checkbox', name: 'consent' }), ' ', t('consent'))),
    h('button', { type: 'submit' }, t('submit')));
    syncKind();
    show(result, form);
  }

  // ---- routing -------------------------------------------------------------------------------
  async function route() {
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
