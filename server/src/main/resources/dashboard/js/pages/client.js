// The client file: score and decision, why, who, compared with others, and the most similar clients.
import { api, ApiError } from '../api.js';
import { figure, PALETTE, axisLabel, numberAxisLabel } from '../charts.js';
import { h, show, table } from '../dom.js';
import { fmt, t } from '../i18n.js';
import { remember } from '../recent.js';
import { scoreView } from '../scoreview.js';
import { outcomeText } from '../verdict.js';

function profileView(profile) {
  return h('div', {}, profile.sections.filter(s => s.key !== 'other').map(s => h('section', { 'aria-labelledby': 'sec-' + s.key },
    h('h3', { id: 'sec-' + s.key }, s.title),
    h('dl', { class: 'facts' }, s.fields.map(f => [h('dt', {}, f.label), h('dd', {}, f.shown)])))));
}

export function historyView(history) {
  const rows = [
    ['bureauCredits', fmt.number(history.bureauCredits)], ['bureauActive', fmt.number(history.bureauActive)],
    ['bureauDebt', fmt.money(history.bureauDebt)], ['previousApplications', fmt.number(history.previousApplications)],
    ['previousApproved', fmt.number(history.previousApproved)], ['previousRefused', fmt.number(history.previousRefused)],
    ['installments', fmt.number(history.installments)], ['lateShare', fmt.percent(history.lateShare)],
    ['posMaxDaysPastDue', fmt.number(history.posMaxDaysPastDue)], ['cardMaxDaysPastDue', fmt.number(history.cardMaxDaysPastDue)],
    ['cardUtilisation', fmt.percent(history.cardUtilisation)],
  ];
  return h('dl', { class: 'facts', id: 'history' }, rows.map(([k, v]) => [h('dt', {}, t('history.' + k)), h('dd', {}, v)]));
}

function neighborsView(n) {
  return h('div', { id: 'neighbors' },
    h('p', {}, t('client.neighborRate', { rate: fmt.percent(n.neighborDefaultRate), overall: fmt.percent(n.overallDefaultRate) })),
    table(null, [t('col.client'), t('col.distance'), t('col.probability'), t('col.outcome')],
      n.neighbors.map(x => [h('a', { href: '#/client/' + x.clientId }, String(x.clientId)), fmt.fixed(x.distance, 2),
        fmt.percent(x.probability), outcomeText(x.outcome)])));
}

/** Features of the most explanatory variables first, then the others; one option per feature. */
function featureOptions(features, importance) {
  const rank = new Map(importance.map((v, i) => [v.table + '.' + v.variable, i]));
  const top = features.filter(f => rank.has(f.table + '.' + f.variable))
    .sort((a, b) => rank.get(a.table + '.' + a.variable) - rank.get(b.table + '.' + b.variable));
  const rest = features.filter(f => !rank.has(f.table + '.' + f.variable));
  return { top, rest };
}

function featureSelect(id, label, options, selected) {
  const opt = f => h('option', { value: f.name, selected: f.name === selected }, f.label + ' — ' + f.name);
  return h('div', { class: 'field' }, h('label', { for: id }, label),
    h('select', { id }, h('optgroup', { label: '★' }, options.top.map(opt)), h('optgroup', { label: '…' }, options.rest.map(opt))));
}

