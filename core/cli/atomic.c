/*
 * atomic.c - reading a whole file of the user's data (writing it is the
 * library's advisor_file_write, atomic).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

char *cli_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0;

	if (!f)
		return NULL;
	for (;;) {
		if (cap - n < 65536) {
			char *g = realloc(buf, cap + 65536 + 1);
			if (!g) {
				free(buf);
				fclose(f);
				errno = ENOMEM;
				return NULL;
			}
			buf = g;
			cap += 65536;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		free(buf);
		errno = EIO;
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}
