/* test_extract_table.c - task tables: header rows, group headings, continuations, limits, and
 * real HTML/DOCX read through the readers */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "extract/table.h"
#include "read/read.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* ---- building documents by hand ---- */

static void doc_new(struct rd_doc *doc)
{
	memset(doc, 0, sizeof(*doc));
	doc->format = RD_DOCX;
}

static void add_text(struct rd_doc *doc, const char *text)
{
	assert_int_equal(rd_doc_add_line(doc, text, strlen(text), 0, 0, 0, -1, -1), 0);
}

/* One table: rows[i] holds cells separated by '|', paragraphs of a cell by '\n'. An empty cell
 * gives no line, as the readers do; "@N:" before a cell puts it in column N (a spanned cell
 * before it) and the next cells follow from N+1. "*" before a cell makes its lines bold. */
static void add_table(struct rd_doc *doc, const char *const *rows, size_t nrows)
{
	for (size_t r = 0; r < nrows; r++) {
		const char *p = rows[r];
		int col = 0;
		for (;;) {
			const char *end = strchr(p, '|');
			size_t n = end ? (size_t)(end - p) : strlen(p);
			unsigned flags = RD_TABLE;
			if (n > 1 && p[0] == '@') {
				char *stop;
				col = (int)strtol(p + 1, &stop, 10);
				n -= (size_t)(stop + 1 - p);
				p = stop + 1;
			}
			if (n > 0 && p[0] == '*') {
				flags |= RD_BOLD;
				p++;
				n--;
			}
			while (n > 0) {
				const char *nl = memchr(p, '\n', n);
				size_t k = nl ? (size_t)(nl - p) : n;
				if (k > 0)
					assert_int_equal(rd_doc_add_line(doc, p, k, 0, flags, 0, col, (int)r),
							 0);
				if (!nl)
					break;
				n -= k + 1;
				p = nl + 1;
			}
			p += n;
			col++;
			if (!end)
				break;
			p = end + 1;
		}
	}
}

#define ADD_TABLE(doc, rows) add_table((doc), (rows), sizeof(rows) / sizeof((rows)[0]))

static const char *const letterhead[] = {
    "ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\nSố: 85/TB-UBND|CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - "
    "Hạnh phúc",
    "|Nghệ An, ngày 07 tháng 4 năm 2025",
};
static const char *const signature[] = {
    "Nơi nhận:\n- Như trên;\n- Lưu: VT.|KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn An",
};

static void check_task(const struct ex_table_task *t, const char *label, const char *parent,
		       const char *content, const char *lead, const char *deadline)
{
	assert_string_equal(t->label, label);
	assert_string_equal(t->parent, parent);
	assert_string_equal(t->content, content);
	assert_string_equal(t->lead, lead);
	assert_string_equal(t->deadline, deadline);
}

/* ---- header rows ---- */

static void test_basic(void **state)
{
	static const char *const rows[] = {
	    "STT|Nội dung nhiệm vụ|Cơ quan chủ trì|Cơ quan phối hợp|Thời gian hoàn thành|Ghi chú",
	    "1.|Xây dựng kế hoạch\ntriển khai|Sở Tài chính|Sở Nội vụ|Tháng 4/2025|Kế hoạch",
	    "2|Rà soát thủ tục hành chính|Sở Tư pháp||Quý III/2025|",
	    "3|Tuyên truyền|Sở Văn hóa, Thể thao và Du lịch|Các sở, ngành|Thường xuyên|",
	};
	struct rd_doc doc;
	struct ex_table_list l;
	(void)state;

	doc_new(&doc);
	ADD_TABLE(&doc, letterhead);
	add_text(&doc, "KẾ HOẠCH");
	ADD_TABLE(&doc, rows);
	ADD_TABLE(&doc, signature);
	assert_int_equal(ex_table_tasks(&doc, &l), 3);
	assert_int_equal(l.ntables, 1);
	assert_int_equal(l.truncated, 0);
	check_task(&l.v[0], "1", "", "Xây dựng kế hoạch triển khai", "Sở Tài chính", "Tháng 4/2025");
	assert_string_equal(l.v[0].support, "Sở Nội vụ");
	assert_string_equal(l.v[0].output, "Kế hoạch");
	assert_string_equal(l.v[0].group, "");
	assert_int_equal(l.v[0].line, 13);
	assert_int_equal(l.v[0].row, 1);
	assert_int_equal(l.v[0].table, 0);
	check_task(&l.v[1], "2", "", "Rà soát thủ tục hành chính", "Sở Tư pháp", "Quý III/2025");
	assert_int_equal(l.v[1].line, 20);
	assert_string_equal(l.v[1].support, "");
	assert_string_equal(l.v[1].output, "");
	/* a comma inside one unit's name is not a split */
	assert_string_equal(l.v[2].lead, "Sở Văn hóa, Thể thao và Du lịch");
	ex_table_list_release(&l);
	ex_table_list_release(&l); /* twice is fine */
	ex_table_list_release(NULL);
	rd_doc_release(&doc);
}

