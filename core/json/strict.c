/*
 * json_check.c - strict JSON on top of cJSON.
 */
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json/strict.h"
#include "util/error.h"
#include "util/utf8.h"

static void line_col(const char *data, size_t at, size_t *line, size_t *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < at; i++) {
		if (data[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)data[i] & 0xC0) != 0x80) {
			(*col)++;
		}
	}
}

void adv_format_where(char *buf, size_t size, const char *name,
	unsigned long line)
{
	char digits[24];
	size_t n = strlen(name), d = 0;

	if (!size)
		return;
	if (n > size - 1)
		n = size - 1;
	memcpy(buf, name, n);
	if (line) {
		do
			digits[d++] = (char)('0' + line % 10);
		while ((line /= 10) != 0);
		if (n + 1 + d <= size - 1) {
			buf[n++] = ':';
			while (d > 0)
				buf[n++] = digits[--d];
		}
	}
	buf[n] = '\0';
}

/* What one pass over the raw text learned, for better messages, and what
 * it lifted. */
typedef struct scan {
	int in_string;     /* the text ends inside a string */
	long depth;        /* brackets still open at the end */
	adv_json_lift *lift;   /* what to lift, or NULL */
	size_t key_len;    /* of lift->key */
	uint32_t members;  /* top-level members seen */
	int taken;         /* lift holds the strings of lift->key */
	int key_twice;     /* lift->key appears more than once */
	int top_object;    /* the text is an object (else no member is lifted) */
	/* values kept as their text (adv_json_parse_raw) */
	const adv_json_raw *raw;   /* the rule, or NULL */
	long raw_depth;    /* > 0: inside a kept value, a member at this depth */
	int raw_nomem;     /* out of memory for spans: keep nothing */
	struct raw_span {
		size_t from, to;   /* the value's text, or the member's (from its
		                      key's opening quote) */
		int member;        /* 1: a member moved to its object's rest */
		size_t obj;        /* a member's object, numbered in document
		                      order */
		size_t at, resume; /* in the copy, the offset after the span's
		                      place; in the text, where copying went on */
	} *spans;
	size_t span_count, span_cap, members_cut;
	size_t objects;    /* objects opened up to ADV_JSON_RAW_DEPTH */
	size_t obj_at[ADV_JSON_RAW_DEPTH];   /* the number of the object open
	                                        at each depth */
	adv_json_key path[ADV_JSON_RAW_DEPTH];
	char keys[ADV_JSON_RAW_DEPTH][64];   /* keys decoded from escapes */
} scan;

/* Where the text came from: a whole file (line0 == 0), or one line of an
 * NDJSON file (line0 is its number). */
typedef struct source {
	const char *name;
	unsigned long line0;
	char where[512];    /* "name" or "name:line0", for path messages */
} source;

static int at_error(advisor_error *err, const char *data, size_t at,
	const source *src, const char *what)
{
	size_t line, col;
	line_col(data, at, &line, &col);
	if (src->line0)
		line += src->line0 - 1;
	adv_error_set(err, ADVISOR_EDATA, "%s:%zu:%zu: %s", src->name,
		line, col, what);
	adv_error_at(err, line, col);
	return ADVISOR_EDATA;
}

/* Bit 7 of each byte of x set where that byte is < n (n <= 128), or is
 * zero; exact as a whole (some byte matches or none does), which is all the
 * scan needs.  From Sean Anderson's "Bit Twiddling Hacks". */
#define BYTES(n) (0x0101010101010101ULL * (uint64_t)(n))
#define HAS_LESS(x, n) (((x) - BYTES(n)) & ~(x) & BYTES(0x80))
#define HAS_ZERO(x) HAS_LESS(x, 1)

/* Eight bytes at a time: on a little-endian machine the lowest flagged
 * byte is the first real match (false flags only ever sit above a real
 * one). */
static inline size_t plain_run(const char *data, size_t i, size_t len)
{
	while (i + 8 <= len) {
		uint64_t w, hit;
		memcpy(&w, data + i, 8);
		hit = HAS_LESS(w, 0x20) | HAS_ZERO(w ^ BYTES('"')) |
			HAS_ZERO(w ^ BYTES('\\'));
		if (hit) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
	__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			return i + ((size_t)__builtin_ctzll(hit) >> 3);
#else
			break;
#endif
		}
		i += 8;
	}
	while (i < len && (unsigned char)data[i] >= 0x20 && data[i] != '"' &&
	       data[i] != '\\')
		i++;
	return i;
}

size_t adv_json_plain_run(const char *data, size_t i, size_t len)
{
	return plain_run(data, i, len);
}

static size_t skip_space(const char *data, size_t i, size_t len)
{
	while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' ||
			   data[i] == '\r'))
		i++;
	return i;
}

static int lift_push(adv_json_lift *lift, const char *s, size_t n);
static int lift_text(adv_json_lift *lift, const char *s, size_t n,
	uint32_t *at);
static int lift_member(adv_json_lift *lift, const char *data, size_t open,
	size_t key_end, size_t value, size_t value_end, int type, uint32_t ordinal,
	size_t next);
static int lift_cut(adv_json_lift *lift, size_t from, size_t to);

/*
 * The array at i: `[ "a", "b" ]`, strictly as JSON has it, with only
 * non-empty strings that need no unescaping and hold no control character
 * (the UTF-8 of the whole text is checked before).  Copies the strings into
 * lift and returns the offset of the closing bracket; 0 when the value is
 * anything else (or memory ran out), and the tree will hold it.
 */
static size_t take_strings(const char *data, size_t len, size_t i,
	adv_json_lift *lift)
{
	size_t count = lift->count, text_len = lift->text_len;

	if (i >= len || data[i] != '[')
		return 0;
	i = skip_space(data, i + 1, len);
	for (;;) {
		if (i >= len || data[i] != '"')
			break;   /* not a string (or an empty array: nothing to gain) */
		size_t end = plain_run(data, i + 1, len);
		if (end >= len || data[end] != '"' || end == i + 1)
			break;   /* an escape, a control character, an empty string */
		if (lift_push(lift, data + i + 1, end - i - 1) < 0)
			break;
		i = skip_space(data, end + 1, len);
		if (i < len && data[i] == ',') {
			i = skip_space(data, i + 1, len);
			continue;
		}
		if (i < len && data[i] == ']')
			return i;
		break;
	}
	lift->count = count;
	lift->text_len = text_len;
	return 0;
}

/*
 * A string at the top level of the document closed at i (opened at open,
 * `escaped` if it held an escape).  If it is a key, count the member, and
 * lift its value when that is lift->key's plain strings, or a plain string,
 * true or false followed by another member.  Returns where the scan goes on:
 * past what was lifted, which holds nothing the scan would refuse and no
 * bracket.
 */
static size_t at_member(const char *data, size_t len, size_t open, size_t i,
	int escaped, scan *st)
{
	adv_json_lift *lift = st->lift;
	size_t k = skip_space(data, i + 1, len), v, end;
	int type;

	if (k >= len || data[k] != ':')
		return i;   /* a value, not a key */
	/* A key opens the object or follows a comma.  A string after a value
	 * ("a": "b": "c") is not one, though a colon follows it: lifting it
	 * would cut the error out of invalid JSON. */
	size_t before = open;
	while (before > 0 && (data[before - 1] == ' ' || data[before - 1] == '\t' ||
			      data[before - 1] == '\n' || data[before - 1] == '\r'))
		before--;
	if (!st->top_object || before == 0 ||
	    (data[before - 1] != '{' && data[before - 1] != ','))
		return i;   /* nor is a string in a top-level array */
	uint32_t ordinal = st->members++;
	if (escaped)
		return i;
	v = skip_space(data, k + 1, len);
	if (i - open - 1 == st->key_len &&
	    memcmp(data + open + 1, lift->key, st->key_len) == 0) {
		if (st->taken) {
			st->key_twice = 1;
			return i;
		}
		if ((end = take_strings(data, len, v, lift)) != 0) {
			if (lift_cut(lift, v + 1, end) < 0) {
				st->key_twice = 1;  /* out of memory: lift nothing */
				return i;
			}
			st->taken = 1;
			return end;
		}
	}
	if (v < len && data[v] == '"') {
		end = plain_run(data, v + 1, len);
		if (end >= len || data[end] != '"')
			return i;
		type = cJSON_String;
		end++;
	} else if (len - v >= 4 && memcmp(data + v, "true", 4) == 0) {
		type = cJSON_True;
		end = v + 4;
	} else if (len - v >= 5 && memcmp(data + v, "false", 5) == 0) {
		type = cJSON_False;
		end = v + 5;
	} else {
		return i;
	}
	/* Followed by another member, so that cutting it out leaves JSON as
	 * valid (or not) as before. */
	size_t comma = skip_space(data, end, len);
	if (comma >= len || data[comma] != ',')
		return i;
	size_t next = skip_space(data, comma + 1, len);
	if (next >= len || data[next] != '"')
		return i;
	if (lift_member(lift, data, open, i, v, end, type, ordinal, next) < 0) {
		st->key_twice = 1;  /* out of memory: lift nothing */
		return i;
	}
	return next - 1;
}

