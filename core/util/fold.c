/*
 * fold.c - case and accent folding for name lookup, on utf8proc's Unicode
 * tables: each code point is decomposed (compatibility forms included),
 * case folded and stripped of its marks, and what is left is kept if it is
 * a letter or a digit, else it separates words.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "util/fold.h"

#define FOLD_OPTIONS (UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | \
	UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK)
/* Case only: marks kept, composed again, so "José" stays apart from
 * "Jose". */
#define CASE_OPTIONS (UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD)

/* Lower-case letters that Unicode does not decompose, and that a person
 * typing a name leaves out as they do an accent. */
static const char *spelled_out(utf8proc_int32_t cp)
{
	switch (cp) {
	case 0x00E6: return "ae"; /* æ */
	case 0x00F0: return "d";  /* ð */
	case 0x00F8: return "o";  /* ø */
	case 0x00FE: return "th"; /* þ */
	case 0x0111: return "d";  /* đ */
	case 0x0127: return "h";  /* ħ */
	case 0x0131: return "i";  /* dotless ı */
	case 0x0142: return "l";  /* ł */
	case 0x0153: return "oe"; /* œ */
	}
	return NULL;
}

/* Apostrophes join a word rather than split it: O'Brien, D’Angelo. */
static int is_apostrophe(utf8proc_int32_t cp)
{
	return cp == '\'' || cp == 0x2019 || cp == 0x02BC || cp == 0x2018 ||
		cp == 0x0060 || cp == 0x00B4;
}

static int is_word_char(utf8proc_int32_t cp)
{
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
		return 1;
	default:
		return 0;
	}
}

typedef struct folded {
	char *text;
	size_t len, cap;
	int gap;    /* a separator is owed before the next letter */
	int failed;
} folded;

static void put(folded *f, const char *s, size_t n)
{
	if (f->failed)
		return;
	size_t need = f->len + n + 2; /* a space before, the NUL after */
	if (need > f->cap) {
		size_t cap = f->cap * 2 > need ? f->cap * 2 : need;
		char *p = realloc(f->text, cap);
		if (!p) {
			f->failed = 1;
			return;
		}
		f->text = p;
		f->cap = cap;
	}
	if (f->gap && f->len)
		f->text[f->len++] = ' ';
	f->gap = 0;
	memcpy(f->text + f->len, s, n);
	f->len += n;
}

static void put_code_point(folded *f, utf8proc_int32_t cp, int marks)
{
	const char *spelled;
	utf8proc_uint8_t bytes[4];

	if (is_apostrophe(cp))
		return;
	if (marks && (utf8proc_category(cp) == UTF8PROC_CATEGORY_MN ||
		      utf8proc_category(cp) == UTF8PROC_CATEGORY_MC)) {
		put(f, (const char *)bytes, (size_t)utf8proc_encode_char(cp, bytes));
		return;
	}
	if (!is_word_char(cp)) {
		f->gap = 1;
		return;
	}
	if (!marks && (spelled = spelled_out(cp))) {
		put(f, spelled, strlen(spelled));
		return;
	}
	put(f, (const char *)bytes, (size_t)utf8proc_encode_char(cp, bytes));
}

static char *fold(const char *str, size_t *len, int marks)
{
	const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)str;
	size_t n = strlen(str);
	folded f = { malloc(n + 2), 0, n + 2, 0, 0 };

	if (!f.text)
		return NULL;
	while (n > 0) {
		utf8proc_int32_t cp, parts[32];
		utf8proc_ssize_t used = utf8proc_iterate(s, (utf8proc_ssize_t)n, &cp);
		if (used <= 0) {
			put(&f, (const char *)s, 1); /* an invalid byte, kept */
			used = 1;
		} else if (is_apostrophe(cp)) {
			/* before decomposition: U+2019 would not survive it */
		} else {
			utf8proc_ssize_t k = utf8proc_decompose_char(cp, parts,
				32, marks ? CASE_OPTIONS : FOLD_OPTIONS, NULL);
			for (utf8proc_ssize_t i = 0; i < k && k <= 32; i++)
				put_code_point(&f, parts[i], marks);
		}
		s += used;
		n -= (size_t)used;
	}
	if (f.failed) {
		free(f.text);
		return NULL;
	}
	f.text[f.len] = '\0';
	if (len)
		*len = f.len;
	return f.text;
}

char *adv_fold(const char *s, size_t *len)
{
	return fold(s, len, 0);
}

char *adv_fold_case(const char *s, size_t *len)
{
	char *f = fold(s, len, 1);
	utf8proc_uint8_t *nfc;

	/* Composed again, so that a name typed composed equals one stored
	 * decomposed. */
	if (!f || !(nfc = utf8proc_NFC((const utf8proc_uint8_t *)f)))
		return f;
	free(f);
	if (len)
		*len = strlen((const char *)nfc);
	return (char *)nfc;
}