function distributionFigure(d, lang) {
  const label = d.feature[lang] || d.feature.feature;
  const c = d.client;
  const value = c && c.value !== null ? fmt.number(c.value, 3) : t('common.unknown');
  const pct = c && c.percentile !== null ? fmt.percent(c.percentile) : t('common.unknown');
  const sum = k => d.bins.reduce((s, b) => s + b[k], 0) || 1;
  const [all, bad, good] = [sum('all'), sum('defaulters'), sum('nonDefaulters')];
  const names = d.bins.map(b => fmt.number(b.from, 2));
  const clientBin = c && c.value !== null ? Math.max(0, d.bins.findIndex((b, i) => c.value < b.to || i === d.bins.length - 1)) : -1;
  const f = figure('distribution', t('client.distribution', { feature: label, value, pct }),
    [t('col.from'), t('col.to'), t('col.all'), t('col.defaulters'), t('col.nonDefaulters')],
    d.bins.map(b => [fmt.number(b.from, 3), fmt.number(b.to, 3), fmt.number(b.all), fmt.number(b.defaulters), fmt.number(b.nonDefaulters)]));
  f.figure.dataset.clientValue = c && c.value !== null ? String(c.value) : '';
  f.figure.dataset.percentile = c && c.percentile !== null ? String(c.percentile) : '';
  const option = {
    legend: { top: 0, textStyle: axisLabel },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: names, axisLabel },
    yAxis: { type: 'value', axisLabel: { ...axisLabel, formatter: v => fmt.percent(v, 0) } },
    series: [
      { name: t('col.all'), type: 'line', step: 'middle', symbol: 'none', lineStyle: { color: '#000', type: 'dashed' }, itemStyle: { color: '#000' },
        data: d.bins.map(b => b.all / all) },
      { name: t('col.defaulters'), type: 'bar', itemStyle: { color: PALETTE.vermillion, decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [3, 3], rotation: 0.8 } },
        data: d.bins.map(b => b.defaulters / bad),
        markLine: clientBin < 0 ? undefined : { symbol: ['none', 'diamond'], silent: true, lineStyle: { color: '#000', width: 3, type: 'solid' },
          label: { formatter: t('client.marker') + ' (' + pct + ')', color: '#000', fontWeight: 'bold' },
          data: [{ xAxis: clientBin, name: 'client' }] } },
      { name: t('col.nonDefaulters'), type: 'bar', itemStyle: { color: PALETTE.blue }, data: d.bins.map(b => b.nonDefaulters / good) },
    ],
    aria: { enabled: false, decal: { show: true } },
  };
  return { f, option };
}

function scatterFigure(s, lang) {
  const lx = s.x[lang] || s.x.feature;
  const ly = s.y[lang] || s.y.feature;
  const c = s.client;
  const cx = c && c.x !== null ? fmt.number(c.x, 3) : t('common.unknown');
  const cy = c && c.y !== null ? fmt.number(c.y, 3) : t('common.unknown');
  const f = figure('scatter', t('client.scatter', { x: lx, y: ly, cx, cy }),
    [lx, ly, t('col.outcome')], s.points.slice(0, 50).map(p => [fmt.number(p.x, 3), fmt.number(p.y, 3), outcomeText(p.outcome)]), { height: 320 });
  const option = {
    legend: { top: 0, textStyle: axisLabel },
    grid: { left: 8, right: 24, top: 36, bottom: 24, containLabel: true },
    xAxis: { type: 'value', name: lx, nameLocation: 'middle', nameGap: 26, scale: true, axisLabel: numberAxisLabel },
    yAxis: { type: 'value', name: ly, scale: true, axisLabel: numberAxisLabel },
    series: [
      { name: t('col.nonDefaulters'), type: 'scatter', symbol: 'circle', symbolSize: 5, itemStyle: { color: PALETTE.sky, opacity: 0.6 },
        data: s.points.filter(p => p.outcome === 0).map(p => [p.x, p.y]) },
      { name: t('col.defaulters'), type: 'scatter', symbol: 'triangle', symbolSize: 7, itemStyle: { color: PALETTE.vermillion, opacity: 0.8 },
        data: s.points.filter(p => p.outcome === 1).map(p => [p.x, p.y]) },
      { name: t('client.marker'), type: 'scatter', symbol: 'diamond', symbolSize: 18, z: 10, itemStyle: { color: '#000', borderColor: '#ffd400', borderWidth: 2 },
        data: c && c.x !== null && c.y !== null ? [[c.x, c.y]] : [] },
    ],
  };
  return { f, option };
}