/*
 * One pass over the raw text, for what cJSON lets through: invalid UTF-8,
 * NUL bytes and \u0000, raw control characters (RFC 8259 wants them
 * escaped in strings, and only tab, newline and return between tokens), and
 * nesting deeper than cJSON's limit, reported as such rather than as a
 * syntax error at some column.  With st->lift, it also takes the strings of
 * that top-level member on the way.
 */
/* The end of the number that starts at i, checked against JSON's grammar
 * (RFC 8259: no leading zeros, digits after a point and in an exponent),
 * which cJSON is not strict about.  On a bad number *why says what, and
 * the offset returned is where. */
static size_t number_end(const char *data, size_t len, size_t i,
	const char **why)
{

#define DIGIT(k) ((k) < len && data[k] >= '0' && data[k] <= '9')
	if (data[i] == '-')
		i++;
	if (!DIGIT(i)) {
		*why = "a '-' without digits; expected a number";
		return i;
	}
	if (data[i] == '0' && DIGIT(i + 1)) {
		*why = "a number with a leading zero; expected JSON's form (0, 10, 0.5)";
		return i;
	}
	while (DIGIT(i))
		i++;
	if (i < len && data[i] == '.') {
		if (!DIGIT(i + 1)) {
			*why = "a number ending in '.'; expected digits after the point";
			return i;
		}
		for (i++; DIGIT(i); i++)
			;
	}
	if (i < len && (data[i] == 'e' || data[i] == 'E')) {
		i++;
		if (i < len && (data[i] == '+' || data[i] == '-'))
			i++;
		if (!DIGIT(i)) {
			*why = "an exponent without digits; expected a number";
			return i;
		}
		while (DIGIT(i))
			i++;
	}
#undef DIGIT
	return i;
}

static int reserve_items(void **p, size_t *cap, size_t used, size_t n,
	size_t size);

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* data[i..i+4) is four hex digits. */
static int hex4(const char *data, size_t i, size_t len)
{
	if (len < 4 || i > len - 4)
		return 0;
	for (int k = 0; k < 4; k++)
		if (hex_digit(data[i + k]) < 0)
			return 0;
	return 1;
}

static unsigned hex4_value(const char *s)
{
	unsigned v = 0;
	for (int k = 0; k < 4; k++)
		v = v << 4 | (unsigned)hex_digit(s[k]);
	return v;
}

/*
 * The string whose opening quote is at data[i], read as cJSON reads it: its
 * escapes decoded (a surrogate pair as one character) into out when out is
 * not NULL, up to room bytes.  Returns the offset of the closing quote, or
 * 0 with *bad the offset of an escape cJSON refuses (a lone surrogate, a
 * letter not in the list) or of the end of the text; *n the decoded
 * length, *fits 0 when it is over room.  The text is past the prescan:
 * valid UTF-8, no raw control character, \u with four hex digits.
 */
static size_t read_string(const char *data, size_t len, size_t i, char *out,
	size_t room, size_t *n, int *fits, size_t *bad)
{
	size_t w = 0;

	*fits = 1;
	for (i++;;) {
		size_t run = plain_run(data, i, len);
		if (out && w + (run - i) <= room)
			memcpy(out + w, data + i, run - i);
		w += run - i;
		i = run;
		if (i >= len || (unsigned char)data[i] < 0x20) {
			*bad = i;
			return 0;
		}
		if (data[i] == '"')
			break;
		/* an escape */
		char one = 0, utf8[4];
		size_t ulen = 1;
		if (i + 1 >= len) {
			*bad = i;
			return 0;
		}
		switch (data[i + 1]) {
		case '"': one = '"'; break;
		case '\\': one = '\\'; break;
		case '/': one = '/'; break;
		case 'b': one = '\b'; break;
		case 'f': one = '\f'; break;
		case 'n': one = '\n'; break;
		case 'r': one = '\r'; break;
		case 't': one = '\t'; break;
		case 'u': {
			unsigned c;
			if (!hex4(data, i + 2, len)) {
				*bad = i;
				return 0;
			}
			c = hex4_value(data + i + 2);
			if (c >= 0xDC00 && c <= 0xDFFF) {
				*bad = i;
				return 0;
			}
			if (c >= 0xD800 && c <= 0xDBFF) {
				if (i + 7 >= len || data[i + 6] != '\\' ||
				    data[i + 7] != 'u' || !hex4(data, i + 8, len)) {
					*bad = i;
					return 0;
				}
				unsigned lo = hex4_value(data + i + 8);
				if (lo < 0xDC00 || lo > 0xDFFF) {
					*bad = i;
					return 0;
				}
				c = 0x10000 + (((c & 0x3FF) << 10) | (lo & 0x3FF));
				i += 6;
			}
			if (c < 0x80) {
				utf8[0] = (char)c;
			} else if (c < 0x800) {
				utf8[0] = (char)(0xC0 | c >> 6);
				utf8[1] = (char)(0x80 | (c & 0x3F));
				ulen = 2;
			} else if (c < 0x10000) {
				utf8[0] = (char)(0xE0 | c >> 12);
				utf8[1] = (char)(0x80 | ((c >> 6) & 0x3F));
				utf8[2] = (char)(0x80 | (c & 0x3F));
				ulen = 3;
			} else {
				utf8[0] = (char)(0xF0 | c >> 18);
				utf8[1] = (char)(0x80 | ((c >> 12) & 0x3F));
				utf8[2] = (char)(0x80 | ((c >> 6) & 0x3F));
				utf8[3] = (char)(0x80 | (c & 0x3F));
				ulen = 4;
			}
			i += 4;
			break;
		}
		default:
			*bad = i;
			return 0;
		}
		if (one)
			utf8[0] = one;
		if (out && w + ulen <= room)
			memcpy(out + w, utf8, ulen);
		w += ulen;
		i += 2;
	}
	*n = w;
	*fits = w <= room;
	return i;
}

/* A key at data[i] decoded into out (room bytes); *ok 0 when it does not
 * fit or does not decode. */
static size_t decode_string(const char *data, size_t len, size_t i,
	char *out, size_t room, int *ok)
{
	size_t n = 0, bad;
	int fits;
	*ok = read_string(data, len, i, out, room, &n, &fits, &bad) != 0 && fits;
	return n;
}

size_t adv_json_text_string_len(const char *text, size_t len, size_t at)
{
	size_t n = 0, bad;
	int fits;
	size_t end = read_string(text, len, at, NULL, 0, &n, &fits, &bad);
	return end ? n : 0;
}

size_t adv_json_text_string(const char *text, size_t len, size_t *at,
	char *out)
{
	size_t n = 0, bad;
	int fits;
	size_t end = read_string(text, len, *at, out, SIZE_MAX, &n, &fits, &bad);
	*at = end ? end + 1 : len;
	return end ? n : 0;
}

/* The number text[at..end), read by strtod in the C locale's terms: the
 * point made the locale's, as cJSON does. */
static double read_number(const char *text, size_t at, size_t end, int *nomem)
{
	char small[64], *num = small;
	char point = localeconv()->decimal_point[0];
	double x;

	*nomem = 0;
	if (end - at >= sizeof(small) && !(num = malloc(end - at + 1))) {
		*nomem = 1;
		return 0;
	}
	for (size_t k = at; k < end; k++)
		num[k - at] = text[k] == '.' && point ? point : text[k];
	num[end - at] = '\0';
	x = strtod(num, NULL);
	if (num != small)
		free(num);
	return x;
}

