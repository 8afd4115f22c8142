// api.js - calls to /api/v1: JSON in and out, the CSRF header, errors turned into Vietnamese text

let csrf = null;

export function setCsrf(token) { csrf = token; }

export class ApiError extends Error {
  constructor(status, code, message, retryAfter) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

// What to tell the user for an error code; the server's English message otherwise.
const MESSAGES = {
  bad_credentials: 'Sai tên đăng nhập hoặc mật khẩu.',
  unauthenticated: 'Phiên làm việc đã hết hạn, vui lòng đăng nhập lại.',
  forbidden: 'Tài khoản của bạn không có quyền thực hiện thao tác này.',
  csrf: 'Phiên làm việc không hợp lệ, vui lòng tải lại trang.',
  too_large: 'Tệp hoặc dữ liệu gửi lên quá lớn.',
  unreadable: 'Không đọc được tệp văn bản này.',
  not_found: 'Không tìm thấy.',
  exists: 'Đã có rồi.',
  unknown_unit: 'Không tìm thấy đơn vị.',
};

export function errorText(e) {
  if (!(e instanceof ApiError)) return `Lỗi kết nối: ${e.message}`;
  if (e.code === 'too_many_attempts') {
    return `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${e.retryAfter || 'ít'} giây.`;
  }
  const vi = MESSAGES[e.code];
  return vi ? `${vi} (${e.message})` : `Lỗi: ${e.message}`;
}

let onUnauthenticated = () => {};
export function setUnauthenticatedHandler(fn) { onUnauthenticated = fn; }

// The URL of an endpoint with its query ('/reports/monthly', {month: '2021-03'}), for links
// the browser follows itself (file downloads); empty, null and false values are left out.
export function apiUrl(path, query) {
  let url = '/api/v1' + path;
  if (query) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v !== undefined && v !== null && v !== '' && v !== false) q.set(k, v === true ? '1' : v);
    }
    const s = q.toString();
    if (s) url += '?' + s;
  }
  return url;
}

// api('GET', '/tasks', {query}) / api('POST', '/tasks/1/progress', {body}) / {raw, type}
export async function api(method, path, opts = {}) {
  const url = apiUrl(path, opts.query);
  const headers = {};
  let body;
  if (opts.raw !== undefined) {
    body = opts.raw;
    headers['Content-Type'] = opts.type || 'application/octet-stream';
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['Content-Type'] = 'application/json';
  }
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  const r = await fetch(url, { method, headers, body, credentials: 'same-origin' });
  let js = null;
  try { js = await r.json(); } catch (_) { js = null; }
  if (!r.ok) {
    const err = (js && js.error) || { code: 'http_' + r.status, message: r.statusText };
    const e = new ApiError(r.status, err.code, err.message, r.headers.get('Retry-After'));
    if (r.status === 401 && !opts.noRedirect) onUnauthenticated();
    throw e;
  }
  return js;
}
