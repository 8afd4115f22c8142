/* fuzz_taskimport.c - libFuzzer harness: the CSV and XLSX task-sheet readers on arbitrary bytes */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "report/taskimport.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct taskimport_sheet sh;
	struct dd_error err;

	memset(&sh, 0, sizeof(sh));
	(void)taskimport_read_csv((const char *)data, size, &sh, &err);
	taskimport_sheet_release(&sh);
	memset(&sh, 0, sizeof(sh));
	(void)taskimport_read_xlsx(data, size, &sh, &err);
	taskimport_sheet_release(&sh);
	return 0;
}