double adv_json_text_number(const char *text, size_t len, size_t at,
	size_t *end)
{
	const char *why = NULL;
	int nomem;
	*end = number_end(text, len, at, &why);
	return read_number(text, at, *end, &nomem);
}

const char *adv_json_rest(const cJSON *obj)
{
	return obj && cJSON_IsObject(obj) ? obj->valuestring : NULL;
}

/* Past the value at text[i] (checked JSON). */
static size_t skip_value(const char *text, size_t len, size_t i)
{
	long depth = 0;

	i = skip_space(text, i, len);
	do {
		if (i >= len)
			return len;
		char c = text[i];
		if (c == '"') {
			for (i++;;) {
				i = plain_run(text, i, len);
				if (i >= len)
					return len;
				if (text[i] == '"')
					break;
				i += 2;
			}
			i++;
		} else if (c == '[' || c == '{') {
			depth++;
			i++;
		} else if (c == ']' || c == '}') {
			depth--;
			i++;
		} else if (c == ',' || c == ':' || c == ' ' || c == '\t' ||
			   c == '\n' || c == '\r') {
			i++;
		} else {
			while (i < len && !strchr(",:]} \t\r\n", text[i]))
				i++;
		}
		if (depth > 0)
			continue;
	} while (depth > 0);
	return i;
}

size_t adv_json_text_member(const char *text, size_t len, const char *key)
{
	size_t klen = strlen(key), i = skip_space(text, 0, len);
	char small[64];

	if (i >= len || text[i] != '{')
		return 0;
	i = skip_space(text, i + 1, len);
	while (i < len && text[i] == '"') {
		size_t n = 0, bad, end;
		int fits, same;
		end = read_string(text, len, i, small, sizeof(small), &n, &fits, &bad);
		if (!end)
			return 0;
		same = fits && n == klen && memcmp(small, key, klen) == 0;
		i = skip_space(text, end + 1, len);
		if (i >= len || text[i] != ':')
			return 0;
		i = skip_space(text, i + 1, len);
		if (same)
			return i;
		i = skip_space(text, skip_value(text, len, i), len);
		if (i < len && text[i] == ',')
			i = skip_space(text, i + 1, len);
	}
	return 0;
}

int adv_json_extra_has(const cJSON *extra, const char *key)
{
	const char *rest = adv_json_rest(extra);

	if (!extra)
		return 0;
	if (cJSON_GetObjectItemCaseSensitive(extra, key))
		return 1;
	return rest && adv_json_text_member(rest, strlen(rest), key) != 0;
}

char *adv_json_extra_string(const cJSON *extra, const char *key, int *nomem)
{
	char *out;

	if (!extra)
		return NULL;
	if (!cJSON_GetObjectItemCaseSensitive(extra, key) && adv_json_rest(extra)) {
		const char *t = adv_json_rest(extra);
		size_t len = strlen(t), at = adv_json_text_member(t, len, key);
		if (!at || t[at] != '"')
			return NULL;
		if (!(out = malloc(adv_json_text_string_len(t, len, at) + 1))) {
			*nomem = 1;
			return NULL;
		}
		out[adv_json_text_string(t, len, &at, out)] = '\0';
		return out;
	}
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(extra, key);
	if (!cJSON_IsString(v))
		return NULL;
	if (!(out = strdup(v->valuestring)))
		*nomem = 1;
	return out;
}

const char *adv_json_raw_kind(const cJSON *v)
{
	return v && cJSON_IsRaw(v) && v->valuestring &&
		v->valuestring[0] == '{' ? "an object" : "an array";
}

/* The end of the scalar value at data[v] (a string, a number, a literal),
 * or 0 when it is none (the parse will say what is wrong). */
static size_t scalar_end(const char *data, size_t len, size_t v)
{
	if (data[v] == '"') {
		for (size_t i = v + 1;;) {
			i = plain_run(data, i, len);
			if (i >= len || (unsigned char)data[i] < 0x20)
				return 0;
			if (data[i] == '"')
				return i + 1;
			i += 2;   /* an escape */
		}
	}
	if (data[v] == '-' || (data[v] >= '0' && data[v] <= '9')) {
		const char *why = NULL;
		size_t end = number_end(data, len, v, &why);
		return why ? 0 : end;
	}
	if (len - v >= 4 && (memcmp(data + v, "true", 4) == 0 ||
			     memcmp(data + v, "null", 4) == 0))
		return v + 4;
	if (len - v >= 5 && memcmp(data + v, "false", 5) == 0)
		return v + 5;
	return 0;
}

static int add_span(const char *data, scan *st, size_t from, size_t to,
	int member)
{
	/* A member moved out right after another of the same object (a
	 * comma between them): one span holds both, as they are written. */
	if (member && st->span_count) {
		struct raw_span *last = &st->spans[st->span_count - 1];
		size_t i = last->to;
		if (last->member && last->to && last->obj == st->obj_at[st->depth - 1]) {
			while (i < from && strchr(" \t\r\n", data[i]))
				i++;
			if (i < from && data[i] == ',') {
				for (i++; i < from && strchr(" \t\r\n", data[i]); i++)
					;
				if (i == from) {
					last->to = to;
					return 0;
				}
			}
		}
	}
	if (reserve_items((void **)&st->spans, &st->span_cap, st->span_count, 1,
			  sizeof(*st->spans)) < 0) {
		st->raw_nomem = 1;
		return -1;
	}
	struct raw_span *sp = &st->spans[st->span_count++];
	memset(sp, 0, sizeof(*sp));
	sp->from = from;
	sp->to = to;
	sp->member = member;
	sp->obj = member ? st->obj_at[st->depth - 1] : 0;
	st->members_cut += member;
	return 0;
}

/*
 * A string at depth st->depth closed at i (opened at open).  If it is a
 * key (where a key may stand: after the object's brace or a comma, and
 * before a colon), it becomes the path's key at that depth, and the rule
 * says what becomes of its member: its value kept as text (an array or an
 * object only), or the whole member moved to the object's rest.  Returns
 * 1 when the member is moved (so nothing else may take it).
 */
static int raw_member(const char *data, size_t len, size_t open, size_t i,
	int escaped, scan *st)
{
	size_t k = skip_space(data, i + 1, len), v, before = open;
	int d = (int)st->depth;
	adv_json_key *key = &st->path[d - 1];

	if (k >= len || data[k] != ':')
		return 0;
	while (before > 0 && (data[before - 1] == ' ' || data[before - 1] == '\t' ||
			      data[before - 1] == '\n' || data[before - 1] == '\r'))
		before--;
	if (before == 0 || (data[before - 1] != '{' && data[before - 1] != ','))
		return 0;
	v = skip_space(data, k + 1, len);
	if (v >= len)
		return 0;
	if (!escaped) {
		key->s = data + open + 1;
		key->len = i - open - 1;
	} else {
		int ok = 1;
		size_t n = decode_string(data, len, open, st->keys[d - 1],
			sizeof(st->keys[d - 1]) - 1, &ok);
		if (ok) {
			key->s = st->keys[d - 1];
			key->len = n;
		} else {
			key->s = "\x01";
			key->len = 1;
		}
	}
	int container = data[v] == '[' || data[v] == '{';
	int how = st->raw->keep(st->raw->ctx, d, st->path);
	if (how == ADV_JSON_KEEP_REST) {
		size_t end = container ? 0 : scalar_end(data, len, v);
		if (!container && !end)
			return 0;   /* not JSON: the parse says so */
		if (add_span(data, st, open, end, 1) < 0)
			return 0;
		if (container)
			st->raw_depth = d;
		return 1;
	}
	if (how == ADV_JSON_KEEP_TEXT && container &&
	    add_span(data, st, v, 0, 0) == 0)
		st->raw_depth = d;
	return 0;
}

