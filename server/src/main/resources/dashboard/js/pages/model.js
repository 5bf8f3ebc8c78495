// The model: version, metrics, threshold, the cost-versus-threshold curve, calibration, and the methodology note.
import { api } from '../api.js';
import { figure, PALETTE, axisLabel } from '../charts.js';
import { h, show } from '../dom.js';
import { fmt, t } from '../i18n.js';

export async function render(main) {
  const m = await api('/model/summary', { cached: true });
  const facts = [
    ['model.version', m.version], ['model.created', m.createdAt], ['model.threshold', fmt.percent(m.threshold)],
    ['model.auc', fmt.fixed(m.metrics.rocAuc, 3)], ['model.logistic', fmt.fixed(m.logistic.rocAuc, 3)],
    ['model.brier', fmt.fixed(m.metrics.brier, 3)], ['model.normalizedCost', fmt.fixed(m.normalizedCost, 3)],
    ['model.cost', fmt.number(m.cost.falseNegative) + ' / ' + fmt.number(m.cost.falsePositive)],
    ['model.trainingRows', fmt.number(m.trainingRows)], ['portfolio.defaultRate', fmt.percent(m.defaultRate)],
  ];
  const curve = figure('cost-curve', t('model.costCurve', { t: fmt.percent(m.threshold) }), [t('col.threshold'), t('col.cost')],
    m.costCurve.map(p => [fmt.percent(p.threshold), fmt.fixed(p.normalizedCost, 3)]), { height: 300 });
  const calibration = figure('calibration', t('model.calibration'), [t('model.predicted'), t('model.observed'), t('col.clients')],
    m.calibration.map(c => [fmt.percent(c.meanPredicted), fmt.percent(c.observedRate), fmt.number(c.count)]), { height: 300 });
  const reports = m.reports.length === 0 ? h('p', { id: 'no-report' }, t('model.noReport'))
    : h('ul', { id: 'reports' }, m.reports.map(f => h('li', {}, h('a', { href: '/api/v1/model/report/' + f, target: '_blank', rel: 'noopener' },
      t(f === 'html' ? 'model.reportHtml' : f === 'pdf' ? 'model.reportPdf' : 'model.reportExploration')))));
  show(main, h('h1', {}, t('model.title')),
    h('section', { 'aria-labelledby': 'h-facts' }, h('h2', { id: 'h-facts' }, t('model.version')),
      h('dl', { class: 'facts', id: 'model-facts' }, facts.map(([k, v]) => [h('dt', {}, t(k)), h('dd', {}, v)]))),
    h('div', { class: 'grid' },
      h('section', { 'aria-labelledby': 'h-cost' }, h('h2', { id: 'h-cost' }, t('col.cost')), curve.figure),
      h('section', { 'aria-labelledby': 'h-cal' }, h('h2', { id: 'h-cal' }, t('model.calibrationTitle')), calibration.figure)),
    h('section', { 'aria-labelledby': 'h-rep' }, h('h2', { id: 'h-rep' }, t('model.reports')), reports));
  await Promise.all([
    curve.draw({
      grid: { left: 8, right: 24, top: 16, bottom: 24, containLabel: true }, tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', min: 0, max: 1, axisLabel: { ...axisLabel, formatter: v => fmt.percent(v, 0) } },
      yAxis: { type: 'value', scale: true, axisLabel },
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
