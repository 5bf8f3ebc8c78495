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

/** The required fields and the categories the model accepts, from the API (the one source the check reads). */
export function applicationFields() {
  return api('/application/fields', { cached: true });
}
