// unit.js - a unit's own page: its tasks by urgency, with report progress / propose done / ask for an extension

import { api, errorText } from '../api.js';
import { h, put, badge, vnDate, toast } from '../ui.js';

const OPEN = ['overdue', 'not_started', 'in_progress', 'recurring'];

function quickForms(t, reload) {
  const pctIn = h('input', { type: 'number', min: 0, max: 100, step: 5, value: t.percent, 'aria-label': 'Phần trăm', class: 'q-percent' });
  const note = h('input', { 'aria-label': 'Nội dung báo cáo', placeholder: 'Nội dung báo cáo', size: 40, class: 'q-note', required: true });
  const send = h('button', { class: 'primary q-send', type: 'submit' }, 'Gửi báo cáo');
  const propose = h('button', { type: 'button', class: 'q-propose', disabled: t.state !== 'open' }, t.state === 'proposed' ? 'Đã đề xuất hoàn thành' : 'Đề xuất hoàn thành');
  const nd = h('input', { type: 'date', 'aria-label': 'Hạn mới', class: 'q-date', required: true });
  const why = h('input', { 'aria-label': 'Lý do gia hạn', placeholder: 'Lý do', class: 'q-reason', required: true });
  const ext = h('button', { type: 'submit', class: 'q-ext' }, 'Xin gia hạn');
  async function run(btn, fn, msg) {
    btn.disabled = true;
    try { await fn(); toast(msg); await reload(); } catch (e) { toast(errorText(e), true); btn.disabled = false; }
  }
  propose.addEventListener('click', () => run(propose, () => api('POST', `/tasks/${t.id}/done`, { body: { action: 'propose' } }), 'Đã đề xuất hoàn thành.'));
  return h('div', { class: 'form stack' },
    h('form', { class: 'form', onsubmit: (e) => { e.preventDefault(); run(send, () => api('POST', `/tasks/${t.id}/progress`, { body: { percent: Number(pctIn.value), note: note.value.trim() } }), 'Đã gửi báo cáo tiến độ.'); } },
      h('label', {}, 'Tiến độ (%)', pctIn), h('label', {}, 'Báo cáo', note), send, propose),
    h('form', { class: 'form', onsubmit: (e) => { e.preventDefault(); run(ext, () => api('POST', `/tasks/${t.id}/extensions`, { body: { new_due: nd.value, reason: why.value.trim() } }), 'Đã gửi đề nghị gia hạn.'); } },
      h('label', {}, 'Hạn mới', nd), h('label', {}, 'Lý do', why), ext));
}

export async function render(main, ctx) {
  const reload = () => ctx.refresh();
  const [st, list] = await Promise.all([api('GET', '/stats'), api('GET', '/tasks', { query: { limit: 200 } })]);
  const open = list.items.filter((t) => OPEN.includes(t.status))
    .sort((a, b) => OPEN.indexOf(a.status) - OPEN.indexOf(b.status) || String(a.due || '9').localeCompare(String(b.due || '9')));
  const closed = list.items.filter((t) => !OPEN.includes(t.status));
  const rows = open.map((t) => h('tr', { 'data-task': t.id },
    h('td', {},
      h('a', { href: `#/tasks/${t.id}`, class: 'clip text' }, t.text),
      h('div', { class: 'muted' }, `${t.doc_number || ''} · mục ${t.ref || ''} · ${(t.units.find((u) => u.id === ctx.me.unit_id) || {}).role === 'support' ? 'phối hợp' : 'chủ trì'}`),
      h('details', {}, h('summary', {}, 'Báo cáo, đề xuất hoàn thành, xin gia hạn'), quickForms(t, reload))),
    h('td', { class: 'num' }, t.due ? vnDate(t.due) : (t.due_kind === 'recurring' ? 'thường xuyên' : '–')),
    h('td', {}, badge(t.status, t.status_name), t.state === 'proposed' ? h('div', { class: 'muted' }, 'chờ xác nhận') : null),
    h('td', { class: 'num' }, `${t.percent}%`)));

  put(main,
    h('h1', {}, ctx.me.unit_name || 'Đơn vị của tôi'),
    h('div', { class: 'cards' }, st.counts.map((c) => h('div', { class: `card c-${c.status}` }, h('div', { class: 'n' }, String(c.count)), h('div', { class: 'l' }, c.name)))),
    h('h2', {}, `Nhiệm vụ đang thực hiện (${open.length})`),
    open.length ? h('table', { id: 'unit-tasks' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Nhiệm vụ'), h('th', { class: 'num' }, 'Hạn'), h('th', {}, 'Tình trạng'), h('th', { class: 'num' }, 'Tiến độ'))),
      h('tbody', {}, rows)) : h('p', { class: 'ok' }, 'Không có nhiệm vụ nào đang thực hiện.'),
    h('h2', {}, `Đã xong hoặc dừng (${closed.length})`),
    closed.length ? h('ul', {}, closed.map((t) => h('li', {}, h('a', { href: `#/tasks/${t.id}` }, t.text.slice(0, 120)), ' ', badge(t.status, t.status_name)))) : h('p', { class: 'muted' }, 'Chưa có.'));
}
