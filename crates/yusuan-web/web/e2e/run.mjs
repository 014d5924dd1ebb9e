// End-to-end test of the web app in headless Chromium (Debian's /usr/bin/chromium via
// playwright-core). Started by scripts/e2e.sh with a running `yusuan serve`:
//   BASE_URL=http://127.0.0.1:PORT TOKEN=… ARTIFACTS=dir FILES="a.txt b.txt" [READONLY_URL=…] node e2e/run.mjs
// Every step asserts what a reviewer would see; screenshots and downloads go to ARTIFACTS.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, basename } from 'node:path';
import assert from 'node:assert/strict';

const BASE = process.env.BASE_URL;
const TOKEN = process.env.TOKEN;
const OUT = process.env.ARTIFACTS || 'e2e-artifacts';
const FILES = (process.env.FILES || '').split(/\s+/).filter(Boolean);
const BAD = process.env.BAD_FILE;
const READONLY = process.env.READONLY_URL;
// A library whose stored department and row names are markup (see scripts/e2e.sh).
const HOSTILE = process.env.HOSTILE_URL;
const HOSTILE_DEPT = process.env.HOSTILE_DEPT;
const HOSTILE_ROW = process.env.HOSTILE_ROW;
assert.ok(BASE && TOKEN && FILES.length, 'BASE_URL, TOKEN and FILES are required');
mkdirSync(OUT, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let passed = 0;
let failed = 0;
const problems = [];

async function step(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    passed += 1;
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    failed += 1;
    console.log(`FAIL ${name}: ${e.stack || e}`);
  }
}

const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true, locale: 'zh-CN' });
const page = await context.newPage();
// Any script error or CSP violation fails the run.
page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
page.on('console', (m) => {
  if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
});
// Nothing may be fetched from outside the app (fully offline).
page.on('request', (r) => {
  if (!r.url().startsWith(BASE) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) problems.push(`external request: ${r.url()}`);
});
const shot = (name) => page.screenshot({ path: join(OUT, name), fullPage: false });

await step('empty library shows an empty state', async () => {
  await page.goto(`${BASE}/#/library`);
  await page.getByText('文库还是空的').waitFor();
  await shot('01-library-empty.png');
});

await step('upload corpus files: per-file progress and results, a bad file is refused by content', async () => {
  await page.goto(`${BASE}/#/upload`);
  await page.locator('#dropzone').waitFor();
  await page.fill('#token', TOKEN);
  await page.locator('#token').dispatchEvent('change');
  await shot('02-upload-empty.png');
  const all = BAD ? [...FILES, BAD] : FILES;
  await page.setInputFiles('#file-input', all);
  await page.waitForFunction((n) => document.querySelectorAll('.uploads .status-ok, .uploads .status-fail').length === n, all.length, { timeout: 180000 });
  const ok = await page.locator('.uploads .status-ok').count();
  assert.equal(ok, FILES.length, 'every corpus file is stored');
  for (const f of FILES) await page.locator('.uploads td.fname', { hasText: basename(f) }).first().waitFor();
  if (BAD) {
    const bad = page.locator('tr.row-failed', { hasText: basename(BAD) });
    await bad.waitFor();
    assert.match(await bad.innerText(), /不是可识别的文档/);
  }
  // every finished row shows its counts and a link to the review page
  assert.equal(await page.locator('.uploads a.doc-link').count(), FILES.length);
  const bars = await page.locator('.uploads progress').evaluateAll((ps) => ps.map((p) => p.value));
  assert.ok(bars.filter((v) => v === 100).length >= FILES.length, 'progress reached 100% for every stored file');
  await shot('03-upload-done.png');
});

