// Hash routes (#/, #/item/{id}, #/new, ...). Before a view: the words in the officer's
// language, the officer (GET /api/console/me) and the server's lists (GET /api/console/meta).
// Views move on with go(); the route table is given by console.js, so no view imports another.
import { api } from './api.js';
import { show } from './dom.js';
import { loadMeta } from './meta.js';
import { save, state } from './state.js';
import { errorBox } from './ui.js';
import { loadWords } from './words.js';

let table = null;

// start serves the routes: [{path, view, open}], a path ending in "/" passing the rest to its
// view; open ones need no login. frame draws the top bar, login and home the default views.
export function start(routes) {
  table = routes;
  window.addEventListener('hashchange', route);
  route();
}

// go opens a hash, or shows it again if it is the one open.
export function go(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

// refresh shows the present hash again (after a change of language).
export function refresh() {
  return route();
}

async function route() {
  const { routes, frame, login, home } = table;
  if (state.wordsLang !== state.lang) {
    try { await loadWords(); } catch (err) { show(errorBox(err)); return; }
  }
  const [path, qs] = (location.hash || '#/').slice(1).split('?');
  const match = routes.find((r) => (r.path.endsWith('/') ? path.startsWith(r.path) : path === r.path));
  const arg = match && match.path.endsWith('/') ? decodeURIComponent(path.slice(match.path.length)) : undefined;
  if (match && match.open) { frame(); return match.view(arg); }
  if (!state.token) { frame(); return login(); }
  if (!state.me) {
    try { state.me = await api('GET', '/api/console/me'); } catch (err) {
      if (err.status !== 401) show(errorBox(err));
      return;
    }
    // a console left open for days stays logged in: renew the token once per page load
    api('POST', '/api/collections/officers/auth-refresh')
      .then((r) => { state.token = r.token; save(); })
      .catch(() => {});
  }
  if (state.metaLang !== state.lang) {
    try { await loadMeta(); } catch (err) { show(errorBox(err)); return; }
  }
  frame();
  if (path === '/login') { location.hash = '#/'; return; }
  if (match) return match.view(arg);
  return home(new URLSearchParams(qs || ''));
}
