import './style.css';
import { api, state, loadStatus, el, esc, toast } from './common.js';
import { renderUpload } from './upload.js';
import { renderLibrary } from './library.js';
import { renderDocument } from './document.js';
import { renderAnalysis } from './analysis.js';

const app = document.getElementById('app');

function renderAuth() {
  const box = document.getElementById('auth');
  box.replaceChildren();
  if (!state.status) return;
  if (state.status.read_only) {
    box.append(el('span', { class: 'badge badge-ro', title: '服务器未配置写入令牌（--token 或 YUSUAN_TOKEN）' }, '只读模式'));
    return;
  }
  const input = el('input', {
    type: 'password',
    id: 'token',
    placeholder: '写入令牌',
    autocomplete: 'off',
    value: state.token,
  });
  const status = el('span', { class: state.token ? 'badge badge-ok' : 'badge badge-warn' }, state.token ? '可写入' : '未输入令牌');
  input.addEventListener('change', () => {
    state.setToken(input.value.trim());
    status.textContent = state.token ? '可写入' : '未输入令牌';
    status.className = state.token ? 'badge badge-ok' : 'badge badge-warn';
    toast(state.token ? '令牌已保存在本浏览器中。' : '令牌已清除。');
  });
  box.append(el('label', { for: 'token', class: 'auth-label' }, '令牌'), input, status);
}

function renderBanner() {
  const b = document.getElementById('banner');
  if (state.status && state.status.read_only) {
    b.hidden = false;
    b.textContent = '只读模式：服务器启动时没有配置写入令牌，可以浏览与导出，但不能上传、审核或删除。启动时加 --token 或设置 YUSUAN_TOKEN 即可写入。';
  } else if (state.statusError) {
    b.hidden = false;
    b.className = 'banner banner-error';
    b.textContent = `无法连接服务器：${state.statusError}`;
  } else {
    b.hidden = true;
  }
}

async function route() {
  const hash = location.hash || '#/upload';
  const [path, query = ''] = hash.split('?');
  const [, page, arg] = path.split('/');
  for (const a of document.querySelectorAll('[data-nav]')) {
    a.classList.toggle('active', a.dataset.nav === page || (page === 'doc' && a.dataset.nav === 'library'));
  }
  app.replaceChildren();
  app.className = `page page-${page}`;
  try {
    if (page === 'library') await renderLibrary(app, new URLSearchParams(query));
    else if (page === 'doc') await renderDocument(app, Number.parseInt(arg, 10));
    else if (page === 'analysis') await renderAnalysis(app);
    else await renderUpload(app);
  } catch (e) {
    app.replaceChildren(el('div', { class: 'empty error' }, el('h2', {}, '页面无法显示'), el('p', {}, e.message || String(e))));
  }
}

window.addEventListener('hashchange', route);
loadStatus().then(() => {
  renderAuth();
  renderBanner();
  route();
});

export { api, esc };