/* Tables that are not task tables give nothing. */
static void test_not_task_tables(void **state)
{
	static const char *const agenda[] = {
	    "Thời gian|Nội dung|Chủ trì",
	    "8h00|Khai mạc hội nghị|Đồng chí Bí thư",
	};
	static const char *const content_only[] = {
	    "STT|Nội dung|Số lượng",
	    "1|Máy tính|20",
	};
	static const char *const long_head[] = {
	    "STT|Nội dung nhiệm vụ được giao tại Nghị quyết của Ban Chấp hành Đảng bộ tỉnh lần thứ mười "
	    "ba về phát triển kinh tế - xã hội năm 2025 và các năm tiếp theo|Chủ trì",
	    "1|Xây dựng đề án|Sở Tài chính",
	};
	static const char *const unit_content[] = {
	    "Cơ quan|Nội dung",
	    "Sở Tài chính|Báo cáo quyết toán",
	};
	static const char *const many_unknown[] = {
	    "STT|Nội dung|Chủ trì|Vốn|Nguồn vốn|Địa điểm|Quy mô",
	    "1|Đường tỉnh 537|Sở Xây dựng|120|Ngân sách|Diễn Châu|12 km",
	};
	struct rd_doc doc;
	struct ex_table_list l;
	(void)state;

	doc_new(&doc);
	ADD_TABLE(&doc, letterhead);
	add_text(&doc, "CHƯƠNG TRÌNH HỘI NGHỊ");
	ADD_TABLE(&doc, agenda); /* time before content: an agenda */
	add_text(&doc, "x");
	ADD_TABLE(&doc, content_only);
	add_text(&doc, "x");
	ADD_TABLE(&doc, long_head);
	add_text(&doc, "x");
	ADD_TABLE(&doc, many_unknown);
	add_text(&doc, "x");
	ADD_TABLE(&doc, unit_content); /* no deadline, lead before content */
	ADD_TABLE(&doc, signature);
	assert_int_equal(ex_table_tasks(&doc, &l), 0);
	assert_int_equal(l.ntables, 0);
	assert_null(l.v);
	ex_table_list_release(&l);
	rd_doc_release(&doc);

	/* the same header words outside a table are plain text */
	doc_new(&doc);
	add_text(&doc, "STT");
	add_text(&doc, "Nội dung");
	add_text(&doc, "Chủ trì");
	add_text(&doc, "1");
	add_text(&doc, "Xây dựng đề án");
	assert_int_equal(ex_table_tasks(&doc, &l), 0);
	ex_table_list_release(&l);
	rd_doc_release(&doc);

	/* no document, an empty one */
	assert_int_equal(ex_table_tasks(NULL, &l), 0);
	assert_int_equal(l.n, 0);
	doc_new(&doc);
	assert_int_equal(ex_table_tasks(&doc, &l), 0);
	ex_table_list_release(&l);
	rd_doc_release(&doc);
}

/* Title variants, matched without case or diacritics; the head noun decides. */
static void test_header_variants(void **state)
{
	static const char *const t1[] = {
	    "TÊN NHIỆM VỤ|CƠ QUAN, ĐƠN VỊ CHỦ TRÌ|THỜI HẠN HOÀN THÀNH|HÌNH THỨC VĂN BẢN",
	    "1. Ban hành quy chế phối hợp|Văn phòng UBND tỉnh|Trước ngày 15/5/2025|Quyết định",
	    "Nâng cấp cổng dịch vụ công|Sở Khoa học và Công nghệ|Năm 2025|",
	};
	static const char *const t2[] = {
	    "Tt|Công việc|Đơn vị thực hiện|Thời gian thực hiện|Kết quả",
	    "a)|Kiểm kê tài sản|Sở Tài chính|Hằng quý|Báo cáo",
	};
	static const char *const t3[] = {
	    "Số TT|Nội dung công việc|Cơ quan phối hợp|Tiến độ|Sản phẩm",
	    "1|Tổng kết năm|Các sở|30/6/2025|Báo cáo",
	};
	static const char *const t5[] = {
	    "TT|Đơn vị chủ trì|Nhiệm vụ|Thời hạn",
	    "1|Sở Y tế|Tiêm chủng mở rộng|Quý II/2025",
	};
	static const char *const t6[] = {
	    "|Nội dung|Chủ trì|Thời hạn",
	    "2.|Lập đề án|Sở Nội vụ|2026",
	};
	static const char *const t4[] = {
	    "Nhiệm vụ|Chủ trì|Phối hợp|Thời hạn",
	    "(1)|(2)|(3)|(4)",
	    "Soạn thảo quy chế|Sở Nội vụ|Sở Tư pháp|",
	};
	struct rd_doc doc;
	struct ex_table_list l;
	(void)state;

	doc_new(&doc);
	ADD_TABLE(&doc, t1);
	add_text(&doc, "Bảng 2");
	add_text(&doc, "Bảng 2 (tiếp)");
	add_text(&doc, "Bảng 2 (tiếp)");
	add_text(&doc, "Bảng 2 (tiếp)");
	ADD_TABLE(&doc, t2);
	add_text(&doc, "Bảng 3");
	ADD_TABLE(&doc, t3);
	add_text(&doc, "Bảng 4");
	ADD_TABLE(&doc, t4);
	add_text(&doc, "Bảng 5");
	ADD_TABLE(&doc, t5);
	add_text(&doc, "Bảng 6");
	ADD_TABLE(&doc, t6);
	assert_int_equal(ex_table_tasks(&doc, &l), 7);
	assert_int_equal(l.ntables, 6);
	/* a blank title left of the content: the number column */
	check_task(&l.v[6], "2", "", "Lập đề án", "Sở Nội vụ", "2026");
	/* listed by unit: the lead column before the content */
	check_task(&l.v[5], "1", "", "Tiêm chủng mở rộng", "Sở Y tế", "Quý II/2025");
	/* no STT column: the content's leading label */
	check_task(&l.v[0], "1", "", "1. Ban hành quy chế phối hợp", "Văn phòng UBND tỉnh",
		   "Trước ngày 15/5/2025");
	assert_string_equal(l.v[0].output, "Quyết định");
	check_task(&l.v[1], "", "", "Nâng cấp cổng dịch vụ công", "Sở Khoa học và Công nghệ", "Năm 2025");
	/* "Thời gian thực hiện" is the deadline, "Đơn vị thực hiện" the lead */
	check_task(&l.v[2], "a", "", "Kiểm kê tài sản", "Sở Tài chính", "Hằng quý");
	assert_string_equal(l.v[2].output, "Báo cáo");
	assert_int_equal(l.v[2].table, 1);
	/* only a supporting column: the lead stays empty */
	check_task(&l.v[3], "1", "", "Tổng kết năm", "", "30/6/2025");
	assert_string_equal(l.v[3].support, "Các sở");
	assert_string_equal(l.v[3].output, "Báo cáo");
	/* no STT column at all; the row of column numbers is no task */
	check_task(&l.v[4], "", "", "Soạn thảo quy chế", "Sở Nội vụ", "");
	assert_string_equal(l.v[4].support, "Sở Tư pháp");
	assert_int_equal(l.v[4].table, 3);
	ex_table_list_release(&l);
	rd_doc_release(&doc);
}

