// flow.js - the office/unit workflow through the real web UI in headless chromium (playwright-core).
// usage: node flow.js URL SAMPLE_FILE SCREENSHOT_DIR [SCAN_FILE]   (accounts office1 / unit1 made by browser.sh)
// SCAN_FILE: a scanned page (OCR) whose preview must mark the values recognised with low confidence
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [url, sample, shots, scan] = process.argv.slice(2);
const PW = { office1: 'office-pass-1', unit1: 'unit-pass-1', admin1: 'admin-pass-1' };
let failed = 0;
let step = 0;

function check(cond, what) {
  if (cond) console.log(`ok: ${what}`);
  else { console.log(`FAIL: ${what}`); failed++; }
}

async function shot(page, name) {
  step++;
  await page.screenshot({ path: path.join(shots, `${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
}

async function login(page, user) {
  await page.goto(url + '#/login');
  await page.waitForSelector('#username');
  await page.fill('#username', user);
  await page.fill('#password', PW[user]);
  await page.keyboard.press('Enter'); // the form works from the keyboard
  await page.waitForSelector('#logout');
  // wait for the landing page, so a later navigation cannot race with it
  await page.waitForSelector(user === 'unit1' ? '#unit-tasks, main .ok' : '#status-cards');
}

// Go to a view of the single-page app and wait for one of its elements.
async function nav(page, hash, selector) {
  await page.evaluate((hh) => { location.hash = hh; }, hash);
  await page.waitForSelector(selector);
}

async function logout(page) {
  await page.click('#logout');
  await page.waitForSelector('#username');
}

async function counts(page) {
  await nav(page, '#/tasks', '#f-q'); // leave the dashboard so coming back redraws it
  await nav(page, '#/', '#status-cards');
  return page.$$eval('#status-cards .card', (cs) => Object.fromEntries(cs.map((c) => [c.dataset.status, Number(c.querySelector('.n').textContent)])));
}

const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-chromium-'));
// a fresh profile each run (playwright passes it to chromium as --user-data-dir)
const context = await chromium.launchPersistentContext(userDir, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
  viewport: { width: 1366, height: 768 },
  locale: 'vi-VN',
});
const page = context.pages()[0] || await context.newPage();
page.setDefaultTimeout(20000);
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
page.on('console', (m) => { if (m.type() === 'error' && !/401|403|Failed to load resource/.test(m.text())) errors.push(m.text()); });

try {
  // ---- login page and a wrong password
  await page.goto(url);
  await page.waitForSelector('#username');
  await shot(page, 'login');
  await page.fill('#username', 'office1');
  await page.fill('#password', 'wrong-password');
  await page.click('#login-submit');
  await page.waitForSelector('#login-error .error');
  check((await page.textContent('#login-error')).includes('Sai tên đăng nhập'), 'a wrong password shows a Vietnamese error');

  // ---- office: dashboard, upload, correct, save, assign two tasks
  await login(page, 'office1');
  const before = await counts(page);
  await shot(page, 'dashboard-before');
  check(Object.keys(before).length === 7, 'dashboard shows the 7 official statuses');

  await page.click('nav a[href="#/documents"]');
  await page.waitForSelector('#upload-file');
  if (scan) {
    // a scan: the preview says it was OCR'd and marks the values the office must check
    await page.setInputFiles('#upload-file', scan);
    await page.click('#upload-submit');
    await page.waitForSelector('#preview-tasks', { timeout: 180000 });
    const note = (await page.textContent('#pv-ocr')) || '';
    check(/độ tin cậy trung bình \d+%/.test(note), `the preview of a scan gives the mean OCR confidence (${note.slice(0, 90)})`);
    const marks = await page.$$eval('#preview .ocr-low[data-field]', (ms) => ms.map((m) => ({ f: m.dataset.field, title: m.title, text: m.textContent })));
    check(marks.length >= 1 && marks.every((m) => m.title.startsWith('Độ tin cậy nhận dạng thấp — cần kiểm tra lại') && /\d+%/.test(m.text)),
      `low-confidence values are marked with a Vietnamese title (${marks.map((m) => `${m.f} ${m.text}`).join(', ')})`);
    const boxes = await page.$$eval('#preview .low-conf', (es) => es.length);
    check(boxes >= 1, `the inputs holding those values are highlighted (${boxes})`);
    // the sample's number is faded on purpose (scripts/make-weak-scan)
    check(marks.some((m) => m.f === 'number') && await page.$eval('#pv-number', (e) => e.classList.contains('low-conf')),
      'the faded document number is marked for checking');
    await shot(page, 'upload-preview-scan');
    await page.click('#preview-cancel');
    await page.waitForFunction(() => !document.querySelector('#preview-tasks'));
  }
  await page.setInputFiles('#upload-file', sample);
  await page.click('#upload-submit');
  await page.waitForSelector('#preview-tasks');
  const ntasks = await page.$$eval('#preview-tasks tbody tr', (r) => r.length);
  check(ntasks >= 2, `the preview lists the extracted tasks (${ntasks})`);
  const number = await page.inputValue('#pv-number');
  await page.fill('#pv-number', number + '-ĐC');
  await shot(page, 'upload-preview');
  await page.click('#preview-save');
  await page.waitForSelector('#task-table');
  await shot(page, 'tasks-of-document');
  const docRows = await page.$$eval('#task-table tbody tr', (r) => r.length);
  check(docRows === ntasks, `the saved document has its ${ntasks} tasks`);

  // assign the first two tasks to Sở Tài chính
  const boxes = await page.$$('#task-table tbody input[type=checkbox]');
  await boxes[0].check();
  await boxes[1].check();
  const unitId = await page.$eval('#bulk-unit', (s) => [...s.options].find((o) => o.textContent === 'Sở Tài chính').value);
  await page.selectOption('#bulk-unit', unitId);
  await page.click('#bulk-assign');
  await page.waitForFunction(() => [...document.querySelectorAll('#task-table tbody tr')]
    .filter((r) => r.textContent.includes('Sở Tài chính')).length >= 2);
  const ids = await page.$$eval('#task-table tbody tr', (rs) => rs.filter((r) => r.children[3].textContent === 'Sở Tài chính').map((r) => Number(r.dataset.task)));
  check(ids.length >= 2, 'two tasks are now led by Sở Tài chính');
  await shot(page, 'tasks-assigned');

  await page.click('nav a[href="#/documents"]');
  await page.waitForSelector('#doc-table');
  check((await page.textContent('#doc-table')).includes(number + '-ĐC'), 'the corrected document number was saved');
  await shot(page, 'documents');
  await logout(page);

  // ---- unit: its page, report progress on both, propose the first done
  await login(page, 'unit1');
  await page.waitForSelector('#unit-tasks');
  await shot(page, 'unit-page');
  const unitRows = await page.$$eval('#unit-tasks tbody tr', (rs) => rs.map((r) => Number(r.dataset.task)));
  check(ids.every((i) => unitRows.includes(i)), 'the unit sees both assigned tasks on its page');
  // progress on the second task from the unit page (inline form)
  const row2 = page.locator(`#unit-tasks tr[data-task="${ids[1]}"]`);
  await row2.locator('summary').click();
  await row2.locator('.q-percent').fill('40');
  await row2.locator('.q-note').fill('Đã họp triển khai, đang hoàn thiện dự thảo');
  await row2.locator('.q-send').click();
  await page.waitForSelector(`#unit-tasks tr[data-task="${ids[1]}"] td:nth-child(4):text("40%")`);
  // ... and ask for more time on it (the page was redrawn: open the row's forms again)
  await row2.locator('summary').click();
  await row2.locator('.q-date').fill('2021-04-15');
  await row2.locator('.q-reason').fill('Chờ ý kiến của Sở Kế hoạch và Đầu tư');
  await row2.locator('.q-ext').click();
  await page.waitForSelector('#toast .t:text("gia hạn")');
  // the first task through its detail page
  await nav(page, `#/tasks/${ids[0]}`, '#pg-percent');
  await page.fill('#pg-percent', '100');
  await page.fill('#pg-note', 'Đã tổ chức hội nghị, gửi báo cáo kết quả');
  await page.click('#pg-submit');
  await page.waitForSelector('#progress-list li');
  await page.click('#act-propose');
  await page.waitForFunction(() => !document.querySelector('#act-propose'));
  await shot(page, 'unit-task-proposed');
  check((await page.textContent('#task-percent')).startsWith('100%'), 'the unit reported 100% progress');
  await nav(page, '#/tasks', '#task-table');
  check(!(await page.$('#bulk-assign')), 'a unit has no assign form');
  await logout(page);

  // ---- office confirms; the dashboard changes
  await login(page, 'office1');
  check((await page.textContent('#pending-extensions')).includes('15/04/2021'), 'the office sees the pending extension');
  await nav(page, `#/tasks/${ids[1]}`, 'button:text("Duyệt")');
  await page.click('button:text("Duyệt")');
  await page.waitForFunction(() => document.querySelector('#main .kv')?.textContent.includes('15/04/2021'));
  check(true, 'approving the extension moves the deadline to 15/04/2021');
  await shot(page, 'extension-approved');
  await nav(page, `#/tasks/${ids[0]}`, '#act-confirm');
  await page.click('#act-confirm');
  await page.waitForFunction(() => document.querySelector('h1 .badge.s-done_on_time'));
  await shot(page, 'task-confirmed');
  const after = await counts(page);
  await shot(page, 'dashboard-after');
  const total = (c) => Object.values(c).reduce((a, b) => a + b, 0);
  check(total(after) === total(before) + ntasks, `the dashboard counts the ${ntasks} new tasks`);
  check(after.done_on_time === before.done_on_time + 1, 'one more task done on time');
  check(after.in_progress >= before.in_progress + 1, 'the task with progress is in progress');
  check((await page.textContent('#unit-table')).includes('Sở Tài chính'), 'the per-unit table lists Sở Tài chính');

  // the monthly report from the dashboard: the month defaults to the dashboard's, DOCX downloads
  check(await page.inputValue('#report-month') === '2021-03', 'the report form defaults to the dashboard month (03/2021)');
  const docxHref = await page.getAttribute('#report-docx', 'href');
  check(docxHref === '/api/v1/reports/monthly?month=2021-03&format=docx', `the DOCX link points at the report endpoint (${docxHref})`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#report-docx')]);
  check(download.suggestedFilename() === 'bao-cao-thang-2021-03.docx', `the report downloads as ${download.suggestedFilename()}`);
  const head = fs.readFileSync(await download.path()).subarray(0, 2).toString('latin1');
  check(head === 'PK', 'the downloaded report is a DOCX (zip)');
  await page.fill('#report-month', '2021-02');
  check(await page.getAttribute('#report-html', 'href') === '/api/v1/reports/monthly?month=2021-02&format=html',
    'changing the month updates the HTML link');
  await shot(page, 'dashboard-report');

  // search without diacritics
  await nav(page, '#/tasks', '#f-q');
  await page.fill('#f-q', 'hoi nghi hoc tap');
  await page.click('#f-apply');
  await page.waitForFunction(() => document.querySelector('#task-results')?.textContent.includes('hội nghị học tập'));
  check(true, 'searching without diacritics finds the task');
  await shot(page, 'tasks-search');
  await logout(page);

  // ---- admin page
  await login(page, 'admin1');
  await page.click('nav a[href="#/admin"]');
  await page.waitForSelector('#user-table');
  check((await page.textContent('#user-table')).includes('unit1'), 'the admin page lists the accounts');
  await shot(page, 'admin');
  await logout(page);
} catch (e) {
  console.log(`FAIL: ${e.message.split('\n')[0]} (at ${page.url()})`);
  failed++;
  try { await shot(page, 'failure'); } catch (_) { /* ignore */ }
}
check(errors.length === 0, `no JavaScript errors in the page${errors.length ? ': ' + errors.join(' | ') : ''}`);
await context.close();
fs.rmSync(userDir, { recursive: true, force: true });
console.log(failed ? `${failed} browser checks failed` : 'browser flow: all passed');
process.exit(failed ? 1 : 0);
