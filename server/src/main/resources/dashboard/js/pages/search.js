// Client search: an ID typed with suggestions, a few filters, and the clients opened recently.
import { api } from '../api.js';
import { debounce, h, show, table } from '../dom.js';
import { fmt, t } from '../i18n.js';
import { recentClients } from '../recent.js';
import { applicationFields, bandBadge, categoryLabel, decisionBadge } from '../verdict.js';

function clientRows(items) {
  return items.map(c => [h('a', { href: '#/client/' + c.clientId }, String(c.clientId)),
    c.contractTypeLabel ?? '', c.incomeTypeLabel ?? '', fmt.money(c.amountCredit), fmt.number(c.ageYears), fmt.percent(c.probability),
    h('span', {}, decisionBadge(c.decision), ' ', bandBadge(c.band))]);
}

function select(id, label, values, labelOf = v => v) {
  return h('div', { class: 'field' }, h('label', { for: id }, label),
    h('select', { id }, h('option', { value: '' }, t('search.any')), values.map(v => h('option', { value: v }, labelOf(v)))));
}

export async function render(main) {
  const known = await applicationFields();
  const { categories } = known;
  const input = h('input', { id: 'client-id', list: 'client-suggestions', inputmode: 'numeric', autocomplete: 'off',
    'aria-describedby': 'client-id-help client-id-error' });
  const suggestions = h('datalist', { id: 'client-suggestions' });
  const idError = h('p', { id: 'client-id-error', class: 'field-error', 'aria-live': 'polite' });
  const suggest = debounce(async () => {
    const q = input.value.trim();
    if (!/^\d{1,19}$/.test(q)) { suggestions.replaceChildren(); return; }
    const page = await api('/clients?limit=8&q=' + q);
    suggestions.replaceChildren(...page.items.map(c => h('option', { value: String(c.clientId) })));
  }, 150);
  input.addEventListener('input', () => { idError.textContent = ''; suggest(); });
  const byId = h('form', { id: 'search-id', role: 'search', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'client-id' }, t('search.id')), input, suggestions,
      h('p', { id: 'client-id-help', class: 'help' }, t('search.idHelp')), idError),
    h('button', { type: 'submit', id: 'open-client' }, t('search.open')));
  byId.addEventListener('submit', e => {
    e.preventDefault();
    const q = input.value.trim();
    if (!/^\d{1,19}$/.test(q)) { idError.textContent = t('search.badId'); input.focus(); return; }
    location.hash = '#/client/' + q;
  });

  const results = h('div', { id: 'results', 'aria-live': 'polite' });
  const filters = h('form', { id: 'search-filters', novalidate: true }, h('div', { class: 'form-grid' },
    select('f-contract', t('search.contract'), categories.NAME_CONTRACT_TYPE || [],
      v => categoryLabel(known, 'NAME_CONTRACT_TYPE', v)),
    select('f-income', t('search.income'), categories.NAME_INCOME_TYPE || [],
      v => categoryLabel(known, 'NAME_INCOME_TYPE', v)),
    select('f-band', t('search.band'), ['LOW', 'REVIEW', 'HIGH'], b => t('band.' + b))),
    h('button', { type: 'submit', class: 'secondary' }, t('search.apply')));
  filters.addEventListener('submit', async e => {
    e.preventDefault();
    const p = new URLSearchParams({ limit: '20' });
    for (const [id, key] of [['f-contract', 'contract'], ['f-income', 'income'], ['f-band', 'band']]) {
      const v = filters.querySelector('#' + id).value;
      if (v) p.set(key, v);
    }
    const page = await api('/clients?' + p, { lang: true });
    results.replaceChildren(page.items.length === 0 ? h('p', {}, t('search.none')) : table(
      t('search.results', { count: fmt.number(page.total) }),
      [t('col.client'), t('col.contract'), t('col.income'), t('col.credit'), t('col.age'), t('col.probability'),
        t('col.decision')], clientRows(page.items)));
  });

  const recent = recentClients();
  const recentList = recent.length === 0 ? h('p', {}, t('search.noRecent'))
    : h('ul', { id: 'recent' }, recent.map(id => h('li', {}, h('a', { href: '#/client/' + id }, id))));

  show(main, h('h1', {}, t('search.title')),
    h('div', { class: 'grid' },
      h('section', { 'aria-labelledby': 'h-find' }, h('h2', { id: 'h-find' }, t('search.open')), byId),
      h('section', { 'aria-labelledby': 'h-recent' }, h('h2', { id: 'h-recent' }, t('search.recent')), recentList)),
    h('section', { 'aria-labelledby': 'h-filters' }, h('h2', { id: 'h-filters' }, t('search.filters')), filters, results));
}
