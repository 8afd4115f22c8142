// tasks.js - the task list: filters, diacritics-insensitive search, paging, and assigning several tasks at once

import { api, errorText } from '../api.js';
import { h, put, badge, vnDate, toast, unitOptions } from '../ui.js';

export const STATUSES = [
  ['not_started', 'Chưa thực hiện'], ['in_progress', 'Đang thực hiện trong hạn'], ['overdue', 'Quá hạn'],
  ['done_on_time', 'Hoàn thành đúng hạn'], ['done_late', 'Hoàn thành quá hạn'], ['recurring', 'Thường xuyên'],
  ['cancelled', 'Dừng thực hiện'],
];
const PAGE = 25;

export function leadName(t) {
  const l = t.units.find((u) => u.role === 'lead');
  return l ? l.name : '';
}

export async function render(main, ctx, { params }) {
  const staff = ['admin', 'office'].includes(ctx.me.role);
  const isUnit = ctx.me.role === 'unit';
  const units = await ctx.unitsList();
  const state = {
    q: params.get('q') || '', status: params.get('status') || '', unit: isUnit ? '' : (params.get('unit') || ''),
    doc: params.get('doc') || '', page: Math.max(0, Number(params.get('page') || 1) - 1),
  };

  const q = h('input', { type: 'search', id: 'f-q', value: state.q, placeholder: 'vd: giai ngan von dau tu', size: 28 });
  const status = h('select', { id: 'f-status' }, h('option', { value: '' }, 'Tất cả'),
    STATUSES.map(([c, n]) => h('option', { value: c, selected: c === state.status }, n)));
  const unitSel = isUnit ? null : h('select', { id: 'f-unit' }, unitOptions(units, state.unit, 'Tất cả đơn vị'));
  const results = h('div', { id: 'task-results' });
  const filters = h('form', { class: 'filters form', role: 'search', onsubmit: (e) => { e.preventDefault(); state.page = 0; load(); } },
    h('label', {}, 'Tìm trong nội dung (không cần dấu)', q),
    h('label', {}, 'Tình trạng', status),
    unitSel ? h('label', {}, 'Đơn vị', unitSel) : null,
    h('button', { class: 'primary', type: 'submit', id: 'f-apply' }, 'Lọc'),
    h('button', { type: 'button', onclick: () => { q.value = ''; status.value = ''; if (unitSel) unitSel.value = ''; state.doc = ''; state.page = 0; load(); } }, 'Xóa lọc'));
  status.addEventListener('change', () => { state.page = 0; load(); });
  if (unitSel) unitSel.addEventListener('change', () => { state.page = 0; load(); });

  put(main, h('h1', {}, isUnit ? `Nhiệm vụ của ${ctx.me.unit_name || 'đơn vị'}` : 'Nhiệm vụ'), filters, results);
  await load();

  async function load() {
    state.q = q.value.trim();
    state.status = status.value;
    if (unitSel) state.unit = unitSel.value;
    const hp = new URLSearchParams();
    for (const k of ['q', 'status', 'unit', 'doc']) if (state[k]) hp.set(k, state[k]);
    if (state.page) hp.set('page', state.page + 1);
    history.replaceState(null, '', '#/tasks' + (hp.toString() ? '?' + hp : ''));
    put(results, h('p', { class: 'loading' }, 'Đang tải…'));
    let r;
    try {
      r = await api('GET', '/tasks', {
        query: { q: state.q, status: state.q ? '' : state.status, unit: state.q ? '' : state.unit, doc: state.q ? '' : state.doc, limit: PAGE, offset: state.page * PAGE },
      });
    } catch (e) {
      put(results, h('p', { class: 'error' }, errorText(e)));
      return;
    }
    draw(r);
  }

  function draw(r) {
    const checks = [];
    const rows = r.items.map((t) => {
      const cb = staff ? h('input', { type: 'checkbox', value: t.id, 'aria-label': `Chọn nhiệm vụ ${t.id}` }) : null;
      if (cb) checks.push(cb);
      return h('tr', { 'data-task': t.id },
        staff ? h('td', {}, cb) : null,
        h('td', {}, h('a', { href: `#/tasks/${t.id}`, class: 'clip text' }, t.text)),
        h('td', { class: 'nowrap' }, t.doc_number || '', t.ref ? h('div', { class: 'muted' }, `mục ${t.ref}`) : null),
        h('td', {}, leadName(t) || h('span', { class: 'muted' }, 'chưa giao')),
        h('td', { class: 'num' }, t.due ? vnDate(t.due) : (t.due_kind === 'recurring' ? 'thường xuyên' : '–')),
        h('td', {}, badge(t.status, t.status_name)),
        h('td', { class: 'num' }, `${t.percent}%`));
    });
    const total = r.total === null ? null : r.total;
    const pages = total === null ? null : Math.max(1, Math.ceil(total / PAGE));
    const more = total === null ? r.more : state.page + 1 < pages;
    const pager = h('nav', { class: 'pager', 'aria-label': 'Phân trang' },
      h('button', { type: 'button', disabled: state.page === 0, onclick: () => { state.page--; load(); } }, '← Trang trước'),
      h('span', {}, pages ? `Trang ${state.page + 1}/${pages} · ${total} nhiệm vụ` : `Trang ${state.page + 1}`),
      h('button', { type: 'button', disabled: !more, onclick: () => { state.page++; load(); } }, 'Trang sau →'));
    let assignBox = null;
    if (staff && r.items.length) {
      const lead = h('select', { id: 'bulk-unit' }, unitOptions(units, '', '— chọn đơn vị chủ trì —'));
      const due = h('input', { type: 'date', id: 'bulk-due' });
      const all = h('input', { type: 'checkbox', id: 'bulk-all', onchange: () => checks.forEach((c) => { c.checked = all.checked; }) });
      const btn = h('button', { class: 'primary', type: 'submit', id: 'bulk-assign' }, 'Giao nhiệm vụ đã chọn');
      assignBox = h('form', { class: 'filters form', onsubmit: assign },
        h('label', { class: 'inline' }, all, 'Chọn cả trang'),
        h('label', {}, 'Đơn vị chủ trì', lead), h('label', {}, 'Hạn (nếu đổi)', due), btn);
      async function assign(ev) {
        ev.preventDefault();
        const ids = checks.filter((c) => c.checked).map((c) => Number(c.value));
        if (!ids.length) { toast('Hãy chọn ít nhất một nhiệm vụ.', true); return; }
        if (!lead.value && !due.value) { toast('Hãy chọn đơn vị chủ trì hoặc hạn.', true); return; }
        btn.disabled = true;
        let ok = 0;
        for (const id of ids) {
          const body = {};
          if (lead.value) body.lead = Number(lead.value);
          if (due.value) body.due = due.value;
          try { await api('POST', `/tasks/${id}/assign`, { body }); ok++; } catch (e) { toast(`Nhiệm vụ ${id}: ${errorText(e)}`, true); }
        }
        toast(`Đã giao ${ok}/${ids.length} nhiệm vụ.`);
        btn.disabled = false;
        load();
      }
    }
    put(results,
      state.doc && !state.q ? h('p', { class: 'muted' }, `Chỉ các nhiệm vụ của văn bản #${state.doc}. `) : null,
      assignBox,
      r.items.length
        ? h('table', { id: 'task-table' },
          h('thead', {}, h('tr', {}, staff ? h('th', {}, '') : null, h('th', {}, 'Nội dung'), h('th', {}, 'Văn bản'), h('th', {}, 'Chủ trì'),
            h('th', { class: 'num' }, 'Hạn'), h('th', {}, 'Tình trạng'), h('th', { class: 'num' }, 'Tiến độ'))),
          h('tbody', {}, rows))
        : h('p', { class: 'muted' }, 'Không có nhiệm vụ nào phù hợp.'),
      pager);
  }
}

