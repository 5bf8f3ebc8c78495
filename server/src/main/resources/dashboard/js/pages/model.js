// The model: version, metrics, threshold, the cost-versus-threshold curve, calibration, and the methodology note.
import { api } from '../api.js';
import { figure, PALETTE, axisLabel, numberAxisLabel } from '../charts.js';
import { h, show, table } from '../dom.js';
import { fmt, t } from '../i18n.js';

export async function render(main) {
  const m = await api('/model/summary', { cached: true });
  const facts = [
    ['model.version', m.version], ['model.created', fmt.date(new Date(m.createdAt))], ['model.threshold', fmt.percent(m.threshold)],
    ['model.auc', fmt.fixed(m.metrics.rocAuc, 3)], ['model.logistic', fmt.fixed(m.logistic.rocAuc, 3)],
    ['model.brier', fmt.fixed(m.metrics.brier, 3)], ['model.normalizedCost', fmt.fixed(m.normalizedCost, 3)],
    ['model.cost', fmt.number(m.cost.falseNegative) + ' / ' + fmt.number(m.cost.falsePositive)],
    ['model.trainingRows', fmt.number(m.trainingRows)], ['portfolio.defaultRate', fmt.percent(m.defaultRate)],
    ['model.features', m.features.selectedFrom == null ? fmt.number(m.features.used)
      : t('model.featuresOf', { n: fmt.number(m.features.used), of: fmt.number(m.features.selectedFrom) })],
  ];
  const curve = figure('cost-curve', t('model.costCurve', { t: fmt.percent(m.threshold) }), [t('col.threshold'), t('col.cost')],
    m.costCurve.map(p => [fmt.percent(p.threshold), fmt.fixed(p.normalizedCost, 3)]), { height: 300 });
  const calibration = figure('calibration', t('model.calibration'), [t('model.predicted'), t('model.observed'), t('col.clients')],
    m.calibration.map(c => [fmt.percent(c.meanPredicted), fmt.percent(c.observedRate), fmt.number(c.count)]), { height: 300 });
  const reports = m.reports.length === 0 ? h('p', { id: 'no-report' }, t('model.noReport'))
    : h('ul', { id: 'reports' }, m.reports.map(f => h('li', {}, h('a', { href: '/api/v1/model/report/' + f, target: '_blank', rel: 'noopener' },
      t({ html: 'model.reportHtml', pdf: 'model.reportPdf', exploration: 'model.reportExploration',
        drift: 'model.reportDrift', selection: 'model.reportSelection', deck: 'model.reportDeck',
        'deck-pdf': 'model.reportDeckPdf' }[f])))));
  const drift = await driftSection();
  show(main, h('h1', {}, t('model.title')),
    h('section', { 'aria-labelledby': 'h-facts' }, h('h2', { id: 'h-facts' }, t('model.version')),
      h('dl', { class: 'facts', id: 'model-facts' }, facts.map(([k, v]) => [h('dt', {}, t(k)), h('dd', {}, v)]))),
    h('div', { class: 'grid' },
      h('section', { 'aria-labelledby': 'h-cost' }, h('h2', { id: 'h-cost' }, t('col.cost')), curve.figure),
      h('section', { 'aria-labelledby': 'h-cal' }, h('h2', { id: 'h-cal' }, t('model.calibrationTitle')), calibration.figure)),
    h('section', { 'aria-labelledby': 'h-rep' }, h('h2', { id: 'h-rep' }, t('model.reports')), reports),
    h('section', { 'aria-labelledby': 'h-drift' }, h('h2', { id: 'h-drift' }, t('drift.title')), drift.nodes));
  await Promise.all([
    drift.draw(),
    curve.draw({
      grid: { left: 8, right: 24, top: 16, bottom: 24, containLabel: true }, tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', min: 0, max: 1, axisLabel: { ...axisLabel, formatter: v => fmt.percent(v, 0) } },
      yAxis: { type: 'value', scale: true, axisLabel: numberAxisLabel },
      series: [{ type: 'line', symbol: 'none', lineStyle: { color: PALETTE.blue, width: 2 }, data: m.costCurve.map(p => [p.threshold, p.normalizedCost]),
        markLine: { symbol: 'none', silent: true, lineStyle: { color: '#000', type: 'dashed', width: 2 },
          label: { formatter: t('col.threshold') + ' ' + fmt.percent(m.threshold), color: '#000' }, data: [{ xAxis: m.threshold }] } }],
    }),
    calibration.draw({
      legend: { top: 0, textStyle: axisLabel }, tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 24, top: 36, bottom: 24, containLabel: true },
      xAxis: { type: 'value', min: 0, name: t('model.predicted'), nameLocation: 'middle', nameGap: 26, axisLabel: { ...axisLabel, formatter: v => fmt.percent(v, 0) } },
      yAxis: { type: 'value', min: 0, axisLabel: { ...axisLabel, formatter: v => fmt.percent(v, 0) } },
      series: [
        { name: t('model.observed'), type: 'line', symbol: 'circle', symbolSize: 8, lineStyle: { color: PALETTE.vermillion }, itemStyle: { color: PALETTE.vermillion },
          data: m.calibration.map(c => [c.meanPredicted, c.observedRate]) },
        { name: t('model.predicted'), type: 'line', symbol: 'none', lineStyle: { color: '#000', type: 'dashed' }, itemStyle: { color: '#000' },
          data: [[0, 0], [Math.max(...m.calibration.map(c => c.meanPredicted)), Math.max(...m.calibration.map(c => c.meanPredicted))]] },
      ],
    }),
  ]);
}