static int prescan(const char *data, size_t len, const source *where,
	scan *st, advisor_error *err)
{
	size_t bad = adv_utf8_invalid_at(data, len);
	char what[96];

	st->in_string = 0;
	st->depth = 0;
	st->raw_depth = 0;
	st->span_count = st->members_cut = st->objects = 0;
	st->raw_nomem = 0;
	st->members = 0;
	st->taken = 0;
	st->key_twice = 0;
	size_t first = skip_space(data, 0, len);
	st->top_object = first < len && data[first] == '{';
	if (bad < len) {
		snprintf(what, sizeof(what),
			"invalid UTF-8 (byte 0x%02x); expected UTF-8 text",
			(unsigned char)data[bad]);
		return at_error(err, data, bad, where, what);
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)data[i];
		if (c == '"') {
			/* A string: its plain runs, eight bytes at a time, and
			 * what ends each. */
			size_t open = i;
			int escaped = 0;
			for (;;) {
				i = plain_run(data, i + 1, len);
				if (i >= len) {
					st->in_string = 1;
					return ADVISOR_OK;
				}
				c = (unsigned char)data[i];
				if (c == '"')
					break;
				if (c == '\\') {
					if (i + 1 >= len) {
						st->in_string = 1;
						return ADVISOR_OK;
					}
					if (data[i + 1] == 'u' && i + 5 < len &&
					    memcmp(data + i + 2, "0000", 4) == 0)
						return at_error(err, data, i, where,
							"\\u0000 inside a string; text may not contain NUL characters");
					if (data[i + 1] == 'u' && !hex4(data, i + 2, len))
						return at_error(err, data, i, where,
							"\\u without four hex digits; expected \\uXXXX");
					i++; /* skip the escaped character */
					escaped = 1;
					continue;
				}
				if (c == '\0')
					return at_error(err, data, i, where,
						"NUL byte in the file; expected JSON text");
				snprintf(what, sizeof(what),
					"raw control character 0x%02x inside a string; expected it escaped (\\n, \\t, \\u00XX)", c);
				return at_error(err, data, i, where, what);
			}
			int moved = st->raw && !st->raw_depth &&
				st->depth >= 1 && st->depth <= ADV_JSON_RAW_DEPTH &&
				raw_member(data, len, open, i, escaped, st);
			if (st->lift && st->depth == 1 && !moved)
				i = at_member(data, len, open, i, escaped, st);
		} else if (c == '-' || (c >= '0' && c <= '9')) {
			const char *why = NULL;
			i = number_end(data, len, i, &why);
			if (why)
				return at_error(err, data, i, where, why);
			i--; /* the loop steps past the number's last byte */
		} else if (c == '[' || c == '{') {
			if (++st->depth > CJSON_NESTING_LIMIT) {
				snprintf(what, sizeof(what),
					"nested deeper than %d levels; expected at most %d",
					CJSON_NESTING_LIMIT, CJSON_NESTING_LIMIT);
				return at_error(err, data, i, where, what);
			}
			/* (After a stray closer the depth can be 0 here: no
			 * place, and the parse refuses the text.) */
			if (st->raw && !st->raw_depth && st->depth >= 1 &&
			    st->depth <= ADV_JSON_RAW_DEPTH) {
				st->path[st->depth - 1].s = NULL;
				st->path[st->depth - 1].len = 0;
				if (c == '{')
					st->obj_at[st->depth - 1] = st->objects++;
			}
		} else if (c == ']' || c == '}') {
			st->depth--;
			if (st->raw_depth && st->depth == st->raw_depth) {
				st->spans[st->span_count - 1].to = i + 1;
				st->raw_depth = 0;
			}
		} else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
			if (c == '\0')
				return at_error(err, data, i, where,
					"NUL byte in the file; expected JSON text");
			snprintf(what, sizeof(what),
				"control character 0x%02x; expected JSON text", c);
			return at_error(err, data, i, where, what);
		}
	}
	return ADVISOR_OK;
}

/* Where the walk is: a chain of frames on the C stack, turned into text
 * ("people[3].events[1]") only when there is something to report. */
typedef struct frame {
	const struct frame *up;
	const char *key;   /* an object member, or NULL for an array item */
	int index;
} frame;

static void frame_path(const frame *f, char *buf, size_t size)
{
	const frame *chain[256];
	size_t n = 0, at = 0;

	for (; f && n < 256; f = f->up)
		chain[n++] = f;
	buf[0] = '\0';
	while (n-- > 0 && at < size) {
		int w = chain[n]->key
			? snprintf(buf + at, size - at, at ? ".%s" : "%s", chain[n]->key)
			: snprintf(buf + at, size - at, "[%d]", chain[n]->index);
		if (w < 0)
			break;
		at += (size_t)w;
	}
	if (!buf[0])
		snprintf(buf, size, "(top)");
}

static int cmp_key(const void *a, const void *b)
{
	return strcmp((*(const cJSON *const *)a)->string,
		      (*(const cJSON *const *)b)->string);
}

/* The first key that appears twice in an object, or NULL. */
static const char *duplicate_key(const cJSON *obj, int count)
{
	if (count < 2)
		return NULL;
	if (count <= 16) {
		/* Compare first letters before whole keys: most differ there. */
		for (const cJSON *a = obj->child; a; a = a->next)
			for (const cJSON *b = a->next; b; b = b->next)
				if (a->string[0] == b->string[0] &&
				    strcmp(a->string, b->string) == 0)
					return a->string;
		return NULL;
	}
	/* Large objects: sort pointers rather than compare every pair. */
	const cJSON **keys = malloc((size_t)count * sizeof(*keys));
	const char *dup = NULL;
	int i = 0;
	if (!keys)
		return NULL;
	for (const cJSON *a = obj->child; a; a = a->next)
		keys[i++] = a;
	qsort(keys, (size_t)count, sizeof(*keys), cmp_key);
	for (i = 1; i < count && !dup; i++)
		if (strcmp(keys[i - 1]->string, keys[i]->string) == 0)
			dup = keys[i]->string;
	free(keys);
	return dup;
}

static int check_tree(const cJSON *item, const frame *at, const char *where,
	advisor_error *err)
{
	char path[512];

	if (cJSON_IsNumber(item) && !isfinite(item->valuedouble)) {
		frame_path(at, path, sizeof(path));
		adv_error_set(err, ADVISOR_EDATA,
			"%s: %s: number out of range; expected a finite number",
			where, path);
		adv_error_locate(err, strcmp(path, "(top)") ? path : "", NULL);
		return ADVISOR_EDATA;
	}
	if (cJSON_IsObject(item)) {
		int count = 0;
		for (const cJSON *c = item->child; c; c = c->next)
			count++;
		const char *dup = duplicate_key(item, count);
		if (dup) {
			frame_path(at, path, sizeof(path));
			adv_error_set(err, ADVISOR_EDATA,
				"%s: %s: key \"%s\" appears twice; expected each key once",
				where, path, dup);
			adv_error_locate(err, strcmp(path, "(top)") ? path : "", dup);
			return ADVISOR_EDATA;
		}
		for (const cJSON *c = item->child; c; c = c->next) {
			frame f = { at, c->string, 0 };
			int rc = c->child || cJSON_IsNumber(c)
				? check_tree(c, &f, where, err) : ADVISOR_OK;
			if (rc < 0)
				return rc;
		}
	} else if (cJSON_IsArray(item)) {
		int i = 0;
		for (const cJSON *c = item->child; c; c = c->next, i++) {
			frame f = { at, NULL, i };
			int rc = c->child || cJSON_IsNumber(c)
				? check_tree(c, &f, where, err) : ADVISOR_OK;
			if (rc < 0)
				return rc;
		}
	}
	return ADVISOR_OK;
}

