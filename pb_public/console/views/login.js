// Logging in, and the password reset: "Forgot password?" asks for the mail, whose link opens
// #/reset/{token}.
import { api } from '../lib/api.js';
import { fieldErrors, h, show } from '../lib/dom.js';
import { go } from '../lib/router.js';
import { save, state } from '../lib/state.js';
import { t } from '../lib/words.js';

export function viewLogin() {
  const message = state.notice;
  state.notice = '';
  const form = h('form', { class: 'card narrow', onsubmit: async (ev) => {
    ev.preventDefault();
    const fd = new FormData(form);
    try {
      const auth = await api('POST', '/api/collections/officers/auth-with-password',
        { identity: fd.get('email'), password: fd.get('password') });
      state.token = auth.token;
      if (auth.record.lang) state.lang = auth.record.lang;
      save();
      go('#/');
    } catch (err) {
      form.querySelector('.errors')?.remove();
      const msg = err.status === 400 ? t('console.bad_login') : t('console.failed') + ' ' + err.message;
      form.prepend(h('p', { class: 'errors', role: 'alert' }, msg));
    }
  } },
  h('h1', {}, t('console.login')),
  message ? h('p', { class: 'notice' }, message) : null,
  h('label', { for: 'email' }, t('console.email')),
  h('input', { id: 'email', name: 'email', type: 'email', required: true, autocomplete: 'username' }),
  h('label', { for: 'password' }, t('console.password')),
  h('input', { id: 'password', name: 'password', type: 'password', required: true, autocomplete: 'current-password' }),
  h('button', { type: 'submit' }, t('console.login')),
  h('p', {}, h('a', { href: '#/forgot' }, t('console.forgot'))));
  show(form);
}

export function viewForgot() {
  const form = h('form', { class: 'card narrow', onsubmit: async (ev) => {
    ev.preventDefault();
    const email = new FormData(form).get('email');
    await api('POST', '/api/collections/officers/request-password-reset', { email }).catch(() => {});
    form.replaceChildren(h('p', { class: 'notice' }, t('console.reset_sent')),
      h('a', { href: '#/login' }, t('console.login')));
  } },
  h('h1', {}, t('console.forgot')),
  h('label', { for: 'email' }, t('console.email')),
  h('input', { id: 'email', name: 'email', type: 'email', required: true }),
  h('button', { type: 'submit' }, t('console.reset_ask')));
  show(form);
}

export function viewReset(token) {
  const form = h('form', { class: 'card narrow', onsubmit: async (ev) => {
    ev.preventDefault();
    const fd = new FormData(form);
    try {
      await api('POST', '/api/collections/officers/confirm-password-reset',
        { token, password: fd.get('password'), passwordConfirm: fd.get('passwordConfirm') });
      state.notice = t('console.reset_done');
      go('#/login');
    } catch (err) { fieldErrors(form, err); }
  } },
  h('h1', {}, t('console.reset_new')),
  h('label', { for: 'password' }, t('console.password')),
  h('input', { id: 'password', name: 'password', type: 'password', required: true, minlength: 8,
    autocomplete: 'new-password' }),
  h('label', { for: 'passwordConfirm' }, t('console.password_again')),
  h('input', { id: 'passwordConfirm', name: 'passwordConfirm', type: 'password', required: true,
    autocomplete: 'new-password' }),
  h('button', { type: 'submit' }, t('console.reset_new')));
  show(form);
}
