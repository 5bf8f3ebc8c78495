// The client's copy: one printable page in plain words of their own data, the score, the decision and its main
// reasons. No charts, no other clients, no model internals.
import { api } from '../api.js';
import { h, show } from '../dom.js';
import { fmt, t } from '../i18n.js';

const SHOWN = ['identity', 'employment', 'loan'];

export async function render(main, route) {
  const id = route.id;
  const [score, profile] = await Promise.all([api('/clients/' + id + '/score', { lang: true }), api('/clients/' + id, { lang: true })]);
  const sections = profile.sections.filter(s => SHOWN.includes(s.key));
  const list = (title, reasons, key) => h('div', {}, h('h3', {}, title), h('ul', { id: 'copy-' + key }, reasons.slice(0, 3).map(r => h('li', {}, r.sentence))));
  show(main,
    h('div', { class: 'actions no-print' },
      h('button', { type: 'button', id: 'print', onclick: () => window.print() }, t('copy.print')),
      h('a', { class: 'button secondary', href: '#/client/' + id }, t('whatif.back'))),
    h('article', { class: 'copy' },
      h('h1', {}, t('copy.title')),
      h('p', {}, t('copy.intro')),
      h('h2', {}, t('copy.result')),
      h('p', { id: 'copy-result' }, t('copy.resultText', { p: fmt.percent(score.probability), t: fmt.percent(score.threshold),
        decision: t('decision.' + score.decision).toLowerCase() })),
      h('h2', {}, t('copy.reasons')),
      list(t('copy.against'), score.against, 'against'),
      list(t('copy.inFavour'), score.inFavour, 'favour'),
      h('h2', {}, t('copy.data')),
      sections.map(s => h('dl', { class: 'facts' }, s.fields.map(f => [h('dt', {}, f.label), h('dd', {}, f.shown)]))),
      h('p', {}, t('copy.footer', { date: fmt.date(new Date()) }))));
}
