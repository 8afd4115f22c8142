// task.js - one task: text, source, units, deadline history, progress timeline, reminders, and the role's actions

import { api, errorText } from '../api.js';
import { h, put, badge, vnDate, vnTime, toast, unitOptions } from '../ui.js';

const ACTION_NAMES = {
  import: 'Nhập văn bản', assign: 'Giao đơn vị', unassign: 'Bỏ giao', progress: 'Báo cáo tiến độ',
  state: 'Đổi trạng thái', due: 'Đổi hạn', extension: 'Gia hạn', update: 'Cập nhật', text: 'Sửa nội dung',
};
const EXT_STATES = { pending: 'Chờ duyệt', approved: 'Đã duyệt', refused: 'Không duyệt' };

// Run an action, tell the user, redraw the page.
async function act(btn, fn, okMsg, ctx) {
  btn.disabled = true;
  try {
    await fn();
    toast(okMsg);
    await ctx.refresh();
  } catch (e) {
    toast(errorText(e), true);
    btn.disabled = false;
  }
}

export async function render(main, ctx, { id }) {
  const t = await api('GET', `/tasks/${id}`);
  const staff = ['admin', 'office'].includes(ctx.me.role);
  const lead = t.units.filter((u) => u.role === 'lead');
  const sup = t.units.filter((u) => u.role === 'support');
  const has = (a) => t.actions.includes(a);
  const forms = [];

  if (has('progress')) {
    const pctIn = h('input', { type: 'number', min: 0, max: 100, step: 5, value: t.percent, id: 'pg-percent', required: true });
    const note = h('textarea', { id: 'pg-note', required: true, placeholder: 'Kết quả đã làm, khó khăn, kiến nghị…' });
    const btn = h('button', { class: 'primary', type: 'submit', id: 'pg-submit' }, 'Gửi báo cáo');
    forms.push(h('form', { class: 'panel form stack', onsubmit: (e) => { e.preventDefault(); act(btn, () => api('POST', `/tasks/${id}/progress`, { body: { percent: Number(pctIn.value), note: note.value.trim() } }), 'Đã gửi báo cáo tiến độ.', ctx); } },
      h('h3', {}, 'Báo cáo tiến độ'), h('label', {}, 'Phần trăm hoàn thành', pctIn), h('label', {}, 'Nội dung báo cáo', note), btn));
  }
  if (has('propose') || has('confirm') || has('reject')) {
    const kids = [h('h3', {}, 'Hoàn thành')];
    if (t.state === 'proposed') kids.push(h('p', {}, `Đơn vị đã đề xuất hoàn thành ngày ${vnDate(t.proposed_date)}.`));
    if (has('propose')) {
      const b = h('button', { class: 'primary', type: 'button', id: 'act-propose' }, 'Đề xuất hoàn thành');
      b.addEventListener('click', () => act(b, () => api('POST', `/tasks/${id}/done`, { body: { action: 'propose' } }), 'Đã đề xuất hoàn thành; chờ Văn phòng xác nhận.', ctx));
      kids.push(b);
    }
    if (has('confirm')) {
      const b = h('button', { class: 'primary', type: 'button', id: 'act-confirm' }, 'Xác nhận hoàn thành');
      b.addEventListener('click', () => act(b, () => api('POST', `/tasks/${id}/done`, { body: { action: 'confirm' } }), 'Đã xác nhận hoàn thành.', ctx));
      kids.push(b);
    }
    if (has('reject')) {
      const b = h('button', { class: 'danger', type: 'button', id: 'act-reject' }, 'Trả lại (chưa hoàn thành)');
      b.addEventListener('click', () => act(b, () => api('POST', `/tasks/${id}/done`, { body: { action: 'reject' } }), 'Đã trả lại đề xuất.', ctx));
      kids.push(' ', b);
    }
    forms.push(h('div', { class: 'panel' }, kids));
  }
  if (has('extension')) {
    const nd = h('input', { type: 'date', id: 'ext-date', required: true });
    const reason = h('textarea', { id: 'ext-reason', required: true, placeholder: 'Lý do xin gia hạn' });
    const btn = h('button', { type: 'submit', id: 'ext-submit' }, staff ? 'Gia hạn' : 'Gửi đề nghị gia hạn');
    forms.push(h('form', { class: 'panel form stack', onsubmit: (e) => { e.preventDefault(); act(btn, () => api('POST', `/tasks/${id}/extensions`, { body: { new_due: nd.value, reason: reason.value.trim() } }), 'Đã gửi đề nghị gia hạn.', ctx); } },
      h('h3', {}, 'Xin gia hạn'), h('label', {}, 'Hạn mới', nd), h('label', {}, 'Lý do', reason), btn));
  }
  if (has('assign')) {
    const units = await ctx.unitsList();
    const l = h('select', { id: 'as-lead' }, unitOptions(units, lead[0] ? lead[0].id : '', '— chọn —'));
    const s = h('select', { id: 'as-support', multiple: true, size: 4 }, unitOptions(units, ''));
    const due = h('input', { type: 'date', id: 'as-due', value: t.due || '' });
    const btn = h('button', { type: 'submit', id: 'as-submit' }, 'Giao');
    forms.push(h('form', { class: 'panel form stack', onsubmit: (e) => {
      e.preventDefault();
      const body = {};
      if (l.value) body.lead = Number(l.value);
      const ss = [...s.selectedOptions].map((o) => Number(o.value)).filter((x) => x !== body.lead);
      if (ss.length) body.support = ss;
      if (due.value && due.value !== t.due) body.due = due.value;
      act(btn, () => api('POST', `/tasks/${id}/assign`, { body }), 'Đã giao nhiệm vụ.', ctx);
    } }, h('h3', {}, 'Giao đơn vị'), h('label', {}, 'Đơn vị chủ trì', l), h('label', {}, 'Đơn vị phối hợp (thêm)', s), h('label', {}, 'Hạn', due), btn));
  }
  if (has('cancel')) {
    const reason = h('input', { id: 'cancel-reason', required: true, placeholder: 'Lý do' });
    const btn = h('button', { class: 'danger', type: 'submit' }, 'Dừng thực hiện');
    forms.push(h('form', { class: 'panel form stack', onsubmit: (e) => { e.preventDefault(); act(btn, () => api('POST', `/tasks/${id}/cancel`, { body: { reason: reason.value.trim() } }), 'Đã dừng nhiệm vụ.', ctx); } },
      h('h3', {}, 'Dừng thực hiện'), h('label', {}, 'Lý do', reason), btn));
  }

  const extRows = t.extensions.map((e) => {
    const cells = [h('td', {}, vnDate(e.old_due)), h('td', {}, vnDate(e.new_due)), h('td', {}, e.reason || ''),
      h('td', {}, `${e.requested_by || ''} ${vnDate(e.requested_date)}`), h('td', {}, EXT_STATES[e.state] || e.state, e.decided_by ? ` (${e.decided_by})` : '')];
    if (staff && e.state === 'pending') {
      const ok = h('button', { type: 'button', class: 'primary' }, 'Duyệt');
      const no = h('button', { type: 'button', class: 'danger' }, 'Không duyệt');
      ok.addEventListener('click', () => act(ok, () => api('POST', `/extensions/${e.id}/decide`, { body: { approve: true } }), 'Đã duyệt gia hạn.', ctx));
      no.addEventListener('click', () => act(no, () => api('POST', `/extensions/${e.id}/decide`, { body: { approve: false } }), 'Đã từ chối gia hạn.', ctx));
      cells.push(h('td', {}, ok, ' ', no));
    } else cells.push(h('td', {}));
    return h('tr', {}, cells);
  });

  put(main,
    h('p', {}, h('a', { href: ctx.me.role === 'unit' ? '#/unit' : '#/tasks' }, '← Danh sách nhiệm vụ')),
    h('h1', {}, `Nhiệm vụ ${t.label || t.ref || ''} `, t.doc_number ? `- ${t.doc_number}` : '', ' ', badge(t.status, t.status_name)),
    h('div', { class: 'row' },
      h('div', { class: 'col' },
        h('p', { class: 'tasktext', id: 'task-text' }, t.text),
        h('dl', { class: 'kv panel' },
          h('dt', {}, 'Văn bản nguồn'), h('dd', {}, t.document ? [`${t.document.type_name || ''} ${t.document.number || ''} ngày ${vnDate(t.document.date)}`, h('div', { class: 'muted' }, t.document.subject || ''), h('div', { class: 'muted' }, `Tệp ${t.document.file_name || ''}${t.line ? `, dòng ${t.line}` : ''}`)] : '–'),
          h('dt', {}, 'Đơn vị chủ trì'), h('dd', { id: 'task-lead' }, lead.map((u) => u.name).join('; ') || h('span', { class: 'muted' }, 'chưa giao')),
          h('dt', {}, 'Đơn vị phối hợp'), h('dd', {}, sup.map((u) => u.name).join('; ') || '–'),
          t.unit_text ? [h('dt', {}, 'Đơn vị ghi trong văn bản'), h('dd', {}, t.unit_text)] : null,
          t.suggested_units ? [h('dt', {}, 'Gợi ý'), h('dd', {}, t.suggested_units)] : null,
          h('dt', {}, 'Hạn hiện tại'), h('dd', {}, t.due ? vnDate(t.due) : (t.due_kind === 'recurring' ? 'Thường xuyên' : 'Không có hạn'), t.days_late > 0 ? h('strong', { class: 'error-text' }, ` (trễ ${t.days_late} ngày)`) : ''),
          h('dt', {}, 'Hạn ban đầu'), h('dd', {}, `${vnDate(t.due_orig) || '–'}${t.due_text ? ` ("${t.due_text}")` : ''}`),
          h('dt', {}, 'Tiến độ'), h('dd', { id: 'task-percent' }, `${t.percent}% · ${t.progress_reports} báo cáo`),
          t.proposed_date ? [h('dt', {}, 'Đề xuất hoàn thành'), h('dd', {}, vnDate(t.proposed_date))] : null,
          t.done_date ? [h('dt', {}, 'Xác nhận hoàn thành'), h('dd', {}, vnDate(t.done_date))] : null,
          t.cancel_reason ? [h('dt', {}, 'Lý do dừng'), h('dd', {}, t.cancel_reason)] : null),
        h('h2', {}, 'Tiến độ thực hiện'),
        t.progress.length ? h('ol', { class: 'timeline', id: 'progress-list' }, t.progress.map((p) => h('li', {},
          h('div', { class: 'when' }, `${vnDate(p.date)} · ${p.unit || ''} · ${p.by || ''}`),
          h('div', {}, h('strong', {}, `${p.percent}%`), ' - ', p.note || ''),
          p.attachment ? h('div', { class: 'muted' }, `Tệp đính kèm: ${p.attachment}`) : null)))
          : h('p', { class: 'muted' }, 'Chưa có báo cáo tiến độ.'),
        h('h2', {}, 'Lịch sử hạn và gia hạn'),
        t.extensions.length ? h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Hạn cũ'), h('th', {}, 'Hạn mới'), h('th', {}, 'Lý do'), h('th', {}, 'Đề nghị'), h('th', {}, 'Kết quả'), h('th', {}, ''))), h('tbody', {}, extRows))
          : h('p', { class: 'muted' }, 'Chưa có đề nghị gia hạn.'),
        h('h2', {}, 'Nhắc việc'),
        t.reminders.length ? h('ul', {}, t.reminders.map((r) => h('li', {}, `${r.unit || ''}: nhắc ${r.kind === 'overdue' ? 'quá hạn' : 'sắp đến hạn'}, lần gần nhất ${vnDate(r.last)}`)))
          : h('p', { class: 'muted' }, 'Chưa gửi nhắc việc.'),
        h('details', {}, h('summary', {}, `Nhật ký thay đổi (${t.history.length})`),
          h('table', {}, h('tbody', {}, t.history.map((a) => h('tr', {}, h('td', {}, vnTime(a.at)), h('td', {}, a.who || ''), h('td', {}, ACTION_NAMES[a.action] || a.action), h('td', { class: 'muted' }, a.after ? JSON.stringify(a.after) : '')))))),
      ),
      forms.length ? h('aside', { class: 'actions', 'aria-label': 'Thao tác', style: null }, forms) : null));
  const aside = main.querySelector('aside');
  if (aside) aside.style.flex = '0 0 340px';
}
