/*
 * snapshot.c - a snapshot of a loaded network, so that the next run on an
 * unchanged file skips parsing JSON.
 *
 * The snapshot is the network's own arrays in the layout they have in
 * memory: the people and events records, node ids, the id table and the
 * graph's CSR arrays, then one string section (each string once).  Nothing
 * in it is an address: a string is an adv_sref holding its offset in the
 * string section plus one (0: none), and the network opened from it reads
 * its strings from the section's base (network/schema.h), so the file is
 * valid wherever it is mapped.  Loading maps the file read-only, anywhere,
 * and points the network into the mapping: no record is decoded, copied or
 * relocated, so no page of it becomes private memory.  That matters more
 * than instructions: a page read or written into private memory costs the
 * kernel a fault and a copy, while a page of the page cache mapped
 * read-only costs a fraction of that (docs/performance.md has the
 * figures).
 *
 * Before anything is used the snapshot is checked once: magic, version,
 * sizes, the source file's size, times and inode, the file's exact length,
 * a checksum of every byte, and every offset, index and enumerated value
 * in it (a string must start inside the string section, which ends with a
 * NUL, so every string ends inside it too), and the id table against the
 * ids.  Each check is a compare and an OR over a record, the first flaw
 * looked at in detail only once one is found, to say what it is.  A
 * stale snapshot is a miss; a damaged one is refused with what is wrong,
 * which the caller reports as a warning before parsing the source as
 * usual.  Snapshots are written to a temporary file and renamed into
 * place, so a reader never sees half of one.
 */
#define _GNU_SOURCE /* MAP_POPULATE, realpath */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "json/buf.h"
#include "json/strict.h"
#include "load/load.h"
#include "snapshot/snapshot.h"
#include "util/error.h"
#include "util/write_atomic.h"

#define MAGIC "ADVNET\x01\x00"
#define CACHE_VERSION 13
#define ENDIAN_MARK 0x01020304u

typedef struct header {
	char magic[8];
	uint32_t version, endian;
	uint32_t sizeof_person, sizeof_event, sizeof_sref, reserved;
	adv_snapshot_key key;
	uint64_t people, events, nodes, adj, slots, strings, warnings, extras;
	uint64_t aliases;
	uint64_t reserved2;
	uint64_t size;      /* of the whole file */
	uint64_t checksum;  /* of the whole file, with this field 0 */
} header;

/* A cJSON extra, kept as JSON text: the record's own field is NULL in the
 * file and set to the parsed tree on loading. */
enum { EXTRA_ME, EXTRA_PERSON, EXTRA_EVENT };
typedef struct extra_ref {
	uint32_t kind, index;
	adv_sref text;
} extra_ref;

/* Where each section starts, from the start of the file; each is 8-byte
 * aligned, in this order. */
typedef struct layout {
	uint64_t me, people, events, ids, warnings, extras, node_person, slots,
		aliases, off, adj, strings, end;
} layout;

#define ALIGN8(n) (((n) + 7) & ~(uint64_t)7)
_Static_assert(sizeof(header) % 8 == 0, "sections after the header stay aligned");
_Static_assert(sizeof(adv_sref) == 8, "a string is 8 bytes in the file");

/* The layout of a file with h's counts; -1 if it would pass `limit` bytes
 * (so no count can make a size wrap). */
static int plan(layout *L, const header *h, uint64_t limit)
{
	uint64_t at = sizeof(header);
	if (limit > UINT64_MAX / 256)
		return -1;
#define SECTION(field, count, size) do { \
		if ((count) > limit) \
			return -1; \
		L->field = at; \
		at += ALIGN8((uint64_t)(count) * (size)); \
		if (at > limit) \
			return -1; \
	} while (0)
	SECTION(me, 1, sizeof(adv_person));
	SECTION(people, h->people, sizeof(adv_person));
	SECTION(events, h->events, sizeof(adv_event));
	SECTION(ids, h->nodes, sizeof(adv_sref));
	SECTION(warnings, h->warnings, sizeof(adv_sref));
	SECTION(extras, h->extras, sizeof(extra_ref));
	SECTION(node_person, h->nodes, sizeof(int32_t));
	SECTION(slots, h->slots, sizeof(uint64_t));
	SECTION(aliases, h->aliases, sizeof(adv_alias));
	SECTION(off, h->nodes + 1, sizeof(uint32_t));
	SECTION(adj, h->adj, sizeof(uint32_t));
	SECTION(strings, h->strings, 1);
#undef SECTION
	L->end = at;
	return 0;
}

/* A Fletcher sum in 64-bit words over eight lanes (word i in lane i % 8):
 * in each lane a += word, b += a.  Any change to one word changes its
 * lane's a; two changes that cancel in a (a swap) still change b, which
 * weighs each word by its position.  No multiply, so the lanes are vector
 * additions: two lanes a register with SSE2 (the x86-64 baseline), four
 * with AVX2 where the CPU has it, the same sums either way.  It runs over
 * every byte of the snapshot on every load. */
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define HAVE_SUM_AVX2 1

/* The whole 64-byte blocks of s[0..n) into the lanes. */
static void sum_blocks(const unsigned char *s, size_t n, uint64_t la[8],
	uint64_t lb[8])
{
	__m128i a0 = _mm_loadu_si128((const __m128i *)la),
		a1 = _mm_loadu_si128((const __m128i *)(la + 2)),
		a2 = _mm_loadu_si128((const __m128i *)(la + 4)),
		a3 = _mm_loadu_si128((const __m128i *)(la + 6)),
		b0 = _mm_loadu_si128((const __m128i *)lb),
		b1 = _mm_loadu_si128((const __m128i *)(lb + 2)),
		b2 = _mm_loadu_si128((const __m128i *)(lb + 4)),
		b3 = _mm_loadu_si128((const __m128i *)(lb + 6));
	for (size_t i = 0; i + 64 <= n; i += 64) {
		const __m128i *w = (const __m128i *)(s + i);
		a0 = _mm_add_epi64(a0, _mm_loadu_si128(w));
		a1 = _mm_add_epi64(a1, _mm_loadu_si128(w + 1));
		a2 = _mm_add_epi64(a2, _mm_loadu_si128(w + 2));
		a3 = _mm_add_epi64(a3, _mm_loadu_si128(w + 3));
		b0 = _mm_add_epi64(b0, a0);
		b1 = _mm_add_epi64(b1, a1);
		b2 = _mm_add_epi64(b2, a2);
		b3 = _mm_add_epi64(b3, a3);
	}
	_mm_storeu_si128((__m128i *)la, a0);
	_mm_storeu_si128((__m128i *)(la + 2), a1);
	_mm_storeu_si128((__m128i *)(la + 4), a2);
	_mm_storeu_si128((__m128i *)(la + 6), a3);
	_mm_storeu_si128((__m128i *)lb, b0);
	_mm_storeu_si128((__m128i *)(lb + 2), b1);
	_mm_storeu_si128((__m128i *)(lb + 4), b2);
	_mm_storeu_si128((__m128i *)(lb + 6), b3);
}

