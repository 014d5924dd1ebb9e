// 分析: expenditure structure by 类, basic vs project, 三公 over the years, departments compared;
// performance indicators searchable. Amounts arrive as exact decimal strings in 万元; they become
// numbers only to be drawn.
import * as echarts from 'echarts/core';
import { PieChart, BarChart, LineChart } from 'echarts/charts';
import { TooltipComponent, LegendComponent, GridComponent, TitleComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { api, el, esc, KIND, emptyState, select } from './common.js';

echarts.use([PieChart, BarChart, LineChart, TooltipComponent, LegendComponent, GridComponent, TitleComponent, CanvasRenderer]);

const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
const COLORS = ['#1f4e8c', '#e07b39', '#3a9d6e', '#c0392b', '#8e6bbf', '#2c9fb8', '#b8860b', '#d35d8f', '#5d6d7e', '#7fb800'];
const charts = [];

function chart(container) {
  const c = echarts.init(container, null, { renderer: 'canvas' });
  charts.push(c);
  return c;
}
window.addEventListener('resize', () => charts.forEach((c) => c.resize()));

const n = (s) => (s == null ? null : Number(s));
const label = (d) => `${d.department || '未识别部门'} ${d.year || ''}${KIND[d.kind] ? ` ${KIND[d.kind]}` : ''}`;

export async function renderAnalysis(app) {
  charts.splice(0).forEach((c) => c.dispose());
  const data = await api('/api/analysis');
  const docs = data.documents;
  app.append(el('div', { class: 'page-head' }, el('h1', {}, '分析'), el('p', { class: 'sub' }, '金额单位：万元（按各表注明的单位精确换算）。只使用列位置确定的印刷数字。')));
  if (!docs.length) {
    app.append(emptyState('还没有可分析的文档', '上传部门预算或决算后，这里会显示支出结构、基本支出与项目支出、“三公”经费和部门比较。', el('a', { class: 'button', href: '#/upload' }, '去上传')));
    return;
  }
  const withClasses = docs.filter((d) => d.by_class.length);
  const docSelect = select('doc', '文档', withClasses.map((d) => [d.id, label(d)]), withClasses[0]?.id);
  const years = [...new Set(docs.map((d) => d.year).filter(Boolean))].sort((a, b) => b - a);
  const yearSelect = select('cmp-year', '比较年度', years.map((y) => [y, `${y}年`]), years[0]);

  const pie = el('div', { class: 'chart', id: 'chart-structure' });
  const bp = el('div', { class: 'chart', id: 'chart-basic-project' });
  const tp = el('div', { class: 'chart', id: 'chart-three-public' });
  const cmp = el('div', { class: 'chart', id: 'chart-departments' });
  app.append(
    el(
      'div',
      { class: 'cards' },
      el('section', { class: 'card' }, el('div', { class: 'card-head' }, el('h2', {}, '支出结构（按功能分类“类”）'), withClasses.length ? docSelect : ''), withClasses.length ? pie : el('p', { class: 'empty-small' }, '没有文档印出可确定的“类”级支出。')),
      el('section', { class: 'card' }, el('div', { class: 'card-head' }, el('h2', {}, '基本支出与项目支出（万元）')), bp),
      el('section', { class: 'card' }, el('div', { class: 'card-head' }, el('h2', {}, '“三公”经费（历年，万元）')), tp),
      el('section', { class: 'card' }, el('div', { class: 'card-head' }, el('h2', {}, '部门支出比较（万元）'), years.length ? yearSelect : ''), cmp),
    ),
  );

  const base = { textStyle: { fontFamily: FONT }, color: COLORS, animation: false };
  // ECharts tooltips are HTML: every name, label and value put into one is escaped here, never
  // left to a default formatter. Labels, legends and axes are drawn on the canvas as text.
  const wan = (v) => (v == null ? '—' : `${esc(v)} 万元`);
  const tooltipWan = {
    formatter: (params) => {
      const list = Array.isArray(params) ? params : [params];
      const head = list.length ? esc(list[0].axisValueLabel ?? list[0].name) : '';
      return [head, ...list.map((p) => `${p.marker || ''}${esc(p.seriesName)}：${wan(p.value)}`)].join('<br/>');
    },
  };

  function drawPie() {
    const id = Number(docSelect.querySelector('select').value);
    const d = withClasses.find((x) => x.id === id);
    if (!d) return;
    const c = pie.__chart || (pie.__chart = chart(pie));
    c.setOption(
      {
        ...base,
        tooltip: { trigger: 'item', formatter: (p) => `${esc(p.name)}<br/>${wan(p.data.exact)}（${esc(p.percent)}%）` },
        legend: { type: 'scroll', orient: 'vertical', right: 0, top: 'middle', textStyle: { fontFamily: FONT } },
        series: [{ type: 'pie', radius: ['38%', '70%'], center: ['35%', '50%'], avoidLabelOverlap: true, label: { formatter: '{d}%' }, data: d.by_class.map((x) => ({ name: `${x.code} ${x.name}`, value: n(x.amount), exact: x.amount })) }],
      },
      true,
    );
  }
  if (withClasses.length) {
    drawPie();
    docSelect.querySelector('select').addEventListener('change', drawPie);
  }

  const bpDocs = docs.filter((d) => d.basic != null || d.project != null);
  if (bpDocs.length) {
    chart(bp).setOption({
      ...base,
      tooltip: { trigger: 'axis', ...tooltipWan },
      legend: { top: 0 },
      grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: bpDocs.map((d) => `${d.year || ''} ${KIND[d.kind] || ''} ${d.department || '未识别部门'}`), axisLabel: { width: 300, overflow: 'truncate' } },
      series: [
        { name: '基本支出', type: 'bar', stack: 's', data: bpDocs.map((d) => n(d.basic)) },
        { name: '项目支出', type: 'bar', stack: 's', data: bpDocs.map((d) => n(d.project)) },
      ],
    });
  } else bp.replaceWith(el('p', { class: 'empty-small' }, '没有文档印出基本支出、项目支出合计。'));

  const tpDocs = docs.filter((d) => d.three_public.total != null);
  const tpDepts = [...new Set(tpDocs.map((d) => d.department || '未识别部门'))].sort((a, b) => a.localeCompare(b, 'zh'));
  const tpSelect = select('tp-dept', '部门', tpDepts.map((d) => [d, d]), tpDepts[0]);
  function drawThreePublic() {
    const dep = tpSelect.querySelector('select').value;
    // Per year the department-level document, else any document of that department.
    const byYear = new Map();
    for (const d of tpDocs.filter((x) => (x.department || '未识别部门') === dep).sort((a, b) => a.year - b.year)) {
      const prev = byYear.get(d.year);
      if (!prev || (!prev.kind.startsWith('department') && d.kind.startsWith('department'))) byYear.set(d.year, d);
    }
    const rows = [...byYear.values()];
    const item = (k) => rows.map((d) => n(d.three_public[k]));
    const c = tp.__chart || (tp.__chart = chart(tp));
    c.setOption(
      {
        ...base,
        tooltip: { trigger: 'axis', ...tooltipWan },
        legend: { top: 0 },
        grid: { left: 8, right: 24, bottom: 8, top: 40, containLabel: true },
        xAxis: { type: 'category', data: rows.map((d) => `${d.year || '?'}年${KIND[d.kind] ? ` ${KIND[d.kind]}` : ''}`) },
        yAxis: { type: 'value' },
        series: [
          { name: '因公出国（境）费', type: 'bar', stack: 't', barMaxWidth: 56, data: item('outbound') },
          { name: '公务用车购置及运行费', type: 'bar', stack: 't', barMaxWidth: 56, data: item('vehicle') },
          { name: '公务接待费', type: 'bar', stack: 't', barMaxWidth: 56, data: item('reception') },
          { name: '合计', type: 'line', symbolSize: 8, data: item('total'), label: { show: true, position: 'top', formatter: (p) => (p.value == null ? '' : p.value.toFixed(2)) } },
        ],
      },
      true,
    );
  }
  if (tpDocs.length) {
    tp.parentElement.querySelector('.card-head').append(tpSelect);
    drawThreePublic();
    tpSelect.querySelector('select').addEventListener('change', drawThreePublic);
  } else tp.replaceWith(el('p', { class: 'empty-small' }, '没有文档印出“三公”经费合计。'));

  function drawCompare() {
    const y = Number(yearSelect.querySelector('select').value);
    const here = docs.filter((d) => d.year === y && d.total != null).sort((a, b) => n(a.total) - n(b.total));
    const c = cmp.__chart || (cmp.__chart = chart(cmp));
    c.setOption(
      {
        ...base,
        tooltip: { trigger: 'axis', ...tooltipWan },
        grid: { left: 8, right: 24, bottom: 8, top: 16, containLabel: true },
        xAxis: { type: 'value' },
        yAxis: { type: 'category', data: here.map((d) => `${d.department || '未识别部门'}（${KIND[d.kind] || d.kind}）`), axisLabel: { width: 260, overflow: 'truncate' } },
        series: [{ name: '支出合计', type: 'bar', data: here.map((d) => n(d.total)), label: { show: true, position: 'right', formatter: (p) => p.value.toFixed(2) } }],
      },
      true,
    );
  }
  if (years.length) {
    drawCompare();
    yearSelect.querySelector('select').addEventListener('change', drawCompare);
  }

  // ----- indicators
  const q = el('input', { type: 'search', id: 'indicator-q', placeholder: '搜索绩效指标：项目名称、指标名称或指标值，例如 满意度', autocomplete: 'off' });
  const out = el('div', { id: 'indicator-results' });
  const form = el('form', { class: 'filters', id: 'indicator-form' }, el('label', { class: 'field grow' }, el('span', {}, '绩效指标'), q), el('button', { class: 'button', type: 'submit' }, '搜索'));
  async function search() {
    const r = await api(`/api/indicators?${new URLSearchParams({ q: q.value.trim(), limit: 200 })}`);
    if (!r.total) {
      out.replaceChildren(el('p', { class: 'empty-small' }, q.value.trim() ? `没有包含“${q.value.trim()}”的绩效指标。` : '文库中的文档没有绩效指标。'));
      return;
    }
    out.replaceChildren(
      el('p', { class: 'muted small' }, r.total > r.indicators.length ? `共 ${r.total} 条，显示前 ${r.indicators.length} 条。` : `共 ${r.total} 条。`),
      el(
        'div',
        { class: 'scroll-x' },
        el(
          'table',
          { class: 'grid indicators' },
          el('thead', {}, el('tr', {}, ['部门', '年度', '项目 / 单位', '一级指标', '二级指标', '三级指标', '指标值', ''].map((h) => el('th', {}, h)))),
          el(
            'tbody',
            {},
            r.indicators.map((i) => el('tr', {}, el('td', {}, i.department || '—'), el('td', { class: 'num' }, i.year || '—'), el('td', {}, i.owner), el('td', {}, i.level1 || ''), el('td', {}, i.level2 || ''), el('td', {}, i.name), el('td', {}, i.value), el('td', { class: 'nowrap' }, el('a', { href: `#/doc/${i.document_id}` }, `第${i.line}行`)))),
          ),
        ),
      ),
    );
  }
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    search().catch((err) => out.replaceChildren(el('p', { class: 'empty-small error' }, err.message)));
  });
  app.append(el('section', { class: 'card card-wide' }, el('div', { class: 'card-head' }, el('h2', {}, '绩效指标')), form, out));
  await search();
}
