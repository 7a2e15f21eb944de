// The server's own lists (GET /api/console/meta?lang=): statuses, kinds, flags, channels,
// roles, ratings, the actions' rules, the settings an officer edits and the questionnaire in
// the officer's language. The console declares none of them itself.
import { api } from './api.js';
import { state } from './state.js';

export async function loadMeta() {
  state.meta = await api('GET', '/api/console/meta?lang=' + encodeURIComponent(state.lang));
  state.metaLang = state.lang;
}

// rule is an action's rule: {name, roles, from, to, body (needs a text), officer (names one),
// public (the citizen reads it)}; {} for an action the server does not know.
export function rule(action) {
  return state.meta.actions.find((a) => a.name === action) || {};
}
