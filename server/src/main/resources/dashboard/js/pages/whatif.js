// What if: edit the main fields of a stored client's application and see the score, decision and explanation
// follow (debounced), with the change from the original.
import { api, ApiError } from '../api.js';
import { debounce, h, show } from '../dom.js';
import { fmt, t } from '../i18n.js';
import { applicationOf, DAYS_PER_YEAR, NOT_EMPLOYED } from '../application.js';
import { scoreView } from '../scoreview.js';
import { applicationFields, categoryLabel } from '../verdict.js';

const NUMBERS = ['AMT_INCOME_TOTAL', 'AMT_CREDIT', 'AMT_ANNUITY', 'AMT_GOODS_PRICE'];

function numberField(id, label, value, attrs = {}) {
  return h('div', { class: 'field' }, h('label', { for: id }, label),
    h('input', { id, type: 'number', inputmode: 'decimal', value: value ?? '', ...attrs }),
    h('p', { class: 'field-error', id: id + '-error', 'aria-live': 'polite' }));
}

// Options show the category's label and submit its code.
function selectField(id, label, values, value, labelOf) {
  const all = values.includes(value) || value === undefined ? values : [value, ...values];
  return h('div', { class: 'field' }, h('label', { for: id }, label),
    h('select', { id }, all.map(v => h('option', { value: v, selected: v === value }, labelOf(v)))),
    h('p', { class: 'field-error', id: id + '-error', 'aria-live': 'polite' }));
}

function yearsEmployed(days) {
  return days === undefined || days === NOT_EMPLOYED ? '' : Math.round(-days / DAYS_PER_YEAR * 10) / 10;
}