__attribute__((target("avx2")))
static void sum_blocks_avx2(const unsigned char *s, size_t n, uint64_t la[8],
	uint64_t lb[8])
{
	__m256i a0 = _mm256_loadu_si256((const __m256i *)la),
		a1 = _mm256_loadu_si256((const __m256i *)(la + 4)),
		b0 = _mm256_loadu_si256((const __m256i *)lb),
		b1 = _mm256_loadu_si256((const __m256i *)(lb + 4));
	size_t i = 0;
	for (; i + 128 <= n; i += 128) { /* two blocks a turn */
		const __m256i *w = (const __m256i *)(s + i);
		a0 = _mm256_add_epi64(a0, _mm256_loadu_si256(w));
		a1 = _mm256_add_epi64(a1, _mm256_loadu_si256(w + 1));
		b0 = _mm256_add_epi64(b0, a0);
		b1 = _mm256_add_epi64(b1, a1);
		a0 = _mm256_add_epi64(a0, _mm256_loadu_si256(w + 2));
		a1 = _mm256_add_epi64(a1, _mm256_loadu_si256(w + 3));
		b0 = _mm256_add_epi64(b0, a0);
		b1 = _mm256_add_epi64(b1, a1);
	}
	if (i + 64 <= n) {
		const __m256i *w = (const __m256i *)(s + i);
		a0 = _mm256_add_epi64(a0, _mm256_loadu_si256(w));
		a1 = _mm256_add_epi64(a1, _mm256_loadu_si256(w + 1));
		b0 = _mm256_add_epi64(b0, a0);
		b1 = _mm256_add_epi64(b1, a1);
	}
	_mm256_storeu_si256((__m256i *)la, a0);
	_mm256_storeu_si256((__m256i *)(la + 4), a1);
	_mm256_storeu_si256((__m256i *)lb, b0);
	_mm256_storeu_si256((__m256i *)(lb + 4), b1);
}
#else
static void sum_blocks(const unsigned char *s, size_t n, uint64_t la[8],
	uint64_t lb[8])
{
	for (size_t i = 0; i + 64 <= n; i += 64)
		for (int l = 0; l < 8; l++) {
			uint64_t w;
			memcpy(&w, s + i + 8 * l, 8);
			la[l] += w;
			lb[l] += la[l];
		}
}
#endif

static uint64_t checksum(const void *p, size_t n, uint64_t seed)
{
	const unsigned char *s = p;
	uint64_t la[8], lb[8];
	size_t i = n & ~(size_t)63;

	for (int l = 0; l < 8; l++) {
		la[l] = seed;
		lb[l] = 0;
	}
#ifdef HAVE_SUM_AVX2
	if (__builtin_cpu_supports("avx2"))
		sum_blocks_avx2(s, n, la, lb);
	else
#endif
		sum_blocks(s, n, la, lb);
	for (int l = 0; i < n; i += 8, l++) { /* the last words; a short one is zero-padded */
		uint64_t x = 0;
		memcpy(&x, s + i, n - i < 8 ? n - i : 8);
		la[l] += x;
		lb[l] += la[l];
	}
	uint64_t h = 14695981039346656037ULL;
	for (int l = 0; l < 8; l++) {
		h = (h ^ la[l]) * 0x9E3779B97F4A7C15ULL;
		h = (h ^ lb[l]) * 0x9E3779B97F4A7C15ULL;
		h ^= h >> 29;
	}
	return h;
}

/* The checksum of a file: its header (with the checksum field 0), then the
 * records (everything up to the strings), then the strings. */
static uint64_t file_checksum(const header *h, const void *records,
	size_t records_len, const void *strings, size_t strings_len)
{
	header copy = *h;
	copy.checksum = 0;
	uint64_t sum = checksum(&copy, sizeof(copy), 0);
	sum = checksum(records, records_len, sum);
	return checksum(strings, strings_len, sum);
}