/* Up to 20 bytes of context for a message: one line, whole characters. */
static int snippet_len(const char *s)
{
	int n = 0;
	while (n < 20 && s[n] && s[n] != '\n' && s[n] != '\r')
		n++;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

static int parse_scanned(cJSON **out, const char *data, size_t len,
	const source *src, const scan *st, advisor_error *err);
static int parse_rest(cJSON **out, const char *data, size_t len,
	const source *src, scan *st, advisor_error *err);
static int attach_spans(cJSON *root, const char *data, size_t len,
	const source *src, const scan *st, advisor_error *err);
static size_t build_copy(const char *data, size_t len, struct raw_span *sp,
	size_t nsp, const struct adv_json_cut *cuts, size_t ncuts, char *copy);

/* What both parses do first: the place for messages, the empty document,
 * and the prescan (finding st->key on the way when it is set). */
static int begin(const char *data, size_t len, source *src, scan *st,
	advisor_error *err)
{
	size_t ws = 0;

	adv_format_where(src->where, sizeof(src->where), src->name, src->line0);
	while (ws < len && data[ws] && strchr(" \t\r\n", data[ws]))
		ws++;
	if (ws == len)
		return adv_error_set(err, ADVISOR_EDATA,
			"%s: empty; expected a JSON document", src->where);
	return prescan(data, len, src, st, err);
}

int adv_json_parse(cJSON **out, const char *data, size_t len,
	const char *name, unsigned long line0, advisor_error *err)
{
	source src = { name, line0, "" };
	scan st = { 0 };
	int rc;

	*out = NULL;
	if ((rc = begin(data, len, &src, &st, err)) < 0)
		return rc;
	return parse_scanned(out, data, len, &src, &st, err);
}

/* Room for n more bytes in *buf. */
static int reserve(char **buf, size_t *cap, size_t used, size_t n)
{
	if (used + n <= *cap)
		return 0;
	size_t c = *cap ? *cap : 4096;
	while (c < used + n)
		c *= 2;
	char *p = realloc(*buf, c);
	if (!p)
		return -1;
	*buf = p;
	*cap = c;
	return 0;
}

/* Room for n more items of size bytes in *p. */
static int reserve_items(void **p, size_t *cap, size_t used, size_t n,
	size_t size)
{
	if (used + n <= *cap)
		return 0;
	size_t c = *cap ? *cap : 16;
	while (c < used + n)
		c *= 2;
	void *q = realloc(*p, c * size);
	if (!q)
		return -1;
	*p = q;
	*cap = c;
	return 0;
}

/* s[0..n) into lift's text, NUL-terminated, at *at. */
static int lift_text(adv_json_lift *lift, const char *s, size_t n,
	uint32_t *at)
{
	if (reserve(&lift->text, &lift->text_cap, lift->text_len, n + 1) < 0)
		return -1;
	memcpy(lift->text + lift->text_len, s, n);
	lift->text[lift->text_len + n] = '\0';
	*at = (uint32_t)lift->text_len;
	lift->text_len += n + 1;
	return 0;
}

static int lift_push(adv_json_lift *lift, const char *s, size_t n)
{
	uint32_t at;
	if (reserve_items((void **)&lift->items, &lift->items_cap, lift->count,
			  1, sizeof(*lift->items)) < 0 ||
	    lift_text(lift, s, n, &at) < 0)
		return -1;
	lift->items[lift->count].at = at;
	lift->items[lift->count].len = (uint32_t)n;
	lift->count++;
	return 0;
}

static int lift_cut(adv_json_lift *lift, size_t from, size_t to)
{
	if (reserve_items((void **)&lift->cuts, &lift->cuts_cap, lift->cut_count,
			  1, sizeof(*lift->cuts)) < 0)
		return -1;
	lift->cuts[lift->cut_count].from = from;
	lift->cuts[lift->cut_count].to = to;
	lift->cut_count++;
	return 0;
}

/* The member whose key is data(open..key_end) and value
 * data[value..value_end), cut from open up to the next key at next. */
static int lift_member(adv_json_lift *lift, const char *data, size_t open,
	size_t key_end, size_t value, size_t value_end, int type,
	uint32_t ordinal, size_t next)
{
	struct adv_json_member *m;

	if (reserve_items((void **)&lift->members, &lift->members_cap,
			  lift->member_count, 1, sizeof(*lift->members)) < 0)
		return -1;
	m = &lift->members[lift->member_count];
	m->ordinal = ordinal;
	m->type = type;
	m->value = 0;
	if (lift_text(lift, data + open + 1, key_end - open - 1, &m->key) < 0 ||
	    (type == cJSON_String &&
	     lift_text(lift, data + value + 1, value_end - value - 2, &m->value) < 0) ||
	    lift_cut(lift, open, next) < 0)
		return -1;
	lift->member_count++;
	return 0;
}

/* Lend the lifted members to root, each at its place among the members
 * parsed from the cut text; -1 (nothing lent) if they do not add up. */
static int lend_members(adv_json_lift *lift, cJSON *root, uint32_t members)
{
	size_t n = lift->member_count, owned = 0, m = 0;
	cJSON *rest = root->child, *head = NULL, *tail = NULL;

	for (const cJSON *c = root->child; c; c = c->next)
		owned++;
	if (owned + n != members ||
	    reserve_items((void **)&lift->nodes, &lift->nodes_cap, 0, n,
			  sizeof(cJSON)) < 0)
		return -1;
	for (uint32_t k = 0; k < members; k++) {
		cJSON *x;
		if (m < n && lift->members[m].ordinal == k) {
			const struct adv_json_member *lm = &lift->members[m];
			x = &lift->nodes[m++];
			memset(x, 0, sizeof(*x));
			x->type = lm->type;
			x->string = lift->text + lm->key;
			if (lm->type == cJSON_String)
				x->valuestring = lift->text + lm->value;
			else if (lm->type == cJSON_True)
				x->valueint = 1;
		} else {
			x = rest;
			rest = rest->next;
		}
		x->prev = tail;
		x->next = NULL;
		if (tail)
			tail->next = x;
		else
			head = x;
		tail = x;
	}
	root->child = head;
	if (head)
		head->prev = tail;
	lift->borrowed = n;
	return 0;
}

void adv_json_lift_delete(adv_json_lift *lift, cJSON *root)
{
	if (root && lift->borrowed) {
		uintptr_t lo = (uintptr_t)lift->nodes;
		uintptr_t hi = (uintptr_t)(lift->nodes + lift->borrowed);
		cJSON *head = NULL, *tail = NULL, *next;
		for (cJSON *c = root->child; c; c = next) {
			next = c->next;
			if ((uintptr_t)c >= lo && (uintptr_t)c < hi)
				continue;
			c->prev = tail;
			c->next = NULL;
			if (tail)
				tail->next = c;
			else
				head = c;
			tail = c;
		}
		root->child = head;
		if (head)
			head->prev = tail;
	}
	lift->borrowed = 0;
	cJSON_Delete(root);
}

int adv_json_parse_lifting(cJSON **out, const char *data, size_t len,
	const char *name, unsigned long line0, adv_json_lift *lift,
	advisor_error *err)
{
	source src = { name, line0, "" };
	scan st = { .key_len = strlen(lift->key), .raw = lift->raw };
	size_t first = skip_space(data, 0, len);
	cJSON *root;
	int rc;

	*out = NULL;
	lift->lifted = 0;
	lift->count = lift->member_count = lift->cut_count = 0;
	lift->text_len = 0;
	lift->borrowed = 0;
	/* Only an object has members to lift. */
	if (first < len && data[first] == '{' && len < UINT32_MAX)
		st.lift = lift;
	if ((rc = begin(data, len, &src, &st, err)) < 0)
		goto plain;
	int spans_ok = !st.raw_nomem && !st.raw_depth && !st.in_string;
	for (size_t k = 0; spans_ok && k < st.span_count; k++)
		spans_ok = st.spans[k].to != 0;
	if (!st.key_twice && lift->cut_count && spans_ok &&
	    reserve(&lift->doc, &lift->doc_cap, 0, len + 1) == 0) {
		/* The text without what was lifted and the spans. */
		size_t n = build_copy(data, len, st.spans, st.span_count,
			lift->cuts, lift->cut_count, lift->doc);

		root = cJSON_ParseWithLengthOpts(lift->doc, n + 1, NULL, 1);
		/* Not valid JSON: the whole text says where, as it is. */
		if (root && (!cJSON_IsObject(root) ||
			     lend_members(lift, root, st.members) < 0)) {
			cJSON_Delete(root);
			root = NULL;
		}
		if (root) {
			if (check_tree(root, NULL, src.where, err) == ADVISOR_OK &&
			    (rc = st.span_count
				? attach_spans(root, data, len, &src, &st, err) : 0) == 0) {
				lift->lifted = st.taken;
				*out = root;
				free(st.spans);
				return ADVISOR_OK;
			}
			adv_json_lift_delete(lift, root);
			if (rc < 0)
				goto plain;   /* a span's own error */
		}
	}
	lift->count = lift->member_count = 0;
	lift->borrowed = 0;
	rc = parse_rest(out, data, len, &src, &st, err);
	free(st.spans);
	return rc;
plain:
	lift->count = lift->member_count = 0;
	free(st.spans);
	return rc;
}

void adv_json_lift_free(adv_json_lift *lift)
{
	free(lift->items);
	free(lift->text);
	free(lift->members);
	free(lift->nodes);
	free(lift->cuts);
	free(lift->doc);
	lift->items = NULL;
	lift->text = lift->doc = NULL;
	lift->members = NULL;
	lift->nodes = NULL;
	lift->cuts = NULL;
	lift->count = lift->items_cap = lift->text_len = lift->text_cap = 0;
	lift->member_count = lift->members_cap = lift->nodes_cap = 0;
	lift->borrowed = lift->cut_count = lift->cuts_cap = lift->doc_cap = 0;
	lift->lifted = 0;
}

/* The offset in the original text of offset at of the copy the spans were
 * cut from: after the last span before it, the text was copied as it is. */
static size_t to_data(const struct raw_span *sp, size_t n, size_t at)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (sp[mid].at <= at)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return at;
	return sp[lo - 1].resume + (at - sp[lo - 1].at);
}

