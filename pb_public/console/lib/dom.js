// Building the page. Everything a citizen typed reaches it as text: h() makes string children
// text nodes, so nothing is ever parsed as HTML.
import { t } from './words.js';

// h builds an element: props are attributes, on* listeners or (for non-strings) properties.
export function h(tag, props, ...children) {
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
export function show(...nodes) {
  document.getElementById('app').replaceChildren(...nodes.flat(Infinity).filter(Boolean));
}

// select is a <select name id="f-{name}"> of [value, label] pairs.
export function select(name, options, value) {
  return h('select', { name, id: 'f-' + name },
    options.map(([v, label]) => h('option', { value: v, selected: v === value }, label)));
}

// fieldErrors marks each field named in an API error. The appliance's messages come in the
// officer's language; PocketBase's own (codes "validation_…") are English only, so they are
// said in the catalog's general word.
export function fieldErrors(form, err) {
  form.querySelectorAll('.error').forEach((e) => e.remove());
  for (const [field, e] of Object.entries(err.data || {})) {
    const input = form.querySelector('[name="' + CSS.escape(field) + '"]');
    const own = !(e.code || '').startsWith('validation_');
    const said = own ? (e.message || e.code || String(e)) : t('console.invalid');
    const note = h('span', { class: 'error', role: 'alert' }, said);
    if (input) input.after(note);
    else form.prepend(note);
  }
}
