/* Anubhav: improves the citizen's form when JavaScript runs; the form works without it.
   Star rating, checks before sending, sending without a page reload, a post made without
   network held in this page's memory and sent when the network returns, a draft (without
   name, mobile or tick) kept on the phone until it is sent or a day old, the form kept for
   opening without network (/sw.js), and a copy button for the receipt. Old browsers: ES5 only. */
(function () {
  var d = document, f = d.getElementById('feedback');
  d.documentElement.className += ' js';
  copyButton();
  if (!f) return;
  var msgs = JSON.parse(f.getAttribute('data-msgs')), draftKey = 'anubhav-draft:' + f.getAttribute('data-draft');
  // never at rest on a phone that others may use: the contact fields are not drafted
  var skip = { token: 1, station: 1, kind: 1, lang: 1, website: 1, name: 1, mobile: 1, consent: 1 };
  var held = null, busy = false, retry = 0;
  // a draft left on a shared phone is dropped a day after it was last written (as the form's token expires)
  var draftLife = 24 * 3600 * 1000;
  f.setAttribute('novalidate', '');

  function each(list, fn) { for (var i = 0; i < list.length; i++) fn(list[i]); }
  function field(name) { return f.querySelector('.q[data-field="' + name + '"]'); }
  function stars() {
    each(f.querySelectorAll('fieldset.rating'), function (fs) {
      var v = 0;
      each(fs.querySelectorAll('input'), function (i) { if (i.checked) v = +i.value; });
      each(fs.querySelectorAll('label'), function (l) {
        l.className = +d.getElementById(l.htmlFor).value <= v ? 'on' : '';
      });
    });
  }
  function store() {
    var data = {};
    each(f.elements, function (el) {
      if (!el.name || skip[el.name]) return;
      if (el.type === 'radio' || el.type === 'checkbox') { if (el.checked) data[el.name] = el.value; }
      else data[el.name] = el.value;
    });
    try { localStorage.setItem(draftKey, JSON.stringify({ saved: +new Date(), fields: data })); } catch (e) { /* private mode */ }
  }
  function restore() {
    var draft, data;
    try { draft = JSON.parse(localStorage.getItem(draftKey) || 'null'); } catch (e) { return; }
    if (!draft) return;
    // older than a day, or of an older release (no time, perhaps with name and mobile): gone
    if (!(new Date() - draft.saved < draftLife)) {
      try { localStorage.removeItem(draftKey); } catch (e) { /* private mode */ }
      return;
    }
    data = draft.fields;
    each(f.elements, function (el) {
      if (!el.name || skip[el.name] || !(el.name in data)) return;
      if (el.type === 'radio' || el.type === 'checkbox') el.checked = el.value === data[el.name];
      else if (!el.value) el.value = data[el.name];
    });
  }
  function show(name, text) {
    var q = field(name), p = q ? q.querySelector('.error') : d.getElementById('form-error');
    p.textContent = text;
  }
  function clear() { each(f.querySelectorAll('.error'), function (p) { p.textContent = ''; }); }
  function check() {
    var bad = [];
    each(f.querySelectorAll('.q'), function (q) {
      var els = q.querySelectorAll('input,textarea'), required = false, filled = false;
      each(els, function (el) {
        required = required || el.required;
        filled = filled || ((el.type === 'radio' || el.type === 'checkbox') ? el.checked : !!el.value.replace(/\s/g, ''));
      });
      if (required && !filled) bad.push([q.getAttribute('data-field'), msgs.required]);
      each(q.querySelectorAll('input[type=date]'), function (el) {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(el.value)) return; // other spellings: the server reads them
        if (el.value > el.max) bad.push([q.getAttribute('data-field'), msgs.future]);
        else if (el.value < el.min) bad.push([q.getAttribute('data-field'), msgs.old]);
      });
    });
    var m = f.elements.mobile.value.replace(/[\s\-()+]/g, '').replace(/^(91|0)(?=\d{10}$)/, '');
    if (m && !/^[6-9]\d{9}$/.test(m)) bad.push(['mobile', msgs.mobile]);
    if (!f.elements.consent.checked && (m || f.elements.name.value.replace(/\s/g, ''))) bad.push(['consent', msgs.tick]);
    each(bad, function (b) { show(b[0], b[1]); });
    if (bad.length) field(bad[0][0]).scrollIntoView();
    return !bad.length;
  }
  function encode() {
    var parts = [];
    each(f.elements, function (el) {
      if (!el.name || ((el.type === 'radio' || el.type === 'checkbox') && !el.checked)) return;
      parts.push(encodeURIComponent(el.name) + '=' + encodeURIComponent(el.value));
    });
    return parts.join('&');
  }
  function sent(receipt) {
    try { localStorage.removeItem(draftKey); } catch (e) { /* private mode */ }
    keep(true);
    d.getElementById('receipt').textContent = receipt;
    f.hidden = true;
    each(d.querySelectorAll('.kinds'), function (n) { n.hidden = true; });
    d.getElementById('sent').hidden = false;
    copyButton();
    window.scrollTo(0, 0);
  }
  var button = f.querySelector('button[type=submit]'), label = button.textContent;
  function send(ev) {
    ev.preventDefault();
    if (held !== null) return; // sent by itself when the network returns
    clear();
    if (!check()) return;
    held = encode();
    attempt();
  }
  // One request at a time; held stays until the server answers, so a post never goes twice
  // from here (and the server takes a form token once).
  function attempt() {
    if (busy || held === null) return;
    busy = true;
    var x = new XMLHttpRequest();
    x.open('POST', f.action);
    x.setRequestHeader('Content-Type', 'application/x-www-form-urlencoded');
    x.setRequestHeader('Accept', 'application/json');
    x.timeout = 60000;
    x.onreadystatechange = function () {
      if (x.readyState !== 4) return;
      busy = false;
      if (x.status === 0) return wait(); // no network, or it dropped: keep it and try again
      held = null;
      clearInterval(retry);
      retry = 0;
      clear();
      button.disabled = false;
      button.textContent = label;
      var body = {};
      try { body = JSON.parse(x.responseText); } catch (e) { /* not JSON */ }
      if (x.status === 200 && body.receipt) return sent(body.receipt);
      if (body.data && body.data.token) return f.submit(); // expired form: the server renders a fresh one, text kept
      if (x.status === 400 && body.data) {
        for (var k in body.data) show(k, body.data[k].message);
        show('', body.message);
        return;
      }
      // PocketBase's rate limiter answers in English: our own words; the text stays to send later
      show('', x.status === 429 ? msgs.too_many : body.message || msgs.network);
    };
    button.disabled = true;
    button.textContent = msgs.sending;
    x.send(held);
  }
  function wait() {
    button.textContent = msgs.waiting;
    show('', msgs.offline);
    if (!retry) retry = setInterval(attempt, 20000);
  }
  window.addEventListener('online', attempt);
  restore();
  stars();
  window.addEventListener('load', function () { keep(false); });
  f.onchange = function () { stars(); store(); };
  f.oninput = store;
  f.onsubmit = send;

  // The page and its files for opening without network; after a send (fresh) the kept page
  // is fetched again, so that its form token is one not used yet.
  function keep(fresh) {
    var sw = navigator.serviceWorker;
    if (!sw) return;
    sw.register('/sw.js').then(function () { return sw.ready; }).then(function (r) {
      var also = ['/track'];
      each(d.querySelectorAll('link[rel=stylesheet],script[src]'), function (n) { also.push(n.getAttribute('href') || n.getAttribute('src')); });
      r.active.postMessage({ page: location.pathname + location.search, fresh: fresh, also: also });
    })['catch'](function () { /* not kept: the form still works online */ });
  }

  function copyButton() {
    var b = d.getElementById('copy'), r = d.getElementById('receipt');
    if (!b || !r || !r.textContent) return;
    b.hidden = false;
    b.onclick = function () {
      var text = r.textContent, done = function () { b.textContent = b.getAttribute('data-copied'); };
      if (navigator.clipboard) navigator.clipboard.writeText(text).then(done);
      else {
        var t = d.createElement('textarea');
        t.value = text;
        d.body.appendChild(t);
        t.select();
        d.execCommand('copy');
        d.body.removeChild(t);
        done();
      }
    };
  }
})();