/* Header over two rows: Word gives the second row its grid columns, HTML numbers the cells of
 * a row from 0 when cells above span both rows. */
static void test_two_row_header(void **state)
{
	static const char *const word[] = {
	    "STT|Nội dung|Cơ quan thực hiện|@4:Thời gian|@6:Ghi chú",
	    "@2:Chủ trì|Phối hợp|Bắt đầu|Hoàn thành",
	    "1|Lập quy hoạch|Sở Xây dựng|Sở Tài chính|1/2025|12/2025|",
	};
	static const char *const html[] = {
	    "STT|Nội dung|Cơ quan thực hiện|@4:Thời gian hoàn thành",
	    "Chủ trì|Phối hợp",
	    "1|Lập quy hoạch|Sở Xây dựng|Sở Tài chính|12/2025",
	};
	static const char *const html_last[] = {
	    "STT|Nội dung|Thời hạn|Đơn vị thực hiện",
	    "Chủ trì|Phối hợp",
	    "1|Lập quy hoạch|12/2025|Sở Xây dựng|Sở Tài chính",
	};
	/* the first row names the content only: a title row over the lead and deadline */
	static const char *const pending[] = {
	    "TT|Nội dung|Tổ chức triển khai",
	    "@2:Chủ trì|Thời hạn",
	    "1|Lập quy hoạch|Sở Xây dựng|12/2025",
	};
	struct rd_doc doc;
	struct ex_table_list l;
	(void)state;

	doc_new(&doc);
	ADD_TABLE(&doc, word);
	add_text(&doc, "x");
	ADD_TABLE(&doc, html);
	add_text(&doc, "x");
	ADD_TABLE(&doc, html_last);
	add_text(&doc, "x");
	ADD_TABLE(&doc, pending);
	assert_int_equal(ex_table_tasks(&doc, &l), 4);
	assert_int_equal(l.ntables, 4);
	for (size_t i = 0; i < 3; i++) {
		check_task(&l.v[i], "1", "", "Lập quy hoạch", "Sở Xây dựng", "12/2025");
		assert_string_equal(l.v[i].support, "Sở Tài chính");
		assert_int_equal(l.v[i].row, 2);
	}
	check_task(&l.v[3], "1", "", "Lập quy hoạch", "Sở Xây dựng", "12/2025");
	ex_table_list_release(&l);
	rd_doc_release(&doc);
}

