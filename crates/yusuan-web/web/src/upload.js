// 上传: drop many files; each goes in its own request so it has its own progress and result.
import { state, el, humanSize, counts, docTitle, toast } from './common.js';

const MAX_BATCH = 100;
const PARALLEL = 2;

export async function renderUpload(app) {
  const st = state.status || { max_file_bytes: 64 << 20, read_only: true };
  const readOnly = st.read_only;
  const input = el('input', { type: 'file', multiple: true, id: 'file-input', class: 'visually-hidden' });
  const zone = el(
    'label',
    { class: `dropzone${readOnly ? ' disabled' : ''}`, for: 'file-input', id: 'dropzone' },
    el('div', { class: 'dz-icon' }, '⇪'),
    el('div', { class: 'dz-main' }, readOnly ? '只读模式下不能上传' : '将预算、决算文件拖放到这里，或点击选择文件'),
    el(
      'div',
      { class: 'dz-hint' },
      `文件类型按内容识别，不看扩展名 · 每个文件不超过 ${humanSize(st.max_file_bytes)} · 每批最多 ${MAX_BATCH} 个文件`,
    ),
  );
  if (readOnly) input.disabled = true;
  const notice = el('div', { class: 'notice', hidden: true });
  const tbody = el('tbody');
  const table = el(
    'table',
    { class: 'grid uploads', hidden: true },
    el('thead', {}, el('tr', {}, el('th', {}, '文件'), el('th', { class: 'num' }, '大小'), el('th', { class: 'col-progress' }, '进度'), el('th', {}, '结果'))),
    tbody,
  );
  const summary = el('div', { class: 'upload-summary' });
  app.append(
    el('div', { class: 'page-head' }, el('h1', {}, '上传文档'), el('p', { class: 'sub' }, '每个文件上传后立即识别表格并按规则审核，完成一个显示一个。')),
    zone,
    input,
    notice,
    summary,
    table,
  );

  const queue = [];
  let active = 0;
  let done = 0;
  let failed = 0;
  let total = 0;

  function updateSummary() {
    summary.textContent = total ? `共 ${total} 个文件：已完成 ${done}，失败 ${failed}，进行中 ${total - done - failed}` : '';
  }

  function addFiles(files) {
    if (readOnly) {
      toast('只读模式：服务器没有配置写入令牌，不能上传。', 'error');
      return;
    }
    let list = Array.from(files);
    notice.hidden = true;
    if (list.length > MAX_BATCH) {
      notice.hidden = false;
      notice.className = 'notice notice-warn';
      notice.textContent = `一次最多上传 ${MAX_BATCH} 个文件：已选择 ${list.length} 个，只上传前 ${MAX_BATCH} 个，其余 ${list.length - MAX_BATCH} 个请分批上传。`;
      list = list.slice(0, MAX_BATCH);
    }
    table.hidden = false;
    for (const f of list) {
      total += 1;
      const bar = el('progress', { max: 100, value: 0 });
      const pct = el('span', { class: 'pct' }, '等待');
      const result = el('td', { class: 'result' }, el('span', { class: 'status status-wait' }, '排队中'));
      const row = el('tr', {}, el('td', { class: 'fname' }, f.name), el('td', { class: 'num' }, humanSize(f.size)), el('td', { class: 'col-progress' }, bar, pct), result);
      tbody.append(row);
      if (f.size > st.max_file_bytes) {
        failed += 1;
        bar.value = 0;
        pct.textContent = '—';
        row.classList.add('row-failed');
        result.replaceChildren(el('span', { class: 'status status-fail' }, '失败'), el('span', { class: 'err' }, `文件过大（${humanSize(f.size)}），上限为 ${humanSize(st.max_file_bytes)}。`));
        continue;
      }
      if (f.size === 0) {
        failed += 1;
        pct.textContent = '—';
        row.classList.add('row-failed');
        result.replaceChildren(el('span', { class: 'status status-fail' }, '失败'), el('span', { class: 'err' }, '文件是空的。'));
        continue;
      }
      queue.push({ f, bar, pct, result, row });
    }
    updateSummary();
    pump();
  }

  function pump() {
    while (active < PARALLEL && queue.length) {
      active += 1;
      send(queue.shift()).finally(() => {
        active -= 1;
        updateSummary();
        pump();
      });
    }
  }

  function send({ f, bar, pct, result, row }) {
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      const form = new FormData();
      form.append('file', f, f.name);
      xhr.open('POST', '/api/documents');
      xhr.setRequestHeader('X-Yusuan-Token', state.token);
      xhr.setRequestHeader('Accept', 'application/json');
      result.replaceChildren(el('span', { class: 'status status-busy' }, '上传中'));
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) {
          const p = Math.round((e.loaded / e.total) * 100);
          bar.value = p;
          pct.textContent = `${p}%`;
        }
      };
      xhr.upload.onload = () => {
        bar.value = 100;
        pct.textContent = '100%';
        result.replaceChildren(el('span', { class: 'status status-busy' }, '识别与审核中…'));
      };
      const fail = (msg) => {
        failed += 1;
        row.classList.add('row-failed');
        result.replaceChildren(el('span', { class: 'status status-fail' }, '失败'), el('span', { class: 'err' }, msg));
        resolve();
      };
      xhr.onerror = () => fail('网络错误：上传中断。');
      xhr.onload = () => {
        let data = null;
        try {
          data = JSON.parse(xhr.responseText);
        } catch {
          /* not JSON */
        }
        if (xhr.status !== 200) return fail((data && data.error) || `服务器返回 ${xhr.status}`);
        const r = data && data[0];
        if (!r) return fail('服务器没有返回结果。');
        if (!r.ok) return fail(r.error);
        done += 1;
        row.classList.add('row-ok');
        const d = r.document;
        const word = { inserted: '已入库', replaced: '已更新', unchanged: '已在文库中' }[r.outcome] || '完成';
        result.replaceChildren(
          el('span', { class: 'status status-ok' }, word),
          d ? el('a', { href: `#/doc/${d.id}`, class: 'doc-link' }, docTitle(d)) : '',
          d ? counts(d) : '',
        );
        resolve();
      };
      xhr.send(form);
    });
  }

  input.addEventListener('change', () => {
    addFiles(input.files);
    input.value = '';
  });
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    addFiles(e.dataTransfer.files);
  });
}
