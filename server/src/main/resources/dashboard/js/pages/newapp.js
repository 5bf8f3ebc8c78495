// A new application, not in the database: a form whose problems come back from the API next to each field.
import { api } from '../api.js';
import { h, show } from '../dom.js';
import { t } from '../i18n.js';
import { DAYS_PER_YEAR } from '../application.js';
import { scoreView } from '../scoreview.js';
import { applicationFields, categoryLabel } from '../verdict.js';

// Form field -> the API's application column; the age and years employed are sent in days as the data has them.
// Which fields are required and the choices of text fields come from the API (GET /application/fields).
const FIELDS = [
  { id: 'NAME_CONTRACT_TYPE', choices: true },
  { id: 'CODE_GENDER', choices: true },
  { id: 'AGE', column: 'DAYS_BIRTH', toApi: v => -Math.round(v * DAYS_PER_YEAR), value: 35 },
  { id: 'AMT_INCOME_TOTAL', value: 150000 },
  { id: 'AMT_CREDIT', value: 500000 },
  { id: 'AMT_ANNUITY', value: 25000 },
  { id: 'AMT_GOODS_PRICE', value: 450000 },
  { id: 'NAME_INCOME_TYPE', choices: true },
  { id: 'NAME_EDUCATION_TYPE', choices: true },
  { id: 'NAME_FAMILY_STATUS', choices: true },
  { id: 'CNT_CHILDREN', value: 0 },
  { id: 'YEARS_EMPLOYED', column: 'DAYS_EMPLOYED', toApi: v => -Math.round(v * DAYS_PER_YEAR), value: 5 },
  { id: 'EXT_SOURCE_2', value: 0.5, step: 'any' },
];

function field(f, known) {
  const column = f.column || f.id;
  f = { ...f, required: known.required.includes(column), choices: f.choices ? known.categories[column] || [] : null };
  const id = 'n-' + f.id;
  const label = t('field.' + f.id) + (f.required ? ' *' : '');
  const common = { id, name: f.id, 'aria-describedby': id + '-error', required: f.required };
  const input = f.choices
    ? h('select', common, f.required ? null : h('option', { value: '' }, '—'), f.choices.map(c => h('option', { value: c }, categoryLabel(known, column, c))))
    : h('input', { ...common, type: 'number', step: f.step || 'any', value: f.value ?? '' });
  return h('div', { class: 'field' }, h('label', { for: id }, label), input,
    h('p', { class: 'field-error', id: id + '-error' }));
}

export async function render(main) {
  const known = await applicationFields();
  const form = h('form', { id: 'new-form', novalidate: true },
    h('div', { class: 'form-grid' }, FIELDS.map(f => field(f, known))),
    h('button', { type: 'submit', id: 'new-submit' }, t('new.submit')));
  const summary = h('p', { id: 'new-errors', class: 'error', role: 'alert' });
  const result = h('section', { id: 'new-result', 'aria-labelledby': 'h-result', hidden: true });
  form.addEventListener('submit', async e => {
    e.preventDefault();
    summary.textContent = '';
    form.querySelectorAll('.field-error').forEach(p => { p.textContent = ''; });
    form.querySelectorAll('[aria-invalid]').forEach(i => i.removeAttribute('aria-invalid'));
    const application = {};
    for (const f of FIELDS) {
      const raw = form.querySelector('#n-' + f.id).value;
      if (raw === '') continue;
      const value = f.choices ? raw : Number(raw);
      application[f.column || f.id] = f.toApi && !Number.isNaN(value) ? f.toApi(value) : value;
    }
    try {
      const score = await api('/score?detail=full', { method: 'POST', body: { application }, lang: true });
      const view = scoreView(score, { idPrefix: 'new-score', headingLevel: 'h3' });
      result.hidden = false;
      result.replaceChildren(h('h2', { id: 'h-result' }, t('new.result')), view.element);
      await view.ready;
    } catch (err) {
      const details = err.body?.details || [];
      let first = null;
      for (const d of details) {
        const column = d.field.replace(/^application\./, '');
        const f = FIELDS.find(x => (x.column || x.id) === column);
        if (!f) continue;
        const input = form.querySelector('#n-' + f.id);
        input.setAttribute('aria-invalid', 'true');
        form.querySelector('#n-' + f.id + '-error').textContent = t('new.fieldError', { problem: d.problem });
        first = first || input;
      }
      summary.textContent = details.length ? t('new.invalid', { count: details.length }) : t('common.error', { message: err.message });
      result.hidden = true;
      (first || summary).focus?.();
    }
  });
  show(main, h('h1', {}, t('new.title')), h('p', {}, t('new.intro')), form, summary, result);
}