/* Group heading rows give parent and group; they are not tasks. */
static void test_groups(void **state)
{
	static const char *const rows[] = {
	    "STT|Nội dung|Chủ trì|Phối hợp|Thời hạn",
	    "I. LĨNH VỰC KINH TẾ", /* one cell spanning the row, from the STT column */
	    "1|Thu ngân sách|Sở Tài chính||Quý IV/2025",
	    "2|Phát triển hạ tầng|||", /* a numbered heading: "2.1" follows */
	    "2.1|Đường vành đai|Sở Xây dựng||2026",
	    "2.2|Cảng cạn|Sở Công Thương||2027",
	    "3|Thu hút đầu tư|Sở Tài chính||", /* a lead: a task, not a heading */
	    "3.1|Hội nghị xúc tiến|Sở Tài chính||Tháng 6/2025",
	    "II|Văn hóa - xã hội|||",
	    "1|Phòng, chống dịch bệnh|||", /* a numbered heading: "a" follows */
	    "a|Tiêm chủng|Sở Y tế||Thường xuyên",
	    "b|Kiểm tra an toàn thực phẩm|Sở Y tế||Hằng quý",
	    "2|Giáo dục|||",  /* nothing under it: a task without lead */
	    "*Nhiệm vụ khác", /* unlabelled heading under II */
	    "1|Tổng kết|Văn phòng|||",
	    "A|Nhiệm vụ chung", /* "A" in the STT column, text across the rest */
	    "1|Báo cáo định kỳ|Các sở||Hằng tháng",
	};
	struct rd_doc doc;
	struct ex_table_list l;
	(void)state;

	doc_new(&doc);
	ADD_TABLE(&doc, rows);
	assert_int_equal(ex_table_tasks(&doc, &l), 12);
	check_task(&l.v[0], "1", "I", "Thu ngân sách", "Sở Tài chính", "Quý IV/2025");
	assert_string_equal(l.v[0].group, "I. LĨNH VỰC KINH TẾ");
	/* a numbered heading is a task too, and the group of its sub-rows */
	check_task(&l.v[1], "2", "I", "Phát triển hạ tầng", "", "");
	assert_true(l.v[1].heading);
	assert_false(l.v[0].heading);
	check_task(&l.v[2], "2.1", "2", "Đường vành đai", "Sở Xây dựng", "2026");
	assert_string_equal(l.v[2].group, "Phát triển hạ tầng");
	assert_false(l.v[2].heading);
	check_task(&l.v[3], "2.2", "2", "Cảng cạn", "Sở Công Thương", "2027");
	check_task(&l.v[4], "3", "I", "Thu hút đầu tư", "Sở Tài chính", "");
	assert_string_equal(l.v[4].group, "I. LĨNH VỰC KINH TẾ");
	assert_false(l.v[4].heading); /* it has a lead */
	check_task(&l.v[5], "3.1", "3", "Hội nghị xúc tiến", "Sở Tài chính", "Tháng 6/2025");
	check_task(&l.v[6], "1", "II", "Phòng, chống dịch bệnh", "", "");
	assert_true(l.v[6].heading);
	check_task(&l.v[7], "a", "1", "Tiêm chủng", "Sở Y tế", "Thường xuyên");
	assert_string_equal(l.v[7].group, "Phòng, chống dịch bệnh");
	check_task(&l.v[8], "b", "1", "Kiểm tra an toàn thực phẩm", "Sở Y tế", "Hằng quý");
	check_task(&l.v[9], "2", "II", "Giáo dục", "", "");
	assert_string_equal(l.v[9].group, "Văn hóa - xã hội");
	assert_false(l.v[9].heading); /* nothing under it */
	check_task(&l.v[10], "1", "Nhiệm vụ khác", "Tổng kết", "Văn phòng", "");
	assert_string_equal(l.v[10].group, "Nhiệm vụ khác");
	check_task(&l.v[11], "1", "A", "Báo cáo định kỳ", "Các sở", "Hằng tháng");
	assert_string_equal(l.v[11].group, "Nhiệm vụ chung");
	for (size_t i = 0; i < l.n; i++)
		assert_int_equal(l.v[i].table, 0);
	ex_table_list_release(&l);
	rd_doc_release(&doc);

	/* a heading right under the header row is no second header row */
	static const char *const under[] = {
	    "STT|Nội dung|Chủ trì|Thời hạn",
	    "Nhiệm vụ chung",
	    "1|Họp giao ban|Văn phòng|Hằng tuần",
	};
	doc_new(&doc);
	ADD_TABLE(&doc, under);
	assert_int_equal(ex_table_tasks(&doc, &l), 1);
	check_task(&l.v[0], "1", "Nhiệm vụ chung", "Họp giao ban", "Văn phòng", "Hằng tuần");
	assert_string_equal(l.v[0].group, "Nhiệm vụ chung");
	ex_table_list_release(&l);
	rd_doc_release(&doc);

	/* no STT column: a roman-numbered or bold row without lead or deadline is a heading */
	static const char *const nostt[] = {
	    "Nội dung|Cơ quan chủ trì|Thời hạn",
	    "I. CẢI CÁCH HÀNH CHÍNH||",
	    "1. Rà soát thủ tục|Sở Tư pháp|Quý II/2025",
	    "*Nhiệm vụ thường xuyên",
	    "Cập nhật cơ sở dữ liệu|Các sở|Thường xuyên",
	    "Tổng hợp ý kiến||", /* plain text, no lead: still a task */
	};
	doc_new(&doc);
	ADD_TABLE(&doc, nostt);
	assert_int_equal(ex_table_tasks(&doc, &l), 3);
	check_task(&l.v[0], "1", "I", "1. Rà soát thủ tục", "Sở Tư pháp", "Quý II/2025");
	check_task(&l.v[1], "", "Nhiệm vụ thường xuyên", "Cập nhật cơ sở dữ liệu", "Các sở", "Thường xuyên");
	check_task(&l.v[2], "", "Nhiệm vụ thường xuyên", "Tổng hợp ý kiến", "", "");
	ex_table_list_release(&l);
	rd_doc_release(&doc);
}

/* A row with neither label nor content (a content cell merged over two rows) adds to the
 * task above; cell paragraphs are joined. */
static void test_merge_and_join(void **state)
{
	static const char *const rows[] = {
	    "STT|Nội dung|Chủ trì|Phối hợp|Thời hạn|Sản phẩm",
	    "1|Đẩy nhanh thi công\ncác công trình|Sở Xây dựng|Sở Tài chính\nSở Nội vụ|Tháng 9/2025|Công "
	    "trình",
	    "||Sở Giáo dục và Đào tạo|UBND các xã,\nphường|Năm 2025|Trường học",
	    "||||",
	    "2|Kiểm tra|- Thanh tra tỉnh;\n- Công an tỉnh|Ủy ban nhân dân\ncác xã, phường|Thường xuyên|",
	};
	struct rd_doc doc;
	struct ex_table_list l;
	(void)state;

	doc_new(&doc);
	ADD_TABLE(&doc, rows);
	assert_int_equal(ex_table_tasks(&doc, &l), 2);
	check_task(&l.v[0], "1", "", "Đẩy nhanh thi công các công trình",
		   "Sở Xây dựng; Sở Giáo dục và Đào tạo", "Tháng 9/2025; Năm 2025");
	assert_string_equal(l.v[0].support, "Sở Tài chính; Sở Nội vụ; UBND các xã, phường");
	assert_string_equal(l.v[0].output, "Công trình; Trường học");
	assert_string_equal(l.v[1].lead, "- Thanh tra tỉnh; - Công an tỉnh");
	/* a line starting in lower case goes on the name above */
	assert_string_equal(l.v[1].support, "Ủy ban nhân dân các xã, phường");
	ex_table_list_release(&l);
	rd_doc_release(&doc);

	/* a merged row at the top of a table has nothing to join */
	static const char *const top[] = {
	    "STT|Nội dung|Chủ trì|Thời hạn",
	    "||Sở Xây dựng|2025",
	    "1|Lập đề án|Sở Nội vụ|2026",
	};
	doc_new(&doc);
	ADD_TABLE(&doc, top);
	assert_int_equal(ex_table_tasks(&doc, &l), 1);
	check_task(&l.v[0], "1", "", "Lập đề án", "Sở Nội vụ", "2026");
	ex_table_list_release(&l);
	rd_doc_release(&doc);
}

