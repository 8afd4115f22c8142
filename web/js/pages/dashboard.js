// dashboard.js - counts per official status, per-unit on-time table, overdue list, a chart of six months,
// and (office, admin, leader) the monthly report to download

import { api, apiUrl } from '../api.js';
import { h, put, badge, vnDate, pct } from '../ui.js';

const SVG = 'http://www.w3.org/2000/svg';
function s(tag, attrs, ...kids) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
  for (const k of kids) el.appendChild(typeof k === 'string' ? document.createTextNode(k) : k);
  return el;
}

const SERIES = [
  { key: 'due', name: 'Đến hạn trong tháng', color: '#90a4ae' },
  { key: 'done_on_time', name: 'Hoàn thành đúng hạn', color: '#2e7d32' },
  { key: 'done_late', name: 'Hoàn thành quá hạn', color: '#f9a825' },
  { key: 'overdue', name: 'Quá hạn', color: '#c62828' },
];

// Grouped bars: one group per month, one bar per series.
function chart(months) {
  const W = 620, H = 230, left = 36, bottom = 30, top = 12;
  const top0 = Math.max(1, ...months.flatMap((m) => SERIES.map((x) => m[x.key])));
  const tick = Math.max(1, Math.ceil(top0 / 4));
  const max = tick * 4; // four whole-number steps
  const step = (W - left - 10) / months.length;
  const bw = Math.min(18, (step - 14) / SERIES.length);
  const y = (v) => top + (H - top - bottom) * (1 - v / max);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': 'chart-title' },
    s('title', { id: 'chart-title' }, 'Số nhiệm vụ theo tháng đến hạn'));
  for (let i = 0; i <= 4; i++) {
    const v = tick * i;
    svg.appendChild(s('line', { x1: left, x2: W - 4, y1: y(v), y2: y(v), stroke: '#e3e5e8' }));
    svg.appendChild(s('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end', 'font-size': 11, fill: '#5f6368' }, String(v)));
  }
  months.forEach((m, i) => {
    const x0 = left + i * step + (step - bw * SERIES.length) / 2;
    SERIES.forEach((ser, k) => {
      const v = m[ser.key];
      const r = s('rect', { x: x0 + k * bw, y: y(v), width: bw - 2, height: Math.max(0, H - bottom - y(v)), fill: ser.color });
      r.appendChild(s('title', {}, `${m.month} - ${ser.name}: ${v}`));
      svg.appendChild(r);
    });
    svg.appendChild(s('text', { x: left + i * step + step / 2, y: H - 10, 'text-anchor': 'middle', 'font-size': 12, fill: '#1f2328' }, m.month));
  });
  return svg;
}

// "Báo cáo tháng": a month (default: the dashboard's month) and links to the report file;
// the server renders it (GET /reports/monthly), the browser downloads it.
function reportForm(today) {
  const re = /^\d{4}-(0[1-9]|1[0-2])$/;
  const month = h('input', { type: 'month', id: 'report-month', name: 'month', required: true,
    value: (today || '').slice(0, 7) });
  const docx = h('a', { class: 'button', id: 'report-docx', download: '' }, 'Tải báo cáo (DOCX)');
  const html = h('a', { class: 'button', id: 'report-html', target: '_blank', rel: 'noopener' }, 'Xem (HTML)');
  const hint = h('span', { class: 'muted', id: 'report-hint', role: 'status' });
  const update = () => {
    const ok = re.test(month.value);
    for (const [a, format] of [[docx, 'docx'], [html, 'html']]) {
      if (ok) a.setAttribute('href', apiUrl('/reports/monthly', { month: month.value, format }));
      else a.removeAttribute('href');
      a.setAttribute('aria-disabled', ok ? 'false' : 'true');
    }
    hint.textContent = ok ? '' : 'Chọn tháng cần báo cáo (tháng/năm).';
  };
  month.addEventListener('input', update);
  month.addEventListener('change', update);
  update();
  return h('section', { class: 'panel', 'aria-labelledby': 'h-report' },
    h('h2', { id: 'h-report' }, 'Báo cáo tháng'),
    h('form', { class: 'form', id: 'report-form', onsubmit: (e) => { e.preventDefault(); if (docx.href) docx.click(); } },
      h('label', {}, 'Tháng báo cáo', month), docx, html, hint));
}

