// app.js - start-up, the logged-in user, the menu by role, and hash routing to the pages

import { api, setCsrf, setUnauthenticatedHandler, errorText } from './api.js';
import { h, put, ROLE_NAMES } from './ui.js';
import * as login from './pages/login.js';
import * as dashboard from './pages/dashboard.js';
import * as documents from './pages/documents.js';
import * as tasks from './pages/tasks.js';
import * as task from './pages/task.js';
import * as unitPage from './pages/unit.js';
import * as admin from './pages/admin.js';

const ctx = { me: null, units: null, today: null };
let generation = 0;

// path pattern -> page, with the roles that see it in the menu
const ROUTES = [
  { re: /^\/$/, page: dashboard, menu: 'Tổng quan', href: '#/', roles: ['admin', 'office', 'leader', 'unit'] },
  { re: /^\/unit$/, page: unitPage, menu: 'Đơn vị của tôi', href: '#/unit', roles: ['unit'] },
  { re: /^\/documents$/, page: documents, menu: 'Văn bản', href: '#/documents', roles: ['admin', 'office', 'leader'] },
  { re: /^\/tasks$/, page: tasks, menu: 'Nhiệm vụ', href: '#/tasks', roles: ['admin', 'office', 'leader', 'unit'] },
  { re: /^\/tasks\/(\d+)$/, page: task },
  { re: /^\/admin$/, page: admin, menu: 'Quản trị', href: '#/admin', roles: ['admin'] },
  { re: /^\/login$/, page: login },
];

export function go(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}
ctx.go = go;

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, qs] = raw.split('?');
  return { path, params: new URLSearchParams(qs || '') };
}

function drawTop(path) {
  const top = document.getElementById('top');
  if (!ctx.me) { top.hidden = true; return; }
  top.hidden = false;
  const role = ctx.me.role;
  put(document.getElementById('nav'), ROUTES.filter((r) => r.menu && r.roles.includes(role)).map((r) => {
    const active = r.href === '#' + path || (r.href !== '#/' && ('#' + path).startsWith(r.href + '/'));
    return h('a', { href: r.href, 'aria-current': active ? 'page' : null }, r.menu);
  }));
  put(document.getElementById('who'),
    h('span', {}, ctx.me.display_name || ctx.me.username, ' · ', ROLE_NAMES[role] || role,
      ctx.me.unit_name ? ` · ${ctx.me.unit_name}` : ''),
    h('button', { type: 'button', onclick: logout, id: 'logout' }, 'Đăng xuất'));
}

async function logout() {
  try { await api('DELETE', '/session', { noRedirect: true }); } catch (_) { /* already out */ }
  ctx.me = null;
  setCsrf(null);
  go('#/login');
}

export async function loadMe() {
  try {
    const r = await api('GET', '/me', { noRedirect: true });
    ctx.me = r.user;
    ctx.today = r.today;
    setCsrf(r.csrf_token);
    return true;
  } catch (_) {
    ctx.me = null;
    return false;
  }
}
ctx.loadMe = loadMe;

export async function units() {
  if (!ctx.units) ctx.units = (await api('GET', '/units')).items;
  return ctx.units;
}
ctx.unitsList = units;
ctx.resetUnits = () => { ctx.units = null; };

async function route() {
  const { path, params } = parseHash();
  const main = document.getElementById('main');
  if (!ctx.me && path !== '/login') {
    if (!(await loadMe())) { go('#/login'); return; }
  }
  if (ctx.me && path === '/login') { go(ctx.me.role === 'unit' ? '#/unit' : '#/'); return; }
  const r = ROUTES.find((x) => x.re.test(path));
  drawTop(path);
  if (!r) { put(main, h('h1', {}, 'Không tìm thấy trang'), h('a', { href: '#/' }, 'Về trang tổng quan')); return; }
  if (r.roles && !r.roles.includes(ctx.me.role)) {
    put(main, h('h1', {}, 'Không có quyền truy cập'), h('p', {}, 'Tài khoản của bạn không xem được trang này.'));
    return;
  }
  const m = r.re.exec(path);
  const my = ++generation;
  // draw off-screen, so a slow page finishing after a newer navigation cannot overwrite it
  const box = h('div');
  put(main, h('p', { class: 'loading' }, 'Đang tải…'));
  try {
    await r.page.render(box, ctx, { params, id: m[1] ? Number(m[1]) : 0 });
  } catch (e) {
    put(box, h('h1', {}, 'Có lỗi'), h('p', { class: 'error' }, errorText(e)));
  }
  if (my !== generation) return;
  put(main, [...box.childNodes]);
  const h1 = main.querySelector('h1');
  const auto = main.querySelector('[autofocus]');
  if (auto) auto.focus();
  else if (h1 && !main.contains(document.activeElement)) { h1.tabIndex = -1; h1.focus({ preventScroll: true }); }
}

// Draw the current view again (after an action); goes through route() so that a redraw
// finishing after the user moved on cannot overwrite the newer view.
ctx.refresh = () => route();

setUnauthenticatedHandler(() => { ctx.me = null; go('#/login'); });
window.addEventListener('hashchange', route);
route();
