// The portfolio: how the stored clients' scores spread around the threshold, approval and default rates overall
// and by segment, and which variables matter most to the model.
import { api } from '../api.js';
import { figure, PALETTE, axisLabel, numberAxisLabel } from '../charts.js';
import { h, show, table } from '../dom.js';
import { fmt, t } from '../i18n.js';

function kpi(id, label, value) {
  return h('div', { id }, h('dt', {}, label), h('dd', {}, value));
}

function histogram(p) {
  const names = p.bins.map(b => fmt.percent(b.from, 0));
  const test = p.bins.map(b => b.all - b.defaulters - b.nonDefaulters);
  const f = figure('portfolio-histogram', t('portfolio.histogram', { t: fmt.percent(p.threshold) }),
    [t('col.from'), t('col.to'), t('col.all'), t('col.defaulters'), t('col.nonDefaulters')],
    p.bins.map(b => [fmt.percent(b.from, 0), fmt.percent(b.to, 0), fmt.number(b.all), fmt.number(b.defaulters), fmt.number(b.nonDefaulters)]), { height: 300 });
  const thresholdBin = Math.min(p.bins.length - 1, Math.floor(p.threshold * p.bins.length));
  f.draw({
    legend: { top: 0, textStyle: axisLabel }, tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: names, axisLabel },
    yAxis: { type: 'value', axisLabel: numberAxisLabel },
    series: [
      { name: t('col.nonDefaulters'), type: 'bar', stack: 'n', itemStyle: { color: PALETTE.blue }, data: p.bins.map(b => b.nonDefaulters),
        markLine: { symbol: 'none', silent: true, lineStyle: { color: '#000', width: 2 }, label: { formatter: t('col.threshold') + ' ' + fmt.percent(p.threshold), color: '#000' },
          data: [{ xAxis: thresholdBin }] } },
      { name: t('col.defaulters'), type: 'bar', stack: 'n', itemStyle: { color: PALETTE.vermillion, decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [3, 3], rotation: 0.8 } }, data: p.bins.map(b => b.defaulters) },
      { name: t('outcome.null'), type: 'bar', stack: 'n', itemStyle: { color: '#BBBBBB' }, data: test },
    ],
  });
  return f.figure;
}

function segmentBlock(key, groups) {
  const label = g => g.label ?? g.value ?? t('portfolio.missing');
  const f = figure('segment-' + key, t('portfolio.' + key), [t('col.segment'), t('col.clients'), t('col.approval'), t('col.defaultRate')],
    groups.map(g => [label(g), fmt.number(g.clients), fmt.percent(g.approvalRate), fmt.percent(g.defaultRate)]), { height: 40 + 30 * groups.length });
  f.draw({
    legend: { top: 0, textStyle: axisLabel }, tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 40, top: 30, bottom: 8, containLabel: true },
    yAxis: { type: 'category', inverse: true, data: groups.map(label), axisLabel: { ...axisLabel, width: 170, overflow: 'truncate' } },
    xAxis: { type: 'value', axisLabel: { ...axisLabel, formatter: v => fmt.percent(v, 0) } },
    series: [
      { name: t('col.defaultRate'), type: 'bar', itemStyle: { color: PALETTE.vermillion }, data: groups.map(g => g.defaultRate ?? 0),
        label: { show: true, position: 'right', color: '#1a1a1a', formatter: x => fmt.percent(x.value) } },
    ],
  });
  return h('div', {}, h('h3', {}, t('portfolio.' + key)), f.figure);
}

function importanceBlock(items) {
  const f = figure('importance', t('portfolio.importanceCaption', { n: items.length }), [t('col.variable'), t('col.importance')],
    items.map(i => [i.label, fmt.fixed(i.meanAbsShap, 3)]), { height: 40 + 24 * items.length });
  f.draw({
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true }, tooltip: { trigger: 'axis' },
    yAxis: { type: 'category', inverse: true, data: items.map(i => i.label), axisLabel: { ...axisLabel, width: 230, overflow: 'truncate' } },
    xAxis: { type: 'value', axisLabel: numberAxisLabel },
    series: [{ type: 'bar', itemStyle: { color: PALETTE.blue }, data: items.map(i => i.meanAbsShap),
      label: { show: true, position: 'right', color: '#1a1a1a', formatter: x => fmt.fixed(x.value, 2) } }],
  });
  return f.figure;
}

export async function render(main) {
  const [p, importance] = await Promise.all([api('/portfolio?bins=20', { cached: true, lang: true }),
    api('/model/importance?top=15', { lang: true, cached: true })]);
  show(main, h('h1', {}, t('portfolio.title')),
    h('section', { 'aria-labelledby': 'h-kpis' }, h('h2', { id: 'h-kpis' }, t('portfolio.kpis')),
      h('dl', { class: 'kpis' },
        kpi('kpi-clients', t('portfolio.clients'), fmt.number(p.clients)),
        kpi('kpi-approval', t('portfolio.approval'), fmt.percent(p.approvalRate)),
        kpi('kpi-default', t('portfolio.defaultRate'), fmt.percent(p.defaultRate)),
        kpi('kpi-granted-default', t('portfolio.grantedDefault'), fmt.percent(p.grantedDefaultRate)))),
    h('section', { 'aria-labelledby': 'h-hist' }, h('h2', { id: 'h-hist' }, t('col.probability')), histogram(p)),
    h('section', { 'aria-labelledby': 'h-seg' }, h('h2', { id: 'h-seg' }, t('portfolio.segments')),
      h('div', { class: 'grid' }, ['incomeType', 'education', 'ageBand'].map(k => segmentBlock(k, p.segments[k] || [])))),
    h('section', { 'aria-labelledby': 'h-imp' }, h('h2', { id: 'h-imp' }, t('portfolio.importance')), importanceBlock(importance)));
}
