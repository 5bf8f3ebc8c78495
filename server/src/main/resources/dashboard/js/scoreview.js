// A score shown three ways: a gauge with the threshold, the verdict in words, and its explanation (waterfall of
// contributions and reason sentences). Shared by the client file, the what-if and the new application.
import { figure, PALETTE, axisLabel } from './charts.js';
import { h, table } from './dom.js';
import { fmt, t } from './i18n.js';
import { bandBadge, decisionBadge } from './verdict.js';

const TOP = 8;

function gaugeOption(score) {
  const th = score.threshold;
  return {
    series: [{
      type: 'gauge', min: 0, max: 100, splitNumber: 5, startAngle: 200, endAngle: -20, radius: '95%', center: ['50%', '60%'],
      axisLine: { lineStyle: { width: 16, color: [[0.6 * th, PALETTE.blue], [th, PALETTE.orange], [1, PALETTE.vermillion]] } },
      pointer: { width: 6, itemStyle: { color: '#1a1a1a' } }, axisTick: { show: false },
      splitLine: { length: 16, lineStyle: { color: '#fff', width: 2 } },
      axisLabel: { ...axisLabel, distance: 24, fontSize: 12, formatter: v => v + ' %' },
      detail: { formatter: () => fmt.percent(score.probability), fontSize: 22, color: '#1a1a1a', offsetCenter: [0, '35%'] },
      title: { show: false }, data: [{ value: score.probability * 100 }],
    }, {
      // The threshold as a second, thin black needle reaching over the arc.
      type: 'gauge', min: 0, max: 100, startAngle: 200, endAngle: -20, radius: '105%', center: ['50%', '60%'],
      axisLine: { show: false }, axisTick: { show: false }, splitLine: { show: false }, axisLabel: { show: false },
      pointer: { icon: 'rect', width: 3, length: '22%', offsetCenter: [0, '-78%'], itemStyle: { color: '#000' } },
      detail: { show: false }, title: { show: true, offsetCenter: [0, '62%'], color: '#1a1a1a', fontSize: 13 },
      data: [{ value: th * 100, name: t('client.threshold', { t: fmt.percent(th) }) }],
    }],
  };
}

/**
 * Steps from the base value to the client's output: the largest contributions, then the rest as one. A stored
 * client's score lists the strongest contributions only and sums the others in `omitted`: they join the rest.
 */
function steps(score) {
  const top = score.contributions.slice(0, TOP);
  const omitted = score.omitted || { count: 0, value: 0 };
  const rest = score.contributions.slice(TOP).reduce((s, c) => s + c.value, 0) + omitted.value;
  const items = top.map(c => ({ label: c.label, value: c.value }));
  if (score.contributions.length > TOP || omitted.count > 0) items.push({ label: t('client.others'), value: rest });
  return items;
}

function waterfallOption(score) {
  const items = steps(score);
  const labels = [t('client.base'), ...items.map(i => i.label), t('client.final')];
  let level = score.baseValue;
  const spans = [[0, score.baseValue]];
  for (const i of items) { spans.push([level, level + i.value]); level += i.value; }
  spans.push([0, score.margin]);
  const all = spans.flat();
  const low = Math.min(...all) - 0.2;
  const offset = spans.map(([a, b]) => Math.min(a, b) - low);
  const length = spans.map(([a, b]) => Math.abs(b - a));
  const colour = (i) => i === 0 || i === spans.length - 1 ? PALETTE.grey
    : (items[i - 1].value > 0 ? PALETTE.vermillion : PALETTE.blue);
  const text = (i) => i === 0 ? fmt.fixed(score.baseValue) : i === spans.length - 1 ? fmt.fixed(score.margin)
    : fmt.signed(items[i - 1].value, 2);
  return {
    grid: { left: 8, right: 56, top: 8, bottom: 24, containLabel: true },
    xAxis: { type: 'value', min: 0, axisLabel: { ...axisLabel, formatter: v => fmt.fixed(v + low, 1) } },
    yAxis: { type: 'category', inverse: true, data: labels, axisLabel: { ...axisLabel, width: 190, overflow: 'truncate' } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: p => labels[p[0].dataIndex] + ' : ' + text(p[0].dataIndex) },
    series: [
      { type: 'bar', stack: 'w', silent: true, itemStyle: { color: 'transparent' }, data: offset },
      { type: 'bar', stack: 'w', data: length.map((v, i) => ({ value: v, itemStyle: { color: colour(i),
        decal: i > 0 && i < spans.length - 1 && items[i - 1].value > 0 ? { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [3, 3], rotation: 0.8 } : undefined } })),
        label: { show: true, position: 'right', color: '#1a1a1a', formatter: p => text(p.dataIndex) } },
    ],
    aria: { enabled: false, decal: { show: true } },
  };
}