/* A table split over pages: the header repeated, or the rows going on without it. */
static void test_continued(void **state)
{
	static const char *const page1[] = {
	    "STT|Nội dung|Chủ trì|Thời hạn",
	    "I|Nhiệm vụ chung||",
	    "1|Lập kế hoạch|Sở Nội vụ|Quý I/2025",
	};
	static const char *const page2[] = {
	    "STT|Nội dung|Chủ trì|Thời hạn",
	    "2|Sơ kết|Sở Nội vụ|Quý II/2025",
	};
	static const char *const page3[] = {
	    "3|Tổng kết|Sở Nội vụ|Quý IV/2025",
	};
	static const char *const far[] = {
	    "4|Khen thưởng|Sở Nội vụ|2026",
	};
	static const char *const other[] = {
	    "Nhiệm vụ|Thời gian hoàn thành",
	    "Báo cáo tổng kết|Tháng 12/2025",
	};
	struct rd_doc doc;
	struct ex_table_list l;
	(void)state;

	doc_new(&doc);
	ADD_TABLE(&doc, page1);
	add_text(&doc, "2"); /* a page number between the parts */
	ADD_TABLE(&doc, page2);
	ADD_TABLE(&doc, page3); /* right after: rows restart at 0 */
	add_text(&doc, "a");
	add_text(&doc, "b");
	add_text(&doc, "c");
	add_text(&doc, "d"); /* four lines: too far to go on */
	ADD_TABLE(&doc, far);
	ADD_TABLE(&doc, other); /* a second task table */
	assert_int_equal(ex_table_tasks(&doc, &l), 4);
	assert_int_equal(l.ntables, 2);
	check_task(&l.v[0], "1", "I", "Lập kế hoạch", "Sở Nội vụ", "Quý I/2025");
	check_task(&l.v[1], "2", "I", "Sơ kết", "Sở Nội vụ", "Quý II/2025");
	assert_int_equal(l.v[1].table, 0);
	assert_int_equal(l.v[1].row, 1);
	check_task(&l.v[2], "3", "I", "Tổng kết", "Sở Nội vụ", "Quý IV/2025");
	assert_int_equal(l.v[2].table, 0);
	assert_int_equal(l.v[2].row, 0);
	check_task(&l.v[3], "", "", "Báo cáo tổng kết", "", "Tháng 12/2025");
	assert_int_equal(l.v[3].table, 1);
	ex_table_list_release(&l);
	rd_doc_release(&doc);

	/* a two-row header repeated on the next page */
	static const char *const two1[] = {
	    "STT|Nội dung|Cơ quan thực hiện|@4:Thời hạn",
	    "Chủ trì|Phối hợp",
	    "1|Lập đề án|Sở Nội vụ|Sở Tư pháp|2025",
	};
	static const char *const two2[] = {
	    "STT|Nội dung|Cơ quan thực hiện|@4:Thời hạn",
	    "Chủ trì|Phối hợp",
	    "2|Tổng kết đề án|Sở Tư pháp|Sở Nội vụ|2026",
	};
	doc_new(&doc);
	ADD_TABLE(&doc, two1);
	add_text(&doc, "5");
	ADD_TABLE(&doc, two2);
	assert_int_equal(ex_table_tasks(&doc, &l), 2);
	assert_int_equal(l.ntables, 1);
	check_task(&l.v[1], "2", "", "Tổng kết đề án", "Sở Tư pháp", "2026");
	assert_string_equal(l.v[1].support, "Sở Nội vụ");
	assert_int_equal(l.v[1].table, 0);
	ex_table_list_release(&l);
	rd_doc_release(&doc);

	/* a signature table right after a task table does not go on with it */
	doc_new(&doc);
	ADD_TABLE(&doc, page1);
	ADD_TABLE(&doc, signature);
	assert_int_equal(ex_table_tasks(&doc, &l), 1);
	ex_table_list_release(&l);
	rd_doc_release(&doc);
}

