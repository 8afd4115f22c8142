/* fuzz_vn.c - libFuzzer harness: the Vietnamese text core on arbitrary bytes */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "vn/date.h"
#include "vn/fold.h"
#include "vn/legacy.h"
#include "vn/normalize.h"
#include "vn/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct buf out, key, again;
	struct vn_report rep;
	struct dd_error err;
	struct vn_date ctx = {2021, 3, 1};
	struct vn_when w;
	size_t *map = NULL;

	buf_init(&out, 8u << 20);
	buf_init(&key, 16u << 20);
	buf_init(&again, 8u << 20);
	memset(&rep, 0, sizeof(rep));
	/* every legacy decoder must accept any bytes */
	for (int e = VN_ENC_TCVN3; e <= VN_ENC_MOJIBAKE; e++) {
		buf_reset(&out);
		(void)vn_decode((enum vn_encoding)e, s, size, &out);
	}
	/* the clean-text check's 16- and 32-byte scans agree with its byte loop */
	int clean = vn_clean_utf8_plain(s, size);
	vn_clean_utf8_avx2(0);
	if (vn_clean_utf8(s, size) != clean)
		abort();
	vn_clean_utf8_avx2(1);
	if (vn_clean_utf8(s, size) != clean)
		abort();
	buf_reset(&out);
	if (vn_normalize(s, size, &out, &rep, &err) == 0) {
		/* the output is valid UTF-8, and normalizing it again changes nothing */
		if (vn_utf8_validate(out.ptr, out.len, NULL) != 0)
			abort();
		if (vn_nfc(out.ptr, out.len, &again, 1, NULL) == 0 &&
		    (again.len != out.len || memcmp(again.ptr, out.ptr, out.len) != 0))
			abort();
		(void)vn_fold_map(out.ptr, out.len, &key, &map);
		free(map);
		buf_reset(&key);
		(void)vn_tone_canon(out.ptr, out.len, &key);
		size_t from = 0;
		for (int i = 0; i < 64 && vn_when_find(out.ptr, out.len, from, &ctx, &w) == 0; i++) {
			if (w.end <= from || w.end > out.len)
				abort();
			from = w.end;
		}
	}
	buf_release(&out);
	buf_release(&key);
	buf_release(&again);
	return 0;
}
