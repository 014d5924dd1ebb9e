// 文档审阅: findings by severity | reconstructed tables | source lines, side by side.
// Clicking a finding highlights its cells in the tables and its lines in the source.
import { api, state, el, KIND, SEVERITY, REVIEW, counts, docTitle, emptyState, toast } from './common.js';

const TABLE_NAMES = {
  income_expense_summary: '收支总表',
  income: '收入总表',
  expenditure: '支出总表',
  fiscal_summary: '财政拨款收支总表',
  general_public_expenditure: '一般公共预算财政拨款支出表',
  basic_expenditure: '一般公共预算财政拨款基本支出表',
  government_fund_expenditure: '政府性基金预算财政拨款支出表',
  state_capital_expenditure: '国有资本经营预算财政拨款支出表',
  three_public: '财政拨款“三公”经费支出表',
};
const UNIT = { yuan: '元', wan_yuan: '万元' };
const SIDE = { income: '收入', expenditure: '支出' };
const SEV_ORDER = ['error', 'warning', 'info'];

export async function renderDocument(app, id) {
  if (!Number.isFinite(id)) throw new Error('文档编号无效。');
  let doc;
  let source;
  try {
    [doc, source] = await Promise.all([api(`/api/documents/${id}`), api(`/api/documents/${id}/source`)]);
  } catch (e) {
    app.append(emptyState('找不到这份文档', e.message, el('a', { class: 'button', href: '#/library' }, '返回文库')));
    return;
  }
  const s = doc.summary;
  const m = doc.model;
  const findings = doc.findings.slice().sort((a, b) => SEV_ORDER.indexOf(a.finding.severity) - SEV_ORDER.indexOf(b.finding.severity));

  // ----- header
  const exportLinks = el(
    'div',
    { class: 'exports' },
    el('span', { class: 'muted' }, '导出审核发现：'),
    el('a', { class: 'button button-small', id: 'export-xlsx', href: `/api/documents/${id}/export?format=xlsx`, download: `findings-${id}.xlsx` }, 'Excel'),
    el('a', { class: 'button button-small', id: 'export-csv', href: `/api/documents/${id}/export?format=csv`, download: `findings-${id}.csv` }, 'CSV'),
    el('a', { class: 'button button-small', id: 'export-pdf', href: `/api/documents/${id}/export?format=pdf`, download: `findings-${id}.pdf` }, 'PDF'),
    el('a', { class: 'button button-small button-quiet', id: 'export-html', href: `/api/documents/${id}/export?format=html`, target: '_blank', rel: 'noopener', title: '打印版页面' }, '打印版'),
    el('a', { class: 'button button-small button-quiet', href: `/api/documents/${id}/source/raw` }, '下载原件'),
  );
  app.append(
    el(
      'div',
      { class: 'doc-head' },
      el('div', {}, el('a', { href: '#/library', class: 'back' }, '← 文库'), el('h1', {}, docTitle(s)), el('div', { class: 'sub' }, el('span', { class: 'fname' }, s.path), ' · ', `${m.tables.length} 张表`, ' · ', `${source.lines.length} 行`, ' · ', counts(s))),
      exportLinks,
    ),
  );

  // ----- panes
  const findingsPane = el('section', { class: 'pane pane-findings', id: 'findings' });
  const tablesPane = el('section', { class: 'pane pane-tables', id: 'tables' });
  const sourcePane = el('section', { class: 'pane pane-source', id: 'source' });
  app.append(el('div', { class: 'review-layout' }, findingsPane, tablesPane, sourcePane));

  // ----- tables
  const cellIndex = new Map(); // "line:column" → td
  const rowIndex = new Map(); // line → tr[]
  tablesPane.append(el('h2', { class: 'pane-title' }, '识别出的表格'));
  if (!m.tables.length) tablesPane.append(el('p', { class: 'empty-small' }, '没有识别出标准公开表。'));
  for (const t of m.tables) tablesPane.append(renderTable(t, cellIndex, rowIndex));

  // ----- source
  const lineEls = new Map();
  sourcePane.append(
    el('h2', { class: 'pane-title' }, '原文', el('span', { class: 'muted small' }, source.format === 'pdf' ? '（PDF 按行显示；页面图像未提供）' : `（${source.format === 'text' ? '文本' : source.format}，按行）`)),
  );
  const srcBody = el('div', { class: 'source-lines' });
  let page = null;
  for (const l of source.lines) {
    if (l.page != null && l.page !== page) {
      page = l.page;
      srcBody.append(el('div', { class: 'page-mark' }, `第 ${page} 页`));
    }
    const tx = el('span', { class: 'tx' }, l.text);
    const div = el('div', { class: 'line', id: `L${l.number}` }, el('span', { class: 'ln' }, l.number), tx);
    lineEls.set(l.number, { div, tx, text: l.text });
    srcBody.append(div);
  }
  sourcePane.append(srcBody);

  // ----- findings
  let statusFilter = 'all';
  let selected = null;
  const detail = el('div', { class: 'detail', id: 'finding-detail' }, el('p', { class: 'muted' }, '点击一条审核发现，查看它涉及的表格单元格和原文行。'));
  const list = el('div', { class: 'finding-list' });
  const filterBar = el(
    'div',
    { class: 'segmented', id: 'status-filter' },
    [['all', '全部'], ['open', '待审'], ['confirmed', '已确认'], ['dismissed', '已驳回']].map(([v, t]) => {
      const b = el('button', { type: 'button', 'data-v': v, class: v === 'all' ? 'on' : '' }, t);
      b.addEventListener('click', () => {
        statusFilter = v;
        for (const x of filterBar.children) x.classList.toggle('on', x === b);
        renderList();
      });
      return b;
    }),
  );
  findingsPane.append(el('h2', { class: 'pane-title' }, `审核发现（${findings.length}）`), filterBar, list, detail);

  const statusOf = (f) => (f.review ? f.review.status : 'open');

  function renderList() {
    list.replaceChildren();
    if (!findings.length) {
      list.append(el('div', { class: 'empty-small ok' }, '✓ 没有审核发现：各项规则均通过。'));
      return;
    }
    for (const sev of SEV_ORDER) {
      const group = findings.filter((f) => f.finding.severity === sev && (statusFilter === 'all' || statusOf(f) === statusFilter));
      if (!group.length) continue;
      list.append(el('h3', { class: `group group-${sev}` }, `${SEVERITY[sev]}（${group.length}）`));
      for (const f of group) {
        const st = statusOf(f);
        const item = el(
          'button',
          { type: 'button', class: `finding sev-${sev}${selected === f ? ' selected' : ''} st-${st}`, 'data-id': f.id },
          el('span', { class: 'f-top' }, el('span', { class: `sev-dot sev-${sev}` }), el('span', { class: 'rule' }, f.finding.rule), st !== 'open' ? el('span', { class: `review-badge rb-${st}` }, REVIEW[st]) : '', el('span', { class: 'loc' }, f.finding.locations[0] ? `第${f.finding.locations[0].span.line}行` : '')),
          el('span', { class: 'msg' }, f.finding.message),
        );
        item.addEventListener('click', () => choose(f));
        list.append(item);
      }
    }
    if (!list.children.length) list.append(el('div', { class: 'empty-small' }, '没有这个状态的审核发现。'));
  }

  function clearHighlights() {
    for (const x of tablesPane.querySelectorAll('.hl, .hl-row, .hl-main')) x.classList.remove('hl', 'hl-row', 'hl-main');
    for (const x of srcBody.querySelectorAll('.line.hl')) {
      x.classList.remove('hl', 'hl-main');
      const rec = lineEls.get(Number(x.id.slice(1)));
      if (rec) rec.tx.replaceChildren(rec.text);
    }
  }

  function highlight(f) {
    clearHighlights();
    let firstCell = null;
    let firstLine = null;
    f.finding.locations.forEach((loc, i) => {
      const sp = loc.span;
      const td = cellIndex.get(`${sp.line}:${sp.column}`);
      if (td) {
        td.classList.add('hl');
        if (i === 0) td.classList.add('hl-main');
        firstCell = firstCell || td;
      } else {
        for (const tr of rowIndex.get(sp.line) || []) {
          tr.classList.add('hl-row');
          firstCell = firstCell || tr;
        }
      }
      const rec = lineEls.get(sp.line);
      if (rec) {
        rec.div.classList.add('hl');
        if (i === 0) rec.div.classList.add('hl-main');
        if (sp.column && sp.length) {
          const chars = Array.from(rec.text);
          const a = sp.column - 1;
          const b = a + sp.length;
          rec.tx.replaceChildren(chars.slice(0, a).join(''), el('mark', {}, chars.slice(a, b).join('')), chars.slice(b).join(''));
        }
        firstLine = firstLine || rec.div;
      }
    });
    if (firstCell) firstCell.scrollIntoView({ block: 'center', inline: 'nearest' });
    if (firstLine) firstLine.scrollIntoView({ block: 'center' });
  }

  function renderDetail(f) {
    const fd = f.finding;
    const st = statusOf(f);
    const comment = el('textarea', { id: 'review-comment', rows: 3, placeholder: '审核意见（可选），例如：已与部门核实，系印刷错误。', maxlength: 4000 }, f.review ? f.review.comment : '');
    const ro = state.status?.read_only;
    const act = (status, label, cls) => {
      const b = el('button', { type: 'button', class: `button button-small ${cls}`, 'data-action': status, disabled: ro || undefined }, label);
      b.addEventListener('click', async () => {
        try {
          await api(`/api/findings/${f.id}/review`, { method: 'PUT', body: { status, comment: comment.value }, write: true });
          f.review = { status, comment: comment.value.trim(), at: new Date().toISOString() };
          toast(`已标记为“${REVIEW[status]}”。`);
          renderList();
          renderDetail(f);
        } catch (e) {
          toast(e.message, 'error');
        }
      });
      return b;
    };
    const figures = [];
    if (fd.actual != null) figures.push(['实际', fd.actual]);
    if (fd.expected != null) figures.push(['应为', fd.expected]);
    if (fd.actual != null && fd.expected != null) figures.push(['差额', diff(fd.actual, fd.expected)]);
    detail.replaceChildren(
      el('div', { class: 'd-head' }, el('span', { class: `sev-badge sev-${fd.severity}` }, SEVERITY[fd.severity]), el('strong', {}, fd.rule), el('span', { class: `review-badge rb-${st}` }, REVIEW[st])),
      el('p', { class: 'd-msg' }, fd.message),
      figures.length ? el('dl', { class: 'figures' }, figures.flatMap(([k, v]) => [el('dt', {}, k), el('dd', { class: 'num' }, `${v}${fd.unit ? ` ${UNIT[fd.unit]}` : ''}`)])) : '',
      el('ol', { class: 'locs' }, ...fd.locations.map((l) => el('li', {}, el('a', { href: `#L${l.span.line}`, 'data-line': l.span.line }, `${l.span.page ? `第${l.span.page}页 ` : ''}第${l.span.line}行`), ' ', l.label, l.value != null ? ` = ${l.value}` : ''))),
      fd.related && fd.related.length ? el('div', { class: 'related' }, el('span', { class: 'muted' }, '同一原因还导致：'), el('ul', {}, fd.related.map((r) => el('li', {}, r)))) : '',
      el('div', { class: 'review-box' }, comment, el('div', { class: 'review-actions' }, act('confirmed', '确认问题', 'button-primary'), act('dismissed', '驳回（误报）', 'button-danger'), st !== 'open' ? act('open', '恢复待审', 'button-quiet') : '')),
      ro ? el('p', { class: 'muted small' }, '只读模式：不能保存审核意见。') : '',
      f.review && f.review.at && st !== 'open' ? el('p', { class: 'muted small' }, `上次审核：${f.review.at.replace('T', ' ').slice(0, 19)}`) : '',
    );
    for (const a of detail.querySelectorAll('a[data-line]')) {
      a.addEventListener('click', (e) => {
        e.preventDefault();
        lineEls.get(Number(a.dataset.line))?.div.scrollIntoView({ block: 'center' });
      });
    }
  }

  function choose(f) {
    selected = f;
    for (const x of list.querySelectorAll('.finding')) x.classList.toggle('selected', Number(x.dataset.id) === f.id);
    highlight(f);
    renderDetail(f);
  }

  // ↑/↓ (or k/j) move through the findings.
  document.addEventListener('keydown', function nav(e) {
    if (!document.body.contains(list)) return document.removeEventListener('keydown', nav);
    if (['TEXTAREA', 'INPUT', 'SELECT'].includes(document.activeElement?.tagName)) return;
    const items = [...list.querySelectorAll('.finding')];
    if (!items.length) return;
    const i = items.findIndex((x) => x.classList.contains('selected'));
    let j = null;
    if (e.key === 'ArrowDown' || e.key === 'j') j = Math.min(items.length - 1, i + 1);
    if (e.key === 'ArrowUp' || e.key === 'k') j = Math.max(0, i - 1);
    if (j === null) return;
    e.preventDefault();
    items[j].click();
    items[j].scrollIntoView({ block: 'nearest' });
  });

  renderList();
}

