// The chosen language (French by default), its labels and number formats.
import fr from '../i18n/fr.js';
import en from '../i18n/en.js';

const dictionaries = { fr, en };
let lang = localStorage.getItem('lang') === 'en' ? 'en' : 'fr';

export function currentLang() { return lang; }

export function setLang(value) {
  lang = value === 'en' ? 'en' : 'fr';
  localStorage.setItem('lang', lang);
  document.documentElement.lang = lang;
}

/** The label of a key with {placeholders} filled. */
export function t(key, vars = {}) {
  const text = dictionaries[lang][key] ?? dictionaries.fr[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, k) => (vars[k] ?? ''));
}

const cache = new Map();
function format(options) {
  const key = lang + JSON.stringify(options);
  if (!cache.has(key)) cache.set(key, new Intl.NumberFormat(dictionaries[lang].locale, options));
  return cache.get(key);
}

export const fmt = {
  number: (x, digits = 0) => (x === null || x === undefined || Number.isNaN(x)) ? t('common.unknown')
    : format({ maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(x),
  fixed: (x, digits = 2) => format({ maximumFractionDigits: digits, minimumFractionDigits: digits }).format(x),
  percent: (x, digits = 1) => (x === null || x === undefined) ? t('common.unknown')
    : format({ style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: digits }).format(x),
  money: x => (x === null || x === undefined) ? t('common.unknown')
    : format({ style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(x),
  signed: (x, digits = 1) => format({ maximumFractionDigits: digits, minimumFractionDigits: digits,
    signDisplay: 'exceptZero' }).format(x),
  date: d => new Intl.DateTimeFormat(dictionaries[lang].locale, { dateStyle: 'long' }).format(d),
};
