// The console's state: the session (its token and language, kept in the browser's local
// storage until "Log out"), the officer, and the server's words and lists in its language.
const STORE = 'anubhav.console';

export const state = {
  lang: 'hi',
  token: '',
  me: null, // GET /api/console/me
  words: {}, // GET /api/console/words
  langs: [],
  wordsLang: '',
  meta: null, // GET /api/console/meta
  metaLang: '',
  lastInbox: '#/', // the inbox as last filtered, for "back"
  notice: '', // a message for the next view (e.g. the login page after a password reset)
};

export function save() {
  localStorage.setItem(STORE, JSON.stringify({ token: state.token, lang: state.lang }));
}

export function load() {
  try {
    const { token, lang } = JSON.parse(localStorage.getItem(STORE)) || {};
    if (typeof token === 'string') state.token = token;
    if (typeof lang === 'string' && lang) state.lang = lang;
  } catch (e) { /* a fresh start */ }
}

export function logout() {
  Object.assign(state, { token: '', me: null, meta: null, metaLang: '' });
  save();
  location.hash = '#/login';
}