/* A member moved out at copy[*w], the text going on at data[to]: the
 * comma that separated it goes too (the one after it, or before it when it
 * was the last), so that the copy is as valid, or not, as the text. */
static size_t drop_member(const char *data, size_t len, char *copy, size_t *w,
	size_t to)
{
	size_t b = *w, next = skip_space(data, to, len);

	while (b > 0 && strchr(" \t\r\n", copy[b - 1]))
		b--;
	if (b == 0 || next >= len)
		return to;
	if (data[next] == ',' && (copy[b - 1] == ',' || copy[b - 1] == '{')) {
		size_t after = skip_space(data, next + 1, len);
		if (after < len && data[after] == '"')
			return next + 1;   /* another member follows */
	} else if (data[next] == '}' && copy[b - 1] == ',') {
		*w = b - 1;
	} else if (data[next] != ',' && data[next] != '}') {
		/* Not JSON ("a": 1 "b": 2): a byte cJSON refuses keeps it so,
		 * here, where the text goes on. */
		copy[(*w)++] = '#';
	}
	return to;
}

/* data without the spans (values "[]" or "{}", members moved out with their
 * comma) and without the lifted cuts (ncuts of them, may be 0), into copy
 * (len + 1 bytes); returns its length.  Each span learns its place. */
static size_t build_copy(const char *data, size_t len, struct raw_span *sp,
	size_t nsp, const struct adv_json_cut *cuts, size_t ncuts, char *copy)
{
	size_t at = 0, w = 0, c = 0, k = 0;

	while (c < ncuts || k < nsp) {
		int span = k < nsp && (c >= ncuts || sp[k].from < cuts[c].from);
		size_t from = span ? sp[k].from : cuts[c].from;
		memcpy(copy + w, data + at, from - at);
		w += from - at;
		if (!span) {
			at = cuts[c++].to;
			continue;
		}
		if (sp[k].member) {
			size_t was = w;
			at = drop_member(data, len, copy, &w, sp[k].to);
			if (w > was && copy[w - 1] == '#') {
				/* the refused byte stands for where the text goes on */
				sp[k].at = w - 1;
				sp[k].resume = at;
				k++;
				continue;
			}
		} else {
			memcpy(copy + w, data[from] == '{' ? "{}" : "[]", 2);
			w += 2;
			at = sp[k].to;
		}
		sp[k].at = w;
		sp[k].resume = at;
		k++;
	}
	memcpy(copy + w, data + at, len - at);
	w += len - at;
	copy[w] = '\0';
	return w;
}

/* The rest of adv_json_parse, once the text passed the prescan: text is
 * data, or a copy of it with the spans cut out (nspans of them), and
 * messages name places in data. */
static int parse_text(cJSON **out, const char *text, size_t text_len,
	const char *data, size_t len, const struct raw_span *spans,
	size_t nspans, const source *src, const scan *st, advisor_error *err)
{
	const char *end = NULL;
	int rc;

	/* len + 1 takes in the terminating NUL: cJSON then rejects anything
	 * after the document. */
	cJSON *root = cJSON_ParseWithLengthOpts(text, text_len + 1, &end, 1);
	if (!root) {
		size_t at = end && end >= text && end <= text + text_len
			? to_data(spans, nspans, (size_t)(end - text)) : len;
		char what[160];
		if (st->in_string || st->depth > 0)
			return at_error(err, data, len, src, st->in_string
				? "the text ends inside a string (truncated document?)"
				: "the text ends before every [ and { is closed (truncated document?)");
		/* Parsed leniently, a document followed by more text succeeds:
		 * then that text is the problem. */
		cJSON *lenient = cJSON_ParseWithLengthOpts(text, text_len + 1, &end, 0);
		if (lenient) {
			cJSON_Delete(lenient);
			at = to_data(spans, nspans, (size_t)(end - text));
			while (at < len && strchr(" \t\r\n", data[at]))
				at++;
			snprintf(what, sizeof(what),
				"unexpected '%.*s' after the end of the JSON document; expected nothing more",
				snippet_len(data + at), data + at);
			return at_error(err, data, at, src, what);
		}
		if (at >= len) /* brackets balance: a stray comma, not a cut */
			return at_error(err, data, len, src,
				"invalid JSON near the end of the document");
		snprintf(what, sizeof(what), "invalid JSON near '%.*s'",
			snippet_len(data + at), data + at);
		return at_error(err, data, at, src, what);
	}
	if ((rc = check_tree(root, NULL, src->where, err)) < 0) {
		cJSON_Delete(root);
		return rc;
	}
	*out = root;
	return ADVISOR_OK;
}

static int parse_scanned(cJSON **out, const char *data, size_t len,
	const source *src, const scan *st, advisor_error *err)
{
	return parse_text(out, data, len, data, len, NULL, 0, src, st, err);
}

/* ------------------------------------------------------------------------
 * Values kept as their text
 * ------------------------------------------------------------------------ */

/* A key of an object inside a kept value: in the text (plain) or decoded
 * into the checker's scratch. */
typedef struct vkey {
	size_t off, len;
	int scratch;
} vkey;

/* Where the check is inside a kept value, for messages. */
typedef struct vframe {
	const struct vframe *up;
	const vkey *key;    /* NULL: an array's item */
	long index;
} vframe;

typedef struct vcheck {
	const char *data;
	size_t len;
	const source *src;
	advisor_error *err;
	/* the member the value belongs to: path[0..depth) and the array
	 * indexes along it */
	const adv_json_key *path;
	const int *index;
	int depth;
	vkey *keys;         /* the keys of the objects open, innermost last */
	size_t nkeys, keys_cap;
	char *scratch;      /* decoded keys */
	size_t scratch_len, scratch_cap;
	int rc;
} vcheck;

static const char *vkey_text(const vcheck *v, const vkey *k)
{
	return k->scratch ? v->scratch + k->off : v->data + k->off;
}

/* "people[3].blob[2]": the member's path, then the frames inside it. */
static void vpath(const vcheck *v, const vframe *f, char *buf, size_t size)
{
	const vframe *chain[256];
	size_t n = 0, at = 0;
	int w;

	buf[0] = '\0';
	for (int d = 0; d < v->depth && at < size; d++) {
		w = v->path[d].s
			? snprintf(buf + at, size - at, at ? ".%.*s" : "%.*s",
				(int)v->path[d].len, v->path[d].s)
			: snprintf(buf + at, size - at, "[%d]", v->index[d]);
		if (w < 0)
			return;
		at += (size_t)w;
	}
	for (; f && n < 256; f = f->up)
		chain[n++] = f;
	while (n-- > 0 && at < size) {
		w = chain[n]->key
			? snprintf(buf + at, size - at, at ? ".%.*s" : "%.*s",
				(int)chain[n]->key->len, vkey_text(v, chain[n]->key))
			: snprintf(buf + at, size - at, "[%ld]", chain[n]->index);
		if (w < 0)
			return;
		at += (size_t)w;
	}
	if (!buf[0])
		snprintf(buf, size, "(top)");
}

/* The path as adv_error_locate wants it: "" for the top. */
static const char *vlocated(const char *path)
{
	return strcmp(path, "(top)") ? path : "";
}

static size_t vsyntax(vcheck *v, size_t at)
{
	char what[160];

	if (at >= v->len) {
		v->rc = at_error(v->err, v->data, v->len, v->src,
			"invalid JSON near the end of the document");
		return at;
	}
	snprintf(what, sizeof(what), "invalid JSON near '%.*s'",
		snippet_len(v->data + at), v->data + at);
	v->rc = at_error(v->err, v->data, at, v->src, what);
	return at;
}

