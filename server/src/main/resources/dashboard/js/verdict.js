// The decision and risk band in words, icon and colour (never colour alone).
import { h } from './dom.js';
import { t } from './i18n.js';

const ICON = { granted: '✔', refused: '✖', LOW: '●', REVIEW: '▲', HIGH: '■' };

export function decisionBadge(decision) {
  return h('span', { class: 'badge decision-' + decision, 'data-decision': decision },
    h('span', { 'aria-hidden': 'true' }, ICON[decision] + ' '), t('decision.' + decision));
}

export function bandBadge(band) {
  return h('span', { class: 'badge band-' + band, 'data-band': band },
    h('span', { 'aria-hidden': 'true' }, ICON[band] + ' '), t('band.' + band));
}

export function outcomeText(outcome) {
  return t('outcome.' + (outcome === null || outcome === undefined ? 'null' : outcome));
}

/** The five main-field categories the Kaggle data uses, for selects (the API refuses any other with a message). */
export const CATEGORIES = {
  NAME_CONTRACT_TYPE: ['Cash loans', 'Revolving loans'],
  CODE_GENDER: ['F', 'M'],
  NAME_INCOME_TYPE: ['Working', 'Commercial associate', 'Pensioner', 'State servant', 'Unemployed', 'Student',
    'Businessman', 'Maternity leave'],
  NAME_FAMILY_STATUS: ['Married', 'Single / not married', 'Civil marriage', 'Separated', 'Widow'],
  NAME_EDUCATION_TYPE: ['Secondary / secondary special', 'Higher education', 'Incomplete higher',
    'Lower secondary', 'Academic degree'],
};