let docId;
await step('library: departments × years × kinds, filter by rule', async () => {
  await page.goto(`${BASE}/#/library`);
  await page.locator('#matrix').waitFor();
  const rows = await page.locator('#documents tbody tr').count();
  assert.equal(rows, FILES.length);
  await shot('04-library.png');
  // the document with the most errors
  const docs = await (await page.request.get(`${BASE}/api/documents`)).json();
  docs.sort((a, b) => b.errors - a.errors || b.warnings - a.warnings);
  docId = docs[0].id;
  assert.ok(docs[0].errors + docs[0].warnings > 0, 'some corpus document has findings');
  const findings = await (await page.request.get(`${BASE}/api/findings?document_id=${docId}`)).json();
  const rule = findings[0].finding.rule;
  await page.selectOption('#rule', rule);
  await page.waitForFunction((r) => location.hash.includes(`rule=${r}`), rule);
  await page.locator('#documents').waitFor();
  const filtered = await page.locator('#documents tbody tr').count();
  assert.ok(filtered >= 1 && filtered <= rows);
  await shot('05-library-filtered.png');
});

await step('document review: findings by severity, a click highlights cells and source lines', async () => {
  await page.goto(`${BASE}/#/doc/${docId}`);
  await page.locator('#findings .finding').first().waitFor();
  assert.ok((await page.locator('#tables table.model-table').count()) > 0, 'tables are rendered as tables');
  await shot('06-document.png');
  await page.locator('#findings .finding').first().click();
  await page.locator('#source .line.hl').first().waitFor();
  const hlCells = await page.locator('#tables td.hl, #tables tr.hl-row').count();
  assert.ok(hlCells > 0, 'cells of the finding are highlighted');
  assert.ok(await page.locator('#source .line.hl-main').first().isVisible(), 'the source line is scrolled into view');
  await shot('07-finding-highlighted.png');
});

await step('dismiss a finding with a comment; it is stored', async () => {
  const first = page.locator('#findings .finding').first();
  const fid = Number(await first.getAttribute('data-id'));
  await page.fill('#review-comment', '与部门核实：印刷时截断，非实质错误。');
  await page.click('#finding-detail button[data-action="dismissed"]');
  await page.locator('#finding-detail .rb-dismissed').waitFor();
  const stored = await (await page.request.get(`${BASE}/api/findings?document_id=${docId}`)).json();
  const f = stored.find((x) => x.id === fid);
  assert.equal(f.review.status, 'dismissed');
  assert.equal(f.review.comment, '与部门核实：印刷时截断，非实质错误。');
  await page.reload();
  await page.locator(`#findings .finding[data-id="${fid}"] .rb-dismissed`).waitFor();
  await page.locator(`#findings .finding[data-id="${fid}"]`).click();
  await shot('08-finding-dismissed.png');
});

await step('export findings as XLSX, CSV, PDF (printed on the server) and a printable page', async () => {
  for (const [id, check] of [
    ['#export-pdf', (b) => assert.equal(b.subarray(0, 5).toString(), '%PDF-')],
    ['#export-xlsx', (b) => assert.equal(b.subarray(0, 2).toString(), 'PK')],
    ['#export-csv', (b) => {
      assert.deepEqual([...b.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const text = b.toString('utf8');
      assert.match(text, /严重程度/);
      assert.match(text, /已驳回/);
    }],
  ]) {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click(id)]);
    const path = join(OUT, dl.suggestedFilename());
    await dl.saveAs(path);
    check(readFileSync(path));
  }
  const print = await context.newPage();
  await print.goto(`${BASE}/api/documents/${docId}/export?format=html`);
  await print.locator('table').waitFor();
  assert.match(await print.locator('body').innerText(), /审核发现/);
  await print.screenshot({ path: join(OUT, '09-export-print.png') });
  await print.close();
});

await step('analysis: charts drawn, indicators searchable', async () => {
  await page.goto(`${BASE}/#/analysis`);
  await page.locator('#chart-basic-project canvas, #chart-structure canvas').first().waitFor();
  const canvases = await page.locator('.chart canvas').count();
  assert.ok(canvases >= 2, `charts are drawn (${canvases})`);
  await page.locator('#indicator-results').waitFor();
  await shot('10-analysis.png');
  await page.fill('#indicator-q', '满意度');
  await page.click('#indicator-form button[type="submit"]');
  await page.waitForFunction(() => document.querySelector('#indicator-results')?.innerText.includes('满意度'));
  await page.locator('#indicator-form').evaluate((e) => e.scrollIntoView({ block: 'start' }));
  await shot('11-indicators.png');
});