static int cmp_vkey(const void *a, const void *b)
{
	const adv_json_key *x = a, *y = b;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return memcmp(x->s, y->s, x->len);
}

/* The keys keys[base..nkeys) of the object just closed, each once. */
static int vunique(vcheck *v, size_t base, const vframe *at)
{
	size_t n = v->nkeys - base;
	const vkey *k = v->keys + base;
	const char *dup = NULL;
	size_t dup_len = 0;
	char path[512], key[256];

	if (n < 2)
		return ADVISOR_OK;
	if (n <= 16) {
		for (size_t a = 0; a < n && !dup; a++)
			for (size_t b = a + 1; b < n && !dup; b++)
				if (k[a].len == k[b].len &&
				    memcmp(vkey_text(v, &k[a]), vkey_text(v, &k[b]),
					    k[a].len) == 0) {
					dup = vkey_text(v, &k[a]);
					dup_len = k[a].len;
				}
	} else {
		adv_json_key *sorted = malloc(n * sizeof(*sorted));
		if (!sorted)
			return v->rc = adv_error_set(v->err, ADVISOR_ENOMEM,
				"%s: out of memory", v->src->where);
		for (size_t i = 0; i < n; i++) {
			sorted[i].s = vkey_text(v, &k[i]);
			sorted[i].len = k[i].len;
		}
		qsort(sorted, n, sizeof(*sorted), cmp_vkey);
		for (size_t i = 1; i < n && !dup; i++)
			if (cmp_vkey(&sorted[i - 1], &sorted[i]) == 0) {
				dup = sorted[i].s;
				dup_len = sorted[i].len;
			}
		free(sorted);
	}
	if (!dup)
		return ADVISOR_OK;
	vpath(v, at, path, sizeof(path));
	snprintf(key, sizeof(key), "%.*s", (int)dup_len, dup);
	adv_error_set(v->err, ADVISOR_EDATA,
		"%s: %s: key \"%s\" appears twice; expected each key once",
		v->src->where, path, key);
	adv_error_locate(v->err, vlocated(path), key);
	return v->rc = ADVISOR_EDATA;
}

/* The value at data[i], checked; returns the offset past it (v->rc < 0 on
 * an error).  The prescan bounded its depth. */
static size_t vvalue(vcheck *v, size_t i, const vframe *at)
{
	const char *d = v->data;
	size_t len = v->len;

	i = skip_space(d, i, len);
	if (i >= len)
		return vsyntax(v, i);
	if (d[i] == '{' || d[i] == '[') {
		int object = d[i] == '{';
		char close = object ? '}' : ']';
		size_t base = v->nkeys, sbase = v->scratch_len;
		long index = 0;
		i = skip_space(d, i + 1, len);
		if (i < len && d[i] == close)
			return i + 1;
		for (;;) {
			vframe f = { at, NULL, index++ };
			if (object) {
				size_t n, bad, end;
				int fits;
				if (i >= len || d[i] != '"')
					return vsyntax(v, i);
				if (reserve_items((void **)&v->keys, &v->keys_cap,
						  v->nkeys, 1, sizeof(*v->keys)) < 0)
					goto nomem;
				vkey *k = &v->keys[v->nkeys];
				end = read_string(d, len, i, NULL, 0, &n, &fits, &bad);
				if (!end)
					return vsyntax(v, bad);
				if (n == end - i - 1) {
					/* no escape: the key is the text */
					k->off = i + 1;
					k->scratch = 0;
				} else {
					if (reserve(&v->scratch, &v->scratch_cap,
						    v->scratch_len, n + 1) < 0)
						goto nomem;
					read_string(d, len, i, v->scratch + v->scratch_len,
						n, &n, &fits, &bad);
					k->off = v->scratch_len;
					k->scratch = 1;
					v->scratch_len += n;
				}
				k->len = n;
				v->nkeys++;
				f.key = k;
				i = skip_space(d, end + 1, len);
				if (i >= len || d[i] != ':')
					return vsyntax(v, i);
				i++;
			}
			/* the key's place may move as the keys grow: the frame
			 * holds a copy */
			vkey held;
			if (f.key) {
				held = *f.key;
				f.key = &held;
			}
			i = vvalue(v, i, &f);
			if (v->rc < 0)
				return i;
			i = skip_space(d, i, len);
			if (i < len && d[i] == ',') {
				i = skip_space(d, i + 1, len);
				continue;
			}
			if (i < len && d[i] == close)
				break;
			return vsyntax(v, i);
		}
		if (object && vunique(v, base, at) < 0)
			return i;
		v->nkeys = base;
		v->scratch_len = sbase;
		return i + 1;
	}
	if (d[i] == '"') {
		size_t n, bad, end;
		int fits;
		end = read_string(d, len, i, NULL, 0, &n, &fits, &bad);
		return end ? end + 1 : vsyntax(v, bad);
	}
	if (d[i] == '-' || (d[i] >= '0' && d[i] <= '9')) {
		const char *why = NULL;
		size_t end = number_end(d, len, i, &why);
		int nomem;
		if (why)
			return vsyntax(v, end);
		double x = read_number(d, i, end, &nomem);
		if (nomem)
			goto nomem;
		if (!isfinite(x)) {
			char path[512];
			vpath(v, at, path, sizeof(path));
			adv_error_set(v->err, ADVISOR_EDATA,
				"%s: %s: number out of range; expected a finite number",
				v->src->where, path);
			adv_error_locate(v->err, vlocated(path), NULL);
			v->rc = ADVISOR_EDATA;
		}
		return end;
	}
	if (len - i >= 4 && memcmp(d + i, "true", 4) == 0)
		return i + 4;
	if (len - i >= 5 && memcmp(d + i, "false", 5) == 0)
		return i + 5;
	if (len - i >= 4 && memcmp(d + i, "null", 4) == 0)
		return i + 4;
	return vsyntax(v, i);
nomem:
	v->rc = adv_error_set(v->err, ADVISOR_ENOMEM, "%s: out of memory",
		v->src->where);
	return i;
}

/* Setting the spans into the tree parsed from the copy. */
typedef struct attach_ctx {
	const adv_json_raw *rule;
	const scan *st;
	size_t next;            /* the next value span */
	size_t *members;        /* the member spans, by object, then place */
	size_t next_member, objects;
	vcheck check;
	adv_json_key path[ADV_JSON_RAW_DEPTH];
	int index[ADV_JSON_RAW_DEPTH];
} attach_ctx;

#define ATTACH_MISMATCH 1   /* the tree and the spans disagree */

/* The member c (at depth depth, its path in a) is a value span's
 * placeholder: check the span's text and make c that text. */
static int keep_span(cJSON *c, int depth, attach_ctx *a)
{
	const struct raw_span *sp;
	char *text;

	while (a->next < a->st->span_count && a->st->spans[a->next].member)
		a->next++;
	if (a->next >= a->st->span_count || c->child)
		return ATTACH_MISMATCH;
	sp = &a->st->spans[a->next++];
	a->check.path = a->path;
	a->check.index = a->index;
	a->check.depth = depth;
	a->check.rc = 0;
	a->check.nkeys = a->check.scratch_len = 0;
	size_t end = vvalue(&a->check, sp->from, NULL);
	if (a->check.rc < 0)
		return a->check.rc;
	if (end != sp->to)
		return ATTACH_MISMATCH;
	if (!(text = malloc(sp->to - sp->from + 1)))
		return adv_error_set(a->check.err, ADVISOR_ENOMEM, "%s: out of memory",
			a->check.src->where);
	memcpy(text, a->check.data + sp->from, sp->to - sp->from);
	text[sp->to - sp->from] = '\0';
	c->type = cJSON_Raw;
	c->valuestring = text;
	return ADVISOR_OK;
}

/* The members of a span of them, each key into v's keys, each value
 * checked; *end past the last value. */
