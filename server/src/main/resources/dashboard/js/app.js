// The dashboard's shell: sign-in state, language, navigation and the hash router over the pages' modules.
import { api } from './api.js';
import { currentLang, setLang, t } from './i18n.js';
import { disposeCharts } from './charts.js';
import { session, signedOut } from './session.js';

const pages = {
  signin: () => import('./pages/signin.js'),
  search: () => import('./pages/search.js'),
  client: () => import('./pages/client.js'),
  whatif: () => import('./pages/whatif.js'),
  copy: () => import('./pages/copy.js'),
  new: () => import('./pages/newapp.js'),
  portfolio: () => import('./pages/portfolio.js'),
  model: () => import('./pages/model.js'),
};

/** The page and its parameters of a hash such as #/client/100002/whatif or #/signin?next=... */
function route(hash) {
  const [path, query] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean);
  const params = Object.fromEntries(new URLSearchParams(query || ''));
  if (parts[0] === 'client' && parts[1]) {
    return { page: parts[2] === 'whatif' ? 'whatif' : parts[2] === 'copy' ? 'copy' : 'client', id: parts[1], params };
  }
  return { page: pages[parts[0]] ? parts[0] : 'search', params };
}

function labelShell() {
  document.title = t('app.title');
  document.getElementById('skip').textContent = t('app.skip');
  document.getElementById('nav').setAttribute('aria-label', t('nav.label'));
  document.querySelectorAll('[data-nav]').forEach(a => { a.textContent = t('nav.' + a.dataset.nav); });
  document.getElementById('lang-label').textContent = t('lang.label');
  document.getElementById('signout').textContent = t('session.signout');
  const user = session.user;
  document.getElementById('nav').hidden = !user;
  document.getElementById('signout').hidden = !user;
  document.getElementById('who').textContent = user ? t('session.as', { name: user.name, role: t('role.' + user.role) }) : '';
}

let rendering = 0;

async function render() {
  const r = route(location.hash || '#/');
  const turn = ++rendering;
  if (!session.user && r.page !== 'signin') {
    try {
      session.user = await api('/session');
    } catch (e) {
      return; // api() has sent the user to #/signin
    }
  }
  labelShell();
  document.querySelectorAll('[data-nav]').forEach(a => {
    const current = a.dataset.nav === r.page || (a.dataset.nav === 'search' && ['client', 'whatif', 'copy'].includes(r.page));
    if (current) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  document.body.dataset.page = r.page;
  disposeCharts();
  const main = document.getElementById('main');
  const module = await pages[r.page]();
  if (turn !== rendering) return;
  try {
    await module.render(main, r);
  } catch (e) {
    if (e.status === 401) return;
    const { h, show } = await import('./dom.js');
    show(main, h('h1', {}, t('app.title')), h('p', { role: 'alert', class: 'error' },
      e.status === 403 ? t('common.forbidden') : t('common.error', { message: e.message })));
  }
}

document.getElementById('lang').value = currentLang();
setLang(currentLang());
document.getElementById('lang').addEventListener('change', e => { setLang(e.target.value); render(); });
document.getElementById('signout').addEventListener('click', async () => {
  try { await api('/session', { method: 'DELETE' }); } catch (e) { /* already signed out */ }
  signedOut();
  location.hash = '#/signin';
});
// The skip link must not change the hash (the router reads it): it moves focus to the content instead.
document.getElementById('skip').addEventListener('click', e => {
  e.preventDefault();
  document.getElementById('main').focus();
});
window.addEventListener('hashchange', render);
render();