/** actual − expected on decimal strings, exactly (scaled integers). */
function diff(a, b) {
  const scale = Math.max(dp(a), dp(b));
  const ia = toInt(a, scale);
  const ib = toInt(b, scale);
  const d = ia - ib;
  const neg = d < 0n;
  let s = (neg ? -d : d).toString().padStart(scale + 1, '0');
  if (scale) s = `${s.slice(0, -scale)}.${s.slice(-scale)}`;
  return (neg ? '-' : d > 0n ? '+' : '') + s;
}
function dp(x) {
  const i = String(x).indexOf('.');
  return i < 0 ? 0 : String(x).length - i - 1;
}
function toInt(x, scale) {
  let [w, f = ''] = String(x).split('.');
  const neg = w.startsWith('-');
  if (neg) w = w.slice(1);
  const v = BigInt(w + f.padEnd(scale, '0'));
  return neg ? -v : v;
}

function renderTable(t, cellIndex, rowIndex) {
  const name = TABLE_NAMES[t.kind] || t.kind;
  const meta = [t.unit ? `单位：${UNIT[t.unit]}` : '单位未注明', `第${t.span.line}–${t.end_line}行`];
  const box = el('div', { class: 'table-box', id: `t-${t.kind}-${t.span.line}` }, el('h3', {}, t.title || name, el('span', { class: 'muted small' }, ` ${name} · ${meta.join(' · ')}`)));
  if (t.unreadable) {
    box.append(el('p', { class: 'note note-warn' }, `无法从原文可靠地还原此表：${t.unreadable}`));
    return box;
  }
  if (t.empty) {
    box.append(el('p', { class: 'note' }, `空表${t.empty_note ? `：${t.empty_note}` : '（未附说明）'}`));
    return box;
  }
  const sides = t.columns.some((c) => c.side) ? ['income', 'expenditure'] : [null];
  for (const side of sides) {
    const cols = t.columns.filter((c) => (side ? c.side === side : true));
    const rows = t.rows.filter((r) => (side ? r.side === side : true));
    if (!rows.length && side) continue;
    const hasCode = rows.some((r) => r.code);
    const thead = el('thead', {}, el('tr', {}, hasCode ? el('th', { class: 'code' }, '科目编码') : '', el('th', {}, side ? `${SIDE[side]}项目` : '项目'), cols.map((c) => el('th', { class: 'num', title: c.key }, c.label))));
    const tbody = el('tbody');
    for (const r of rows) {
      const depth = r.code ? Math.min(3, Math.max(0, Math.floor((r.code.length - 3) / 2) + 1) - 1) : 0;
      const tr = el('tr', { class: `${r.is_total ? 'total' : ''} depth-${depth}`, 'data-line': r.span.line });
      if (hasCode) tr.append(el('td', { class: 'code' }, r.code || ''));
      tr.append(el('td', { class: 'name' }, r.name));
      for (const c of cols) {
        const v = r.cells[c.key];
        const uncertain = (r.uncertain || []).includes(c.key);
        const td = el('td', { class: `num${uncertain ? ' uncertain' : ''}`, title: uncertain ? '此数所在的列无法确定，规则不据此判断' : undefined }, v == null ? '' : v, uncertain ? el('sup', {}, '?') : '');
        const sp = (r.cell_spans || {})[c.key];
        if (sp) cellIndex.set(`${sp.line}:${sp.column}`, td);
        tr.append(td);
      }
      const list = rowIndex.get(r.span.line) || [];
      list.push(tr);
      rowIndex.set(r.span.line, list);
      tbody.append(tr);
    }
    box.append(el('div', { class: 'scroll-x' }, el('table', { class: 'grid model-table' }, thead, tbody)));
  }
  return box;
}

export { KIND };
