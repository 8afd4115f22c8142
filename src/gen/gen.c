/* gen.c - deterministic synthetic Party/State documents (TB, KL, CT, KH, CV, QĐ) for benchmarks */
#include "gen.h"

#include <stdio.h>
#include <string.h>

#include <utf8proc.h>

#include "../util/error.h"
#include "../vn/legacy.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- PRNG ---------------------------------------------------------------------------- */

void gen_rng_seed(struct gen_rng *r, uint64_t seed)
{
	r->s = seed;
}

uint64_t gen_rng_next(struct gen_rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

uint32_t gen_rng_below(struct gen_rng *r, uint32_t n)
{
	if (n == 0)
		BUG("gen_rng_below(0)");
	return (uint32_t)(((gen_rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

int gen_parse_variant(const char *s, enum gen_variant *out)
{
	static const char *const names[] = {"nfc", "nfd", "tcvn3"};
	for (size_t i = 0; i < NELEM(names); i++) {
		if (strcmp(s, names[i]) == 0) {
			*out = (enum gen_variant)i;
			return 0;
		}
	}
	return -1;
}

const char *gen_type_code(enum gen_doctype t)
{
	static const char *const codes[GEN_NTYPES] = {"TB", "KL", "CT", "KH", "CV", "QĐ"};
	if ((unsigned)t >= GEN_NTYPES)
		BUG("bad document type %d", (int)t);
	return codes[t];
}

/* ---- vocabularies (invented people; real place and unit names) ------------------------ */

struct place {
	const char *name;  /* "Cần Thơ" */
	const char *upper; /* "CẦN THƠ" */
	int city;          /* 1: thành phố trực thuộc Trung ương, 0: tỉnh */
};

static const struct place places[] = {
	{"Cần Thơ", "CẦN THƠ", 1},         {"Hải Phòng", "HẢI PHÒNG", 1},
	{"Đà Nẵng", "ĐÀ NẴNG", 1},         {"Huế", "HUẾ", 1},
	{"Hà Nội", "HÀ NỘI", 1},           {"An Giang", "AN GIANG", 0},
	{"Đồng Tháp", "ĐỒNG THÁP", 0},     {"Vĩnh Long", "VĨNH LONG", 0},
	{"Quảng Ninh", "QUẢNG NINH", 0},   {"Nghệ An", "NGHỆ AN", 0},
	{"Thanh Hóa", "THANH HÓA", 0},     {"Lâm Đồng", "LÂM ĐỒNG", 0},
	{"Gia Lai", "GIA LAI", 0},         {"Đắk Lắk", "ĐẮK LẮK", 0},
	{"Khánh Hòa", "KHÁNH HÒA", 0},     {"Tây Ninh", "TÂY NINH", 0},
	{"Lào Cai", "LÀO CAI", 0},         {"Thái Nguyên", "THÁI NGUYÊN", 0},
	{"Hưng Yên", "HƯNG YÊN", 0},       {"Ninh Bình", "NINH BÌNH", 0},
	{"Quảng Ngãi", "QUẢNG NGÃI", 0},   {"Cà Mau", "CÀ MAU", 0},
};

static const char *const families[] = {
	"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ",
	"Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trương", "Đinh", "Lâm", "Mai",
};
static const char *const middles[] = {
	"Văn", "Thị", "Minh", "Quốc", "Thanh", "Hữu", "Ngọc", "Đức", "Thành", "Hoàng",
	"Công", "Xuân", "Thu", "Kim", "Trọng", "Việt", "Hồng", "Tấn",
};
static const char *const givens[] = {
	"An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Hương", "Lan", "Long", "Mai",
	"Nam", "Phúc", "Quang", "Sơn", "Tâm", "Thắng", "Trung", "Tuấn", "Việt", "Xuân",
	"Hòa", "Khánh", "Lộc", "Nghĩa", "Phong", "Thảo", "Trí", "Yến", "Vinh", "Đạt",
};

/* Units that lead or support tasks. $p = "thành phố"/"tỉnh", $T = "Thành ủy"/"Tỉnh ủy". */
static const char *const party_units[] = {
	"Ban cán sự đảng Ủy ban nhân dân $p",
	"Đảng đoàn Hội đồng nhân dân $p",
	"Đảng đoàn Ủy ban Mặt trận Tổ quốc Việt Nam $p",
	"Ban Tổ chức $T",
	"Ban Tuyên giáo $T",
	"Ban Dân vận $T",
	"Ban Nội chính $T",
	"Ủy ban Kiểm tra $T",
	"Văn phòng $T",
	"Đảng ủy Khối các cơ quan $p",
	"Đảng ủy Quân sự $p",
	"Đảng ủy Công an $p",
};
static const char *const state_units[] = {
	"Sở Tài chính",
	"Sở Kế hoạch và Đầu tư",
	"Sở Xây dựng",
	"Sở Nội vụ",
	"Sở Tư pháp",
	"Sở Y tế",
	"Sở Giáo dục và Đào tạo",
	"Sở Công Thương",
	"Sở Tài nguyên và Môi trường",
	"Sở Nông nghiệp và Phát triển nông thôn",
	"Sở Giao thông vận tải",
	"Sở Văn hóa, Thể thao và Du lịch",
	"Sở Lao động - Thương binh và Xã hội",
	"Sở Thông tin và Truyền thông",
	"Sở Khoa học và Công nghệ",
	"Công an $p",
	"Bộ Chỉ huy Quân sự $p",
	"Văn phòng Ủy ban nhân dân $p",
	"Thanh tra $p",
	"Cục Thuế $p",
	"Ban Quản lý dự án đầu tư xây dựng $p",
	"Đài Phát thanh và Truyền hình $p",
	"Hội Liên hiệp Phụ nữ $p",
	"Liên đoàn Lao động $p",
};
static const char *const collectives[] = {
	"các sở, ban, ngành liên quan",
	"các cơ quan, đơn vị liên quan",
	"các sở, ban, ngành, đoàn thể $p",
	"các địa phương",
};

/* What tasks are about (lower-case noun phrases). $Y = year of the document. */
static const char *const topics[] = {
	"công tác phòng, chống dịch bệnh",
	"công tác giải ngân vốn đầu tư công năm $Y",
	"Đề án phát triển kinh tế ban đêm trên địa bàn $p",
	"công tác bồi thường, hỗ trợ, tái định cư các dự án trọng điểm",
	"công tác cải cách hành chính và chuyển đổi số",
	"công tác thu ngân sách nhà nước năm $Y",
	"công tác quy hoạch và quản lý quy hoạch đô thị",
	"công tác phòng, chống thiên tai, hạn hán và xâm nhập mặn",
	"Chương trình mục tiêu quốc gia xây dựng nông thôn mới",
	"công tác bảo đảm an ninh chính trị, trật tự an toàn xã hội",
	"công tác tiếp công dân, giải quyết khiếu nại, tố cáo",
	"công tác phòng, chống tham nhũng, lãng phí, tiêu cực",
	"công tác quản lý đất đai và tài nguyên khoáng sản",
	"công tác chuẩn bị năm học mới",
	"các chế độ, chính sách đối với người có công với cách mạng",
	"công tác bảo vệ môi trường và xử lý chất thải rắn sinh hoạt",
	"dự án đường vành đai phía Tây",
	"công tác sắp xếp, tinh gọn tổ chức bộ máy",
	"công tác cán bộ và quy hoạch cán bộ lãnh đạo, quản lý",
	"công tác tuyên truyền kỷ niệm các ngày lễ lớn trong năm $Y",
	"việc học tập, quán triệt Nghị quyết Đại hội Đảng các cấp",
	"công tác kiểm tra, giám sát của cấp ủy các cấp",
	"công tác dân vận của hệ thống chính trị",
	"việc sắp xếp lại, xử lý nhà, đất thuộc sở hữu nhà nước",
	"công tác xúc tiến đầu tư, hỗ trợ doanh nghiệp",
	"tiến độ các công trình, dự án trọng điểm của $p",
	"công tác tuyển chọn và gọi công dân nhập ngũ năm $Y",
	"công tác bảo đảm trật tự an toàn giao thông",
	"công tác chăm lo Tết cho các gia đình chính sách, hộ nghèo",
	"công tác xây dựng Đảng và hệ thống chính trị trong sạch, vững mạnh",
	"Kế hoạch phát triển kinh tế - xã hội năm $Y",
	"công tác quản lý thị trường, bình ổn giá cả",
	"hoạt động của các hợp tác xã nông nghiệp",
	"công tác y tế cơ sở và bảo hiểm y tế toàn dân",
	"công tác chỉnh trang đô thị, quản lý vỉa hè, lòng đường",
	"Chương trình giảm nghèo bền vững giai đoạn 2021 - 2025",
	"việc xây dựng chính quyền số và đô thị thông minh",
	"công tác phòng cháy, chữa cháy và cứu nạn, cứu hộ",
	"công tác chuẩn bị bầu cử đại biểu Hội đồng nhân dân các cấp",
	"công tác quản lý, sử dụng tài sản công",
};

/* Verb phrases that open a task (lower-case; capitalized by $W). */
static const char *const verbs[] = {
	"tập trung triển khai",
	"khẩn trương hoàn thiện",
	"chỉ đạo thực hiện tốt",
	"tăng cường",
	"đẩy nhanh tiến độ thực hiện",
	"rà soát, đánh giá",
	"xây dựng kế hoạch thực hiện",
	"tổ chức sơ kết",
	"tham mưu triển khai",
	"kiểm tra, đôn đốc",
	"nghiên cứu, đề xuất giải pháp nâng cao hiệu quả",
	"theo dõi, hướng dẫn",
	"tiếp tục quán triệt và thực hiện nghiêm",
	"tổng hợp, đánh giá kết quả",
	"chủ động phối hợp thực hiện",
	"đẩy mạnh",
};

/* Top-level task paragraphs. $L lead unit, $S supporting units, $V/$W verb, $O topic,
 * $D deadline clause (with its leading ", " or nothing), $R body reported to, $B body
 * that met, $E a second verb. */
static const char *const party_tasks[] = {
	"$W $O$D.",
	"$W $O. Giao $L chủ trì, phối hợp với $S tham mưu triển khai thực hiện$D.",
	"Giao $L chủ trì, phối hợp với $S $V $O$D.",
	"$L chủ trì, phối hợp với $S $V $O; báo cáo $R kết quả thực hiện$D.",
	"Đề nghị $L $V $O$D.",
	"Về $O: $B cơ bản thống nhất với báo cáo của $L. Giao $L tiếp thu ý kiến thảo luận tại "
	"cuộc họp, hoàn chỉnh dự thảo, trình $R xem xét$D.",
	"Yêu cầu $L $V $O, kịp thời tháo gỡ khó khăn, vướng mắc phát sinh$D.",
	"Thống nhất chủ trương $V $O. Giao $L chủ trì, phối hợp với $S $E, báo cáo $R$D.",
	"Ban cán sự đảng Ủy ban nhân dân $p lãnh đạo, chỉ đạo Ủy ban nhân dân $p $V $O$D.",
	"Giao $L $V $O; định kỳ hằng tháng báo cáo $R (qua Văn phòng $T).",
	"Các cấp ủy, tổ chức đảng $V $O, gắn với thực hiện nhiệm vụ chính trị của địa phương, "
	"cơ quan, đơn vị$D.",
};
static const char *const state_tasks[] = {
	"$W $O$D.",
	"Giao $L chủ trì, phối hợp với $S $V $O$D.",
	"$L chủ trì, phối hợp với $S $V $O; báo cáo Ủy ban nhân dân $p kết quả thực hiện$D.",
	"Giao $L $V $O, tham mưu Ủy ban nhân dân $p chỉ đạo xử lý$D.",
	"Thống nhất chủ trương $V $O. Giao $L chủ trì, phối hợp với $S $E, trình Ủy ban nhân dân "
	"$p xem xét$D.",
	"Yêu cầu $L $V $O; kịp thời báo cáo, đề xuất Ủy ban nhân dân $p những vấn đề vượt "
	"thẩm quyền$D.",
	"Về $O: giao $L phối hợp với $S $E$D.",
	"Thủ trưởng các sở, ban, ngành $p $V $O trong phạm vi quản lý$D.",
};
/* Second verbs ($E): what the lead does after the decision. */
static const char *const followups[] = {
	"xây dựng kế hoạch cụ thể",
	"hoàn chỉnh hồ sơ theo quy định",
	"rà soát, đề xuất phương án xử lý",
	"tổ chức triển khai thực hiện",
	"khảo sát, đánh giá hiện trạng",
	"lập dự toán kinh phí thực hiện",
};
/* Sub-items: shorter, end with ";" (the last with "."). */
static const char *const sub_tasks[] = {
	"$L $V $O$D",
	"giao $L $V $O$D",
	"$W $O$D",
	"$L phối hợp với $S $E$D",
};
static const char *const assessments[] = {
	"Tình hình kinh tế - xã hội của $p tiếp tục chuyển biến tích cực, một số ngành, lĩnh vực "
	"có chỉ số tăng trưởng khá; tiến độ thực hiện chỉ tiêu thu ngân sách nhà nước đạt khá. "
	"Các hoạt động văn hóa - xã hội được duy trì; an ninh chính trị, trật tự an toàn xã hội "
	"được giữ vững.",
	"Bên cạnh kết quả đạt được, vẫn còn một số hạn chế: tiến độ giải ngân vốn đầu tư công "
	"còn chậm; công tác bồi thường, giải phóng mặt bằng một số dự án còn vướng mắc; việc "
	"phối hợp giữa một số cơ quan, đơn vị chưa chặt chẽ.",
	"Các cấp ủy, tổ chức đảng đã tập trung lãnh đạo, chỉ đạo thực hiện đồng bộ các nhiệm vụ, "
	"giải pháp; công tác xây dựng Đảng và hệ thống chính trị được chú trọng; đời sống vật "
	"chất, tinh thần của Nhân dân tiếp tục được cải thiện.",
};

/* ---- the writer ---------------------------------------------------------------------- */

struct ymd {
	int y, m, d;
};

struct g {
	struct gen_rng r;
	struct buf *out;
	int fail;
	int party;
	int city;
	int oldtone; /* "UỶ" instead of "ỦY" in the header */
	int pad;     /* zero-pad day/month in dd/mm/yyyy */
	const struct place *pl;
	struct ymd doc, meet;
	int pm, py; /* the period the tasks are for (month, year) */
	char names[4][64]; /* $1..$4: see put_signature */
	const char *lead;
	const char *topic;
	struct gen_info info;
};

#define PICK(c, arr) ((arr)[gen_rng_below(&(c)->r, (uint32_t)NELEM(arr))])

static int chance(struct g *c, unsigned percent)
{
	return gen_rng_below(&c->r, 100) < percent;
}

static void put(struct g *c, const char *s, size_t n)
{
	if (buf_add(c->out, s, n) < 0)
		c->fail = 1;
}

static void put_s(struct g *c, const char *s)
{
	put(c, s, strlen(s));
}

static void put_num(struct g *c, unsigned long v, int width)
{
	char tmp[24];
	int i = (int)sizeof(tmp);

	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v && i > 0);
	while ((int)sizeof(tmp) - i < width && i > 0)
		tmp[--i] = '0';
	put(c, tmp + i, sizeof(tmp) - (size_t)i);
}

static void emit(struct g *c, const char *t);

static int days_in_month(int y, int m)
{
	static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

static struct ymd add_days(struct ymd dt, int n)
{
	dt.d += n;
	while (dt.d > days_in_month(dt.y, dt.m)) {
		dt.d -= days_in_month(dt.y, dt.m);
		if (++dt.m > 12) {
			dt.m = 1;
			dt.y++;
		}
	}
	while (dt.d < 1) {
		if (--dt.m < 1) {
			dt.m = 12;
			dt.y--;
		}
		dt.d += days_in_month(dt.y, dt.m);
	}
	return dt;
}

/* "25/02/2021" or "25/2/2021" (the document's habit). */
static void put_date_slash(struct g *c, struct ymd dt)
{
	put_num(c, (unsigned long)dt.d, c->pad ? 2 : 1);
	put(c, "/", 1);
	put_num(c, (unsigned long)dt.m, c->pad ? 2 : 1);
	put(c, "/", 1);
	put_num(c, (unsigned long)dt.y, 4);
}

/* "ngày 05 tháng 02 năm 2021": day < 10 and month < 3 take a leading zero. */
static void put_date_long(struct g *c, struct ymd dt)
{
	put_s(c, "ngày ");
	put_num(c, (unsigned long)dt.d, 2);
	put_s(c, " tháng ");
	put_num(c, (unsigned long)dt.m, dt.m < 3 ? 2 : 1);
	put_s(c, " năm ");
	put_num(c, (unsigned long)dt.y, 4);
}

/* Write s with its first letter in upper case (ASCII or đ). */
static void put_cap(struct g *c, const char *s)
{
	if (s[0] >= 'a' && s[0] <= 'z') {
		char ch = (char)(s[0] - 'a' + 'A');
		put(c, &ch, 1);
		emit(c, s + 1);
	} else if ((unsigned char)s[0] == 0xC4 && (unsigned char)s[1] == 0x91) {
		put_s(c, "Đ");
		emit(c, s + 2);
	} else {
		emit(c, s);
	}
}

static const char *pick_unit(struct g *c)
{
	if (c->party && chance(c, 40))
		return PICK(c, party_units);
	return PICK(c, state_units);
}

/* Supporting units: one to three named units different from the lead, or a collective. */
static void put_support(struct g *c)
{
	const char *used[3];
	unsigned n;

	if (chance(c, 25)) {
		emit(c, PICK(c, collectives));
		return;
	}
	n = 1 + gen_rng_below(&c->r, 3);
	int tail = chance(c, 30);
	for (unsigned i = 0; i < n; i++) {
		const char *u;
		int again;
		do {
			u = PICK(c, state_units);
			again = u == c->lead;
			for (unsigned k = 0; k < i; k++)
				again |= u == used[k];
		} while (again);
		used[i] = u;
		if (i > 0)
			put_s(c, i + 1 == n && !tail ? " và " : ", ");
		emit(c, u);
	}
	if (tail)
		put_s(c, " và các cơ quan, đơn vị liên quan");
}

static const char *const quarters[] = {"I", "II", "III", "IV"};

/* A deadline clause with its leading ", ", or nothing (the task inherits the period). */
static void put_deadline(struct g *c)
{
	struct ymd due = add_days(c->doc, 7 + (int)gen_rng_below(&c->r, 140));
	unsigned k = gen_rng_below(&c->r, 14);

	switch (k) {
	case 0:
	case 1:
		put_s(c, ", hoàn thành trước ngày ");
		put_date_slash(c, due);
		break;
	case 2:
		put_s(c, ", báo cáo kết quả chậm nhất ngày ");
		put_date_slash(c, due);
		break;
	case 3:
		put_s(c, ", hoàn thành trong tháng ");
		put_num(c, (unsigned long)c->pm, 1);
		put_s(c, " năm ");
		put_num(c, (unsigned long)c->py, 4);
		break;
	case 4:
		put_s(c, ", hoàn thành trong quý ");
		put_s(c, quarters[(due.m - 1) / 3]);
		put(c, "/", 1);
		put_num(c, (unsigned long)due.y, 4);
		break;
	case 5:
		put_s(c, ", thực hiện thường xuyên");
		break;
	case 6:
		put_s(c, ", hoàn thành trước ");
		put_date_long(c, due);
		break;
	case 7:
		if (c->doc.m <= 4) {
			put_s(c, ", hoàn thành trong 6 tháng đầu năm ");
			put_num(c, (unsigned long)c->doc.y, 4);
		} else {
			put_s(c, ", hoàn thành trong năm ");
			put_num(c, (unsigned long)c->doc.y, 4);
		}
		break;
	case 8:
		put_s(c, "; định kỳ hằng tháng báo cáo kết quả thực hiện");
		break;
	case 9:
		put_s(c, ", thời gian thực hiện trong vòng 15 ngày kể từ ngày ký");
		break;
	case 10:
		put_s(c, ", xong trước ngày ");
		put_num(c, (unsigned long)due.d, 1);
		put(c, "/", 1);
		put_num(c, (unsigned long)due.m, 1);
		break;
	default: /* no deadline of its own */
		break;
	}
}

static void put_person(struct g *c, char *dst)
{
	snprintf(dst, 64, "%s %s %s", PICK(c, families), PICK(c, middles), PICK(c, givens));
}

static void expand(struct g *c, char code)
{
	switch (code) {
	case 'T':
		put_s(c, c->city ? "Thành ủy" : "Tỉnh ủy");
		break;
	case 'U':
		if (c->oldtone)
			put_s(c, c->city ? "THÀNH UỶ" : "TỈNH UỶ");
		else
			put_s(c, c->city ? "THÀNH ỦY" : "TỈNH ỦY");
		break;
	case 'p':
		put_s(c, c->city ? "thành phố" : "tỉnh");
		break;
	case 'P':
		put_s(c, c->city ? "THÀNH PHỐ" : "TỈNH");
		break;
	case 'X':
		put_s(c, c->pl->name);
		break;
	case 'x':
		put_s(c, c->pl->upper);
		break;
	case 'Y':
		put_num(c, (unsigned long)c->doc.y, 4);
		break;
	case 'm':
		put_num(c, (unsigned long)c->pm, 1);
		break;
	case 'y':
		put_num(c, (unsigned long)c->py, 4);
		break;
	case '1':
	case '2':
	case '3':
	case '4':
		put_s(c, c->names[code - '1']);
		break;
	case 'L':
		emit(c, c->lead);
		break;
	case 'S':
		put_support(c);
		break;
	case 'O':
		emit(c, c->topic);
		break;
	case 'V':
		put_s(c, PICK(c, verbs));
		break;
	case 'W':
		put_cap(c, PICK(c, verbs));
		break;
	case 'E':
		put_s(c, PICK(c, followups));
		break;
	case 'D':
		put_deadline(c);
		break;
	case 'R':
		emit(c, c->party ? (chance(c, 70) ? "Ban Thường vụ $T" : "Thường trực $T")
				 : "Ủy ban nhân dân $p");
		break;
	case 'B':
		emit(c, c->party ? "Ban Thường vụ $T" : "Chủ tịch Ủy ban nhân dân $p");
		break;
	case '$':
		put(c, "$", 1);
		break;
	default:
		BUG("bad template code '%c'", code);
	}
}

static void emit(struct g *c, const char *t)
{
	for (;;) {
		const char *d = strchr(t, '$');
		if (!d) {
			put_s(c, t);
			return;
		}
		put(c, t, (size_t)(d - t));
		if (!d[1])
			BUG("template ends with '$'");
		expand(c, d[1]);
		t = d + 2;
	}
}

/* ---- document parts ------------------------------------------------------------------ */

static void new_task_subject(struct g *c)
{
	c->lead = pick_unit(c);
	c->topic = PICK(c, topics);
}

static void put_number(struct g *c, enum gen_doctype t)
{
	unsigned long no = 1 + gen_rng_below(&c->r, t == GEN_CV ? 2000 : 400);

	if (c->party) {
		put_s(c, chance(c, 85) ? "Số " : "Số: ");
		put_num(c, no, 2);
		put(c, "-", 1);
		put_s(c, gen_type_code(t));
		put_s(c, "/TU");
	} else {
		static const char *const drafters[] = {"KT", "VX", "TH", "NC", "XD", "NN"};
		put_s(c, "Số: ");
		put_num(c, no, 2);
		put(c, "/", 1);
		if (t == GEN_CV) {
			put_s(c, "UBND-");
			put_s(c, PICK(c, drafters));
		} else {
			put_s(c, gen_type_code(t));
			put_s(c, "-UBND");
		}
	}
}

static void put_place_date(struct g *c)
{
	emit(c, "$X, ");
	put_date_long(c, c->doc);
}

/* Number of code points (the width pdftotext-like layouts pad to). */
static size_t width_of(const char *s, size_t n)
{
	size_t w = 0;
	for (size_t i = 0; i < n; i++)
		w += ((unsigned char)s[i] & 0xC0) != 0x80;
	return w;
}

/* Write one header band: the left and right cells either as two lines or side by side. */
static void put_band(struct g *c, int side_by_side, const char *left, const char *right)
{
	if (!side_by_side || !*right) {
		if (*left) {
			emit(c, left);
			put(c, "\n", 1);
		}
		if (*right) {
			emit(c, right);
			put(c, "\n", 1);
		}
		return;
	}
	size_t start = c->out->len, w;
	emit(c, left);
	w = c->fail ? 0 : width_of(c->out->ptr + start, c->out->len - start);
	for (size_t i = w; i < 44; i++)
		put(c, " ", 1);
	put(c, "   ", 3);
	emit(c, right);
	put(c, "\n", 1);
}

static void put_header(struct g *c, enum gen_doctype t)
{
	unsigned layout = gen_rng_below(&c->r, 10); /* 0-5 left first, 6-7 right first, 8-9 columns */
	int cols = layout >= 8;
	size_t mark;

	if (c->party) {
		if (layout >= 6 && layout < 8)
			put_s(c, "ĐẢNG CỘNG SẢN VIỆT NAM\n");
		put_band(c, cols, "$U $x", cols ? "ĐẢNG CỘNG SẢN VIỆT NAM" : "");
		put_band(c, cols, "*", "");
		/* the number and the place/date share a band */
		mark = c->out->len;
		put_number(c, t);
		if (cols) {
			size_t w = c->fail ? 0 : width_of(c->out->ptr + mark, c->out->len - mark);
			for (size_t i = w; i < 47; i++)
				put(c, " ", 1);
			put_place_date(c);
			put(c, "\n", 1);
		} else {
			put(c, "\n", 1);
			if (layout < 6)
				put_s(c, "ĐẢNG CỘNG SẢN VIỆT NAM\n");
			put_place_date(c);
			put(c, "\n", 1);
		}
	} else {
		const char *nation = chance(c, 20) ? "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"
						   : "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
		if (layout >= 6 && layout < 8) {
			put_s(c, nation);
			put_s(c, "\nĐộc lập - Tự do - Hạnh phúc\n");
		}
		put_band(c, cols, "ỦY BAN NHÂN DÂN", cols ? nation : "");
		put_band(c, cols, "$P $x", cols ? "Độc lập - Tự do - Hạnh phúc" : "");
		if (!cols)
			put_s(c, "-------\n");
		mark = c->out->len;
		put_number(c, t);
		if (cols) {
			size_t w = c->fail ? 0 : width_of(c->out->ptr + mark, c->out->len - mark);
			for (size_t i = w; i < 47; i++)
				put(c, " ", 1);
			put_place_date(c);
			put(c, "\n", 1);
		} else {
			put(c, "\n", 1);
			if (layout < 6) {
				put_s(c, nation);
				put_s(c, "\nĐộc lập - Tự do - Hạnh phúc\n");
			}
			put_place_date(c);
			put(c, "\n", 1);
		}
	}
	put(c, "\n", 1);
}

/* One numbered task with, sometimes, a), -, + items under it. */
static void put_task(struct g *c, int n)
{
	const char *const *tab = c->party ? party_tasks : state_tasks;
	size_t ntab = c->party ? NELEM(party_tasks) : NELEM(state_tasks);

	new_task_subject(c);
	put_num(c, (unsigned long)n, 1);
	put_s(c, c->party && chance(c, 15) ? "- " : ". ");
	emit(c, tab[gen_rng_below(&c->r, (uint32_t)ntab)]);
	put_s(c, "\n\n");
	c->info.ntasks++;

	unsigned k = gen_rng_below(&c->r, 100);
	if (k < 15) { /* a), b), ... */
		static const char letters[] = "abcdđeg";
		unsigned nsub = 2 + gen_rng_below(&c->r, 3);
		for (unsigned i = 0; i < nsub; i++) {
			new_task_subject(c);
			if (i < 4)
				put(c, letters + i, 1);
			else
				put_s(c, "đ");
			put_s(c, ") ");
			put_cap(c, PICK(c, sub_tasks));
			put_s(c, i + 1 == nsub ? ".\n\n" : ";\n\n");
			c->info.nsubtasks++;
		}
	} else if (k < 25) { /* - and + */
		unsigned nsub = 2 + gen_rng_below(&c->r, 2);
		for (unsigned i = 0; i < nsub; i++) {
			new_task_subject(c);
			int last = i + 1 == nsub, plus = chance(c, 30);
			put_s(c, "- ");
			put_cap(c, PICK(c, sub_tasks));
			put_s(c, plus ? ":\n" : last ? ".\n" : ";\n");
			c->info.nsubtasks++;
			for (int j = 0; plus && j < 2; j++) {
				new_task_subject(c);
				put_s(c, "+ ");
				put_cap(c, PICK(c, sub_tasks));
				put_s(c, last && j == 1 ? ".\n" : ";\n");
				c->info.nsubtasks++;
			}
		}
		put(c, "\n", 1);
	}
}

static void put_tasks(struct g *c, int lo, int hi)
{
	int n = lo + (int)gen_rng_below(&c->r, (uint32_t)(hi - lo + 1));
	for (int i = 1; i <= n; i++)
		put_task(c, i);
}

static void put_recipients(struct g *c, int kinh_gui)
{
	if (c->party) {
		static const char *const rcp[] = {
			"- Thường trực $T,",
			"- Các đồng chí $T viên,",
			"- Ban cán sự đảng Ủy ban nhân dân $p,",
			"- Đảng đoàn Hội đồng nhân dân $p,",
			"- Các ban xây dựng Đảng $T,",
			"- Các sở, ban, ngành $p,",
			"- Các đảng ủy trực thuộc $T,",
		};
		put_s(c, "Nơi nhận:\n");
		if (kinh_gui)
			put_s(c, "- Như trên,\n");
		unsigned start = gen_rng_below(&c->r, 3), n = 3 + gen_rng_below(&c->r, 4);
		for (unsigned i = start; i < NELEM(rcp) && i < start + n; i++) {
			emit(c, rcp[i]);
			put(c, "\n", 1);
		}
		emit(c, chance(c, 70) ? "- Lưu Văn phòng $T.\n\n" : "- Lưu VPTU.\n\n");
	} else {
		static const char *const rcp[] = {
			"- Thường trực $T;",
			"- Thường trực HĐND $p;",
			"- CT, các PCT UBND $p;",
			"- Các sở, ban, ngành $p;",
			"- Ủy ban MTTQ Việt Nam $p;",
			"- Cổng Thông tin điện tử $p;",
		};
		static const char *const archive[] = {"- Lưu: VT, TH.\n\n", "- Lưu: VT, KT.\n\n",
						      "- Lưu: VT, VX.\n\n", "- Lưu: VT.\n\n"};
		put_s(c, "Nơi nhận:\n");
		if (kinh_gui)
			put_s(c, "- Như trên;\n");
		unsigned start = gen_rng_below(&c->r, 2), n = 3 + gen_rng_below(&c->r, 4);
		for (unsigned i = start; i < NELEM(rcp) && i < start + n; i++) {
			emit(c, rcp[i]);
			put(c, "\n", 1);
		}
		put_s(c, PICK(c, archive));
	}
}

/* Signature block: authority, title, (signed), name. person indexes names[]: 0 the secretary,
 * 1 the standing deputy secretary, 2 the chair of the People's Committee, 3 a deputy or the
 * head of the office. */
static void put_signature(struct g *c, const char *authority, const char *title, int person)
{
	if (*authority) {
		emit(c, authority);
		put(c, "\n", 1);
	}
	emit(c, title);
	put_s(c, "\n\n");
	if (chance(c, 40))
		put_s(c, "(đã ký)\n\n");
	put_s(c, c->names[person]);
	put(c, "\n", 1);
}

static void put_meeting(struct g *c)
{
	if (c->party) {
		put_s(c, "Ngày ");
		put_date_slash(c, c->meet);
		if (chance(c, 60)) {
			emit(c, ", Ban Thường vụ $T họp thường kỳ đánh giá kết quả thực hiện nhiệm vụ "
				"tháng ");
			put_num(c, (unsigned long)c->meet.m, c->meet.m < 10 ? 2 : 1);
			emit(c, " năm ");
			put_num(c, (unsigned long)c->meet.y, 4);
			emit(c, " và một số nhiệm vụ trọng tâm trong tháng $m năm $y. Đồng chí $1, Ủy "
				"viên Ban Chấp hành Trung ương Đảng, Bí thư $T; đồng chí $2, Phó Bí thư "
				"Thường trực $T, Chủ tịch Hội đồng nhân dân $p chủ trì cuộc họp.\n\n");
		} else {
			emit(c, ", Ban Thường vụ $T họp dưới sự chủ trì của đồng chí $1, Bí thư $T, "
				"để nghe báo cáo và cho ý kiến về $O.\n\n");
		}
		emit(c, "Sau khi nghe $L trình bày báo cáo; ý kiến thảo luận, đóng góp của các "
			"đồng chí dự họp, đồng chí Bí thư $T kết luận như sau:\n\n");
	} else {
		put_s(c, "Ngày ");
		put_date_slash(c, c->meet);
		emit(c, ", đồng chí $3, Chủ tịch Ủy ban nhân dân $p chủ trì cuộc họp về $O. "
			"Tham dự cuộc họp có lãnh đạo $L và đại diện các cơ quan, đơn vị liên quan. "
			"Sau khi nghe $L báo cáo và ý kiến của các đại biểu dự họp, Chủ tịch Ủy ban "
			"nhân dân $p kết luận như sau:\n\n");
	}
}

static void doc_tb(struct g *c)
{
	new_task_subject(c);
	put_s(c, "THÔNG BÁO\n");
	if (c->party) {
		if (chance(c, 60))
			emit(c, "kết luận của đồng chí $1, Bí thư $T,\ntại cuộc họp Ban Thường vụ $T\n");
		else
			emit(c, "kết luận của Ban Thường vụ $T\nvề $O\n");
		put_s(c, "-----\n\n");
	} else {
		emit(c, "Kết luận của Chủ tịch Ủy ban nhân dân $p $X\ntại cuộc họp về $O\n\n");
	}
	put_meeting(c);
	if (chance(c, 60)) {
		emit(c, PICK(c, assessments));
		put_s(c, "\n\n");
	}
	if (c->party)
		emit(c, "Để thực hiện tốt nhiệm vụ chính trị trong tháng $m năm $y, các cấp ủy đảng, "
			"chính quyền, Mặt trận Tổ quốc, tổ chức chính trị - xã hội $p tập trung thực "
			"hiện tốt một số nội dung như sau:\n\n");
	put_tasks(c, 3, 12);
	if (c->party) {
		emit(c, chance(c, 50) ? "Ban Thường vụ $T thông báo ý kiến kết luận của đồng chí Bí "
					"thư $T đến các cơ quan, đơn vị liên quan biết, triển "
					"khai thực hiện./.\n\n"
				      : "Giao Văn phòng $T theo dõi, đôn đốc, kiểm tra và báo cáo "
					"Ban Thường vụ $T kết quả thực hiện./.\n\n");
		put_recipients(c, 0);
		if (chance(c, 80))
			put_signature(c, "T/M BAN THƯỜNG VỤ", chance(c, 50) ? "PHÓ BÍ THƯ" : "BÍ THƯ",
				      chance(c, 50) ? 1 : 0);
		else
			put_signature(c, "T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", 3);
	} else {
		emit(c, "Văn phòng Ủy ban nhân dân $p thông báo để các cơ quan, đơn vị biết, thực "
			"hiện./.\n\n");
		put_recipients(c, 0);
		if (chance(c, 60))
			put_signature(c, "TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", 3);
		else
			put_signature(c, "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", 3);
	}
}

static void doc_kl(struct g *c)
{
	new_task_subject(c);
	emit(c, "KẾT LUẬN\ncủa Ban Thường vụ $T\nvề $O\n-----\n\n");
	put_s(c, "Tại cuộc họp ngày ");
	put_date_slash(c, c->meet);
	emit(c, ", sau khi nghe $L báo cáo về $O, ý kiến thảo luận của các đồng chí dự họp, "
		"Ban Thường vụ $T kết luận như sau:\n\n");
	if (chance(c, 50)) {
		emit(c, PICK(c, assessments));
		put_s(c, "\n\n");
	}
	put_tasks(c, 3, 9);
	emit(c, "Ban Thường vụ $T yêu cầu các cấp ủy, tổ chức đảng, cơ quan, đơn vị liên quan "
		"nghiêm túc triển khai thực hiện Kết luận này./.\n\n");
	put_recipients(c, 0);
	put_signature(c, "T/M BAN THƯỜNG VỤ", chance(c, 60) ? "BÍ THƯ" : "PHÓ BÍ THƯ",
		      chance(c, 60) ? 0 : 1);
}

static void doc_ct(struct g *c)
{
	new_task_subject(c);
	if (c->party) {
		emit(c, "CHỈ THỊ\ncủa Ban Thường vụ $T\nvề tăng cường sự lãnh đạo của Đảng đối với "
			"$O\n-----\n\n");
		emit(c, PICK(c, assessments));
		emit(c, "\n\nĐể khắc phục hạn chế, thực hiện có hiệu quả $O trong thời gian tới, "
			"Ban Thường vụ $T yêu cầu các cấp ủy, tổ chức đảng, chính quyền, Mặt trận Tổ "
			"quốc và các đoàn thể chính trị - xã hội thực hiện tốt một số nhiệm vụ sau:\n\n");
		put_tasks(c, 4, 9);
		emit(c, "Chỉ thị này được phổ biến đến chi bộ./.\n\n");
		put_recipients(c, 0);
		put_signature(c, "T/M BAN THƯỜNG VỤ", "BÍ THƯ", 0);
	} else {
		emit(c, "CHỈ THỊ\nVề việc tăng cường $O\n\n");
		emit(c, PICK(c, assessments));
		emit(c, "\n\nĐể thực hiện có hiệu quả $O, Chủ tịch Ủy ban nhân dân $p yêu cầu:\n\n");
		put_tasks(c, 4, 9);
		emit(c, "Yêu cầu Thủ trưởng các sở, ban, ngành $p nghiêm túc triển khai thực hiện Chỉ "
			"thị này./.\n\n");
		put_recipients(c, 0);
		put_signature(c, "", "CHỦ TỊCH", 2);
	}
}

static void doc_kh(struct g *c)
{
	const char *sep = c->party ? "- " : ". ";

	new_task_subject(c);
	if (c->party)
		emit(c, "KẾ HOẠCH\nthực hiện $O\n-----\n\n");
	else
		emit(c, "KẾ HOẠCH\nTriển khai thực hiện $O\n\n");
	emit(c, c->party ? "Thực hiện chương trình công tác năm $Y, Ban Thường vụ $T ban hành Kế hoạch"
			 : "Thực hiện chương trình công tác năm $Y, Ủy ban nhân dân $p ban hành Kế hoạch");
	emit(c, " thực hiện $O như "
		"sau:\n\n");
	put_s(c, "I");
	put_s(c, sep);
	put_s(c, "MỤC ĐÍCH, YÊU CẦU\n\n");
	emit(c, "1. Mục đích: Nâng cao nhận thức, trách nhiệm của các cấp ủy, chính quyền, cơ quan, "
		"đơn vị trong việc thực hiện $O.\n\n");
	emit(c, "2. Yêu cầu: Việc triển khai phải đồng bộ, thiết thực, hiệu quả, gắn với nhiệm vụ "
		"chính trị của từng cơ quan, đơn vị.\n\n");
	put_s(c, "II");
	put_s(c, sep);
	put_s(c, "NHIỆM VỤ, GIẢI PHÁP\n\n");
	put_tasks(c, 3, 7);
	put_s(c, "III");
	put_s(c, sep);
	put_s(c, "TỔ CHỨC THỰC HIỆN\n\n");
	int n = 2 + (int)gen_rng_below(&c->r, 4);
	for (int i = 1; i <= n; i++) {
		new_task_subject(c);
		put_num(c, (unsigned long)i, 1);
		emit(c, ". $L: chủ trì, phối hợp với $S $V $O$D.\n\n");
		c->info.ntasks++;
	}
	emit(c, "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị kịp "
		"thời báo cáo $R để xem xét, chỉ đạo./.\n\n");
	put_recipients(c, 0);
	if (c->party)
		put_signature(c, "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", 1);
	else
		put_signature(c, "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", 3);
}

static void doc_cv(struct g *c)
{
	new_task_subject(c);
	/* the trích yếu of a công văn sits under the number, in the header */
	emit(c, c->party && chance(c, 70) ? "về $O\n\n" : "V/v $O\n\n");
	if (chance(c, 50)) {
		emit(c, "Kính gửi: $L\n\n");
	} else {
		put_s(c, "Kính gửi:\n");
		for (int i = 0; i < 3; i++) {
			emit(c, "- ");
			emit(c, pick_unit(c));
			put_s(c, i == 2 ? ".\n" : ";\n");
		}
		put(c, "\n", 1);
	}
	if (c->party) {
		emit(c, "Thực hiện chương trình công tác năm $Y, xét đề nghị của $L về $O, Thường trực "
			"$T có ý kiến như sau:\n\n");
		put_tasks(c, 2, 6);
		emit(c, "Thường trực $T đề nghị các đồng chí quan tâm, chỉ đạo thực hiện./.\n\n");
		put_recipients(c, 1);
		if (chance(c, 50))
			put_signature(c, "T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", 3);
		else
			put_signature(c, "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", 1);
	} else {
		put_s(c, "Xét đề nghị của ");
		emit(c, "$L tại Tờ trình số ");
		put_num(c, 1 + gen_rng_below(&c->r, 300), 2);
		put_s(c, "/TTr-");
		put_s(c, chance(c, 50) ? "STC" : "SXD");
		put_s(c, " ngày ");
		put_date_slash(c, c->meet);
		emit(c, " về $O, Chủ tịch Ủy ban nhân dân $p có ý kiến như sau:\n\n");
		put_tasks(c, 2, 6);
		emit(c, "Ủy ban nhân dân $p đề nghị các cơ quan, đơn vị triển khai thực hiện./.\n\n");
		put_recipients(c, 1);
		if (chance(c, 50))
			put_signature(c, "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", 3);
		else
			put_signature(c, "TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", 3);
	}
}

static void doc_qd(struct g *c)
{
	new_task_subject(c);
	emit(c, "QUYẾT ĐỊNH\nVề việc ban hành Kế hoạch thực hiện $O\n\n");
	emit(c, "CHỦ TỊCH ỦY BAN NHÂN DÂN $P $x\n\n");
	put_s(c, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n\n");
	put_s(c, "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ "
		 "chức chính quyền địa phương ngày 22 tháng 11 năm 2019;\n\n");
	emit(c, "Theo đề nghị của Giám đốc $L tại Tờ trình số ");
	put_num(c, 1 + gen_rng_below(&c->r, 300), 2);
	put_s(c, "/TTr-STC ngày ");
	put_date_slash(c, c->meet);
	put_s(c, ".\n\nQUYẾT ĐỊNH:\n\n");
	emit(c, "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện $O.\n\n");
	put_s(c, "Điều 2. Tổ chức thực hiện\n\n");
	put_tasks(c, 2, 6);
	put_s(c, "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.\n\n");
	emit(c, "Điều 4. Chánh Văn phòng Ủy ban nhân dân $p, Giám đốc các sở, Thủ trưởng các cơ "
		"quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này./.\n\n");
	put_recipients(c, 0);
	if (chance(c, 50))
		put_signature(c, "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", 3);
	else
		put_signature(c, "", "CHỦ TỊCH", 2);
}

int gen_document(uint64_t seed, uint64_t index, struct buf *out, struct gen_info *info)
{
	struct g c;
	unsigned k;

	memset(&c, 0, sizeof(c));
	/* decorrelate (seed, index) pairs: two rounds of splitmix64 */
	gen_rng_seed(&c.r, seed);
	gen_rng_seed(&c.r, gen_rng_next(&c.r) ^ (index * 0xD1B54A32D192ED03ULL));
	gen_rng_next(&c.r);
	c.out = out;

	k = gen_rng_below(&c.r, 100);
	if (k < 40)
		c.info.type = GEN_TB;
	else if (k < 50)
		c.info.type = GEN_KL;
	else if (k < 60)
		c.info.type = GEN_CT;
	else if (k < 75)
		c.info.type = GEN_KH;
	else if (k < 90)
		c.info.type = GEN_CV;
	else
		c.info.type = GEN_QD;
	c.party = c.info.type == GEN_KL ? 1 : c.info.type == GEN_QD ? 0 : chance(&c, 55);
	c.info.party = c.party;
	c.pl = &PICK(&c, places);
	c.city = c.pl->city;
	c.oldtone = chance(&c, 10);
	c.pad = chance(&c, 60);
	c.doc.y = 2019 + (int)gen_rng_below(&c.r, 7);
	c.doc.m = 1 + (int)gen_rng_below(&c.r, 12);
	c.doc.d = 1 + (int)gen_rng_below(&c.r, (uint32_t)days_in_month(c.doc.y, c.doc.m));
	c.meet = add_days(c.doc, -(1 + (int)gen_rng_below(&c.r, 6)));
	c.pm = c.meet.m % 12 + 1;
	c.py = c.meet.y + (c.meet.m == 12);
	for (int i = 0; i < 4; i++)
		put_person(&c, c.names[i]);
	c.info.y = c.doc.y;
	c.info.m = c.doc.m;
	c.info.d = c.doc.d;

	put_header(&c, c.info.type);
	switch (c.info.type) {
	case GEN_TB:
		doc_tb(&c);
		break;
	case GEN_KL:
		doc_kl(&c);
		break;
	case GEN_CT:
		doc_ct(&c);
		break;
	case GEN_KH:
		doc_kh(&c);
		break;
	case GEN_CV:
		doc_cv(&c);
		break;
	case GEN_QD:
		doc_qd(&c);
		break;
	default:
		BUG("bad document type");
	}
	if (info)
		*info = c.info;
	return c.fail ? -1 : 0;
}

/* ---- variants ------------------------------------------------------------------------ */

/* Both variants map each code point on its own (the input is NFC, so no reordering of marks is
 * needed): the mapping of U+0000..U+1FFF (ASCII, Latin, Vietnamese, combining marks) is made once
 * per variant, with utf8proc (NFD) or vn_encode (TCVN3); other code points are converted one at
 * a time. Not thread-safe on the first call. */
#define MAP_END 0x2000
#define MAP_BYTES 15
#define MAP_UNCACHED 0xFF
struct cp_map {
	int ready;
	int ascii_same; /* every ASCII byte maps to itself: copy ASCII runs */
	struct {
		unsigned char len; /* MAP_UNCACHED: convert this one on the fly */
		char bytes[MAP_BYTES];
	} e[MAP_END];
};
static struct cp_map nfd_map, tcvn3_map;

/* Convert one code point; appends to out. */
static int convert_cp(enum gen_variant v, utf8proc_int32_t cp, struct buf *out)
{
	utf8proc_uint8_t u8[4];
	utf8proc_ssize_t l = utf8proc_encode_char(cp, u8);

	if (v == GEN_TCVN3)
		return vn_encode(VN_ENC_TCVN3, (const char *)u8, (size_t)l, out);
	utf8proc_int32_t cps[8];
	utf8proc_ssize_t n = utf8proc_decompose_char(cp, cps, 8, UTF8PROC_DECOMPOSE, NULL);
	if (n < 0 || n > 8)
		return buf_add(out, u8, (size_t)l);
	for (utf8proc_ssize_t i = 0; i < n; i++) {
		l = utf8proc_encode_char(cps[i], u8);
		if (buf_add(out, u8, (size_t)l) < 0)
			return -1;
	}
	return 0;
}

static void map_fill(struct cp_map *m, enum gen_variant v)
{
	struct buf one = BUF_INIT;

	buf_init(&one, 0);
	m->ascii_same = 1;
	for (utf8proc_int32_t cp = 0; cp < MAP_END; cp++) {
		buf_reset(&one);
		if (convert_cp(v, cp, &one) < 0 || one.len > MAP_BYTES) {
			m->e[cp].len = MAP_UNCACHED;
		} else {
			m->e[cp].len = (unsigned char)one.len;
			memcpy(m->e[cp].bytes, one.ptr, one.len);
		}
		if (cp < 0x80 && (one.len != 1 || (unsigned char)one.ptr[0] != cp))
			m->ascii_same = 0;
	}
	buf_release(&one);
	m->ready = 1;
}

static int convert_text(enum gen_variant v, struct cp_map *m, const char *s, size_t n,
			struct buf *out)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;

	if (!m->ready)
		map_fill(m, v);
	if (buf_grow(out, n + n / 2 + 16) < 0) /* one reservation covers the usual growth */
		return -1;
	while (p < end) {
		if (m->ascii_same) {
			const unsigned char *run = p;
			while (p < end && *p < 0x80)
				p++;
			if (p > run && buf_add(out, run, (size_t)(p - run)) < 0)
				return -1;
			if (p >= end)
				break;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t l = utf8proc_iterate(p, end - p, &cp);
		int r;
		if (l <= 0) { /* not UTF-8: pass the byte through */
			r = buf_add(out, p, 1);
			l = 1;
		} else if (cp < MAP_END && m->e[cp].len != MAP_UNCACHED) {
			r = buf_add(out, m->e[cp].bytes, m->e[cp].len);
		} else {
			r = convert_cp(v, cp, out);
		}
		if (r < 0)
			return -1;
		p += l;
	}
	return 0;
}

int gen_convert(enum gen_variant v, const char *s, size_t n, struct buf *out)
{
	switch (v) {
	case GEN_NFC:
		return buf_add(out, s, n);
	case GEN_NFD:
		return convert_text(v, &nfd_map, s, n, out);
	case GEN_TCVN3:
		return convert_text(v, &tcvn3_map, s, n, out);
	}
	BUG("bad variant %d", (int)v);
}
