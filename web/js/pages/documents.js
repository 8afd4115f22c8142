// documents.js - the list of documents, upload, and the extraction preview the office corrects before saving

import { api, errorText } from '../api.js';
import { h, put, vnDate, vnTime, toast, unitOptions } from '../ui.js';

const LOW_CONF_TITLE = 'Độ tin cậy nhận dạng thấp — cần kiểm tra lại';

// Values outside the form whose recognition was weak are named in the OCR note.
const OTHER_FIELDS = {
  place: 'Địa danh', parent_body: 'Cơ quan cấp trên', 'signature.title': 'Chức vụ người ký', 'signature.name': 'Người ký',
};

// The note above a preview of a scanned document: mean confidence and how many values to check.
function ocrNote(src, weak) {
  const mean = src.ocr_confidence === null || src.ocr_confidence === undefined ? '–' : `${Math.round(src.ocr_confidence)}%`;
  const others = [...weak].filter((k) => OTHER_FIELDS[k])
    .map((k) => `${OTHER_FIELDS[k]} (${Math.round(src.ocr_fields[k])}%)`);
  return h('div', { id: 'pv-ocr', class: 'ocr-note' },
    h('p', {}, `Văn bản quét, đọc bằng nhận dạng ký tự (OCR): độ tin cậy trung bình ${mean}. `,
      weak.size ? `${weak.size} giá trị có độ tin cậy thấp được đánh dấu ⚠ — cần kiểm tra lại với bản gốc.` : 'Không có giá trị nào có độ tin cậy thấp.'),
    others.length ? h('p', {}, h('span', { class: 'ocr-low', title: LOW_CONF_TITLE }, '⚠'), ' Ngoài biểu mẫu: ', others.join('; ')) : null);
}

