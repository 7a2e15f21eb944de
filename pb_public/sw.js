/* Anubhav's service worker: keeps the citizen's form page and its CSS and JS, so that the form
   opens without network. The form works without it. It keeps only what the server sends for a
   GET of an empty form (no name, no mobile, no receipt ever is in one) and never touches a
   post: a post made without network waits in the open page's memory (form.js), nowhere else. */
var CACHE = 'anubhav-1';

self.addEventListener('install', function () { self.skipWaiting(); });
self.addEventListener('activate', function (e) {
  e.waitUntil(Promise.all([
    self.clients.claim(),
    // the page's request starts while the worker wakes up: no delay on a slow network
    self.registration.navigationPreload && self.registration.navigationPreload.enable()
  ]));
});

// A form (/s/{code}, /s/{code}/{kind}) or the tracking page; never a thank-you page.
function isPage(path) { return /^\/s\/[^/]+(\/(experience|complaint|tip))?$|^\/track$/.test(path); }

self.addEventListener('fetch', function (e) {
  var r = e.request, u = new URL(r.url);
  if (r.method !== 'GET' || u.origin !== location.origin) return;
  if (r.mode === 'navigate') {
    // every navigation takes the preload's answer: left to the browser, it would ask again
    var net = Promise.resolve(e.preloadResponse).then(function (res) { return res || fetch(r); });
    // a form: the network first (a fresh form token); the kept copy when there is none
    e.respondWith(isPage(u.pathname) ? net.catch(function () {
      return caches.open(CACHE).then(function (c) {
        return c.match(r, { ignoreVary: true }).then(function (res) {
          return res || c.match(r, { ignoreVary: true, ignoreSearch: true });
        });
      }).then(function (res) { return res || Response.error(); });
    }) : net);
  } else if (/^\/assets\//.test(u.pathname) && u.search) {
    // linked by its content's hash: a kept copy is never stale
    e.respondWith(caches.match(r, { ignoreVary: true }).then(function (res) {
      return res || fetch(r);
    }));
  }
});

// form.js asks to keep its page (again after a send, so that the kept copy's form token is an
// unused one), its assets and /track; an asset of an older release is dropped.
self.addEventListener('message', function (e) {
  var m = e.data || {};
  if (!m.page || !isPage(new URL(m.page, location.href).pathname)) return;
  e.waitUntil(caches.open(CACHE).then(function (c) {
    return Promise.all([keep(c, m.page, m.fresh)].concat((m.also || []).map(function (a) {
      return keep(c, a, false).then(function () { return dropOld(c, a); });
    })));
  }));
});

function keep(c, url, fresh) {
  return c.match(url, { ignoreVary: true }).then(function (had) {
    if (had && !fresh) return;
    return fetch(url, { credentials: 'same-origin' }).then(function (res) {
      if (res.ok) return c.put(url, res);
    });
  }).catch(function () { /* no network: kept next time */ });
}

function dropOld(c, url) {
  var u = new URL(url, location.href);
  return c.keys().then(function (keys) {
    return Promise.all(keys.map(function (k) {
      var o = new URL(k.url);
      if (o.pathname === u.pathname && o.search !== u.search) return c.delete(k);
    }));
  });
}
