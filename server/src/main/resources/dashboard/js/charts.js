// ECharts figures, each with a text alternative (caption plus a data table). Okabe-Ito colour-blind-safe palette;
// series are also told apart by shape or pattern, never by colour alone.
import { h, table } from './dom.js';
import { fmt, t } from './i18n.js';

export const PALETTE = {
  blue: '#0072B2', orange: '#E69F00', vermillion: '#D55E00', sky: '#56B4E9', green: '#009E73',
  purple: '#CC79A7', yellow: '#F0E442', black: '#000000', grey: '#6B6B6B',
};
const ECHARTS = '/webjars/echarts/5.3.1/dist/echarts.min.js';
let loading;
const live = new Set();

/** Loads ECharts once, on the first page that draws a chart (the sign-in and search pages need none). */
export function echartsReady() {
  if (window.echarts) return Promise.resolve(window.echarts);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = ECHARTS;
      s.onload = () => resolve(window.echarts);
      s.onerror = reject;
      document.head.append(s);
    });
  }
  return loading;
}

/** Frees the charts of the page being left. */
export function disposeCharts() {
  for (const c of live) c.dispose();
  live.clear();
}

window.addEventListener('resize', () => live.forEach(c => c.resize()));

/**
 * A figure: the chart (an image for assistive technology, labelled by the caption), the caption, and the data
 * as a table behind a disclosure. Returns {figure, draw(option)}.
 */
export function figure(id, caption, headers, rows, { height = 280 } = {}) {
  const box = h('div', { class: 'chart', id, role: 'img', 'aria-label': caption, style: `height:${height}px` });
  const fig = h('figure', { class: 'figure' }, box, h('figcaption', {}, caption),
    h('details', {}, h('summary', {}, t('common.table')), table(null, headers, rows)));
  return {
    figure: fig,
    async draw(option) {
      const echarts = await echartsReady();
      // Pages build their figures before putting them in the page: wait for that (a page left meanwhile never does).
      for (let i = 0; !box.isConnected && i < 100; i++) await new Promise(r => setTimeout(r, 10));
      if (!box.isConnected) return null;
      const chart = echarts.init(box, null, { renderer: 'canvas' });
      chart.setOption({ animation: false, textStyle: { fontFamily: 'inherit' }, ...option });
      live.add(chart);
      return chart;
    },
  };
}

export const axisLabel = { color: '#1a1a1a' };
// A value axis's numbers in the page's language (ECharts writes 0.9 and 1,000 whatever the page's language).
export const numberAxisLabel = { ...axisLabel, formatter: v => fmt.number(v, 3) };