static uint64_t fnv1a(const void *p, size_t n, uint64_t h)
{
	const unsigned char *s = p;
	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

int adv_snapshot_key_of(adv_snapshot_key *key, const char *path)
{
	struct stat st;
	if (stat(path, &st) < 0 || !S_ISREG(st.st_mode))
		return -1;
	memset(key, 0, sizeof(*key));
	key->size = (uint64_t)st.st_size;
	key->mtime_sec = (int64_t)st.st_mtim.tv_sec;
	key->mtime_nsec = (int64_t)st.st_mtim.tv_nsec;
	key->ctime_sec = (int64_t)st.st_ctim.tv_sec;
	key->ctime_nsec = (int64_t)st.st_ctim.tv_nsec;
	key->dev = (uint64_t)st.st_dev;
	key->ino = (uint64_t)st.st_ino;
	return 0;
}

int adv_snapshot_path(char *buf, size_t size, const char *dir, const char *source)
{
	char *real = realpath(source, NULL);
	uint64_t h = fnv1a(real ? real : source, strlen(real ? real : source),
		14695981039346656037ULL);
	free(real);
	int n = snprintf(buf, size, "%s/network-%016llx.bin", dir,
		(unsigned long long)h);
	return n > 0 && (size_t)n < size ? 0 : -1;
}

/* ------------------------------------------------------------------------
 * Writing
 * ------------------------------------------------------------------------ */

/* The string section, each distinct string once (a LinkedIn import repeats
 * companies, industries, places and messages). */
typedef struct strtab {
	adv_buf text;
	uint64_t *slots;    /* hash << 32 | (offset + 1); 0 when empty */
	size_t mask, count;
	int failed;
} strtab;

static uint64_t put_text(strtab *t, const char *s, size_t len)
{
	uint64_t h = fnv1a(s, len, 14695981039346656037ULL);
	uint32_t tag = (uint32_t)(h >> 32);

	if ((t->count + 1) * 2 > t->mask + 1) {
		size_t cap = t->slots ? (t->mask + 1) * 2 : 4096;
		uint64_t *slots = calloc(cap, sizeof(uint64_t));
		if (!slots) {
			t->failed = 1;
			return 0;
		}
		for (size_t k = 0; t->slots && k <= t->mask; k++) {
			size_t i = (size_t)(t->slots[k] >> 32) & (cap - 1);
			if (!t->slots[k])
				continue;
			while (slots[i])
				i = (i + 1) & (cap - 1);
			slots[i] = t->slots[k];
		}
		free(t->slots);
		t->slots = slots;
		t->mask = cap - 1;
	}
	size_t i = tag & t->mask;
	for (; t->slots[i]; i = (i + 1) & t->mask) {
		uint64_t off = (uint32_t)t->slots[i] - 1;
		if ((uint32_t)(t->slots[i] >> 32) == tag &&
		    strncmp(t->text.data + off, s, len + 1) == 0)
			return off;
	}
	uint64_t off = t->text.len;
	adv_buf_add(&t->text, s, len);
	adv_buf_add(&t->text, "", 1);
	if (off < UINT32_MAX - 1) { /* beyond 4 GiB, strings are not shared */
		t->slots[i] = (uint64_t)tag << 32 | (off + 1);
		t->count++;
	}
	return off;
}

/* A string in the section: its offset there plus one; 0 for none. */
static adv_sref put_string(strtab *t, const char *s)
{
	if (!s)
		return (adv_sref){ 0 };
	return (adv_sref){ (uintptr_t)put_text(t, s, strlen(s)) + 1 };
}

/* An extra as one object's text: its members, then its rest (the
 * unknown fields the loader kept as text). */
static adv_sref put_json(strtab *t, const cJSON *v)
{
	const char *rest = adv_json_rest(v);
	char *text = cJSON_PrintUnformatted(v), *both = NULL;
	if (!text) {
		t->failed = 1;
		return (adv_sref){ 0 };
	}
	if (rest) {
		size_t a = strlen(text), b = strlen(rest);
		if (!(both = malloc(a + b + 1))) {
			cJSON_free(text);
			t->failed = 1;
			return (adv_sref){ 0 };
		}
		if (v->child) {   /* {"m":1} and {"r":2}: {"m":1,"r":2} */
			memcpy(both, text, a - 1);
			both[a - 1] = ',';
			memcpy(both + a, rest + 1, b);
		} else {
			memcpy(both, rest, b + 1);
		}
	}
	adv_sref at = put_string(t, both ? both : text);
	cJSON_free(text);
	free(both);
	return at;
}

/* Encoding a field of each schema kind (network/schema.h): strings move
 * into the string section, everything else is copied as it is. */
#define ENCODE_REQSTR(t, net, out, in, member) \
	(out)->member = put_string(t, adv_str(net, (in)->member));
#define ENCODE_STR ENCODE_REQSTR
#define ENCODE_ENUM(t, net, out, in, member)
#define ENCODE_TRIBOOL ENCODE_ENUM
#define ENCODE_BOOL ENCODE_ENUM
#define ENCODE_COUNT ENCODE_ENUM
#define ENCODE_DATE ENCODE_ENUM
#define ENCODE_RELATION ENCODE_ENUM
#define ENCODE_NODE ENCODE_ENUM

static void encode_person(strtab *t, const advisor_network *net,
	adv_person *out, const adv_person *p)
{
	memcpy(out, p, sizeof(*out));
	out->id = put_string(t, adv_str(net, p->id));
#define ENCODE(kind, member, names) ENCODE_##kind(t, net, out, p, member)
	ADV_PERSON_SCHEMA(ENCODE)
#undef ENCODE
	out->extra = NULL;
}

static void encode_event(strtab *t, const advisor_network *net,
	adv_event *out, const adv_event *e)
{
	memcpy(out, e, sizeof(*out));
	out->type_name = put_string(t, adv_str(net, e->type_name));
#define ENCODE(kind, member, names) ENCODE_##kind(t, net, out, e, member)
	ADV_EVENT_SCHEMA(ENCODE)
#undef ENCODE
	out->extra = NULL;
}

static void add_extra(strtab *t, extra_ref **at, uint32_t kind, size_t index,
	const cJSON *v)
{
	if (!v)
		return;
	**at = (extra_ref){ kind, (uint32_t)index, put_json(t, v) };
	(*at)++;
}

/* The snapshot of net as two blocks: everything before the strings in
 * *body (of *body_len bytes, header included), then the strings in *text.
 * 0, or -1 out of memory or too big. */
static int encode(const advisor_network *net, const adv_snapshot_key *key,
	const char *const *warnings, size_t nwarnings, char **body,
	size_t *body_len, adv_buf *text)
{
	strtab t;
	layout L;
	header h;

	memset(&t, 0, sizeof(t));
	*body = NULL;
	if (net->event_count > UINT32_MAX)
		return -1;
	memset(&h, 0, sizeof(h));
	memcpy(h.magic, MAGIC, 8);
	h.version = CACHE_VERSION;
	h.endian = ENDIAN_MARK;
	h.sizeof_person = sizeof(adv_person);
	h.sizeof_event = sizeof(adv_event);
	h.sizeof_sref = sizeof(adv_sref);
	if (key)
		h.key = *key;
	h.people = net->people_count;
	h.events = net->event_count;
	h.nodes = net->node_count;
	h.adj = net->graph.off[net->node_count];
	h.slots = net->slot_mask + 1;
	h.warnings = nwarnings;
	h.aliases = net->alias_count;
	h.extras = !!net->me.extra;
	for (size_t i = 0; i < net->people_count; i++)
		h.extras += !!net->people[i].extra;
	for (size_t i = 0; i < net->event_count; i++)
		h.extras += !!net->events[i].extra;
	/* Everything before the strings is sized by the counts alone. */
	char *b;
	if (plan(&L, &h, UINT64_MAX / 256) < 0 || L.strings > SIZE_MAX ||
	    !(b = calloc(1, (size_t)L.strings)))
		return -1;

	encode_person(&t, net, (adv_person *)(b + L.me), &net->me);
	adv_person *people = (adv_person *)(b + L.people);
	for (size_t i = 0; i < net->people_count; i++)
		encode_person(&t, net, &people[i], &net->people[i]);
	adv_event *events = (adv_event *)(b + L.events);
	for (size_t i = 0; i < net->event_count; i++)
		encode_event(&t, net, &events[i], &net->events[i]);
	adv_sref *ids = (adv_sref *)(b + L.ids);
	for (uint32_t v = 0; v < net->node_count; v++)
		ids[v] = put_string(&t, adv_node_id(net, v));
	adv_sref *warns = (adv_sref *)(b + L.warnings);
	for (size_t i = 0; i < nwarnings; i++)
		warns[i] = put_string(&t, warnings[i]);
	extra_ref *extra = (extra_ref *)(b + L.extras);
	add_extra(&t, &extra, EXTRA_ME, 0, net->me.extra);
	for (size_t i = 0; i < net->people_count; i++)
		add_extra(&t, &extra, EXTRA_PERSON, i, net->people[i].extra);
	for (size_t i = 0; i < net->event_count; i++)
		add_extra(&t, &extra, EXTRA_EVENT, i, net->events[i].extra);
	memcpy(b + L.node_person, net->node_person,
		net->node_count * sizeof(int32_t));
	memcpy(b + L.slots, net->slots, (size_t)h.slots * sizeof(uint64_t));
	adv_alias *aliases = (adv_alias *)(b + L.aliases);
	for (size_t i = 0; i < net->alias_count; i++)
		aliases[i] = (adv_alias){ put_string(&t, adv_str(net,
			net->aliases[i].id)), net->aliases[i].node, 0 };
	memcpy(b + L.off, net->graph.off,
		((size_t)net->node_count + 1) * sizeof(uint32_t));
	memcpy(b + L.adj, net->graph.adj, (size_t)h.adj * sizeof(uint32_t));
	/* At least one NUL at the end, the section padded to 8 bytes. */
	adv_buf_add(&t.text, "\0\0\0\0\0\0\0", (size_t)(ALIGN8(t.text.len) - t.text.len));
	free(t.slots);
	if (t.failed || t.text.failed)
		goto fail;

	h.strings = t.text.len;
	if (plan(&L, &h, UINT64_MAX / 256) < 0)
		goto fail;
	h.size = L.end;
	h.checksum = file_checksum(&h, b + sizeof(h), (size_t)L.strings - sizeof(h),
		t.text.data, t.text.len);
	memcpy(b, &h, sizeof(h));
	*body = b;
	*body_len = (size_t)L.strings;
	*text = t.text;
	return 0;
fail:
	free(t.text.data);
	free(b);
	return -1;
}

int adv_snapshot_save(const advisor_network *net, const char *path,
	const adv_snapshot_key *key, const char *const *warnings, size_t nwarnings)
{
	char *body;
	size_t body_len;
	adv_buf text;

	if (encode(net, key, warnings, nwarnings, &body, &body_len, &text) < 0)
		return -1;
	adv_write_part parts[2] = { { body, body_len }, { text.data, text.len } };
	int rc = adv_write_atomic(path, parts, 2, NULL) < 0 ? -1 : 0;
	free(text.data);
	free(body);
	return rc;
}

int adv_snapshot_encode(const advisor_network *net, void **out, size_t *size)
{
	char *body;
	size_t body_len;
	adv_buf text;

	*out = NULL;
	*size = 0;
	if (encode(net, NULL, NULL, 0, &body, &body_len, &text) < 0)
		return -1;
	char *whole = realloc(body, body_len + text.len);
	if (!whole) {
		free(body);
		free(text.data);
		return -1;
	}
	memcpy(whole + body_len, text.data, text.len);
	free(text.data);
	*out = whole;
	*size = body_len + text.len;
	return 0;
}

/* ------------------------------------------------------------------------
 * Reading
 * ------------------------------------------------------------------------ */

/* What a network opened from a snapshot holds besides its own struct: the
 * snapshot, mapped, read into memory or lent by the caller, which its
 * arrays point into; only the extras (extras of them) are separate. */
enum { HELD_MAPPED, HELD_MALLOC, HELD_LENT };
typedef struct snapshot_blob {
	void *mem;
	size_t size, extras;
	int held;
} snapshot_blob;

#define BLOB(net) ((snapshot_blob *)(net)->backing)

static void release_mem(void *mem, size_t size, int held)
{
	if (held == HELD_MAPPED)
		munmap(mem, size);
	else if (held == HELD_MALLOC)
		free(mem);
}

/* The record an extra belongs to, or NULL if the reference is out of
 * range. */
static cJSON **extra_slot(advisor_network *net, const extra_ref *x)
{
	switch (x->kind) {
	case EXTRA_ME:
		return x->index == 0 ? &net->me.extra : NULL;
	case EXTRA_PERSON:
		return x->index < net->people_count ? &net->people[x->index].extra : NULL;
	case EXTRA_EVENT:
		return x->index < net->event_count ? &net->events[x->index].extra : NULL;
	}
	return NULL;
}

/* The network's release: its extras, the hub bitset and the blob. */
static void release_snapshot(advisor_network *net)
{
	snapshot_blob *blob = BLOB(net);
	const header *h = blob->mem;
	layout L;

	if (plan(&L, h, blob->size) == 0) {
		const extra_ref *x = (const extra_ref *)((char *)blob->mem + L.extras);
		for (size_t i = 0; i < blob->extras; i++) {
			cJSON **slot = extra_slot(net, &x[i]);
			cJSON_Delete(*slot);
			if (blob->held == HELD_LENT)
				*slot = NULL; /* the caller's bytes as they were lent */
		}
	}
	adv_graph_unseal(&net->graph);
	release_mem(blob->mem, blob->size, blob->held);
	free(blob);
}

/* Checking.  A string of the file is an offset into the string section
 * plus one: bad when past the section (slen bytes), or 0 where one is
 * required.  Each test below is 0 or 1, combined with | so that a record
 * is a run of compares without a branch per field. */
#define REF_BAD(r, slen) ((r).at > (slen))
#define REQ_BAD(r, slen) ((r).at - 1 >= (slen))

/* Is a field of each schema kind (network/schema.h) bad?  rec is the
 * person or event, h the header (for node counts). */
#define BAD_REQSTR(h, rec, v, names) REQ_BAD(v, (h)->strings)
#define BAD_STR(h, rec, v, names) REF_BAD(v, (h)->strings)
#define BAD_ENUM(h, rec, v, names) ((v) > ADV_ENUM_MAX(names))
#define BAD_TRIBOOL(h, rec, v, names) ((v) < -1 || (v) > 1)
#define BAD_BOOL(h, rec, v, names) ((v) > 1)
/* Any count is safe to read: the bridge shows one below 0 as absent. */
#define BAD_COUNT(h, rec, v, names) 0
#define BAD_DATE(h, rec, v, names) ((v).precision > ADV_DATE_DAY)
#define BAD_RELATION(h, rec, v, names) \
	((v) > ((rec)->type == ADV_EV_PERSONAL \
		? ADV_ENUM_MAX(adv_personal_relation_names) \
		: ADV_ENUM_MAX(adv_work_relation_names)))
#define BAD_NODE(h, rec, v, names) ((v) != ADV_NO_NODE && (v) >= (h)->nodes)

static inline int person_bad(const adv_person *p, const header *h)
{
#define BAD(kind, member, names) | BAD_##kind(h, p, p->member, names)
	return REQ_BAD(p->id, h->strings) ADV_PERSON_SCHEMA(BAD) |
		(p->extra != NULL) | (p->node >= h->nodes) |
		((uint64_t)p->first_event + p->event_count > h->events);
#undef BAD
}

static inline int event_bad(const adv_event *e, const header *h)
{
#define BAD(kind, member, names) | BAD_##kind(h, e, e->member, names)
	return REQ_BAD(e->type_name, h->strings) | (e->type >= ADV_EV__COUNT)
		ADV_EVENT_SCHEMA(BAD) | (e->extra != NULL);
#undef BAD
}

/* What is wrong with a field of each kind, once a record is known bad. */
static const char *string_flaw(adv_sref r, const header *h, int required)
{
	if (r.at == 0)
		return required ? "missing" : NULL;
	return r.at > h->strings ? "starts past the strings" : NULL;
}

#define FLAW_REQSTR(h, rec, v, names) string_flaw(v, h, 1)
#define FLAW_STR(h, rec, v, names) string_flaw(v, h, 0)
#define FLAW_GENERIC(h, rec, v, kind, names) \
	(BAD_##kind(h, rec, v, names) ? "out of range" : NULL)
#define FLAW_ENUM(h, rec, v, names) FLAW_GENERIC(h, rec, v, ENUM, names)
#define FLAW_TRIBOOL(h, rec, v, names) FLAW_GENERIC(h, rec, v, TRIBOOL, names)
#define FLAW_BOOL(h, rec, v, names) FLAW_GENERIC(h, rec, v, BOOL, names)
#define FLAW_COUNT(h, rec, v, names) NULL
#define FLAW_DATE(h, rec, v, names) \
	(BAD_DATE(h, rec, v, names) ? "has a precision out of range" : NULL)
#define FLAW_RELATION(h, rec, v, names) FLAW_GENERIC(h, rec, v, RELATION, names)
#define FLAW_NODE(h, rec, v, names) \
	(BAD_NODE(h, rec, v, names) ? "names no node" : NULL)

/* The first flaw of a bad person, into why; `where` names it. */
static void person_flaw(const adv_person *p, const header *h,
	const char *where, char *why, size_t len)
{
	const char *f;
#define FLAW(kind, member, names) \
	if ((f = FLAW_##kind(h, p, p->member, names))) { \
		snprintf(why, len, "%s.%s %s", where, #member, f); \
		return; \
	}
	if ((f = string_flaw(p->id, h, 1))) {
		snprintf(why, len, "%s.id %s", where, f);
		return;
	}
	ADV_PERSON_SCHEMA(FLAW)
#undef FLAW
	if (p->extra)
		snprintf(why, len, "%s holds an address", where);
	else if (p->node >= h->nodes)
		snprintf(why, len, "%s.node %" PRIu32 " is past the %" PRIu64 " nodes",
			where, p->node, h->nodes);
	else
		snprintf(why, len, "%s's events %" PRIu32 "..%" PRIu64
			" are past the %" PRIu64 " events", where, p->first_event,
			(uint64_t)p->first_event + p->event_count, h->events);
}

static void event_flaw(const adv_event *e, const header *h, size_t i,
	char *why, size_t len)
{
	const char *f;
#define FLAW(kind, member, names) \
	if ((f = FLAW_##kind(h, e, e->member, names))) { \
		snprintf(why, len, "events[%zu].%s %s", i, #member, f); \
		return; \
	}
	if ((f = string_flaw(e->type_name, h, 1))) {
		snprintf(why, len, "events[%zu].type %s", i, f);
		return;
	}
	if (e->type >= ADV_EV__COUNT) {
		snprintf(why, len, "events[%zu].type out of range", i);
		return;
	}
	ADV_EVENT_SCHEMA(FLAW)
#undef FLAW
	snprintf(why, len, "events[%zu] holds an address", i);
}

/* Is a person's node theirs: the node's person is index (ADV_NODE_ME for
 * me) and its id the person's? */
static int person_node_bad(const advisor_network *net, const adv_person *p,
	int32_t index, const char *where, char *why, size_t len)
{
	if (net->node_person[p->node] != index) {
		snprintf(why, len, "%s.node %" PRIu32 " belongs to someone else",
			where, p->node);
		return 1;
	}
	if (net->node_ids[p->node].at != p->id.at) {
		snprintf(why, len, "%s.id is not the id of its node %" PRIu32,
			where, p->node);
		return 1;
	}
	return 0;
}

/* Per node: its id, its person, and its row of the graph, which must be
 * strictly ascending, in range and without a self-link (what the
 * intersections rely on); one pass, a row read only once its offsets are
 * known to be inside the links.  The people's nodes are checked already:
 * each is theirs, so nodes that claim a person must be as many as the
 * people, and one node is me. */
static int nodes_bad(const advisor_network *net, const header *h, char *why,
	size_t len)
{
	const uint32_t *off = net->graph.off, *adj = net->graph.adj;
	uint32_t n = (uint32_t)h->nodes;
	uint64_t claimed = 0, mine = 0;

	for (uint32_t v = 0; v < n; v++) {
		int32_t p = net->node_person[v];
		uint32_t from = off[v], to = off[v + 1];
		if (REQ_BAD(net->node_ids[v], h->strings)) {
			snprintf(why, len, "node %" PRIu32 "'s id %s", v,
				string_flaw(net->node_ids[v], h, 1));
			return 1;
		}
		if (p < ADV_NODE_ME || p >= (int64_t)h->people) {
			snprintf(why, len, "node %" PRIu32 "'s person %" PRId32
				" is not one of the %" PRIu64 " people", v, p, h->people);
			return 1;
		}
		claimed += p >= 0;
		mine += p == ADV_NODE_ME;
		if (from > to || to > h->adj) {
			snprintf(why, len, "node %" PRIu32 "'s links %" PRIu32 "..%" PRIu32
				" are not within the %" PRIu64 " links", v, from, to, h->adj);
			return 1;
		}
		int64_t prev = -1;
		for (uint32_t i = from; i < to; i++) {
			uint32_t x = adj[i];
			if (x >= n || x == v || x <= prev) {
				snprintf(why, len, "node %" PRIu32 "'s link %" PRIu32
					" to %" PRIu32 " is %s", v, i - from, x,
					x >= n ? "past the nodes" : x == v ? "to itself"
						: "out of order");
				return 1;
			}
			prev = x;
		}
	}
	if (off[n] != h->adj) {
		snprintf(why, len, "the links end at %" PRIu32 ", not at %" PRIu64,
			off[n], h->adj);
		return 1;
	}
	if (claimed != h->people || mine != 1) {
		snprintf(why, len, "%" PRIu64 " nodes claim one of the %" PRIu64
			" people and %" PRIu64 " claim me", claimed, h->people, mine);
		return 1;
	}
	return 0;
}

/* Is this a snapshot of this version and machine?  NULL, or why not. */
static const char *kind_flaw(const header *h)
{
	if (memcmp(h->magic, MAGIC, 8) != 0)
		return "it is not a snapshot";
	if (h->version != CACHE_VERSION)
		return "it is of another format version";
	if (h->endian != ENDIAN_MARK || h->sizeof_person != sizeof(adv_person) ||
	    h->sizeof_event != sizeof(adv_event) || h->sizeof_sref != sizeof(adv_sref))
		return "it was written by another build or kind of machine";
	return NULL;
}

/* Are the header's counts and size those of a file of `size` bytes, and
 * within what the network's types hold?  NULL, or why not. */
static const char *size_flaw(const header *h, uint64_t size, layout *L)
{
	if (h->size != size)
		return "its size does not match its header";
	if (size > SIZE_MAX || plan(L, h, size) < 0 || L->end != size)
		return "its sections do not add up to its size";
	if (h->nodes >= UINT32_MAX || h->events > UINT32_MAX || h->people > h->nodes ||
	    h->nodes == 0)
		return "its counts of people, events and nodes are out of range";
	if (h->slots < 2 * h->nodes || (h->slots & (h->slots - 1)) != 0)
		return "its id table is not a power of two at most half full";
	return NULL;
}

/* An extra read back as the loader made it: the fields C reads as the
 * tree's members, the others its rest, as text (no tree of them). */
static int keep_members(const void *ctx, int depth, const adv_json_key *p)
{
	(void)ctx;
	return depth == 1 && !adv_load_extra_in_tree(&p[0])
		? ADV_JSON_KEEP_REST : 0;
}

static int parse_extra(cJSON **slot, const char *text)
{
	static const adv_json_raw members = { keep_members, NULL };
	advisor_error err;

	*slot = NULL;
	if (adv_json_parse_raw(slot, text, strlen(text), "snapshot", 0,
			&members, &err) < 0)
		return -1;
	if (!cJSON_IsObject(*slot)) {
		cJSON_Delete(*slot);
		*slot = NULL;
		return -1;
	}
	return 0;
}

/* Parse the extras into their records (which, in a mapping, become
 * writable for that moment).  0, 1 bad (why says what), -1 out of memory
 * or the mapping could not be made writable. */
static int load_extras(advisor_network *net, const extra_ref *x,
	const header *h, char *why, size_t len)
{
	snapshot_blob *blob = BLOB(net);
	int rc = 0;

	if (!h->extras)
		return 0;
	if (blob->held == HELD_MAPPED &&
	    mprotect(blob->mem, blob->size, PROT_READ | PROT_WRITE) < 0)
		return -1;
	for (uint64_t i = 0; i < h->extras; i++) {
		cJSON **slot = extra_slot(net, &x[i]);
		if (!slot || *slot) {
			snprintf(why, len, "extra %" PRIu64 " names %s", i,
				slot ? "a record twice" : "no record");
			rc = 1;
			break;
		}
		if (REQ_BAD(x[i].text, h->strings)) {
			snprintf(why, len, "extra %" PRIu64 "'s text %s", i,
				string_flaw(x[i].text, h, 1));
			rc = 1;
			break;
		}
		if (parse_extra(slot, adv_str(net, x[i].text)) < 0) {
			snprintf(why, len, "extra %" PRIu64 " is not JSON", i);
			rc = 1;
			break;
		}
		blob->extras++;
	}
	if (blob->held == HELD_MAPPED)
		mprotect(blob->mem, blob->size, PROT_READ);
	return rc;
}

/*
 * The opener: a snapshot of `size` bytes at mem (8-byte aligned), held as
 * `held`, checked whole, then used in place.  ADVISOR_OK with *out;
 * ADVISOR_EDATA with what is wrong in why (mem then released);
 * ADVISOR_ENOMEM.  With `key`, a snapshot of another source is a miss:
 * ADVISOR_ENOTFOUND.  The warnings it holds are passed to warn.
 */
static int open_image(advisor_network **out, void *mem, size_t size, int held,
	const adv_snapshot_key *key, const char *source, adv_snapshot_warning warn,
	void *warn_payload, char *why, size_t len)
{
	const header *h = mem;
	layout L;
	const char *flaw;
	advisor_network *net = NULL;
	snapshot_blob *blob = NULL;
	char *m = mem;
	int rc = ADVISOR_EDATA;

	*out = NULL;
	*why = '\0';
	if (size < sizeof(header) || (uintptr_t)mem % 8 != 0) {
		snprintf(why, len, size < sizeof(header)
			? "it is too short to be a snapshot" : "it is not aligned in memory");
		goto refuse;
	}
	if ((flaw = kind_flaw(h))) {
		snprintf(why, len, "%s", flaw);
		goto refuse;
	}
	if (key && memcmp(&h->key, key, sizeof(*key)) != 0) {
		rc = ADVISOR_ENOTFOUND;
		goto refuse;
	}
	if ((flaw = size_flaw(h, size, &L))) {
		snprintf(why, len, "%s", flaw);
		goto refuse;
	}
	if (file_checksum(h, m + sizeof(*h), (size_t)(L.strings - sizeof(*h)),
		m + L.strings, (size_t)h->strings) != h->checksum) {
		snprintf(why, len, "its checksum does not match");
		goto refuse;
	}
	if (h->strings == 0 || m[L.strings + h->strings - 1] != '\0') {
		snprintf(why, len, "its strings do not end with a NUL");
		goto refuse;
	}

	if (!(blob = calloc(1, sizeof(*blob))) || !(net = calloc(1, sizeof(*net))) ||
	    !(net->source = strdup(source))) {
		free(blob);
		free(net);
		release_mem(mem, size, held);
		return ADVISOR_ENOMEM;
	}
	blob->mem = mem;
	blob->size = size;
	blob->held = held;
	net->backing = blob;
	net->release = release_snapshot;
	adv_arena_init(&net->arena);
	/* An adv_sref of the file is its offset in the strings plus one. */
	net->text_base = (uintptr_t)(m + L.strings) - 1;
	net->me = *(const adv_person *)(m + L.me);
	net->people = (adv_person *)(m + L.people);
	net->people_count = (size_t)h->people;
	net->events = (adv_event *)(m + L.events);
	net->event_count = (size_t)h->events;
	net->node_ids = (adv_sref *)(m + L.ids);
	net->node_person = (int32_t *)(m + L.node_person);
	net->node_count = (uint32_t)h->nodes;
	net->slots = (uint64_t *)(m + L.slots);
	net->slot_mask = (size_t)h->slots - 1;
	net->aliases = (adv_alias *)(m + L.aliases);
	net->alias_count = (size_t)h->aliases;
	net->graph.n = (uint32_t)h->nodes;
	net->graph.off = (uint32_t *)(m + L.off);
	net->graph.adj = (uint32_t *)(m + L.adj);

	/* Each record in one pass of compares; its flaw found only if bad. */
	if (person_bad(&net->me, h)) {
		person_flaw(&net->me, h, "me", why, len);
		goto miss;
	}
	int bad = 0;
	size_t i;
	for (i = 0; i < net->people_count && !bad; i++)
		bad = person_bad(&net->people[i], h);
	if (bad) {
		char where[40];
		snprintf(where, sizeof(where), "people[%zu]", i - 1);
		person_flaw(&net->people[i - 1], h, where, why, len);
		goto miss;
	}
	for (i = 0; i < net->event_count && !bad; i++)
		bad = event_bad(&net->events[i], h);
	if (bad) {
		event_flaw(&net->events[i - 1], h, i - 1, why, len);
		goto miss;
	}
	if (person_node_bad(net, &net->me, ADV_NODE_ME, "me", why, len))
		goto miss;
	for (i = 0; i < net->people_count; i++) {
		char where[40];
		const adv_person *p = &net->people[i];
		if (net->node_person[p->node] == (int32_t)i &&
		    net->node_ids[p->node].at == p->id.at)
			continue;
		snprintf(where, sizeof(where), "people[%zu]", i);
		person_node_bad(net, p, (int32_t)i, where, why, len);
		goto miss;
	}
	if (nodes_bad(net, h, why, len))
		goto miss;
	const adv_sref *warnings = (const adv_sref *)(m + L.warnings);
	for (i = 0; i < h->warnings; i++)
		if (REQ_BAD(warnings[i], h->strings)) {
			snprintf(why, len, "warning %zu %s", i,
				string_flaw(warnings[i], h, 1));
			goto miss;
		}
	if (adv_network_check_ids(net, why, len))
		goto miss;
	for (i = 0; i < net->alias_count; i++)
		if (REQ_BAD(net->aliases[i].id, h->strings) ||
		    net->aliases[i].person != 0) {
			snprintf(why, len, "alias %zu %s", i,
				net->aliases[i].person ? "is not as written" :
				string_flaw(net->aliases[i].id, h, 1));
			goto miss;
		}
	if (adv_network_check_aliases(net, why, len))
		goto miss;
	int x = load_extras(net, (const extra_ref *)(m + L.extras), h, why, len);
	if (x > 0)
		goto miss;
	if (x < 0 || adv_graph_seal(&net->graph, net->me.node) < 0)
		goto nomem;
	for (i = 0; warn && i < h->warnings; i++)
		warn(warn_payload, adv_str(net, warnings[i]));
	*out = net;
	return ADVISOR_OK;
nomem:
	advisor_network_free(net);
	return ADVISOR_ENOMEM;
miss:
	advisor_network_free(net); /* releases mem */
	return ADVISOR_EDATA;
refuse:
	release_mem(mem, size, held);
	return rc;
}

int adv_snapshot_open(advisor_network **out, void *mem, size_t size,
	const char *name, advisor_error *err)
{
	char why[300];
	if (!out || !mem || !name)
		return adv_error_set(err, ADVISOR_EINVAL,
			"adv_snapshot_open: out, mem and name are required");
	int rc = open_image(out, mem, size, HELD_LENT, NULL, name, NULL, NULL,
		why, sizeof(why));
	if (rc == ADVISOR_EDATA)
		return adv_error_set(err, rc, "%s: snapshot refused: %s", name, why);
	if (rc == ADVISOR_ENOMEM)
		return adv_error_set(err, rc, "%s: out of memory", name);
	adv_error_clear(err);
	return rc;
}

/* The file in memory: mapped read-only wherever the kernel puts it (with
 * its pages read ahead), or, if it cannot be mapped, read into a block.
 * 1, 0 if it could not be read, -1 out of memory. */
static int bring_in(char **out, int fd, size_t size, int *held)
{
	void *m = mmap(NULL, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
	if (m != MAP_FAILED) {
		*held = HELD_MAPPED;
		*out = m;
		return 1;
	}
	*held = HELD_MALLOC;
	char *b = malloc(size);
	if (!b)
		return -1;
	for (size_t got = 0; got < size;) {
		ssize_t n = pread(fd, b + got, size - got, (off_t)got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			free(b);
			return 0;
		}
		got += (size_t)n;
	}
	*out = b;
	return 1;
}

int adv_snapshot_load(advisor_network **out, const char *path,
	const adv_snapshot_key *key, const char *source, adv_snapshot_warning warn,
	void *warn_payload)
{
	header h;
	struct stat st;
	char *mem = NULL, why[300];
	int held = 0;

	*out = NULL;
	/* Only a regular file is read: a link is not followed, and a FIFO or
	 * device planted at the snapshot's name is neither waited on nor
	 * read, but reported, and the source is parsed (its new snapshot
	 * then takes that name). */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW);
	const char *odd = NULL;
	if (fd < 0 && errno == ELOOP)
		odd = "it is a link";
	else if (fd >= 0 && fstat(fd, &st) == 0 && !S_ISREG(st.st_mode))
		odd = "it is not a regular file";
	if (odd) {
		if (fd >= 0)
			close(fd);
		if (warn) {
			char msg[4500];
			snprintf(msg, sizeof(msg),
				"%s: snapshot of %s ignored, %s; reading %s instead",
				path, source, odd, source);
			warn(warn_payload, msg);
		}
		return 0;
	}
	if (fd < 0)
		return 0;
	/* Absent, too short to hold a header, of another version or of
	 * another file: a miss, quietly. */
	if (fstat(fd, &st) < 0 || st.st_size < (off_t)sizeof(h) ||
	    (uint64_t)st.st_size > SIZE_MAX ||
	    pread(fd, &h, sizeof(h), 0) != (ssize_t)sizeof(h) || kind_flaw(&h) ||
	    memcmp(&h.key, key, sizeof(*key)) != 0) {
		close(fd);
		return 0;
	}
	int got = bring_in(&mem, fd, (size_t)st.st_size, &held);
	close(fd);
	if (got <= 0)
		return got;
	int rc = open_image(out, mem, (size_t)st.st_size, held, key, source, warn,
		warn_payload, why, sizeof(why));
	if (rc == ADVISOR_OK)
		return 1;
	if (rc == ADVISOR_ENOMEM)
		return -1;
	if (rc == ADVISOR_EDATA && warn) {
		char msg[4500];
		snprintf(msg, sizeof(msg), "%s: snapshot of %s ignored, %s; reading %s instead",
			path, source, why, source);
		warn(warn_payload, msg);
	}
	return 0;
}

/* ------------------------------------------------------------------------
 * For tests
 * ------------------------------------------------------------------------ */

/* The layout of a whole snapshot of this version in b; -1 if it is not
 * one. */
static int layout_of(const void *b, size_t size, layout *L)
{
	header h;
	if (size < sizeof(h))
		return -1;
	memcpy(&h, b, sizeof(h));
	return kind_flaw(&h) || size_flaw(&h, size, L) ? -1 : 0;
}

/* The whole file in a block; NULL if it is not a readable snapshot. */
static char *read_whole(const char *path, size_t *size, layout *L)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	char *b = NULL;
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) == 0 && st.st_size >= (off_t)sizeof(header) &&
	    (b = malloc((size_t)st.st_size)) &&
	    read(fd, b, (size_t)st.st_size) == (ssize_t)st.st_size &&
	    layout_of(b, (size_t)st.st_size, L) == 0) {
		close(fd);
		*size = (size_t)st.st_size;
		return b;
	}
	free(b);
	close(fd);
	return NULL;
}

static void starts_of(const layout *L, uint64_t starts[ADV_SNAP__COUNT])
{
	const uint64_t at[ADV_SNAP__COUNT] = { L->me, L->people, L->events, L->ids,
		L->warnings, L->extras, L->node_person, L->slots, L->aliases, L->off,
		L->adj,
		L->strings, L->end };
	memcpy(starts, at, sizeof(at));
}

size_t adv_snapshot_sections(const char *path, uint64_t starts[ADV_SNAP__COUNT])
{
	layout L;
	size_t size;
	char *b = read_whole(path, &size, &L);
	if (!b)
		return 0;
	free(b);
	starts_of(&L, starts);
	return ADV_SNAP__COUNT;
}

size_t adv_snapshot_buffer_sections(const void *mem, size_t size,
	uint64_t starts[ADV_SNAP__COUNT])
{
	layout L;
	if (layout_of(mem, size, &L) < 0)
		return 0;
	starts_of(&L, starts);
	return ADV_SNAP__COUNT;
}

int adv_snapshot_reseal_buffer(void *mem, size_t size)
{
	layout L;
	header h;
	if (layout_of(mem, size, &L) < 0)
		return -1;
	memcpy(&h, mem, sizeof(h));
	h.checksum = file_checksum(&h, (char *)mem + sizeof(h),
		(size_t)(L.strings - sizeof(h)), (char *)mem + L.strings,
		(size_t)h.strings);
	memcpy(mem, &h, sizeof(h));
	return 0;
}

int adv_snapshot_reseal(const char *path)
{
	layout L;
	size_t size;
	char *b = read_whole(path, &size, &L);
	int rc = -1;
	if (!b)
		return -1;
	adv_snapshot_reseal_buffer(b, size);
	adv_write_part part = { b, size };
	rc = adv_write_atomic(path, &part, 1, NULL);
	free(b);
	return rc < 0 ? -1 : 0;
}

const void *adv_snapshot_blob(const advisor_network *net)
{
	return net && net->release == release_snapshot ? BLOB(net)->mem : NULL;
}

int adv_snapshot_mapped(const advisor_network *net)
{
	return adv_snapshot_blob(net) ? BLOB(net)->held == HELD_MAPPED : 0;
}
