/* log.h - leveled diagnostics for operators (not messages to users); level checked before formatting */
#ifndef DD_LOG_H
#define DD_LOG_H

enum log_level { LOG_DEBUG = 0, LOG_INFO = 1, LOG_WARN = 2, LOG_ERROR = 3, LOG_OFF = 4 };

extern enum log_level log_min_level;

void log_set_level(enum log_level lv);
/* Parse "debug|info|warn|error|off"; -1 when unknown. */
int log_parse_level(const char *s, enum log_level *out);
void log_write(enum log_level lv, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define LOG(lv, ...)                                                                 \
	do {                                                                         \
		if ((lv) >= log_min_level)                                           \
			log_write((lv), __VA_ARGS__);                                \
	} while (0)

#endif
