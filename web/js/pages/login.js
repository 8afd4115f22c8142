// login.js - the login page

import { api, setCsrf, errorText } from '../api.js';
import { h, put } from '../ui.js';

export async function render(main, ctx) {
  const user = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true, autofocus: true });
  const pass = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const msg = h('div', { role: 'alert', id: 'login-error' });
  const btn = h('button', { class: 'primary', type: 'submit', id: 'login-submit' }, 'Đăng nhập');
  const form = h('form', { class: 'login', onsubmit: submit },
    h('div', { class: 'brandbig' }, '★ dondoc'),
    h('h1', {}, 'Theo dõi nhiệm vụ'),
    h('p', { class: 'muted' }, 'Đăng nhập bằng tài khoản do Văn phòng cấp.'),
    h('label', {}, 'Tên đăng nhập', user),
    h('label', {}, 'Mật khẩu', pass),
    msg, btn);
  put(main, form);
  document.getElementById('top').hidden = true;

  async function submit(ev) {
    ev.preventDefault();
    put(msg);
    btn.disabled = true;
    try {
      const r = await api('POST', '/session', { body: { username: user.value.trim(), password: pass.value }, noRedirect: true });
      setCsrf(r.csrf_token);
      await ctx.loadMe();
      ctx.go(r.user.role === 'unit' ? '#/unit' : '#/');
    } catch (e) {
      put(msg, h('p', { class: 'error' }, errorText(e)));
      pass.value = '';
      pass.focus();
    } finally {
      btn.disabled = false;
    }
  }
}
