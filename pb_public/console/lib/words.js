// The console's words: the server's catalog (GET /api/console/words?lang=, the subset the
// console says), in the officer's language, and the languages it may switch to.
import { api } from './api.js';
import { state } from './state.js';

// t says a word of the catalog by its key (the key itself where the catalog has none).
export function t(key) {
  return state.words[key] || key;
}

export async function loadWords() {
  const w = await api('GET', '/api/console/words?lang=' + encodeURIComponent(state.lang));
  Object.assign(state, { words: w.words, langs: w.langs, lang: w.lang, wordsLang: w.lang });
}
