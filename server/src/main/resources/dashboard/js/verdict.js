// The decision and risk band in words, icon and colour (never colour alone).
import { api } from './api.js';
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

/**
 * The required fields, the categories the model accepts (the one source the check reads) and their labels in the
 * chosen language, from the API.
 */
export function applicationFields() {
  return api('/application/fields', { cached: true, lang: true });
}

/** A stored category's label in the chosen language, from {@code applicationFields()}; the code when none is known. */
export function categoryLabel(fields, column, value) {
  return value === null || value === undefined ? value : fields.labels?.[column]?.[value] ?? value;
}