/* Bounds: huge, narrow, wide, header-only, out-of-range cells. */
static void test_limits(void **state)
{
	struct rd_doc doc;
	struct ex_table_list l;
	char text[64];
	(void)state;

	/* 10,000 task rows: capped */
	doc_new(&doc);
	static const char *const head[] = {"STT|Nội dung|Chủ trì|Thời hạn"};
	ADD_TABLE(&doc, head);
	for (int r = 1; r <= 10000; r++) {
		snprintf(text, sizeof(text), "%d", r);
		assert_int_equal(rd_doc_add_line(&doc, text, strlen(text), 0, RD_TABLE, 0, 0, r), 0);
		snprintf(text, sizeof(text), "Nhiệm vụ số %d", r);
		assert_int_equal(rd_doc_add_line(&doc, text, strlen(text), 0, RD_TABLE, 0, 1, r), 0);
		assert_int_equal(
		    rd_doc_add_line(&doc, "Sở Nội vụ", strlen("Sở Nội vụ"), 0, RD_TABLE, 0, 2, r), 0);
	}
	assert_int_equal(ex_table_tasks(&doc, &l), EX_TABLE_MAX_TASKS);
	assert_int_equal(l.truncated, 1);
	assert_string_equal(l.v[EX_TABLE_MAX_TASKS - 1].content, "Nhiệm vụ số 5000");
	ex_table_list_release(&l);
	rd_doc_release(&doc);

	/* one column of 10,000 rows: no header, nothing */
	doc_new(&doc);
	for (int r = 0; r < 10000; r++)
		assert_int_equal(rd_doc_add_line(&doc, "Nội dung", strlen("Nội dung"), 0, RD_TABLE, 0, 0, r),
				 0);
	assert_int_equal(ex_table_tasks(&doc, &l), 0);
	assert_int_equal(l.truncated, 0);
	ex_table_list_release(&l);
	rd_doc_release(&doc);

	/* 50 columns, the titles far right; then the same past the column bound */
	for (int base = 45; base <= 100; base += 55) {
		doc_new(&doc);
		static const char *const titles[] = {"STT", "Nội dung", "Chủ trì", "Thời hạn"};
		static const char *const cells[] = {"1", "Lập đề án", "Sở Nội vụ", "2026"};
		for (int c = 0; c < 4; c++) {
			assert_int_equal(
			    rd_doc_add_line(&doc, titles[c], strlen(titles[c]), 0, RD_TABLE, 0, base + c, 0),
			    0);
		}
		for (int c = 0; c < 4; c++)
			assert_int_equal(
			    rd_doc_add_line(&doc, cells[c], strlen(cells[c]), 0, RD_TABLE, 0, base + c, 1),
			    0);
		assert_int_equal(ex_table_tasks(&doc, &l), base < EX_TABLE_MAX_COLS ? 1 : 0);
		if (base < EX_TABLE_MAX_COLS)
			check_task(&l.v[0], "1", "", "Lập đề án", "Sở Nội vụ", "2026");
		else
			assert_int_equal(l.truncated, 1);
		ex_table_list_release(&l);
		rd_doc_release(&doc);
	}

	/* a header only, empty lines, empty cells, negative columns from a careless caller */
	doc_new(&doc);
	static const char *const only[] = {"STT|Nội dung|Chủ trì|Thời hạn", "||||", "|||"};
	ADD_TABLE(&doc, only);
	assert_int_equal(rd_doc_add_line(&doc, "", 0, 0, RD_TABLE, 0, 1, 5), 0);
	assert_int_equal(rd_doc_add_line(&doc, "", 0, 0, 0, 0, -1, -1), 0);
	assert_int_equal(ex_table_tasks(&doc, &l), 0);
	assert_int_equal(l.ntables, 1);
	ex_table_list_release(&l);
	assert_int_equal(rd_doc_add_line(&doc, "Việc lạ", strlen("Việc lạ"), 0, RD_TABLE, 0, -7, -3), 0);
	assert_int_equal(ex_table_tasks(&doc, &l), 0); /* column 0 of a new table: no header */
	ex_table_list_release(&l);
	rd_doc_release(&doc);

	/* a cell over the size bound is cut on a character boundary */
	doc_new(&doc);
	ADD_TABLE(&doc, head);
	{
		struct buf big = BUF_INIT;
		for (int i = 0; i < 3000; i++)
			buf_addstr(&big, "ệ"); /* 3 bytes each: 9000 bytes */
		assert_int_equal(rd_doc_add_line(&doc, "1", 1, 0, RD_TABLE, 0, 0, 1), 0);
		assert_int_equal(rd_doc_add_line(&doc, big.ptr, big.len, 0, RD_TABLE, 0, 1, 1), 0);
		for (int i = 0; i < 20; i++)
			assert_int_equal(rd_doc_add_line(&doc, big.ptr, 600, 0, RD_TABLE, 0, 2, 1), 0);
		buf_release(&big);
	}
	assert_int_equal(ex_table_tasks(&doc, &l), 1);
	assert_int_equal(l.truncated, 1);
	assert_true(strlen(l.v[0].content) <= EX_TABLE_MAX_CELL);
	assert_int_equal(strlen(l.v[0].content) % 3, 0);
	assert_true(strlen(l.v[0].content) > EX_TABLE_MAX_CELL - 3);
	assert_true(strlen(l.v[0].lead) <= EX_TABLE_MAX_CELL + 2 * 20);
	ex_table_list_release(&l);
	rd_doc_release(&doc);
}

/* Random tables built from header words, labels and text: whatever comes, the results keep
 * their invariants (and ASan/UBSan see every path). */
static void test_random_tables(void **state)
{
	static const char *const words[] = {
	    "STT",
	    "TT",
	    "Nội dung",
	    "Nhiệm vụ",
	    "Chủ trì",
	    "Phối hợp",
	    "Thời hạn",
	    "Ghi chú",
	    "Cơ quan thực hiện",
	    "Thời gian hoàn thành",
	    "Sản phẩm",
	    "1",
	    "1.1",
	    "1.2",
	    "2",
	    "a",
	    "b",
	    "I",
	    "II",
	    "A",
	    "B",
	    "(1)",
	    "I. LĨNH VỰC KINH TẾ",
	    "Nhiệm vụ chung",
	    "Sở Tài chính",
	    "Quý III/2025",
	    "Thường xuyên",
	    "các xã, phường",
	    "1.",
	    "a)",
	    "",
	    "-",
	    "ệ",
	    "1..2",
	    ".",
	    "Nơi nhận:",
	    "KT. CHỦ TỊCH",
	    "Xây dựng kế hoạch triển khai thực hiện",
	};
	const size_t nwords = sizeof(words) / sizeof(words[0]);
	unsigned long seed = 12345;
	size_t total = 0;
	(void)state;

	for (int d = 0; d < 300; d++) {
		struct rd_doc doc;
		struct ex_table_list l;
		int row = 0, col = 0;
		doc_new(&doc);
		for (int i = 0; i < 200; i++) {
			unsigned r;
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			r = (unsigned)(seed >> 33);
			const char *w = words[r % nwords];
			switch ((r >> 8) % 10) {
			case 0: /* a line outside tables */
				add_text(&doc, w);
				continue;
			case 1: /* next row */
				row++;
				col = 0;
				break;
			case 2: /* a new table, or a careless caller's numbers */
				row = (int)((r >> 12) % 3) - 1;
				col = (int)((r >> 14) % 4) - 1;
				break;
			case 3: /* a wide jump */
				col += (int)((r >> 12) % 70);
				break;
			default:
				col++;
				break;
			}
			assert_int_equal(rd_doc_add_line(&doc, w, strlen(w), 0,
							 RD_TABLE | ((r >> 20) % 4 == 0 ? RD_BOLD : 0), 0,
							 col, row),
					 0);
		}
		ex_table_tasks(&doc, &l);
		assert_true(l.n <= EX_TABLE_MAX_TASKS);
		assert_true(l.n == 0 || l.ntables > 0);
		for (size_t i = 0; i < l.n; i++) {
			const struct ex_table_task *t = &l.v[i];
			assert_non_null(t->label);
			assert_non_null(t->parent);
			assert_non_null(t->group);
			assert_non_null(t->lead);
			assert_non_null(t->support);
			assert_non_null(t->deadline);
			assert_non_null(t->output);
			assert_true(t->content[0] != '\0');
			assert_true(t->line < doc.nlines);
			assert_true(doc.lines[t->line].flags & RD_TABLE);
			assert_true(t->table >= 0 && (size_t)t->table < l.ntables);
			assert_true(i == 0 || t->line > l.v[i - 1].line);
		}
		total += l.n;
		ex_table_list_release(&l);
		rd_doc_release(&doc);
	}
	assert_true(total > 0); /* the generator does make task tables */
}