static int rest_members(vcheck *v, const struct raw_span *sp, size_t *end)
{
	const char *d = v->data;
	size_t len = v->len, at = sp->from;

	for (;;) {
		size_t kn, bad, key_end, i;
		int fits;
		key_end = read_string(d, len, at, NULL, 0, &kn, &fits, &bad);
		if (!key_end)
			return ATTACH_MISMATCH;
		if (reserve_items((void **)&v->keys, &v->keys_cap, v->nkeys, 1,
				  sizeof(*v->keys)) < 0 ||
		    reserve(&v->scratch, &v->scratch_cap, v->scratch_len, kn + 1) < 0)
			return adv_error_set(v->err, ADVISOR_ENOMEM, "%s: out of memory",
				v->src->where);
		vkey *k = &v->keys[v->nkeys++];
		read_string(d, len, at, v->scratch + v->scratch_len, kn, &kn,
			&fits, &bad);
		k->off = v->scratch_len;
		k->len = kn;
		k->scratch = 1;
		v->scratch_len += kn;
		vkey held = *k;
		vframe f = { NULL, &held, 0 };
		i = skip_space(d, key_end + 1, len);
		if (i >= len || d[i] != ':')
			return ATTACH_MISMATCH;
		*end = vvalue(v, i + 1, &f);
		if (v->rc < 0)
			return v->rc;
		at = skip_space(d, *end, len);
		if (*end >= sp->to || at >= sp->to || d[at] != ',')
			return ADVISOR_OK;
		at = skip_space(d, at + 1, len);
	}
}

/* The members moved out of obj (number `number`, at depth depth), checked
 * (each value, each key once), become its rest: "{...}" as they were
 * written, in obj->valuestring. */
static int keep_rest(cJSON *obj, size_t number, int depth, attach_ctx *a)
{
	const scan *st = a->st;
	const char *d = a->check.data;
	size_t first = a->next_member, n = 0, size = 2;
	vcheck *v = &a->check;
	char *text;

	while (first + n < st->members_cut && st->spans[a->members[first + n]].obj == number)
		n++;
	if (!n)
		return ADVISOR_OK;
	a->next_member += n;
	if (obj->valuestring)
		return ATTACH_MISMATCH;
	v->path = a->path;
	v->index = a->index;
	v->depth = depth - 1;
	v->rc = 0;
	v->nkeys = v->scratch_len = 0;
	for (size_t m = 0; m < n; m++) {
		const struct raw_span *sp = &st->spans[a->members[first + m]];
		size_t end = 0;
		int rc = rest_members(v, sp, &end);
		if (rc)
			return rc;
		if (end != sp->to)
			return ATTACH_MISMATCH;
		size += sp->to - sp->from + 1;
	}
	if (vunique(v, 0, NULL) < 0)
		return v->rc;
	if (!(text = malloc(size)))
		return adv_error_set(v->err, ADVISOR_ENOMEM, "%s: out of memory",
			v->src->where);
	size_t w = 0;
	text[w++] = '{';
	for (size_t m = 0; m < n; m++) {
		const struct raw_span *sp = &st->spans[a->members[first + m]];
		if (m)
			text[w++] = ',';
		memcpy(text + w, d + sp->from, sp->to - sp->from);
		w += sp->to - sp->from;
	}
	text[w++] = '}';
	text[w] = '\0';
	obj->valuestring = text;
	return ADVISOR_OK;
}

/* The container node at depth depth: its members the rule keeps as text
 * become their spans, its members moved out its rest, in document order. */
static int attach(cJSON *node, int depth, attach_ctx *a)
{
	int object = cJSON_IsObject(node), i = 0, rc;

	if (depth > ADV_JSON_RAW_DEPTH)
		return ADVISOR_OK;
	if (object && (rc = keep_rest(node, a->objects++, depth, a)) != 0)
		return rc;
	for (cJSON *c = node->child; c; c = c->next, i++) {
		a->path[depth - 1].s = object ? c->string : NULL;
		a->path[depth - 1].len = object ? strlen(c->string) : 0;
		a->index[depth - 1] = i;
		if (!cJSON_IsArray(c) && !cJSON_IsObject(c))
			continue;
		if (object && a->rule->keep(a->rule->ctx, depth, a->path) ==
				ADV_JSON_KEEP_TEXT)
			rc = keep_span(c, depth, a);
		else
			rc = attach(c, depth + 1, a);
		if (rc)
			return rc;
	}
	return ADVISOR_OK;
}

/* The spans set into root, the tree parsed from the copy: 0, an error, or
 * ATTACH_MISMATCH. */
static int attach_spans(cJSON *root, const char *data, size_t len,
	const source *src, const scan *st, advisor_error *err)
{
	attach_ctx a = { .rule = st->raw, .st = st,
		.check = { .data = data, .len = len, .src = src, .err = err } };
	int rc;

	if (st->members_cut) {
		/* By object, then by place (a counting sort): numbers grow
		 * along the text, but an object's members can come before and
		 * after a nested object's. */
		size_t *first = calloc(st->objects + 1, sizeof(*first));
		a.members = malloc(st->members_cut * sizeof(*a.members));
		if (!first || !a.members) {
			free(first);
			free(a.members);
			return adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory",
				src->where);
		}
		for (size_t k = 0; k < st->span_count; k++)
			if (st->spans[k].member && st->spans[k].obj < st->objects)
				first[st->spans[k].obj + 1]++;
		for (size_t o = 0; o < st->objects; o++)
			first[o + 1] += first[o];
		for (size_t k = 0; k < st->span_count; k++)
			if (st->spans[k].member && st->spans[k].obj < st->objects)
				a.members[first[st->spans[k].obj]++] = k;
		free(first);
	}
	rc = cJSON_IsArray(root) || cJSON_IsObject(root) ? attach(root, 1, &a) : 0;
	while (rc == 0 && a.next < st->span_count && st->spans[a.next].member)
		a.next++;
	if (rc == 0 && (a.next != st->span_count ||
			a.next_member != st->members_cut))
		rc = ATTACH_MISMATCH;
	free(a.members);
	free(a.check.keys);
	free(a.check.scratch);
	return rc;
}

/* After the prescan with st->raw: the copy without the spans parsed, the
 * spans checked and set into it.  *fallback when the tree and the spans
 * disagree (not expected: then the caller parses the text whole). */
static int parse_kept(cJSON **out, const char *data, size_t len,
	const source *src, scan *st, int *fallback, advisor_error *err)
{
	size_t w;
	char *copy;
	cJSON *root = NULL;
	int rc;

	*fallback = 0;
	if (st->raw_nomem)
		return adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory",
			src->where);
	if (st->in_string || st->depth > 0)  /* cJSON fails, and says this */
		return parse_scanned(out, data, len, src, st, err);
	for (size_t k = 0; k < st->span_count; k++)
		if (!st->spans[k].to)
			return parse_scanned(out, data, len, src, st, err);
	if (!(copy = malloc(len + 1)))
		return adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory",
			src->where);
	w = build_copy(data, len, st->spans, st->span_count, NULL, 0, copy);
	rc = parse_text(&root, copy, w, data, len, st->spans, st->span_count,
		src, st, err);
	free(copy);
	if (rc < 0)
		return rc;
	rc = attach_spans(root, data, len, src, st, err);
	if (rc) {
		cJSON_Delete(root);
		*fallback = rc == ATTACH_MISMATCH;
		return rc == ATTACH_MISMATCH ? ADVISOR_OK : rc;
	}
	*out = root;
	return ADVISOR_OK;
}

/* After the prescan: the tree, with the spans it found kept as text. */
static int parse_rest(cJSON **out, const char *data, size_t len,
	const source *src, scan *st, advisor_error *err)
{
	int fallback = 0, rc;

	if (!st->span_count && !st->raw_nomem)
		return parse_scanned(out, data, len, src, st, err);
	rc = parse_kept(out, data, len, src, st, &fallback, err);
	if (rc == 0 && fallback)
		rc = parse_scanned(out, data, len, src, st, err);
	return rc;
}

int adv_json_parse_raw(cJSON **out, const char *data, size_t len,
	const char *name, unsigned long line0, const adv_json_raw *rule,
	advisor_error *err)
{
	source src = { name, line0, "" };
	scan st = { .raw = rule };
	int rc;

	*out = NULL;
	if (!rule)
		return adv_json_parse(out, data, len, name, line0, err);
	if ((rc = begin(data, len, &src, &st, err)) == 0)
		rc = parse_rest(out, data, len, &src, &st, err);
	free(st.spans);
	return rc;
}
