// Shared helpers: the API client (token header on writes), element building, labels.

export const state = {
  status: null,
  statusError: null,
  token: localStorage.getItem('yusuan-token') || '',
  setToken(t) {
    this.token = t;
    if (t) localStorage.setItem('yusuan-token', t);
    else localStorage.removeItem('yusuan-token');
  },
};

export async function loadStatus() {
  try {
    state.status = await api('/api/status');
  } catch (e) {
    state.statusError = e.message;
  }
}

/** JSON API call; throws an Error carrying the server's Chinese message. */
export async function api(path, { method = 'GET', body, write = false } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (write) headers['X-Yusuan-Token'] = state.token;
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit' });
  } catch (e) {
    throw new Error('网络错误：无法连接服务器。');
  }
  let data = null;
  try {
    data = await res.json();
  } catch {
    data = null;
  }
  if (!res.ok) throw new Error((data && data.error) || `服务器返回 ${res.status}`);
  return data;
}

/** Builds an element: el('a', {href: '#'}, 'text', child…). Attributes never carry inline styles. */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'value') e.value = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

export function esc(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

let toastTimer;
export function toast(msg, kind = 'info') {
  const t = document.getElementById('toast');
  t.textContent = msg;
  t.className = `toast toast-${kind}`;
  t.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (t.hidden = true), kind === 'error' ? 6000 : 3000);
}

export const KIND = {
  department_budget: '部门预算',
  unit_budget: '单位预算',
  department_final_accounts: '部门决算',
  unit_final_accounts: '单位决算',
  performance_declaration: '绩效目标申报',
  unknown: '未识别类型',
};
export const SEVERITY = { error: '错误', warning: '警告', info: '提示' };
export const REVIEW = { open: '待审', confirmed: '已确认', dismissed: '已驳回' };

export function humanSize(n) {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} 字节`;
}

export function counts(d) {
  return el(
    'span',
    { class: 'counts' },
    el('span', { class: `chip chip-error${d.errors ? '' : ' zero'}`, title: '错误' }, `错 ${d.errors}`),
    el('span', { class: `chip chip-warning${d.warnings ? '' : ' zero'}`, title: '警告' }, `警 ${d.warnings}`),
    el('span', { class: `chip chip-info${d.infos ? '' : ' zero'}`, title: '提示' }, `提 ${d.infos}`),
  );
}

export function docTitle(d) {
  return `${d.department || '未识别部门'} ${d.year ? `${d.year}年` : ''}${KIND[d.kind] || d.kind}`;
}

export function emptyState(title, text, link) {
  return el('div', { class: 'empty' }, el('h2', {}, title), el('p', {}, text), link || '');
}

export function select(id, label, options, value) {
  const s = el('select', { id, name: id });
  for (const [v, t] of options) {
    const o = el('option', { value: v }, t);
    if (String(v) === String(value ?? '')) o.selected = true;
    s.append(o);
  }
  return el('label', { class: 'field' }, el('span', {}, label), s);
}
