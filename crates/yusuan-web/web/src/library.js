// 文库: departments × years × kinds with finding counts; search by department, year, kind, rule.
import { api, state, el, KIND, counts, emptyState, select, toast } from './common.js';

let rulesCache = null;

export async function renderLibrary(app, params) {
  const filter = {
    department: params.get('department') || '',
    year: params.get('year') || '',
    kind: params.get('kind') || '',
    rule: params.get('rule') || '',
  };
  const [all, docs] = await Promise.all([
    api('/api/documents'),
    api(`/api/documents?${new URLSearchParams(filter)}`),
  ]);
  rulesCache = rulesCache || (await api('/api/rules'));

  const head = el('div', { class: 'page-head' }, el('h1', {}, '文库'), el('p', { class: 'sub' }, `共 ${all.length} 份文档。按部门、年度、类型和规则筛选；点击文档进入审阅。`));
  app.append(head);
  if (!all.length) {
    app.append(emptyState('文库还是空的', '请先上传部门预算、决算文件，识别和审核完成后会出现在这里。', el('a', { class: 'button', href: '#/upload' }, '去上传')));
    return;
  }

  const depts = [...new Set(all.map((d) => d.department).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'zh'));
  const years = [...new Set(all.map((d) => d.year).filter(Boolean))].sort((a, b) => b - a);
  const kinds = [...new Set(all.map((d) => d.kind))];
  const form = el(
    'form',
    { class: 'filters', id: 'library-filter' },
    select('department', '部门', [['', '全部部门'], ...depts.map((d) => [d, d])], filter.department),
    select('year', '年度', [['', '全部年度'], ...years.map((y) => [y, `${y}年`])], filter.year),
    select('kind', '类型', [['', '全部类型'], ...kinds.map((k) => [k, KIND[k] || k])], filter.kind),
    select('rule', '规则', [['', '全部规则'], ...rulesCache.map((r) => [r.code, `${r.code} ${r.title}`])], filter.rule),
    el('button', { type: 'submit', class: 'button' }, '筛选'),
    el('a', { href: '#/library', class: 'button button-quiet' }, '清除'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const p = new URLSearchParams();
    for (const k of ['department', 'year', 'kind', 'rule']) {
      const v = form.elements[k].value;
      if (v) p.set(k, v);
    }
    location.hash = `#/library?${p}`;
  });
  for (const s of form.querySelectorAll('select')) s.addEventListener('change', () => form.requestSubmit());
  app.append(form);

  if (!docs.length) {
    app.append(emptyState('没有符合条件的文档', '换一个部门、年度、类型或规则再试。', el('a', { class: 'button button-quiet', href: '#/library' }, '清除筛选')));
    return;
  }

  // The matrix: one row per department, one column per year, the documents of each kind in a cell.
  const mDepts = [...new Set(docs.map((d) => d.department || '未识别部门'))].sort((a, b) => a.localeCompare(b, 'zh'));
  const mYears = [...new Set(docs.map((d) => d.year || 0))].sort((a, b) => b - a);
  const matrix = el(
    'table',
    { class: 'grid matrix', id: 'matrix' },
    el('thead', {}, el('tr', {}, el('th', {}, '部门 \\ 年度'), ...mYears.map((y) => el('th', {}, y ? `${y}年` : '年度未识别')))),
    el(
      'tbody',
      {},
      mDepts.map((dep) =>
        el(
          'tr',
          {},
          el('th', { class: 'dept' }, dep),
          mYears.map((y) => {
            const here = docs.filter((d) => (d.department || '未识别部门') === dep && (d.year || 0) === y);
            return el(
              'td',
              {},
              here.length
                ? here.map((d) => el('a', { class: 'cell-doc', href: `#/doc/${d.id}`, title: d.path }, el('span', { class: 'kind' }, KIND[d.kind] || d.kind), counts(d)))
                : el('span', { class: 'none' }, '—'),
            );
          }),
        ),
      ),
    ),
  );
  app.append(el('h2', { class: 'section' }, '部门 × 年度 × 类型'), el('div', { class: 'scroll-x' }, matrix));

  const rows = docs.map((d) => {
    const del = el('button', { class: 'button button-small button-danger', type: 'button', disabled: state.status?.read_only || undefined, title: state.status?.read_only ? '只读模式' : '从文库删除' }, '删除');
    del.addEventListener('click', async () => {
      if (!confirm(`从文库删除“${d.path}”及其审核记录？`)) return;
      try {
        await api(`/api/documents/${d.id}`, { method: 'DELETE', write: true });
        toast('已删除。');
        window.dispatchEvent(new HashChangeEvent('hashchange'));
      } catch (e) {
        toast(e.message, 'error');
      }
    });
    return el(
      'tr',
      {},
      el('td', {}, d.department || el('span', { class: 'muted' }, '未识别')),
      el('td', { class: 'num' }, d.year ? `${d.year}` : '—'),
      el('td', {}, KIND[d.kind] || d.kind),
      el('td', { class: 'fname' }, el('a', { href: `#/doc/${d.id}` }, d.path)),
      el('td', { class: 'num sev-error' }, d.errors),
      el('td', { class: 'num sev-warning' }, d.warnings),
      el('td', { class: 'num sev-info' }, d.infos),
      el('td', { class: 'nowrap muted' }, (d.ingested_at || '').replace('T', ' ').slice(0, 19)),
      el('td', { class: 'actions' }, el('a', { class: 'button button-small', href: `#/doc/${d.id}` }, '审阅'), del),
    );
  });
  app.append(
    el('h2', { class: 'section' }, `文档（${docs.length}）`),
    el(
      'table',
      { class: 'grid docs', id: 'documents' },
      el('thead', {}, el('tr', {}, ['部门', '年度', '类型', '文件', '错误', '警告', '提示', '入库时间', ''].map((h, i) => el('th', { class: [1, 4, 5, 6].includes(i) ? 'num' : '' }, h)))),
      el('tbody', {}, rows),
    ),
  );
}
