/*
 * term.c - output made for a person at a terminal: lines wrapped to the
 * terminal's width, colour only on a terminal (and never with NO_COLOR),
 * progress on stderr only when stderr is a terminal.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <utf8proc.h>

#include "cli.h"

void cli_term_init(cli_term *t, FILE *f)
{
	struct winsize ws;
	const char *cols = getenv("COLUMNS"), *no_color = getenv("NO_COLOR"),
		*term = getenv("TERM");
	/* By descriptor: stdout may be the guarded stream (term_guard.c),
	 * which has none of its own. */
	int fd = f == stdout ? STDOUT_FILENO : f == stderr ? STDERR_FILENO
		: fileno(f);
	int tty = fd >= 0 && isatty(fd);
	unsigned long n;

	t->width = 80;
	if (tty && ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		t->width = ws.ws_col;
	else if (cols && cli_parse_uint(cols, 1, 10000, &n) == 0)
		t->width = (int)n;
	if (t->width < 40)
		t->width = 40; /* narrower, and every line would be a word */
	/* https://no-color.org: present and not empty disables colour. */
	t->color = tty && !(no_color && *no_color) &&
		!(term && strcmp(term, "dumb") == 0);
}

const char *cli_sgr(const cli_term *t, cli_style s)
{
	static const char *const codes[] = {
		[CLI_RESET] = CLI_TERM_MARK "\033[0m",
		[CLI_BOLD] = CLI_TERM_MARK "\033[1m",
		[CLI_DIM] = CLI_TERM_MARK "\033[2m",
		[CLI_GREEN] = CLI_TERM_MARK "\033[1;32m",
		[CLI_YELLOW] = CLI_TERM_MARK "\033[1;33m",
		[CLI_RED] = CLI_TERM_MARK "\033[1;31m",
		[CLI_CYAN] = CLI_TERM_MARK "\033[36m",
	};
	return t->color ? codes[s] : "";
}

/* Columns a UTF-8 string takes on a terminal: by Unicode's East Asian
 * widths (utf8proc), so CJK and most emoji take two, combining marks and
 * zero-width joiners none; an invalid byte one. */
static int columns_n(const char *s, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	int n = 0;

	while (len > 0) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t used = utf8proc_iterate(p, (utf8proc_ssize_t)len, &cp);
		if (used <= 0) {
			n++;
			used = 1;
		} else {
			n += utf8proc_charwidth(cp);
		}
		p += used;
		len -= (size_t)used;
	}
	return n;
}

int cli_columns(const char *s)
{
	return columns_n(s, strlen(s));
}

void cli_pad(FILE *f, const char *s, int width)
{
	fputs(s, f);
	for (int n = cli_columns(s); n < width; n++)
		fputc(' ', f);
}

void cli_cell(FILE *f, const char *s, int width)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t len = strlen(s);
	int cols = 0;

	if (cli_columns(s) <= width) {
		cli_pad(f, s, width);
		return;
	}
	/* Cut: whole characters up to width - 1 columns, then an ellipsis. */
	while (len > 0) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t used = utf8proc_iterate(p, (utf8proc_ssize_t)len, &cp);
		int w = used <= 0 ? 1 : utf8proc_charwidth(cp);
		if (used <= 0)
			used = 1;
		if (cols + w > width - 1)
			break;
		fwrite(p, 1, (size_t)used, f);
		cols += w;
		p += used;
		len -= (size_t)used;
	}
	fputs("\xE2\x80\xA6", f); /* U+2026 */
	for (cols++; cols < width; cols++)
		fputc(' ', f);
}

void cli_wrap(FILE *f, const cli_term *t, const char *text, int col,
	int indent)
{
	const char *p = text;
	int room = t->width - 1; /* the last column makes some terminals wrap */

	for (;;) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		const char *e = p;
		while (*e && *e != ' ')
			e++;
		int w = columns_n(p, (size_t)(e - p));
		if (col > indent) {
			if (col + 1 + w > room) {
				fprintf(f, "\n%*s", indent, "");
				col = indent;
			} else {
				fputc(' ', f);
				col++;
			}
		}
		fwrite(p, 1, (size_t)(e - p), f);
		col += w;
		p = e;
	}
	fputc('\n', f);
}

int cli_progress_on(void)
{
	return isatty(STDERR_FILENO);
}

void cli_progress(const char *fmt, ...)
{
	va_list ap;
	if (!cli_progress_on())
		return;
	fputs(CLI_TERM_MARK "\r" CLI_TERM_MARK "\033[K", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fflush(stderr);
}

void cli_progress_done(void)
{
	if (cli_progress_on())
		fputs(CLI_TERM_MARK "\r" CLI_TERM_MARK "\033[K", stderr);
}

/* Characters that move or reorder text rather than show it: line and
 * paragraph separators, and the bidirectional embeddings, overrides and
 * isolates (a name in one could make what follows it read backwards). */
static int moves_text(utf8proc_int32_t cp)
{
	return cp == 0x2028 || cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E) ||
		(cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F ||
		cp == 0x061C;
}

size_t cli_flatten(char *out, size_t size, const char *text)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
	size_t len = strlen(text), n = 0;
	int space = 1; /* drops leading spaces */

	if (!size)
		return 0;
	while (len > 0) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t used = utf8proc_iterate(p, (utf8proc_ssize_t)len, &cp);
		int blank;
		if (used <= 0) {
			cp = 0xFFFD; /* never from the library, which hands out UTF-8 */
			used = 1;
		}
		blank = cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
			cp == ' ' || cp == 0xA0 || moves_text(cp);
		if (blank) {
			space = 1;
		} else {
			utf8proc_uint8_t enc[4];
			utf8proc_ssize_t k = utf8proc_encode_char(cp, enc);
			/* Room for a space, the character, an ellipsis and the NUL. */
			if (n + (space && n ? 1 : 0) + (size_t)k + 4 > size) {
				if (n + 4 <= size) {
					memcpy(out + n, "\xE2\x80\xA6", 3);
					n += 3;
				}
				break;
			}
			if (space && n)
				out[n++] = ' ';
			memcpy(out + n, enc, (size_t)k);
			n += (size_t)k;
			space = 0;
		}
		p += used;
		len -= (size_t)used;
	}
	out[n] = '\0';
	return n;
}