/* ---- through the readers ---- */

static void test_html_reader(void **state)
{
	static const char html[] =
	    "<html><body>"
	    "<table><tr><td>ỦY BAN NHÂN DÂN<br>TỈNH HÀ TĨNH</td><td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT "
	    "NAM</td></tr>"
	    "<tr><td>Số: 12/KH-UBND</td><td>Hà Tĩnh, ngày 02 tháng 01 năm 2025</td></tr></table>"
	    "<p>KẾ HOẠCH</p>"
	    "<table border=1>"
	    "<tr><th rowspan=2>TT</th><th rowspan=2>Nội dung công việc</th>"
	    "<th colspan=2>Cơ quan, đơn vị</th><th rowspan=2>Thời hạn</th></tr>"
	    "<tr><th>Chủ trì</th><th>Phối hợp</th></tr>"
	    "<tr><td colspan=5><b>A. NHIỆM VỤ TRỌNG TÂM</b></td></tr>"
	    "<tr><td>1</td><td>Sáp nhập đơn vị sự nghiệp</td><td>Sở Nội vụ</td>"
	    "<td><p>Sở Tài chính</p><p>Sở Tư pháp</p></td><td>Trước ngày 30/6/2025</td></tr>"
	    "<tr><td>2</td><td>Sắp xếp trụ sở</td><td>Sở Tài chính</td><td></td><td>Năm 2025</td></tr>"
	    "</table>"
	    "<table><tr><td>Nơi nhận:<br>- Như trên;</td><td>TM. ỦY BAN NHÂN DÂN<br>CHỦ "
	    "TỊCH</td></tr></table>"
	    "</body></html>";
	struct rd_doc doc;
	struct dd_error err;
	struct ex_table_list l;
	(void)state;

	memset(&doc, 0, sizeof(doc));
	assert_int_equal(rd_read_buffer("t.html", html, sizeof(html) - 1, NULL, &doc, &err), 0);
	assert_int_equal(ex_table_tasks(&doc, &l), 2);
	assert_int_equal(l.ntables, 1);
	check_task(&l.v[0], "1", "A", "Sáp nhập đơn vị sự nghiệp", "Sở Nội vụ", "Trước ngày 30/6/2025");
	assert_string_equal(l.v[0].support, "Sở Tài chính; Sở Tư pháp");
	assert_string_equal(l.v[0].group, "A. NHIỆM VỤ TRỌNG TÂM");
	assert_string_equal(doc.lines[l.v[0].line].text, "1");
	check_task(&l.v[1], "2", "A", "Sắp xếp trụ sở", "Sở Tài chính", "Năm 2025");
	assert_string_equal(l.v[1].support, "");
	ex_table_list_release(&l);
	rd_doc_release(&doc);
}