const DRIFT_TOP = 10;

/**
 * The latest data drift report ('scoring drift'): score PSI, status, and the most drifted variables weighted by
 * importance as a table and a bar chart; a sentence when the server has none.
 */
async function driftSection() {
  let d;
  try {
    d = await api('/drift');
  } catch (e) {
    if (e.status !== 404) throw e;
    return { nodes: [h('p', { id: 'no-drift' }, t('drift.none'))], draw: async () => null };
  }
  const status = s => t('drift.status.' + s.toLowerCase());
  const top = d.variables.slice(0, DRIFT_TOP);
  const facts = [
    ['drift.status', status(d.status)], ['drift.scorePsi', fmt.fixed(d.scorePsi, 3) + ' (' + status(d.scoreStatus) + ')'],
    ['drift.rows', fmt.number(d.rows)], ['drift.current', d.current], ['drift.created', d.createdAt],
    ['model.version', d.modelVersion],
  ];
  const rows = top.map(v => [v.table + '.' + v.variable, fmt.fixed(v.psi, 3), status(v.status),
    fmt.percent(v.importance), (v.test === 'ks' ? 'KS' : 'χ²') + ' p = ' + (v.pValue < 1e-4 ? '< 0.0001' : fmt.fixed(v.pValue, 4))]);
  const headers = [t('col.variable'), 'PSI', t('drift.status'), t('drift.importance'), t('drift.test')];
  const chart = figure('drift-chart', t('drift.chart', { n: top.length }), [t('col.variable'), 'PSI'],
    top.map(v => [v.variable, fmt.fixed(v.psi, 3)]), { height: 40 + 26 * Math.max(1, top.length) });
  return {
    nodes: [
      h('dl', { class: 'facts', id: 'drift-facts' }, facts.map(([k, v]) => [h('dt', {}, t(k)), h('dd', {}, v)])),
      h('p', {}, t('drift.legend')),
      table(t('drift.table', { n: top.length }), headers, rows, { id: 'drift-table' }),
      chart.figure,
    ],
    draw: () => chart.draw({
      grid: { left: 8, right: 48, top: 8, bottom: 24, containLabel: true }, tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', min: 0, axisLabel: numberAxisLabel },
      yAxis: { type: 'category', inverse: true, data: top.map(v => v.variable), axisLabel },
      series: [{ type: 'bar', data: top.map(v => ({ value: v.psi,
        itemStyle: { color: v.status === 'DRIFTED' ? PALETTE.vermillion : v.status === 'INVESTIGATE' ? PALETTE.orange : PALETTE.blue,
          decal: v.status === 'DRIFTED' ? { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [4, 3], rotation: -0.8 } : undefined } })),
        label: { show: true, position: 'right', color: '#000', formatter: p => fmt.fixed(p.value, 3) },
        markLine: { symbol: 'none', silent: true, lineStyle: { color: '#000', type: 'dashed' },
          label: { formatter: '0.25', color: '#000' }, data: [{ xAxis: 0.25 }] } }],
    }),
  };
}
