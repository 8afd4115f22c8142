// ui.js - small DOM helpers: element builder (no innerHTML with data), dates, badges, toasts

// h('div', {class: 'x', onclick: fn}, child, 'text', [more]) -> element
export function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'value') el.value = v;
    else if (k === 'checked' || k === 'selected' || k === 'disabled' || k === 'hidden') el[k] = !!v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  add(el, kids);
  return el;
}

function add(el, kids) {
  for (const k of kids) {
    if (k === undefined || k === null || k === false) continue;
    if (Array.isArray(k)) add(el, k);
    else if (k instanceof Node) el.appendChild(k);
    else el.appendChild(document.createTextNode(String(k)));
  }
}

// Replace the contents of el.
export function put(el, ...kids) {
  el.replaceChildren();
  add(el, kids);
  return el;
}

// "2021-03-31" -> "31/03/2021"
export function vnDate(iso) {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

// "2026-11-29T16:16:46Z" -> "29/11/2026 23:16" (local time)
export function vnTime(ts) {
  if (!ts) return '';
  const d = new Date(ts);
  if (isNaN(d)) return ts;
  const p = (n) => String(n).padStart(2, '0');
  return `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function badge(status, name) {
  return h('span', { class: `badge s-${status}` }, name || status);
}

export const ROLE_NAMES = {
  admin: 'Quản trị', office: 'Văn phòng', unit: 'Đơn vị', leader: 'Lãnh đạo',
};

// Text with search-hit markers (\u0002..\u0003) turned into <mark>, safely.
export function marked(text, open = '\u0002', close = '\u0003') {
  const out = [];
  let rest = text || '';
  while (rest.length) {
    const i = rest.indexOf(open);
    if (i < 0) { out.push(rest); break; }
    out.push(rest.slice(0, i));
    const j = rest.indexOf(close, i + 1);
    const word = j < 0 ? rest.slice(i + 1) : rest.slice(i + 1, j);
    out.push(h('mark', {}, word));
    rest = j < 0 ? '' : rest.slice(j + 1);
  }
  return out;
}

export function toast(msg, bad = false) {
  const box = document.getElementById('toast');
  const t = h('div', { class: bad ? 't bad' : 't' }, msg);
  box.appendChild(t);
  while (box.children.length > 3) box.firstChild.remove();
  setTimeout(() => t.remove(), bad ? 7000 : 3500);
}

export function field(label, input, cls) {
  return h('label', { class: cls }, label, input);
}

export function unitOptions(units, selected, emptyLabel) {
  const opts = [];
  if (emptyLabel !== undefined) opts.push(h('option', { value: '' }, emptyLabel));
  for (const u of units) {
    opts.push(h('option', { value: u.id, selected: String(u.id) === String(selected) }, u.name));
  }
  return opts;
}

export function pct(x) {
  return x === null || x === undefined ? '–' : `${Math.round(x * 100)}%`;
}