static int read_example(const char *name, struct rd_doc *doc)
{
	const char *src = getenv("DONDOC_SRC");
	char path[4096];
	struct dd_error err;

	memset(doc, 0, sizeof(*doc));
	if (!src) {
		print_message("DONDOC_SRC not set: examples/%s not checked\n", name);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/examples/%s", src, name);
	assert_int_equal(rd_read_file(path, NULL, doc, &err), 0);
	return 0;
}

static void test_example_html(void **state)
{
	struct rd_doc doc;
	struct ex_table_list l;
	(void)state;

	if (read_example("16-kh-bang-nhiem-vu.html", &doc) < 0)
		return;
	assert_int_equal(ex_table_tasks(&doc, &l), 7);
	assert_int_equal(l.ntables, 1);
	check_task(&l.v[0], "1", "I", "Quán triệt, tuyên truyền Kết luận số 08-KL/TU đến cán bộ, đảng viên",
		   "Ban Tuyên giáo và Dân vận Tỉnh ủy", "Tháng 4/2025");
	assert_string_equal(l.v[0].support, "Các đảng ủy trực thuộc Tỉnh ủy");
	assert_string_equal(l.v[0].output, "Báo cáo kết quả");
	assert_string_equal(l.v[0].group, "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO");
	check_task(&l.v[1], "2", "I",
		   "Xây dựng quy chế quản lý, vận hành hệ thống thông tin điều hành tác nghiệp của Tỉnh ủy",
		   "Văn phòng Tỉnh ủy", "Quý II/2025");
	assert_string_equal(l.v[1].support, "Ban Tổ chức Tỉnh ủy; Sở Khoa học và Công nghệ");
	/* the numbered heading over 1.1 and 1.2 is a task of its own */
	check_task(&l.v[2], "1", "II", "Hoàn thiện hạ tầng số phục vụ các cơ quan Đảng", "", "");
	assert_true(l.v[2].heading);
	check_task(&l.v[3], "1.1", "1", "Nâng cấp mạng diện rộng của Đảng đến cấp xã", "Văn phòng Tỉnh ủy",
		   "Trước ngày 30/6/2025");
	assert_string_equal(l.v[3].group, "Hoàn thiện hạ tầng số phục vụ các cơ quan Đảng");
	check_task(&l.v[4], "1.2", "1", "Trang bị chữ ký số cho cán bộ lãnh đạo các cơ quan Đảng",
		   "Văn phòng Tỉnh ủy", "Quý III/2025");
	check_task(&l.v[5], "2", "II", "Số hóa hồ sơ đảng viên và cập nhật cơ sở dữ liệu đảng viên",
		   "Ban Tổ chức Tỉnh ủy", "Thường xuyên");
	assert_string_equal(l.v[5].group, "II. HẠ TẦNG VÀ DỮ LIỆU");
	check_task(&l.v[6], "3", "II", "Báo cáo sơ kết việc thực hiện Kế hoạch", "Văn phòng Tỉnh ủy",
		   "Trước ngày 15/12/2025");
	for (size_t i = 0; i < l.n; i++)
		assert_true(doc.lines[l.v[i].line].flags & RD_TABLE);
	ex_table_list_release(&l);
	rd_doc_release(&doc);
}

static void test_example_docx(void **state)
{
	struct rd_doc doc;
	struct ex_table_list l;
	(void)state;

	if (read_example("17-tb-phu-luc.docx", &doc) < 0)
		return;
	assert_int_equal(doc.format, RD_DOCX);
	assert_int_equal(ex_table_tasks(&doc, &l), 7);
	assert_int_equal(l.ntables, 1);
	check_task(&l.v[0], "1", "A", "Rà soát danh mục dự án chậm giải ngân, đề xuất điều chuyển vốn",
		   "Sở Tài chính", "Trước ngày 20/4/2025");
	assert_string_equal(l.v[0].support, "Các chủ đầu tư");
	assert_string_equal(l.v[0].output, "Báo cáo UBND tỉnh");
	assert_string_equal(l.v[0].group, "Nhiệm vụ chung");
	check_task(&l.v[1], "2", "A", "Báo cáo tiến độ giải ngân định kỳ", "Các chủ đầu tư", "Hằng tháng");
	check_task(&l.v[2], "1", "B", "Giải phóng mặt bằng các dự án giao thông trọng điểm", "", "");
	assert_true(l.v[2].heading);
	check_task(&l.v[3], "a", "1", "Hoàn thành bàn giao mặt bằng tuyến đường ven biển",
		   "UBND các xã, phường có dự án", "30/6/2025");
	assert_string_equal(l.v[3].group, "Giải phóng mặt bằng các dự án giao thông trọng điểm");
	check_task(&l.v[4], "b", "1", "Giải quyết dứt điểm kiến nghị của người dân về bồi thường",
		   "UBND các xã, phường có dự án", "Quý III/2025");
	/* the content cell merged over two rows: one task, two leads */
	check_task(&l.v[5], "2", "B", "Đẩy nhanh thi công các công trình chuyển tiếp",
		   "Sở Xây dựng; Sở Giáo dục và Đào tạo", "Tháng 9/2025; Năm 2025");
	assert_string_equal(l.v[5].output, "Công trình giao thông; Công trình trường học");
	assert_string_equal(l.v[5].group, "Nhiệm vụ cụ thể");
	check_task(&l.v[6], "3", "B", "Kiểm tra, đôn đốc việc thực hiện các nhiệm vụ tại Phụ lục này",
		   "Văn phòng UBND tỉnh", "Thường xuyên");
	assert_string_equal(l.v[6].support, "Sở Tài chính, Sở Xây dựng");
	ex_table_list_release(&l);
	rd_doc_release(&doc);
}

/* The other samples have header and signature tables (HTML, DOCX, PDF column blocks) and
 * no task table. */
static void test_examples_without_task_tables(void **state)
{
	static const char *const names[] = {"06-cv-ubnd.html", "07-kh-ubnd.docx", "08-tb-ubnd.pdf"};
	(void)state;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		struct rd_doc doc;
		struct ex_table_list l;
		size_t ntable = 0;
		if (read_example(names[i], &doc) < 0)
			return;
		for (size_t k = 0; k < doc.nlines; k++)
			ntable += (doc.lines[k].flags & RD_TABLE) != 0;
		assert_true(ntable > 0); /* the test means something only if they have tables */
		assert_int_equal(ex_table_tasks(&doc, &l), 0);
		assert_int_equal(l.ntables, 0);
		ex_table_list_release(&l);
		rd_doc_release(&doc);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_basic),
	    cmocka_unit_test(test_not_task_tables),
	    cmocka_unit_test(test_header_variants),
	    cmocka_unit_test(test_two_row_header),
	    cmocka_unit_test(test_groups),
	    cmocka_unit_test(test_merge_and_join),
	    cmocka_unit_test(test_continued),
	    cmocka_unit_test(test_limits),
	    cmocka_unit_test(test_random_tables),
	    cmocka_unit_test(test_html_reader),
	    cmocka_unit_test(test_example_html),
	    cmocka_unit_test(test_example_docx),
	    cmocka_unit_test(test_examples_without_task_tables),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