export async function render(main, ctx) {
  const staff = ['admin', 'office', 'leader'].includes(ctx.me.role);
  const [st, ext] = await Promise.all([api('GET', '/stats'), staff ? api('GET', '/extensions') : Promise.resolve({ items: [] })]);
  const mine = ctx.me.role === 'unit';
  const cards = h('div', { class: 'cards', id: 'status-cards' }, st.counts.map((c) =>
    h('a', { class: `card c-${c.status}`, href: `#/tasks?status=${c.status}`, 'data-status': c.status },
      h('div', { class: 'n' }, String(c.count)), h('div', { class: 'l' }, c.name))));
  const total = st.counts.reduce((a, c) => a + c.count, 0);

  const unitRows = st.by_unit.slice().sort((a, b) => b.total - a.total).map((u) =>
    h('tr', {},
      h('td', {}, u.unit_id ? h('a', { href: `#/tasks?unit=${u.unit_id}` }, u.unit) : u.unit),
      h('td', { class: 'num' }, String(u.total)),
      h('td', { class: 'num' }, String(u.done_on_time)),
      h('td', { class: 'num' }, String(u.done_late)),
      h('td', { class: 'num' }, String(u.overdue)),
      h('td', { class: 'num' },
        h('span', { class: 'bartrack' }, (() => { const b = h('span', { class: 'bar' }); b.style.width = `${Math.round((u.on_time_rate || 0) * 90)}px`; return b; })()),
        pct(u.on_time_rate))));

  const overdue = st.overdue.map((t) => h('tr', {},
    h('td', {}, h('a', { href: `#/tasks/${t.id}` }, h('span', { class: 'clip text' }, t.text))),
    h('td', {}, (t.units.find((u) => u.role === 'lead') || {}).name || '–'),
    h('td', { class: 'num' }, vnDate(t.due)),
    h('td', { class: 'num' }, `${t.days_late} ngày`)));

  put(main,
    h('h1', {}, mine ? `Tổng quan - ${ctx.me.unit_name || 'đơn vị'}` : 'Tổng quan'),
    h('p', { class: 'muted' }, `Tính đến ngày ${vnDate(st.today)} · tổng số ${total} nhiệm vụ`),
    cards,
    h('div', { class: 'row' },
      h('section', { class: 'col panel chart', 'aria-labelledby': 'h-chart' },
        h('h2', { id: 'h-chart' }, '6 tháng gần đây (theo hạn xử lý)'),
        h('div', { class: 'legend' }, SERIES.map((x) => { const i = h('i'); i.style.background = x.color; return h('span', {}, i, x.name); })),
        chart(st.months)),
      h('section', { class: 'col panel', 'aria-labelledby': 'h-overdue' },
        h('h2', { id: 'h-overdue' }, 'Nhiệm vụ quá hạn ', badge('overdue', String(st.overdue_total))),
        overdue.length
          ? h('table', { id: 'overdue-table' }, h('thead', {}, h('tr', {}, h('th', {}, 'Nhiệm vụ'), h('th', {}, 'Chủ trì'), h('th', { class: 'num' }, 'Hạn'), h('th', { class: 'num' }, 'Trễ'))), h('tbody', {}, overdue))
          : h('p', { class: 'ok' }, 'Không có nhiệm vụ quá hạn.'),
        st.overdue_total > overdue.length ? h('p', {}, h('a', { href: '#/tasks?status=overdue' }, `Xem tất cả ${st.overdue_total} nhiệm vụ quá hạn`)) : null)),
    ext.items.length ? h('section', { class: 'panel', 'aria-labelledby': 'h-ext' },
      h('h2', { id: 'h-ext' }, `Đề nghị gia hạn chờ duyệt (${ext.items.length})`),
      h('ul', { id: 'pending-extensions' }, ext.items.map((e) => h('li', {},
        h('a', { href: `#/tasks/${e.task_id}` }, `Nhiệm vụ #${e.task_id}`),
        `: xin gia hạn từ ${vnDate(e.old_due) || '–'} đến ${vnDate(e.new_due)} - ${e.reason || ''} (${e.requested_by || ''})`)))) : null,
    staff ? reportForm(st.today) : null,
    h('section', { class: 'panel', 'aria-labelledby': 'h-units' },
      h('h2', { id: 'h-units' }, 'Kết quả theo đơn vị chủ trì'),
      unitRows.length
        ? h('table', { id: 'unit-table' },
          h('thead', {}, h('tr', {}, h('th', {}, 'Đơn vị'), h('th', { class: 'num' }, 'Tổng'), h('th', { class: 'num' }, 'Đúng hạn'),
            h('th', { class: 'num' }, 'Hoàn thành quá hạn'), h('th', { class: 'num' }, 'Đang quá hạn'), h('th', { class: 'num' }, 'Tỷ lệ đúng hạn'))),
          h('tbody', {}, unitRows))
        : h('p', { class: 'muted' }, 'Chưa có nhiệm vụ nào được giao.')));
}
