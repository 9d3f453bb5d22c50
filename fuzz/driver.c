/*
 * Runs a fuzz target over its stored corpus when dateline is not built
 * with libFuzzer, so every `make check` replays the inputs that once found
 * a bug.  Prints TAP: one test point a file.  The corpus is
 * $srcdir/fuzz/corpus/NAME/ for a program named fuzz-NAME, or the files
 * given as arguments.
 */
#include "config.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
run_file(const char *path, int n)
{
	struct buf b = BUF_INIT;
	char *err = NULL;

	if (file_read_all(path, 64u << 20, &b, &err) != 0) {
		printf("not ok %d - %s\n", n, err);
		free(err);
		return 1;
	}
	/* Hand the target an exact-size copy, so ASan sees overreads. */
	uint8_t *copy = xmalloc(b.len ? b.len : 1);
	memcpy(copy, b.data ? b.data : "", b.len);
	LLVMFuzzerTestOneInput(copy, b.len);
	free(copy);
	buf_free(&b);
	printf("ok %d - %s\n", n, path);
	return 0;
}

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(int argc, char **argv)
{
	const char *name = strrchr(argv[0], '/'), *srcdir = getenv("srcdir");
	char **files = NULL, *dir;
	size_t nfiles = 0, i;
	int failed = 0;
	struct dirent *de;
	DIR *d;

	name = name ? name + 1 : argv[0];
	if (strncmp(name, "fuzz-", 5) == 0)
		name += 5;
	if (argc > 1) {
		for (i = 1; i < (size_t)argc; i++)
			failed += run_file(argv[i], (int)i);
		printf("1..%d\n", argc - 1);
		return failed != 0;
	}
	dir = xasprintf("%s/fuzz/corpus/%s", srcdir ? srcdir : ".", name);
	if ((d = opendir(dir)) == NULL) {
		printf("1..0 # SKIP no corpus at %s\n", dir);
		free(dir);
		return 1;	/* a target without a corpus is a mistake */
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		files = xreallocarray(files, nfiles + 1, sizeof *files);
		files[nfiles++] = xasprintf("%s/%s", dir, de->d_name);
	}
	closedir(d);
	qsort(files, nfiles, sizeof *files, cmp);
	for (i = 0; i < nfiles; i++) {
		failed += run_file(files[i], (int)i + 1);
		free(files[i]);
	}
	printf("1..%zu\n", nfiles);
	free(files);
	free(dir);
	return failed != 0 || nfiles == 0;
}