export async function render(main, route) {
  const id = route.id;
  let profile, original, known;
  try {
    [profile, original, known] = await Promise.all([api('/clients/' + id, { lang: true }),
      api('/clients/' + id + '/score?detail=full', { lang: true }), applicationFields()]);
  } catch (e) {
    if (e.status === 404) throw new ApiError(404, { message: t('common.notFound', { id }) });
    throw e;
  }
  const stored = applicationOf(profile);
  const a = stored;
  const term = a.AMT_ANNUITY ? Math.round(a.AMT_CREDIT / a.AMT_ANNUITY) : '';
  const form = h('form', { id: 'whatif-form', novalidate: true }, h('div', { class: 'form-grid' },
    NUMBERS.map(c => numberField('w-' + c, t('field.' + c), a[c], { min: 0, step: 'any' })),
    h('div', { class: 'field' }, h('label', { for: 'w-term' }, t('whatif.term')),
      h('input', { id: 'w-term', type: 'number', min: 1, step: 1, value: term, 'aria-describedby': 'w-term-help' }),
      h('p', { class: 'help', id: 'w-term-help' }, t('whatif.termHelp'))),
    numberField('w-YEARS_EMPLOYED', t('field.YEARS_EMPLOYED'), yearsEmployed(a.DAYS_EMPLOYED), { min: 0, step: 'any' }),
    selectField('w-NAME_INCOME_TYPE', t('field.NAME_INCOME_TYPE'), known.categories.NAME_INCOME_TYPE || [], a.NAME_INCOME_TYPE,
      v => categoryLabel(known, 'NAME_INCOME_TYPE', v)),
    selectField('w-NAME_FAMILY_STATUS', t('field.NAME_FAMILY_STATUS'), known.categories.NAME_FAMILY_STATUS || [], a.NAME_FAMILY_STATUS,
      v => categoryLabel(known, 'NAME_FAMILY_STATUS', v)),
    numberField('w-CNT_CHILDREN', t('field.CNT_CHILDREN'), a.CNT_CHILDREN, { min: 0, step: 1 }),
    numberField('w-CNT_FAM_MEMBERS', t('field.CNT_FAM_MEMBERS'), a.CNT_FAM_MEMBERS, { min: 1, step: 1 })),
  h('div', { class: 'actions' }, h('button', { type: 'reset', id: 'whatif-reset', class: 'secondary' }, t('whatif.reset')),
    h('a', { href: '#/client/' + id, class: 'button secondary' }, t('whatif.back'))));
  const value = name => form.querySelector('#w-' + name).value;

  /** The stored application with the form's values. */
  function edited() {
    const app = { ...stored };
    for (const c of NUMBERS) app[c] = value(c) === '' ? null : Number(value(c));
    for (const c of ['CNT_CHILDREN', 'CNT_FAM_MEMBERS']) app[c] = value(c) === '' ? null : Number(value(c));
    // The years shown are rounded: the stored days are sent back unless the manager changed the years.
    const years = value('YEARS_EMPLOYED');
    if (String(years) !== String(yearsEmployed(stored.DAYS_EMPLOYED))) {
      app.DAYS_EMPLOYED = years === '' ? (stored.DAYS_EMPLOYED ?? null) : -Math.round(Number(years) * DAYS_PER_YEAR);
    }
    app.NAME_INCOME_TYPE = value('NAME_INCOME_TYPE');
    app.NAME_FAMILY_STATUS = value('NAME_FAMILY_STATUS');
    for (const k of Object.keys(app)) if (app[k] === null) delete app[k];
    return app;
  }

  const view = scoreView(original, { idPrefix: 'whatif' });
  const delta = h('p', { id: 'whatif-delta', class: 'delta', 'aria-live': 'polite' });
  const status = h('p', { id: 'whatif-status', class: 'error', role: 'alert' });
  const originalLine = h('p', { id: 'whatif-original' }, t('whatif.original', { p: fmt.percent(original.probability) }));
  let sent = 0;
  const rescore = debounce(async () => {
    const turn = ++sent;
    form.querySelectorAll('.field-error').forEach(p => { p.textContent = ''; });
    form.querySelectorAll('[aria-invalid]').forEach(i => i.removeAttribute('aria-invalid'));
    status.textContent = '';
    try {
      const score = await api('/score?detail=full', { method: 'POST', body: { application: edited() }, lang: true });
      if (turn !== sent) return;
      const points = (score.probability - original.probability) * 100;
      delta.textContent = t('whatif.change', { delta: fmt.signed(points, 1) });
      main.querySelector('#whatif').dataset.pending = 'false';
      await view.update(score);
    } catch (e) {
      if (turn !== sent) return;
      for (const d of e.body?.details || []) {
        const column = d.field.replace(/^application\./, '').replace('DAYS_EMPLOYED', 'YEARS_EMPLOYED');
        const input = form.querySelector('#w-' + column);
        if (input) { input.setAttribute('aria-invalid', 'true'); form.querySelector('#w-' + column + '-error').textContent = t('new.fieldError', { problem: d.problem }); }
      }
      status.textContent = t('common.error', { message: e.message });
    }
  }, 300);
  form.addEventListener('input', e => {
    const credit = Number(value('AMT_CREDIT'));
    if (e.target.id === 'w-term' && Number(value('term')) > 0 && credit > 0) {
      form.querySelector('#w-AMT_ANNUITY').value = Math.round(credit / Number(value('term')));
    } else if ((e.target.id === 'w-AMT_ANNUITY' || e.target.id === 'w-AMT_CREDIT') && Number(value('AMT_ANNUITY')) > 0) {
      form.querySelector('#w-term').value = Math.round(credit / Number(value('AMT_ANNUITY')));
    }
    main.querySelector('#whatif').dataset.pending = 'true';
    rescore();
  });
  form.addEventListener('reset', () => setTimeout(() => {
    delta.textContent = '';
    main.querySelector('#whatif').dataset.pending = 'false';
    sent++;
    view.update(original);
  }));
  show(main, h('h1', {}, t('whatif.title', { id })), h('p', {}, t('whatif.intro')),
    h('section', { 'aria-labelledby': 'h-edit' }, h('h2', { id: 'h-edit' }, t('whatif.title', { id }).split('—')[0].trim()), form),
    originalLine, delta, status, view.element);
  await view.ready;
}
