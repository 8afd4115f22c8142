// admin.js - administration: accounts (create, lock, reset password) and units (list, add)

import { api, errorText } from '../api.js';
import { h, put, toast, unitOptions, ROLE_NAMES } from '../ui.js';

export async function render(main, ctx) {
  const [users, unitsAll, settings] = await Promise.all([api('GET', '/users'), api('GET', '/units', { query: { all: 1 } }), api('GET', '/settings')]);
  const active = unitsAll.items.filter((u) => u.active);
  const unitName = (id) => (unitsAll.items.find((u) => u.id === id) || {}).name || '';
  const reload = () => { ctx.resetUnits(); return ctx.refresh(); };

  async function run(btn, fn, msg) {
    btn.disabled = true;
    try { await fn(); toast(msg); await reload(); } catch (e) { toast(errorText(e), true); btn.disabled = false; }
  }

  const userRows = users.items.map((u) => {
    const lock = h('button', { type: 'button', class: u.active ? 'danger' : '' }, u.active ? 'Khóa' : 'Mở khóa');
    lock.addEventListener('click', () => run(lock, () => api('POST', `/users/${u.id}`, { body: { active: !u.active } }), u.active ? `Đã khóa ${u.username}.` : `Đã mở khóa ${u.username}.`));
    const pw = h('input', { type: 'password', placeholder: 'Mật khẩu mới', 'aria-label': `Mật khẩu mới cho ${u.username}`, size: 14, autocomplete: 'new-password' });
    const set = h('button', { type: 'submit' }, 'Đặt lại');
    const f = h('form', { class: 'form', onsubmit: (e) => { e.preventDefault(); run(set, () => api('POST', `/users/${u.id}`, { body: { password: pw.value } }), `Đã đặt lại mật khẩu ${u.username}.`); } }, pw, set);
    return h('tr', {}, h('td', {}, u.username), h('td', {}, u.display_name || ''), h('td', {}, ROLE_NAMES[u.role] || u.role),
      h('td', {}, u.unit_id ? unitName(u.unit_id) : ''), h('td', {}, u.active ? 'Hoạt động' : h('span', { class: 'muted' }, 'Đã khóa')),
      h('td', {}, u.id === ctx.me.id ? h('span', { class: 'muted' }, '(bạn)') : lock), h('td', {}, f));
  });

  const nu = { name: h('input', { id: 'nu-name', required: true, autocomplete: 'off' }), display: h('input', { id: 'nu-display' }),
    role: h('select', { id: 'nu-role' }, Object.entries(ROLE_NAMES).map(([k, v]) => h('option', { value: k, selected: k === 'office' }, v))),
    unit: h('select', { id: 'nu-unit' }, unitOptions(active, '', '—')), pw: h('input', { id: 'nu-pw', type: 'password', required: true, autocomplete: 'new-password' }) };
  const addBtn = h('button', { class: 'primary', type: 'submit', id: 'nu-submit' }, 'Thêm tài khoản');
  const addUser = h('form', { class: 'form', onsubmit: (e) => {
    e.preventDefault();
    const body = { username: nu.name.value.trim(), password: nu.pw.value, role: nu.role.value };
    if (nu.display.value.trim()) body.display_name = nu.display.value.trim();
    if (nu.role.value === 'unit') body.unit = Number(nu.unit.value) || null;
    run(addBtn, () => api('POST', '/users', { body }), `Đã thêm tài khoản ${body.username}.`);
  } }, h('label', {}, 'Tên đăng nhập', nu.name), h('label', {}, 'Họ tên', nu.display), h('label', {}, 'Vai trò', nu.role),
  h('label', {}, 'Đơn vị (vai trò Đơn vị)', nu.unit), h('label', {}, 'Mật khẩu (ít nhất 8 ký tự)', nu.pw), addBtn);

  const un = { name: h('input', { id: 'un-name', required: true, size: 36 }), short: h('input', { id: 'un-short', size: 10 }),
    email: h('input', { id: 'un-email', type: 'email' }) };
  const unBtn = h('button', { class: 'primary', type: 'submit' }, 'Thêm đơn vị');
  const addUnit = h('form', { class: 'form', onsubmit: (e) => {
    e.preventDefault();
    const body = { name: un.name.value.trim() };
    if (un.short.value.trim()) body.short_name = un.short.value.trim();
    if (un.email.value.trim()) body.email = un.email.value.trim();
    run(unBtn, () => api('POST', '/units', { body }), `Đã thêm đơn vị ${body.name}.`);
  } }, h('label', {}, 'Tên đơn vị', un.name), h('label', {}, 'Viết tắt', un.short), h('label', {}, 'Thư điện tử nhận nhắc việc', un.email), unBtn);

  const nameRows = settings.items.map((it) => {
    const inp = h('input', { value: it.value, size: 30, 'aria-label': `Tên hiển thị cho ${it.default}` });
    const save = h('button', { type: 'submit' }, 'Lưu');
    const reset = h('button', { type: 'button' }, 'Về tên mặc định');
    reset.addEventListener('click', () => run(reset, () => api('POST', '/settings', { body: { key: it.key, value: null } }), 'Đã trả về tên mặc định.'));
    return h('tr', {}, h('td', {}, it.default),
      h('td', {}, h('form', { class: 'form', onsubmit: (e) => { e.preventDefault(); run(save, () => api('POST', '/settings', { body: { key: it.key, value: inp.value.trim() } }), 'Đã lưu tên tình trạng.'); } }, inp, save, it.value !== it.default ? reset : null)));
  });

  put(main,
    h('h1', {}, 'Quản trị'),
    h('section', { class: 'panel', 'aria-labelledby': 'h-users' },
      h('h2', { id: 'h-users' }, `Tài khoản (${users.items.length})`),
      h('table', { id: 'user-table' }, h('thead', {}, h('tr', {}, ['Tên đăng nhập', 'Họ tên', 'Vai trò', 'Đơn vị', 'Trạng thái', '', 'Mật khẩu'].map((x) => h('th', {}, x)))), h('tbody', {}, userRows)),
      h('h2', {}, 'Thêm tài khoản'), addUser),
    h('section', { class: 'panel', 'aria-labelledby': 'h-names' },
      h('h2', { id: 'h-names' }, 'Tên các tình trạng (hiển thị và trong báo cáo)'),
      h('table', { id: 'status-names' }, h('thead', {}, h('tr', {}, h('th', {}, 'Tên theo quy định'), h('th', {}, 'Tên dùng trong hệ thống'))), h('tbody', {}, nameRows)),
    h('section', { class: 'panel', 'aria-labelledby': 'h-units' },
      h('h2', { id: 'h-units' }, `Đơn vị (${active.length} đang hoạt động)`),
      addUnit,
      h('table', { id: 'unit-admin-table' }, h('thead', {}, h('tr', {}, ['Tên', 'Viết tắt', 'Loại', 'Tên khác', 'Thư điện tử', 'Trạng thái'].map((x) => h('th', {}, x)))),
        h('tbody', {}, unitsAll.items.map((u) => h('tr', {}, h('td', {}, u.name), h('td', {}, u.short_name || ''), h('td', {}, u.kind || ''),
          h('td', { class: 'muted' }, h('span', { class: 'clip' }, (u.aliases || []).join('; '))), h('td', {}, u.email || ''),
          h('td', {}, u.active ? 'Hoạt động' : `Đã sáp nhập vào ${unitName(u.merged_into)}`))))))));
}