export async function render(main, ctx) {
  const canImport = ['admin', 'office'].includes(ctx.me.role);
  const list = await api('GET', '/documents', { query: { limit: 100 } });
  const units = canImport ? await ctx.unitsList() : [];
  const previewBox = h('div', { id: 'preview' });
  const file = h('input', { type: 'file', id: 'upload-file', accept: '.txt,.md,.html,.htm,.docx,.pdf,.png,.jpg,.jpeg,.tif,.tiff' });
  const upBtn = h('button', { class: 'primary', type: 'submit', id: 'upload-submit' }, 'Tải lên và trích xuất');
  const upMsg = h('div', { role: 'alert' });

  const rows = list.items.map((d) => h('tr', {},
    h('td', {}, d.number || h('span', { class: 'muted' }, '(không số)')),
    h('td', {}, d.type_name || ''),
    h('td', {}, h('span', { class: 'clip text' }, d.subject || d.file_name)),
    h('td', { class: 'num' }, vnDate(d.date)),
    h('td', { class: 'num' }, h('a', { href: `#/tasks?doc=${d.id}` }, `${d.tasks} nhiệm vụ`)),
    h('td', {}, d.imported_by || ''),
    h('td', { class: 'num' }, vnTime(d.imported_at))));

  put(main,
    h('h1', {}, 'Văn bản'),
    canImport ? h('section', { class: 'panel', 'aria-labelledby': 'h-up' },
      h('h2', { id: 'h-up' }, 'Nhập văn bản mới'),
      h('p', { class: 'muted' }, 'Chọn tệp thông báo kết luận, chỉ thị, kế hoạch… (.docx, .pdf, .txt, .html; bản quét .pdf, .png, .jpg, .tif). Hệ thống đọc và tách các nhiệm vụ; kiểm tra, sửa rồi bấm Lưu.'),
      h('form', { class: 'form', onsubmit: upload }, h('label', {}, 'Tệp văn bản', file), upBtn),
      upMsg, previewBox) : null,
    h('h2', {}, `Đã nhập (${list.total})`),
    list.items.length
      ? h('table', { id: 'doc-table' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Số, ký hiệu'), h('th', {}, 'Loại'), h('th', {}, 'Trích yếu'),
          h('th', { class: 'num' }, 'Ngày'), h('th', { class: 'num' }, 'Nhiệm vụ'), h('th', {}, 'Người nhập'), h('th', { class: 'num' }, 'Lúc nhập'))),
        h('tbody', {}, rows))
      : h('p', { class: 'muted' }, 'Chưa có văn bản nào.'));

  async function upload(ev) {
    ev.preventDefault();
    put(upMsg);
    const f = file.files[0];
    if (!f) { put(upMsg, h('p', { class: 'error' }, 'Hãy chọn một tệp.')); return; }
    upBtn.disabled = true;
    try {
      const r = await api('POST', '/documents', { query: { name: f.name }, raw: f, type: f.type || 'application/octet-stream' });
      showPreview(r);
    } catch (e) {
      put(upMsg, h('p', { class: 'error' }, errorText(e)));
    } finally {
      upBtn.disabled = false;
    }
  }

  function showPreview(up) {
    const ex = up.extract;
    const inp = (id, v, type = 'text') => h('input', { id, type, value: v || '' });
    // OCR: source.ocr_check lists the values recognised with low confidence (docs/extract-schema.md)
    const src = ex.source || {};
    const weak = new Set(src.ocr_check || []);
    const confOf = (path) => Math.round((src.ocr_fields || {})[path]);
    const lowMark = (path) => (weak.has(path)
      ? h('span', { class: 'ocr-low', 'data-field': path, title: `${LOW_CONF_TITLE} (độ tin cậy ${confOf(path)}%)` }, `⚠ ${confOf(path)}%`)
      : null);
    // a form field: its label, the low-confidence mark and a highlighted input when OCR was unsure
    const fieldOf = (text, input, path, cls) => {
      if (weak.has(path)) input.classList.add('low-conf');
      return h('label', { class: cls }, h('span', {}, text, ' ', lowMark(path)), input);
    };
    const f = {
      number: inp('pv-number', ex.number),
      type: inp('pv-type', ex.type && ex.type.name),
      issuer: inp('pv-issuer', ex.issuer),
      date: inp('pv-date', ex.date, 'date'),
      subject: inp('pv-subject', ex.subject),
    };
    const taskRows = ex.tasks.map((t, i) => {
      const text = h('textarea', { 'aria-label': `Nội dung nhiệm vụ ${t.id}`, rows: 2 }, t.text);
      const due = h('input', { type: 'date', value: (t.deadline && t.deadline.date) || '', 'aria-label': `Hạn nhiệm vụ ${t.id}` });
      const known = units.find((u) => (t.lead_units || []).includes(u.name));
      const lead = h('select', { 'aria-label': `Đơn vị chủ trì nhiệm vụ ${t.id}` },
        unitOptions(units, known ? known.id : '', (t.lead_units || []).length && !known ? `(${t.lead_units.join('; ')})` : '— chưa giao —'));
      const keep = h('input', { type: 'checkbox', checked: true, 'aria-label': `Giữ nhiệm vụ ${t.id}` });
      const p = `tasks[${i}]`;
      const weakLead = (t.lead_units || []).map((_, j) => `${p}.lead_units[${j}]`).find((k) => weak.has(k));
      if (weak.has(`${p}.text`)) text.classList.add('low-conf');
      if (weak.has(`${p}.deadline`)) due.classList.add('low-conf');
      if (weakLead) lead.classList.add('low-conf');
      const row = h('tr', { 'data-index': i },
        h('td', {}, keep), h('td', {}, t.label || t.id),
        h('td', {}, lowMark(`${p}.text`), text, t.suggested_units && t.suggested_units.length ? h('div', { class: 'muted' }, 'Gợi ý: ', t.suggested_units.join('; ')) : null),
        h('td', {}, lowMark(`${p}.deadline`), due, h('div', { class: 'muted' }, (t.deadline && t.deadline.text) || '')),
        h('td', {}, weakLead ? lowMark(weakLead) : null, lead));
      row._get = () => ({ keep: keep.checked, text: text.value.trim(), due: due.value, lead: lead.value });
      return row;
    });
    const save = h('button', { class: 'primary', type: 'submit', id: 'preview-save' }, 'Lưu văn bản và nhiệm vụ');
    const msg = h('div', { role: 'alert' });
    put(previewBox,
      h('form', { class: 'panel', onsubmit: confirm, 'aria-labelledby': 'h-pv' },
        h('h2', { id: 'h-pv' }, `Kết quả trích xuất: ${up.file_name}`),
        up.duplicate_of ? h('p', { class: 'warnings' }, 'Văn bản này đã được nhập trước đây; lưu lại sẽ không tạo bản trùng.') : null,
        src.ocr ? ocrNote(src, weak) : null,
        (ex.warnings || []).length ? h('ul', { class: 'warnings' }, ex.warnings.map((w) => h('li', {}, w))) : null,
        h('div', { class: 'preview-fields' },
          fieldOf('Số, ký hiệu', f.number, 'number'), fieldOf('Loại văn bản', f.type, 'type'), fieldOf('Ngày ban hành', f.date, 'date'),
          fieldOf('Cơ quan ban hành', f.issuer, 'issuer', 'wide'), fieldOf('Trích yếu', f.subject, 'subject', 'wide')),
        h('h2', {}, `Nhiệm vụ (${ex.tasks.length})`),
        h('table', { id: 'preview-tasks' },
          h('thead', {}, h('tr', {}, h('th', {}, 'Giữ'), h('th', {}, 'Mục'), h('th', {}, 'Nội dung'), h('th', {}, 'Hạn'), h('th', {}, 'Chủ trì'))),
          h('tbody', {}, taskRows)),
        h('div', { class: 'form' }, save, h('button', { type: 'button', id: 'preview-cancel', onclick: () => put(previewBox) }, 'Hủy')),
        msg));
    f.number.focus();

    async function confirm(ev) {
      ev.preventDefault();
      const out = JSON.parse(JSON.stringify(ex));
      out.number = f.number.value.trim() || null;
      out.type = Object.assign({}, out.type || { code: null }, { name: f.type.value.trim() || null });
      out.issuer = f.issuer.value.trim() || null;
      out.date = f.date.value || null;
      out.subject = f.subject.value.trim() || null;
      const dropped = new Set();
      out.tasks = [];
      ex.tasks.forEach((t, i) => {
        const v = taskRows[i]._get();
        if (!v.keep || (t.parent && dropped.has(t.parent))) { dropped.add(t.id); return; }
        const nt = JSON.parse(JSON.stringify(t));
        nt.text = v.text || t.text;
        nt.deadline = Object.assign({}, nt.deadline || {});
        if (v.due) {
          if (nt.deadline.date !== v.due) { nt.deadline.inherited = false; }
          nt.deadline.date = v.due;
          nt.deadline.kind = 'by';
        } else if (nt.deadline.kind === 'by') {
          nt.deadline.kind = 'none';
          nt.deadline.date = null;
        }
        if (nt.deadline.text === undefined) nt.deadline.text = null;
        if (nt.deadline.inherited === undefined) nt.deadline.inherited = false;
        if (v.lead) {
          const u = units.find((x) => String(x.id) === v.lead);
          nt.lead_units = [u.name];
          nt.supporting_units = (nt.supporting_units || []).filter((n) => n !== u.name);
        }
        out.tasks.push(nt);
      });
      save.disabled = true;
      try {
        const r = await api('POST', `/documents/${up.upload_id}/confirm`, { body: { extract: out } });
        toast(r.duplicate ? 'Văn bản đã có sẵn, không nhập lại.' : `Đã lưu văn bản với ${r.tasks} nhiệm vụ.`);
        ctx.go(`#/tasks?doc=${r.document_id}`);
      } catch (e) {
        put(msg, h('p', { class: 'error' }, errorText(e)));
      } finally {
        save.disabled = false;
      }
    }
  }
}
