/*
 * util: allocation that never fails, growable strings, UTF-8 (decode,
 * encode, display width, sanitising), time helpers and logging.  Every other
 * module builds on these; nothing here knows about feeds.
 */
#ifndef DATELINE_UTIL_H
#define DATELINE_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define DL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define DL_ARRAY_LEN(a) (sizeof (a) / sizeof (a)[0])

/* Allocation: running out of memory is the one fatal error. */
void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) DL_PRINTF(1, 2);
char *xvasprintf(const char *fmt, va_list ap) DL_PRINTF(1, 0);

/* A growable byte string, always NUL-terminated once anything was added. */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};
#define BUF_INIT { NULL, 0, 0 }
void	 buf_init(struct buf *b);
void	 buf_grow(struct buf *b, size_t extra);
void	 buf_add(struct buf *b, const void *data, size_t len);
void	 buf_adds(struct buf *b, const char *s);
void	 buf_addc(struct buf *b, char c);
void	 buf_printf(struct buf *b, const char *fmt, ...) DL_PRINTF(2, 3);
void	 buf_truncate(struct buf *b, size_t len);
void	 buf_reset(struct buf *b);
const char *buf_str(const struct buf *b);	/* "" when empty */
char	*buf_detach(struct buf *b);		/* caller frees; b is reset */
void	 buf_free(struct buf *b);

/* UTF-8.  utf8_decode returns the bytes used (1-4) and stores the code
 * point, or returns -1 for an invalid or truncated sequence (overlong forms,
 * surrogates and values above U+10FFFF are invalid); it never reads past
 * len. */
#define UTF8_REPLACEMENT 0xFFFDu
int	 utf8_decode(const char *s, size_t len, uint32_t *cp);
int	 utf8_encode(uint32_t cp, char out[4]);	/* bytes written, 0 if invalid */
void	 buf_add_utf8(struct buf *b, uint32_t cp);
int	 utf8_valid(const char *s, size_t len);

/* Display width of one code point in terminal columns: 0 for combining
 * marks and other zero-width characters, 2 for East Asian wide/fullwidth and
 * emoji presentation, 1 otherwise, -1 for control characters. */
int	 utf8_cp_width(uint32_t cp);
/* Width of a UTF-8 string (controls and invalid bytes count as the U+FFFD
 * they would be sanitised to: 1 column). */
size_t	 utf8_width(const char *s, size_t len);
/* Longest prefix of s (in bytes) that fits in max_cols columns without
 * splitting a character; *cols gets its width when not NULL. */
size_t	 utf8_prefix_for_width(const char *s, size_t len, size_t max_cols, size_t *cols);
/* Copy s truncated to max_cols columns, ending in an ellipsis when cut. */
char	*utf8_truncate(const char *s, size_t max_cols);
/* Whether our own decoration must avoid East Asian ambiguous-width
 * characters (a zh/ja/ko locale, or DATELINE_AMBIGUOUS=wide), and the
 * decoration to use: unicode, or ascii of the same width when it must. */
int	 utf8_ambiguous_wide(void);
const char *utf8_decor(const char *unicode, const char *ascii);

/* Sanitising for terminals, JSON and logs: invalid UTF-8 becomes U+FFFD,
 * C0 controls, DEL and C1 controls (U+0080-U+009F) are removed (ESC with
 * them), except those kept by the flags, and so are the bidirectional
 * embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069).  The
 * result is valid UTF-8.  SANITISE_DISPLAY is for text laid out in a
 * terminal's columns: it also drops invisible format characters, zero-width
 * joiners, variation selectors, skin-tone modifiers, tag characters and a
 * combining mark with no character before it, and turns a character the
 * locale cannot print into U+FFFD, so that curses, the terminal and
 * utf8_width agree on every column. */
enum {
	SANITISE_KEEP_NEWLINE	= 1 << 0,	/* keep \n */
	SANITISE_KEEP_TAB	= 1 << 1,	/* keep \t */
	SANITISE_TAB_TO_SPACE	= 1 << 2,	/* \t and \r become a space */
	SANITISE_DISPLAY	= 1 << 3,	/* see above */
};
char	*utf8_sanitise(const char *s, size_t len, int flags);
void	 buf_add_sanitised(struct buf *b, const char *s, size_t len, int flags);

/* Time. */
/* "YYYY-MM-DDTHH:MM:SSZ" into out (at least 21 bytes). */
void	 time_format_iso(int64_t t, char out[21]);
int64_t	 time_now(void);
double	 time_monotonic(void);		/* seconds, for measuring */
/* Days since 1970-01-01 for a proleptic Gregorian date (no time zones). */
int64_t	 time_days_from_civil(int64_t y, unsigned m, unsigned d);

/* Logging to stderr, prefixed with the program name; feed text passed in is
 * sanitised before it is written. */
void	 log_set_progname(const char *name);
const char *log_progname(void);
void	 log_warn(const char *fmt, ...) DL_PRINTF(1, 2);
void	 log_error(const char *fmt, ...) DL_PRINTF(1, 2);
void	 log_set_quiet(int quiet);

/* Files. */
/* Read a whole file ("-" is stdin) up to max bytes; -1 with *err set. */
int	 file_read_all(const char *path, size_t max, struct buf *out, char **err);

#endif
