/* table.h - tasks written as a table ("STT | Nội dung | Chủ trì | Phối hợp | Thời hạn"):
 * one plain struct per task row with the raw cell text; the caller parses units and dates */
#ifndef EX_TABLE_H
#define EX_TABLE_H

#include <stddef.h>

#include "read/read.h"

/* Bounds: columns past EX_TABLE_MAX_COLS are ignored, a cell keeps at most EX_TABLE_MAX_CELL
 * bytes, a document gives at most EX_TABLE_MAX_TASKS tasks (the scan stops there). Passing
 * any of them sets ex_table_list.truncated. */
#define EX_TABLE_MAX_COLS 64
#define EX_TABLE_MAX_CELL 8192
#define EX_TABLE_MAX_TASKS 5000

/* One task row. Every string is a heap string, never NULL ("" when absent). Cells with
 * several lines (paragraphs) are joined with a space; in the lead and supporting cells a
 * line that does not continue the previous one (which ends without ",;:" and the next starts
 * with a capital) is joined with "; " so "Sở Tài chính" / "Sở Xây dựng" stay two units. */
struct ex_table_task {
	char *label;	/* STT cell without "(" and a trailing "." or ")": "1", "1.2", "a", "II";
			 * with no STT column, the leading label of the content ("1." -> "1") */
	char *parent;	/* the row above in the numbering: "1" for "1.2", the last numbered row
			 * for "a", else the group heading's label ("I", "A") or, unlabelled, its text */
	char *group;	/* text of the innermost group heading row ("LĨNH VỰC KINH TẾ") */
	char *content;	/* "Nội dung" / "Nhiệm vụ" / "Công việc" cell */
	char *lead;	/* "Cơ quan chủ trì" / "Đơn vị thực hiện" cell */
	char *support;	/* "Cơ quan phối hợp" cell */
	char *deadline; /* "Thời gian hoàn thành" / "Thời hạn" / "Tiến độ" cell */
	char *output;	/* "Sản phẩm" / "Hình thức văn bản" / "Ghi chú" / "Kết quả" cell */
	size_t line;	/* index in rd_doc.lines of the row's first line */
	int row;	/* that line's table row (rd_line.row) */
	int table;	/* which task table of the document, 0-based */
	int heading;	/* a numbered row with only content whose next rows are its children
			 * ("1" then "1.1" or "a"): a task heading over them */
};

struct ex_table_list {
	struct ex_table_task *v;
	size_t n, cap;
	size_t ntables; /* task tables found (a header row was recognised) */
	int truncated;	/* a bound above was reached */
};

/* Find the task tables among the RD_TABLE lines of rd and fill out with one entry per task
 * row, in document order (out is initialised here: release an earlier result first).
 * - A task table has a header row (possibly over two rows, possibly repeated on later pages)
 *   naming a content column left of a deadline column, or, with no deadline column, left of a
 *   lead column. Letterhead, signature and agenda ("Thời gian | Nội dung") tables give nothing.
 * - Group heading rows are not tasks; they give the parent and group of the rows under them:
 *   "I. LĨNH VỰC KINH TẾ" across the row, "A | Nhiệm vụ chung", an unlabelled row with only
 *   content (bold, in a table without STT column). A numbered row with no lead, support,
 *   deadline or output whose next row is its child ("1" then "1.1" or "a") is both: a task
 *   (heading set) and the group of the rows under it.
 * - A row with neither label nor content (a content cell merged over rows) adds its cells to
 *   the task above, joined with "; ".
 * - A table right after a task table (at most 3 other lines between) continues it when its
 *   first row repeats the header or has a label in the STT column.
 * Never fails; returns out->n. */
size_t ex_table_tasks(const struct rd_doc *rd, struct ex_table_list *out);

/* Free the tasks; out can be reused after ex_table_tasks. Accepts NULL. */
void ex_table_list_release(struct ex_table_list *out);

#endif