async function compareView(id, lang) {
  const [features, importance] = await Promise.all([api('/features', { lang: true, cached: true }),
    api('/model/importance?top=15', { lang: true, cached: true })]);
  const options = featureOptions(features, importance);
  const first = (options.top[0] || features[0]).name;
  const second = (options.top.find(f => f.variable !== options.top[0]?.variable) || features[1] || features[0]).name;
  const pickX = featureSelect('compare-feature', t('client.feature'), options, first);
  const pickY = featureSelect('compare-feature-y', t('client.featureY'), options, second);
  const dist = h('div', { id: 'distribution-box', 'aria-live': 'polite' });
  const scat = h('div', { id: 'scatter-box' });
  let drawn = [];
  async function redraw() {
    const x = pickX.querySelector('select').value;
    const y = pickY.querySelector('select').value;
    const [d, s] = await Promise.all([
      api('/features/' + encodeURIComponent(x) + '/distribution?bins=30&client=' + id),
      api('/features/' + encodeURIComponent(x) + '/scatter/' + encodeURIComponent(y) + '?sample=1000&client=' + id)]);
    drawn.forEach(c => c?.dispose());
    const a = distributionFigure(d, lang);
    const b = scatterFigure(s, lang);
    dist.replaceChildren(a.f.figure);
    scat.replaceChildren(b.f.figure);
    drawn = await Promise.all([a.f.draw(a.option), b.f.draw(b.option)]);
    dist.dataset.feature = x;
  }
  pickX.querySelector('select').addEventListener('change', redraw);
  pickY.querySelector('select').addEventListener('change', redraw);
  redraw();
  return h('div', {}, h('div', { class: 'form-grid' }, pickX, pickY), h('div', { class: 'grid' }, dist, scat));
}

export async function render(main, route) {
  const id = route.id;
  if (!/^\d{1,19}$/.test(id)) throw new ApiError(404, { message: t('common.notFound', { id }) });
  // The score first (what the manager opens the file for); the rest fills in as it arrives.
  // The full answer: the score view shows the scorecard's points per variable, which the default answer leaves out.
  const scoreCall = api('/clients/' + id + '/score?detail=full', { lang: true });
  const profileCall = api('/clients/' + id, { lang: true });
  const neighborsCall = api('/clients/' + id + '/neighbors?k=10');
  [profileCall, neighborsCall].forEach(p => p.catch(() => null));
  let score;
  try {
    score = await scoreCall;
  } catch (e) {
    if (e.status === 404) throw new ApiError(404, { message: t('common.notFound', { id }) });
    throw e;
  }
  remember(id);
  const lang = document.documentElement.lang;
  const view = scoreView(score);
  const section = (key, title) => h('section', { 'aria-labelledby': 'h-' + key, id: 'section-' + key, 'aria-busy': 'true' },
    h('h2', { id: 'h-' + key }, title), h('p', {}, t('common.loading')));
  const fill = (node, content) => { node.replaceChildren(node.firstChild, ...[content].flat()); node.removeAttribute('aria-busy'); };
  const failed = e => h('p', { class: 'error', role: 'alert' }, t('common.error', { message: e.message }));
  const summary = h('p', { id: 'client-summary' });
  const who = section('who', t('client.who'));
  const compare = section('compare', t('client.compare'));
  const similar = section('neighbors', t('client.neighbors'));
  show(main,
    h('h1', {}, t('client.title', { id })),
    summary,
    h('div', { class: 'actions' },
      h('a', { class: 'button', href: '#/client/' + id + '/whatif', id: 'to-whatif' }, t('client.whatif')),
      h('a', { class: 'button secondary', href: '#/client/' + id + '/copy', id: 'to-copy' }, t('client.copy'))),
    view.element, who, compare, similar);
  await Promise.all([
    view.ready,
    profileCall.then(profile => {
      // The loan section's field carries the contract type's label in the chosen language; the summary, the code.
      const contract = profile.sections.flatMap(s => s.fields).find(f => f.column === 'NAME_CONTRACT_TYPE');
      summary.textContent = outcomeText(profile.summary.outcome) + ' · ' + (contract?.shown ?? profile.summary.contractType ?? '');
      fill(who, [profileView(profile), h('h3', {}, t('client.history')), historyView(profile.history)]);
    }, e => fill(who, failed(e))),
    neighborsCall.then(n => fill(similar, neighborsView(n)), e => fill(similar, failed(e))),
    compareView(id, lang).then(c => fill(compare, c), e => fill(compare, failed(e))),
  ]);
}