if (READONLY) {
  await step('read-only server: says so, refuses writes', async () => {
    const ro = await context.newPage();
    await ro.goto(`${READONLY}/#/upload`);
    await ro.locator('.badge-ro').waitFor();
    await ro.getByText('只读模式下不能上传').waitFor();
    const res = await ro.request.post(`${READONLY}/api/documents`, { multipart: { file: { name: 'a.txt', mimeType: 'text/plain', buffer: Buffer.from('x') } } });
    assert.equal(res.status(), 403);
    await ro.screenshot({ path: join(OUT, '12-read-only.png') });
    await ro.close();
  });
}

if (HOSTILE) {
  await step('hostile names in charts: tooltips show them as text, inject no element', async () => {
    const hp = await context.newPage();
    hp.on('pageerror', (e) => problems.push(`page error (hostile): ${e.message}`));
    hp.on('dialog', (d) => {
      problems.push(`dialog opened by injected markup: ${d.message()}`);
      d.dismiss();
    });
    await hp.goto(`${HOSTILE}/#/analysis`);
    // Hovers points of `chart` until its tooltip shows `expected`; returns the tooltip's DOM facts.
    async function hoverUntil(chart, points, expected) {
      const canvas = hp.locator(`${chart} canvas`).first();
      await canvas.waitFor();
      const box = await canvas.boundingBox();
      for (const [x, y] of points(box)) {
        await hp.mouse.move(box.x + x, box.y + y);
        await hp.waitForTimeout(150);
        const tip = await hp.evaluate(({ chart, expected }) => {
          const root = document.querySelector(chart);
          const tips = [...root.querySelectorAll('div')].filter((d) => !d.querySelector('canvas') && d.textContent.includes(expected) && d.offsetParent !== null);
          const t = tips[tips.length - 1];
          if (!t) return null;
          return {
            text: t.textContent,
            injected: [...t.querySelectorAll('img, b, i, script, iframe, a')].map((e) => e.outerHTML),
          };
        }, { chart, expected });
        if (tip) return tip;
      }
      return null;
    }
    // The structure pie: a ring centred at 35% × 50%; try points around it.
    const ring = (box) => {
      const r = 0.27 * Math.min(box.width, box.height);
      const pts = [];
      for (let a = 0; a < 360; a += 10) pts.push([0.35 * box.width + r * Math.cos((a * Math.PI) / 180), 0.5 * box.height + r * Math.sin((a * Math.PI) / 180)]);
      return pts;
    };
    const pieTip = await hoverUntil('#chart-structure', ring, '221');
    assert.ok(pieTip, 'a pie tooltip for the 221 slice');
    assert.deepEqual(pieTip.injected, [], 'no element injected into the pie tooltip');
    assert.ok(pieTip.text.includes(HOSTILE_ROW), `the row name shown literally: ${pieTip.text}`);
    // Departments compared: one bar; its tooltip names the department.
    const bars = (box) => {
      const pts = [];
      for (let x = 0.3; x < 0.95; x += 0.1) for (const y of [0.5, 0.4, 0.6, 0.3, 0.7]) pts.push([box.width * x, box.height * y]);
      return pts;
    };
    await hp.locator('#chart-departments').scrollIntoViewIfNeeded();
    const barTip = await hoverUntil('#chart-departments', bars, '万元');
    assert.ok(barTip, 'a department chart tooltip');
    assert.deepEqual(barTip.injected, [], 'no element injected into the department tooltip');
    assert.ok(barTip.text.includes(HOSTILE_DEPT), `the department shown literally: ${barTip.text}`);
    // Nowhere on the page did the markup become elements.
    const anywhere = await hp.evaluate(() => [...document.querySelectorAll('[onerror], img[src="x"], img[src="y"]')].map((e) => e.outerHTML));
    assert.deepEqual(anywhere, [], 'no injected element anywhere on the page');
    await hp.screenshot({ path: join(OUT, '13-hostile-names.png') });
    await hp.close();
  });
}

await step('no script errors, CSP violations or external requests', async () => {
  assert.deepEqual(problems, []);
});

await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