function reasonList(id, title, reasons) {
  return h('div', {}, h('h3', { id: id + '-h' }, title),
    h('ul', { class: 'reasons', id, 'aria-labelledby': id + '-h' }, reasons.map(r => h('li', {}, r.sentence))));
}

/**
 * The scorecard challenger's points per variable, beside the reasons: a regulator-style second opinion.
 * More points mean less risk; the total is the sum of the lines. Absent when the model has no scorecard.
 */
function scorecardTable(id, card) {
  if (!card) return null;
  // The lines come with detail=full only; a default answer has the total alone.
  const rows = (card.variables ?? []).map(v => [v.label, v.binLabel ?? v.bin, fmt.number(v.points)]);
  rows.push([h('strong', {}, t('client.scorecardTotal')), fmt.percent(card.probability), h('strong', {}, fmt.number(card.total))]);
  return h('div', { class: 'scorecard', id },
    table(t('client.scorecard'), [t('col.variable'), t('client.scorecardBin'), t('client.scorecardPoints')], rows),
    h('p', { class: 'help' }, t('client.scorecardNote')));
}

/**
 * What was scored anyway but is worth knowing (categories the model never saw, history rows linked to nothing), as
 * the API words it; absent when the answer has none.
 */
function warningList(id, warnings) {
  if (!warnings || warnings.length === 0) return null;
  return h('div', { class: 'warnings', id, role: 'note', 'aria-labelledby': id + '-h' },
    h('h3', { id: id + '-h' }, t('client.warnings')),
    h('ul', {}, warnings.map(w => h('li', {}, w.message))));
}

/** The score block; {@code update(score)} redraws it in place (the what-if). */
export function scoreView(score, { idPrefix = 'score', headingLevel = 'h2' } = {}) {
  const root = h('div', { class: 'score-view', id: idPrefix });
  let gauge;
  let waterfall;
  async function draw(s) {
    gauge?.dispose();
    waterfall?.dispose();
    const gaugeCaption = t('client.gauge', { p: fmt.percent(s.probability), t: fmt.percent(s.threshold),
      decision: t('decision.' + s.decision), band: t('band.' + s.band) });
    const g = figure(idPrefix + '-gauge', gaugeCaption, [t('col.probability'), t('col.threshold'), t('col.decision')],
      [[fmt.percent(s.probability), fmt.percent(s.threshold), t('decision.' + s.decision)]], { height: 280 });
    const items = steps(s);
    const w = figure(idPrefix + '-waterfall', t('client.waterfall', { base: fmt.fixed(s.baseValue), margin: fmt.fixed(s.margin) }),
      [t('col.variable'), t('col.contribution')],
      [[t('client.base'), fmt.fixed(s.baseValue)], ...items.map(i => [i.label, fmt.signed(i.value, 2)]),
        [t('client.final'), fmt.fixed(s.margin)]], { height: 300 });
    root.replaceChildren(
      h('div', { class: 'grid' },
        h('section', { 'aria-labelledby': idPrefix + '-h-score' },
          h(headingLevel, { id: idPrefix + '-h-score' }, t('client.score')),
          h('p', { class: 'probability', id: idPrefix + '-probability', 'data-probability': String(s.probability) },
            h('span', { class: 'sr-only' }, t('client.probability') + ' : '), fmt.percent(s.probability)),
          h('div', { class: 'verdict', id: idPrefix + '-verdict' }, decisionBadge(s.decision), bandBadge(s.band)),
          warningList(idPrefix + '-warnings', s.warnings),
          g.figure),
        h('section', { 'aria-labelledby': idPrefix + '-h-why' },
          h(headingLevel, { id: idPrefix + '-h-why' }, t('client.why')),
          reasonList(idPrefix + '-against', t('client.against'), s.against),
          reasonList(idPrefix + '-favour', t('client.inFavour'), s.inFavour),
          scorecardTable(idPrefix + '-scorecard', s.scorecard))),
      w.figure);
    [gauge, waterfall] = await Promise.all([g.draw(gaugeOption(s)), w.draw(waterfallOption(s))]);
  }
  const ready = draw(score);
  return { element: root, ready, update: s => draw(s), charts: () => [gauge, waterfall] };
}
