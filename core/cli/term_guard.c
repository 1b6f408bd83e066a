/*
 * term_guard.c - nothing from the data reaches a terminal as a control
 * sequence.
 *
 * Names, headlines, contexts and messages come from other people (a
 * LinkedIn export, a network file).  Printed raw, an escape sequence in one
 * could rewrite the screen, fake a verdict in colour or set the window's
 * title.  When stdout or stderr is a terminal it is replaced by a stream
 * that passes text, newlines and tabs, and shows every other control
 * character (C0, DEL, C1) as '?'.  The command's own colours and progress
 * line are marked: cli_sgr() and cli_progress() put CLI_TERM_MARK before
 * each of their control sequences, and only a marked sequence goes through.
 * The marker is a byte that valid UTF-8 never holds, and everything the
 * library hands out is valid UTF-8.
 */
#define _GNU_SOURCE /* fopencookie */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

typedef struct guard {
	int fd;
	int marked;     /* the last byte was CLI_TERM_MARK */
	int in_escape;  /* inside a marked escape sequence: 1 after ESC,
	                   2 after ESC [ */
	int c1_lead;    /* the last byte was 0xC2, held back */
} guard;

static int put(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

static ssize_t guard_write(void *cookie, const char *buf, size_t size)
{
	guard *g = cookie;
	char out[4096];
	size_t n = 0;

#define EMIT(c) do { \
		if (n == sizeof(out) && put(g->fd, out, n) < 0) \
			return -1; \
		if (n == sizeof(out)) \
			n = 0; \
		out[n++] = (char)(c); \
	} while (0)

	for (size_t i = 0; i < size; i++) {
		unsigned char c = (unsigned char)buf[i];
		if (g->in_escape) {
			/* A marked sequence: ESC [ parameters, up to its final
			 * byte (0x40-0x7E). */
			EMIT(c);
			if (g->in_escape == 1)
				g->in_escape = c == '[' ? 2 : 0;
			else if (c >= 0x40 && c <= 0x7E)
				g->in_escape = 0;
			continue;
		}
		if (g->c1_lead) {
			g->c1_lead = 0;
			if (c >= 0x80 && c <= 0x9F) {
				EMIT('?'); /* U+0080-U+009F, the C1 controls */
				continue;
			}
			EMIT(0xC2);
		}
		if (g->marked) {
			g->marked = 0;
			if (c == 0x1B) {
				EMIT(c);
				g->in_escape = 1;
				continue;
			}
			if (c == '\r') {
				EMIT(c);
				continue;
			}
		}
		if (c == (unsigned char)CLI_TERM_MARK[0]) {
			g->marked = 1;
			continue;
		}
		if (c == 0xC2) {
			g->c1_lead = 1;
			continue;
		}
		if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F)
			c = '?';
		EMIT(c);
	}
#undef EMIT
	if (n && put(g->fd, out, n) < 0)
		return -1;
	return (ssize_t)size;
}

static int guard_close(void *cookie)
{
	guard *g = cookie;
	int rc = 0;
	if (g->c1_lead)
		rc = put(g->fd, "\xC2", 1);
	free(g);
	return rc;
}

/* Replace *stream (stdout or stderr) by a guarded one if it is a
 * terminal; left as it is otherwise, or if that cannot be done. */
static void guard_stream(FILE **stream, int fd, int line_buffered)
{
	if (!isatty(fd))
		return;
	guard *g = calloc(1, sizeof(*g));
	if (!g)
		return;
	g->fd = fd;
	cookie_io_functions_t io = { NULL, guard_write, NULL, guard_close };
	FILE *f = fopencookie(g, "w", io);
	if (!f) {
		free(g);
		return;
	}
	setvbuf(f, NULL, line_buffered ? _IOLBF : _IONBF, 0);
	fflush(*stream);
	*stream = f;
}

/* At exit: close the guarded streams, which flushes them and frees their
 * state.  A guarded stream is the one without a descriptor of its own. */
static void close_guards(void)
{
	if (fileno(stdout) < 0)
		fclose(stdout);
	if (fileno(stderr) < 0)
		fclose(stderr);
}

void cli_term_guard(void)
{
	guard_stream(&stdout, STDOUT_FILENO, 1);
	guard_stream(&stderr, STDERR_FILENO, 0);
	if (fileno(stdout) < 0 || fileno(stderr) < 0)
		atexit(close_guards);
}
