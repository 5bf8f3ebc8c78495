// Sign in: the API's login session (HttpOnly cookie), then back to the page asked for.
import { api } from '../api.js';
import { h, show } from '../dom.js';
import { t } from '../i18n.js';
import { signedIn } from '../session.js';

export async function render(main, route) {
  const status = h('p', { id: 'signin-error', class: 'error', role: 'alert' });
  const name = h('input', { id: 'name', name: 'name', autocomplete: 'username', required: true });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const form = h('form', { class: 'signin card', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'name' }, t('signin.name')), name),
    h('div', { class: 'field' }, h('label', { for: 'password' }, t('signin.password')), password),
    status,
    h('button', { type: 'submit', id: 'signin-submit' }, t('signin.submit')));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    status.textContent = '';
    try {
      signedIn(await api('/session', { method: 'POST', body: { name: name.value, password: password.value } }));
      location.hash = route.params.next || '#/';
    } catch (err) {
      status.textContent = err.status === 429 ? t('signin.throttled') : t('signin.failed');
      password.focus();
    }
  });
  show(main, h('h1', {}, t('signin.title')), h('p', {}, t('signin.intro')), form);
}
