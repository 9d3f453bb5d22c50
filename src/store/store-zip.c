/*
 * store: article HTML is kept compressed.  Text compresses to about a third,
 * which is what keeps a store with a full-text index smaller than a plain
 * newsboat cache of the same articles.  Short strings stay plain TEXT; a
 * compressed one is a BLOB: 4 bytes of length (little-endian), then a zstd
 * frame.  The column type tells which.  Stores written before 0.2 hold zlib
 * streams there; they are told apart by the zstd frame's magic number (a
 * zlib stream never starts with it) and still read.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

#include "store/store-int.h"

/* Below this, compression saves too little to be worth a BLOB. */
#define ZIP_MIN		160
/* The longest text a BLOB may claim to hold: a damaged length cannot make
 * us allocate more. */
#define ZIP_MAX		(64u * 1024 * 1024)
/* zstd at level 1 with a reused context: 25,000 articles (123 MB of
 * feeds) compress in 0.66 s to the ratio zlib's level 1 reached in 4.5 s
 * (compress2 sets up and tears down 256 KB of state per call).  Reading is
 * faster too. */
#define ZIP_LEVEL	1

static const unsigned char zstd_magic[4] = { 0x28, 0xb5, 0x2f, 0xfd };

/* One compression and one decompression context per thread, made on
 * first use and kept: setting them up per article cost more than the
 * compression. */
static _Thread_local ZSTD_CCtx *zc;
static _Thread_local ZSTD_DCtx *zd;

void
store_thread_done(void)
{
	store_zip_release();
	store_tok_release();
}

void
store_zip_release(void)
{
	ZSTD_freeCCtx(zc);
	ZSTD_freeDCtx(zd);
	zc = NULL;
	zd = NULL;
}

void
store_zip(const char *text, struct store_zipped *z)
{
	size_t len = text != NULL ? strlen(text) : 0, bound, n;
	unsigned char *out;

	z->data = NULL;
	z->len = 0;
	if (len < ZIP_MIN || len > ZIP_MAX)
		return;
	if (zc == NULL && (zc = ZSTD_createCCtx()) == NULL)
		return;
	bound = ZSTD_compressBound(len);
	out = xmalloc(bound + 4);
	out[0] = (unsigned char)(len & 0xff);
	out[1] = (unsigned char)((len >> 8) & 0xff);
	out[2] = (unsigned char)((len >> 16) & 0xff);
	out[3] = (unsigned char)((len >> 24) & 0xff);
	n = ZSTD_compressCCtx(zc, out + 4, bound, text, len, ZIP_LEVEL);
	if (ZSTD_isError(n) || n + 4 >= len) {
		free(out);
		return;
	}
	/* Kept until the item is written: only what it holds. */
	z->data = xrealloc(out, n + 4);
	z->len = n + 4;
}

int
store_bind_zipped(sqlite3_stmt *st, int col, const char *text,
    struct store_zipped *z)
{
	unsigned char *data = z->data;

	z->data = NULL;
	if (data != NULL)	/* SQLite takes the buffer and frees it */
		return sqlite3_bind_blob(st, col, data, (int)z->len, free);
	if (text == NULL || *text == '\0')
		return sqlite3_bind_null(st, col);
	return sqlite3_bind_text(st, col, text, -1, SQLITE_STATIC);
}

int
store_bind_body(sqlite3_stmt *st, int col, const char *text)
{
	struct store_zipped z;

	store_zip(text, &z);
	if (z.data == NULL && text != NULL && *text != '\0')
		return sqlite3_bind_text(st, col, text, -1, SQLITE_TRANSIENT);
	return store_bind_zipped(st, col, text, &z);
}

/* A zlib stream (stores from before 0.2): len bytes out, or 0. */
static size_t
unzip_zlib(const unsigned char *in, size_t inlen, char *out, size_t len)
{
	uLongf n = (uLongf)len;

	if (uncompress((Bytef *)out, &n, in, (uLong)inlen) != Z_OK || n != len)
		return 0;
	return (size_t)n;
}

char *
store_col_body(sqlite3_stmt *st, int col)
{
	const unsigned char *in;
	size_t inlen, len, n;
	char *out;

	if (sqlite3_column_type(st, col) != SQLITE_BLOB)
		return store_col_str(st, col);
	in = sqlite3_column_blob(st, col);
	inlen = (size_t)sqlite3_column_bytes(st, col);
	if (in == NULL || inlen < 5)
		return xstrdup("");
	len = (size_t)in[0] | (size_t)in[1] << 8 | (size_t)in[2] << 16 |
	    (size_t)in[3] << 24;
	if (len == 0 || len > ZIP_MAX)
		return xstrdup("");
	out = xmalloc(len + 1);
	if (inlen >= 8 && memcmp(in + 4, zstd_magic, 4) == 0) {
		if (zd == NULL && (zd = ZSTD_createDCtx()) == NULL)
			n = 0;
		else {
			n = ZSTD_decompressDCtx(zd, out, len, in + 4, inlen - 4);
			if (ZSTD_isError(n) || n != len)
				n = 0;
		}
	} else
		n = unzip_zlib(in + 4, inlen - 4, out, len);
	out[n] = '\0';	/* damaged: shown as empty rather than as garbage */
	return out;
}
