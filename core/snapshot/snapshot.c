/*
 * cache.c - a snapshot of a loaded network, so that the next run on an
 * unchanged file skips parsing JSON.
 *
 * The snapshot is the network's own arrays in the layout they have in
 * memory: the people and events records, node ids, the id table and the
 * graph's CSR arrays, then one string section (each string once).  Every
 * pointer in it is already the address the string will have when the file
 * is mapped at the snapshot's base address (header.base, chosen by the
 * writer in a region processes leave empty).  Loading maps the file there,
 * read-only, and points the network into the mapping: no record is decoded
 * or copied, and no page of it becomes private memory.  That matters more
 * than instructions: reading a file into fresh memory costs the kernel a
 * fault, a clear and a copy per page, about 25 us a page on the shared
 * virtual machine this was measured on (70 ms for the 2,800 pages of a
 * 30,000-person snapshot), while mapping a page of the page cache read-only
 * costs about 2 us.  When the base address is taken (another snapshot of
 * the same file still in use, a sanitizer's shadow memory), the file is
 * read into memory instead and every pointer moved by the difference: the
 * same checks, slower.
 *
 * Before anything is used the snapshot is checked: magic, version, sizes,
 * the source file's size, time and inode, the file's exact length, a
 * checksum of every byte, and every pointer, index and enumerated value in
 * it (a string pointer must fall inside the string section, which ends
 * with a NUL).  Any mismatch is a miss, never an error: the caller then
 * parses the source as usual, and a damaged snapshot (as opposed to an
 * absent or stale one) is reported as a warning.  Snapshots are written to
 * a temporary file and renamed into place, so a reader never sees half of
 * one.
 */
#define _GNU_SOURCE /* MAP_POPULATE, realpath */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "json/buf.h"
#include "snapshot/snapshot.h"
#include "util/write_atomic.h"

#define MAGIC "ADVNET\x01\x00"
#define CACHE_VERSION 8
#define ENDIAN_MARK 0x01020304u

/* Base addresses: 1024 slots of 8 GiB from 32 TiB up.  Linux places
 * programs (from 0x55...), the heap after them and shared mappings down
 * from 128 TiB, so this range is free in a normal process; ASan's shadow
 * ends below it.  Two snapshots whose slots collide, or a snapshot larger
 * than a slot, only cost the relocating path. */
#define BASE_FIRST 0x200000000000ULL
#define BASE_SLOTS 1024u
#define BASE_SLOT_SIZE (8ULL << 30)

typedef struct header {
	char magic[8];
	uint32_t version, endian;
	uint32_t sizeof_person, sizeof_event, sizeof_pointer, reserved;
	adv_snapshot_key key;
	uint64_t base;      /* the address the file's pointers assume */
	uint64_t people, events, nodes, adj, slots, strings, warnings, extras;
	uint64_t size;      /* of the whole file */
	uint64_t checksum;  /* of the whole file, with this field 0 */
} header;

/* A cJSON extra, kept as JSON text: the record's own field is NULL in the
 * file and set to the parsed tree on loading. */
enum { EXTRA_ME, EXTRA_PERSON, EXTRA_EVENT };
typedef struct extra_ref {
	uint32_t kind, index;
	const char *text;
} extra_ref;

/* Where each section starts, from the start of the file; each is 8-byte
 * aligned, in this order. */
typedef struct layout {
	uint64_t me, people, events, ids, warnings, extras, node_person, slots,
		off, adj, strings, end;
} layout;

#define ALIGN8(n) (((n) + 7) & ~(uint64_t)7)
_Static_assert(sizeof(header) % 8 == 0, "sections after the header stay aligned");

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
	SECTION(ids, h->nodes, sizeof(char *));
	SECTION(warnings, h->warnings, sizeof(char *));
	SECTION(extras, h->extras, sizeof(extra_ref));
	SECTION(node_person, h->nodes, sizeof(int32_t));
	SECTION(slots, h->slots, sizeof(uint64_t));
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
 * weighs each word by its position.  No multiply, so the lanes are two
 * vector additions each (GCC's vector extension, two words a vector,
 * which needs no instruction past SSE2): about 0.3 instructions a byte,
 * against 0.6 for a multiplying hash, over every byte of the snapshot on
 * every load. */
typedef uint64_t lane2 __attribute__((vector_size(16)));

static uint64_t checksum(const void *p, size_t n, uint64_t seed)
{
	const unsigned char *s = p;
	lane2 a[4], b[4], w[4];
	uint64_t la[8], lb[8];
	size_t i = 0;

	for (int l = 0; l < 4; l++) {
		a[l] = (lane2){ seed, seed };
		b[l] = (lane2){ 0, 0 };
	}
	for (; i + 64 <= n; i += 64) {
		memcpy(w, s + i, 64);
		for (int l = 0; l < 4; l++) {
			a[l] += w[l];
			b[l] += a[l];
		}
	}
	memcpy(la, a, sizeof(la));
	memcpy(lb, b, sizeof(lb));
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
 * companies, industries, places and messages), and the address each will
 * have once the file is mapped at its base. */
typedef struct strtab {
	adv_buf text;
	uint64_t *slots;    /* hash << 32 | (offset + 1); 0 when empty */
	size_t mask, count;
	uintptr_t at;       /* the section's address when mapped */
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

static const char *put_string(strtab *t, const char *s)
{
	if (!s)
		return NULL;
	return (const char *)(t->at + (uintptr_t)put_text(t, s, strlen(s)));
}

static const char *put_json(strtab *t, const cJSON *v)
{
	char *text = cJSON_PrintUnformatted(v);
	if (!text) {
		t->failed = 1;
		return NULL;
	}
	const char *at = put_string(t, text);
	cJSON_free(text);
	return at;
}

/* Encoding a field of each schema kind (network/schema.h): strings move
 * into the string section, everything else is copied as it is. */
#define ENCODE_REQSTR(t, out, in, member) (out)->member = put_string(t, (in)->member);
#define ENCODE_STR ENCODE_REQSTR
#define ENCODE_ENUM(t, out, in, member)
#define ENCODE_TRIBOOL ENCODE_ENUM
#define ENCODE_BOOL ENCODE_ENUM
#define ENCODE_COUNT ENCODE_ENUM
#define ENCODE_DATE ENCODE_ENUM
#define ENCODE_RELATION ENCODE_ENUM
#define ENCODE_NODE ENCODE_ENUM

static void encode_person(strtab *t, adv_person *out, const adv_person *p)
{
	memcpy(out, p, sizeof(*out));
	out->id = put_string(t, p->id);
#define ENCODE(kind, member, names) ENCODE_##kind(t, out, p, member)
	ADV_PERSON_SCHEMA(ENCODE)
#undef ENCODE
	out->extra = NULL;
}

static void encode_event(strtab *t, adv_event *out, const adv_event *e)
{
	memcpy(out, e, sizeof(*out));
	out->type_name = put_string(t, e->type_name);
#define ENCODE(kind, member, names) ENCODE_##kind(t, out, e, member)
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

/* The base address for a snapshot at `path`. */
static uint64_t base_for(const char *path)
{
	uint64_t h = fnv1a(path, strlen(path), 14695981039346656037ULL);
	return BASE_FIRST + (h % BASE_SLOTS) * BASE_SLOT_SIZE;
}

int adv_snapshot_save(const advisor_network *net, const char *path,
	const adv_snapshot_key *key, const char *const *warnings, size_t nwarnings)
{
	strtab t;
	memset(&t, 0, sizeof(t));
	layout L;
	header h;
	char *body = NULL;
	int rc = -1;

	if (sizeof(void *) != 8 || net->event_count > UINT32_MAX)
		return -1; /* the layout assumes 64-bit pointers */
	memset(&h, 0, sizeof(h));
	memcpy(h.magic, MAGIC, 8);
	h.version = CACHE_VERSION;
	h.endian = ENDIAN_MARK;
	h.sizeof_person = sizeof(adv_person);
	h.sizeof_event = sizeof(adv_event);
	h.sizeof_pointer = sizeof(void *);
	h.key = *key;
	h.base = base_for(path);
	h.people = net->people_count;
	h.events = net->event_count;
	h.nodes = net->node_count;
	h.adj = net->graph.off[net->node_count];
	h.slots = net->slot_mask + 1;
	h.warnings = nwarnings;
	h.extras = !!net->me.extra;
	for (size_t i = 0; i < net->people_count; i++)
		h.extras += !!net->people[i].extra;
	for (size_t i = 0; i < net->event_count; i++)
		h.extras += !!net->events[i].extra;
	/* Everything before the strings is sized by the counts alone. */
	if (plan(&L, &h, UINT64_MAX / 256) < 0 || L.strings > SIZE_MAX ||
	    !(body = calloc(1, (size_t)L.strings)))
		goto done;
	t.at = (uintptr_t)(h.base + L.strings);

	encode_person(&t, (adv_person *)(body + L.me), &net->me);
	adv_person *people = (adv_person *)(body + L.people);
	for (size_t i = 0; i < net->people_count; i++)
		encode_person(&t, &people[i], &net->people[i]);
	adv_event *events = (adv_event *)(body + L.events);
	for (size_t i = 0; i < net->event_count; i++)
		encode_event(&t, &events[i], &net->events[i]);
	const char **ids = (const char **)(body + L.ids);
	for (uint32_t v = 0; v < net->node_count; v++)
		ids[v] = put_string(&t, net->node_ids[v]);
	const char **warns = (const char **)(body + L.warnings);
	for (size_t i = 0; i < nwarnings; i++)
		warns[i] = put_string(&t, warnings[i]);
	extra_ref *extra = (extra_ref *)(body + L.extras);
	add_extra(&t, &extra, EXTRA_ME, 0, net->me.extra);
	for (size_t i = 0; i < net->people_count; i++)
		add_extra(&t, &extra, EXTRA_PERSON, i, net->people[i].extra);
	for (size_t i = 0; i < net->event_count; i++)
		add_extra(&t, &extra, EXTRA_EVENT, i, net->events[i].extra);
	memcpy(body + L.node_person, net->node_person,
		net->node_count * sizeof(int32_t));
	memcpy(body + L.slots, net->slots, (size_t)h.slots * sizeof(uint64_t));
	memcpy(body + L.off, net->graph.off,
		((size_t)net->node_count + 1) * sizeof(uint32_t));
	memcpy(body + L.adj, net->graph.adj, (size_t)h.adj * sizeof(uint32_t));
	adv_buf_add(&t.text, "\0\0\0\0\0\0\0", (size_t)(ALIGN8(t.text.len) - t.text.len));
	if (t.failed || t.text.failed)
		goto done;

	h.strings = t.text.len;
	if (plan(&L, &h, UINT64_MAX / 256) < 0)
		goto done;
	h.size = L.end;
	h.checksum = file_checksum(&h, body + sizeof(h), (size_t)L.strings - sizeof(h),
		t.text.data, t.text.len);
	memcpy(body, &h, sizeof(h));

	adv_write_part parts[2] = { { body, (size_t)L.strings },
		{ t.text.data, t.text.len } };
	if (adv_write_atomic(path, parts, 2, NULL) < 0)
		goto done;
	rc = 0;
done:
	free(t.slots);
	free(t.text.data);
	free(body);
	return rc;
}

/* ------------------------------------------------------------------------
 * Reading
 * ------------------------------------------------------------------------ */

/* The string section as the file's pointers see it (from the base) and
 * where it really is; `move` when the two differ and pointers must be
 * rewritten. */
typedef struct reader {
	uintptr_t lo;       /* the section's address in the file's pointers */
	uint64_t len;
	char *at;           /* where it is in memory */
	int move;
	int bad;
} reader;

/* Is a string pointer of the file bad: not NULL, and not inside the
 * string section (which ends with a NUL, so every string inside it ends
 * inside it too)?  The checks below are chains of || that stop at the
 * first flaw: with no flaw, each is a compare and a branch always taken
 * the same way, cheaper than combining flags without branches. */
static inline int string_bad(const reader *r, const char *s)
{
	return (uintptr_t)s - r->lo >= r->len && s != NULL;
}

/* A pointer of the file as a pointer into memory (when the file was not
 * mapped at its base). */
static inline const char *moved(const reader *r, const char *s)
{
	return s ? r->at + ((uintptr_t)s - r->lo) : NULL;
}

/* Is a field of each schema kind (network/schema.h) bad?  rec is the
 * person or event, h the header (for node counts). */
#define BAD_REQSTR(r, h, rec, v, names) ((v) == NULL || string_bad(r, v))
#define BAD_STR(r, h, rec, v, names) string_bad(r, v)
#define BAD_ENUM(r, h, rec, v, names) ((v) > ADV_ENUM_MAX(names))
#define BAD_TRIBOOL(r, h, rec, v, names) ((v) < -1 || (v) > 1)
#define BAD_BOOL(r, h, rec, v, names) ((v) > 1)
/* Any count is safe to read: the bridge shows one below 0 as absent. */
#define BAD_COUNT(r, h, rec, v, names) 0
#define BAD_DATE(r, h, rec, v, names) ((v).precision > ADV_DATE_DAY)
#define BAD_RELATION(r, h, rec, v, names) \
	((v) > ((rec)->type == ADV_EV_PERSONAL \
		? ADV_ENUM_MAX(adv_personal_relation_names) \
		: ADV_ENUM_MAX(adv_work_relation_names)))
#define BAD_NODE(r, h, rec, v, names) ((v) != ADV_NO_NODE && (v) >= (h)->nodes)

/* Moving a string of the file when it was not mapped at its base. */
#define MOVE_REQSTR(r, rec, member) (rec)->member = moved(r, (rec)->member);
#define MOVE_STR MOVE_REQSTR
#define MOVE_ENUM(r, rec, member)
#define MOVE_TRIBOOL MOVE_ENUM
#define MOVE_BOOL MOVE_ENUM
#define MOVE_COUNT MOVE_ENUM
#define MOVE_DATE MOVE_ENUM
#define MOVE_RELATION MOVE_ENUM
#define MOVE_NODE MOVE_ENUM

static void check_person(reader *r, adv_person *p, const header *h)
{
#define BAD(kind, member, names) BAD_##kind(r, h, p, p->member, names) ||
	int bad = (p->id == NULL) || string_bad(r, p->id) ||
		ADV_PERSON_SCHEMA(BAD)
		(p->extra != NULL) || (p->node >= h->nodes) ||
		((uint64_t)p->first_event + p->event_count > h->events);
#undef BAD
	r->bad |= bad;
	if (r->move && !bad) {
		p->id = moved(r, p->id);
#define MOVE(kind, member, names) MOVE_##kind(r, p, member)
		ADV_PERSON_SCHEMA(MOVE)
#undef MOVE
	}
}

static void check_event(reader *r, adv_event *e, const header *h)
{
	/* Enumerated bytes index name tables: each within its table. */
#define BAD(kind, member, names) BAD_##kind(r, h, e, e->member, names) ||
	int bad = (e->type_name == NULL) || string_bad(r, e->type_name) ||
		(e->type >= ADV_EV__COUNT) ||
		ADV_EVENT_SCHEMA(BAD)
		(e->extra != NULL);
#undef BAD
	r->bad |= bad;
	if (r->move && !bad) {
		e->type_name = moved(r, e->type_name);
#define MOVE(kind, member, names) MOVE_##kind(r, e, member)
		ADV_EVENT_SCHEMA(MOVE)
#undef MOVE
	}
}

/* A pointer that must not be NULL (an id, a warning): checked, and moved
 * if need be. */
static void check_string(reader *r, const char **s)
{
	int bad = *s == NULL || string_bad(r, *s);
	r->bad |= bad;
	if (r->move && !bad)
		*s = moved(r, *s);
}

/* Per node: its id, its person, and its row of the graph, which must be
 * strictly ascending, in range and without a self-link (what the
 * intersections rely on); one pass, a row read only once its offsets are
 * known to be inside the links. */
static void check_nodes(reader *r, advisor_network *net, const header *h)
{
	const uint32_t *off = net->graph.off, *adj = net->graph.adj;
	uint32_t n = (uint32_t)h->nodes;

	for (uint32_t v = 0; v < n && !r->bad; v++) {
		int32_t p = net->node_person[v];
		uint32_t from = off[v], to = off[v + 1];
		if (p < -2 || p >= (int64_t)h->people || from > to || to > h->adj) {
			r->bad = 1;
			break;
		}
		check_string(r, &net->node_ids[v]);
		int64_t prev = -1;
		for (uint32_t i = from; i < to; i++) {
			uint32_t x = adj[i];
			if (x >= n || x == v || x <= prev) {
				r->bad = 1;
				break;
			}
			prev = x;
		}
	}
	if (off[n] != h->adj || net->me.node >= n)
		r->bad = 1;
}

/* Is this a snapshot, of this version and machine, of this source? */
static int header_ok(const header *h, const adv_snapshot_key *key)
{
	return memcmp(h->magic, MAGIC, 8) == 0 && h->version == CACHE_VERSION &&
	       h->endian == ENDIAN_MARK &&
	       h->sizeof_person == sizeof(adv_person) &&
	       h->sizeof_event == sizeof(adv_event) &&
	       h->sizeof_pointer == sizeof(void *) &&
	       memcmp(&h->key, key, sizeof(*key)) == 0;
}

/* A snapshot that is whole and of this source, but whose counts, size,
 * checksum or contents are wrong. */
static int damaged(const header *h, uint64_t file_size, layout *L)
{
	return h->size != file_size || file_size > SIZE_MAX ||
	       plan(L, h, file_size) < 0 || L->end != file_size ||
	       h->base % 4096 != 0 || h->base > UINTPTR_MAX - file_size ||
	       h->nodes >= UINT32_MAX || h->events > UINT32_MAX ||
	       h->people > h->nodes ||
	       h->slots < 2 * h->nodes || /* a table at most half full: probes end */
	       h->slots == 0 || (h->slots & (h->slots - 1)) != 0;
}

/* The file in memory: mapped read-only at its base if that address is
 * free, else read into a block.  1, 0 if it could not be read, -1 out of
 * memory.
 *
 * The base is passed as a hint, not with MAP_FIXED_NOREPLACE: Linux maps at
 * a hint whose range is free, and anywhere else when it is not, which we
 * see and undo.  A fixed mapping is also refused or misplaced by
 * interposed mmaps: ThreadSanitizer zeroes an address outside its
 * application ranges, and NOREPLACE then asked for address 0. */
static int bring_in(char **out, int fd, const header *h, int *mapped)
{
	size_t size = (size_t)h->size;
	void *want = (void *)(uintptr_t)h->base;
	void *m = mmap(want, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
	if (m == want) {
		*mapped = 1;
		*out = m;
		return 1;
	}
	if (m != MAP_FAILED) /* placed elsewhere: the address was taken */
		munmap(m, size);
	*mapped = 0;
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

/* What a network loaded from a snapshot holds besides its own struct: the
 * file, mapped read-only or read into memory, which its arrays point into;
 * only the extras (extras of them) are separate. */
typedef struct snapshot_blob {
	void *mem;
	size_t size, extras;
	int mapped;
} snapshot_blob;

#define BLOB(net) ((snapshot_blob *)(net)->backing)

static void release_blob(void *blob, size_t size, int mapped)
{
	if (mapped)
		munmap(blob, size);
	else
		free(blob);
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
		for (size_t i = 0; i < blob->extras; i++)
			cJSON_Delete(*extra_slot(net, &x[i]));
	}
	adv_graph_unseal(&net->graph);
	release_blob(blob->mem, blob->size, blob->mapped);
	free(blob);
}

/* Parse the extras into their records (which, in a mapping, become
 * writable for that moment). */
static int load_extras(reader *r, advisor_network *net, const extra_ref *x,
	const header *h)
{
	if (!h->extras)
		return 0;
	snapshot_blob *blob = BLOB(net);

	if (blob->mapped &&
	    mprotect(blob->mem, blob->size, PROT_READ | PROT_WRITE) < 0)
		return -1;
	for (uint64_t i = 0; i < h->extras && !r->bad; i++) {
		cJSON **slot = extra_slot(net, &x[i]);
		const char *text = x[i].text;
		if (!slot || *slot || !text || string_bad(r, text)) { /* out of range, or twice */
			r->bad = 1;
			break;
		}
		if (!(*slot = cJSON_Parse(r->move ? moved(r, text) : text)))
			r->bad = 1;
		else
			blob->extras++;
	}
	if (blob->mapped)
		mprotect(blob->mem, blob->size, PROT_READ);
	return 0;
}

int adv_snapshot_load(advisor_network **out, const char *path,
	const adv_snapshot_key *key, const char *source, adv_snapshot_warning warn,
	void *warn_payload)
{
	header h;
	layout L;
	struct stat st;
	advisor_network *net = NULL;
	char *mem = NULL;
	int mapped = 0;
	const char *why = NULL;

	*out = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	if (fstat(fd, &st) < 0 || st.st_size < (off_t)sizeof(h) ||
	    pread(fd, &h, sizeof(h), 0) != (ssize_t)sizeof(h) ||
	    !header_ok(&h, key)) {
		close(fd); /* absent, of another version or of another file */
		return 0;
	}
	if (damaged(&h, (uint64_t)st.st_size, &L)) {
		close(fd);
		why = "its size does not match its header";
		goto report;
	}
	int got = bring_in(&mem, fd, &h, &mapped);
	close(fd);
	if (got <= 0)
		return got;
	if (file_checksum(&h, mem + sizeof(h), (size_t)(L.strings - sizeof(h)),
		mem + L.strings, (size_t)h.strings) != h.checksum) {
		release_blob(mem, (size_t)h.size, mapped);
		why = "its checksum does not match";
		goto report;
	}

	snapshot_blob *blob = calloc(1, sizeof(*blob));
	if (!blob || !(net = calloc(1, sizeof(*net))) ||
	    !(net->source = strdup(source))) {
		free(blob);
		free(net);
		release_blob(mem, (size_t)h.size, mapped);
		return -1;
	}
	blob->mem = mem;
	blob->size = (size_t)h.size;
	blob->mapped = mapped;
	net->backing = blob;
	net->release = release_snapshot;
	adv_arena_init(&net->arena);

	reader r = { (uintptr_t)(h.base + L.strings), h.strings, mem + L.strings,
		!mapped, 0 };
	if (h.strings == 0 || mem[L.strings + h.strings - 1] != '\0')
		goto miss;
	net->me = *(const adv_person *)(mem + L.me);
	net->people = (adv_person *)(mem + L.people);
	net->people_count = (size_t)h.people;
	net->events = (adv_event *)(mem + L.events);
	net->event_count = (size_t)h.events;
	net->node_ids = (const char **)(mem + L.ids);
	net->node_person = (int32_t *)(mem + L.node_person);
	net->node_count = (uint32_t)h.nodes;
	net->slots = (uint64_t *)(mem + L.slots);
	net->slot_mask = (size_t)h.slots - 1;
	net->graph.n = (uint32_t)h.nodes;
	net->graph.off = (uint32_t *)(mem + L.off);
	net->graph.adj = (uint32_t *)(mem + L.adj);

	check_person(&r, &net->me, &h);
	for (size_t i = 0; i < net->people_count; i++)
		check_person(&r, &net->people[i], &h);
	for (size_t i = 0; i < net->event_count; i++)
		check_event(&r, &net->events[i], &h);
	check_nodes(&r, net, &h);
	const char **warnings = (const char **)(mem + L.warnings);
	for (uint64_t i = 0; i < h.warnings; i++)
		check_string(&r, &warnings[i]);
	for (uint64_t i = 0; i < h.slots && !r.bad; i++)
		if (net->slots[i] != UINT64_MAX && (uint32_t)net->slots[i] >= h.nodes)
			r.bad = 1;
	if (r.bad)
		goto miss;
	if (load_extras(&r, net, (const extra_ref *)(mem + L.extras), &h) < 0) {
		advisor_network_free(net);
		return -1;
	}
	if (r.bad)
		goto miss;
	if (adv_graph_seal(&net->graph, net->me.node) < 0) {
		advisor_network_free(net);
		return -1;
	}
	for (uint64_t i = 0; warn && i < h.warnings; i++)
		warn(warn_payload, warnings[i]);
	*out = net;
	return 1;
miss:
	advisor_network_free(net);
	why = "a pointer, index or value in it is out of range";
report:
	if (warn) {
		char msg[4200];
		snprintf(msg, sizeof(msg), "%s: snapshot of %s ignored, %s; reading %s instead",
			path, source, why, source);
		warn(warn_payload, msg);
	}
	return 0;
}

/* ------------------------------------------------------------------------
 * For tests
 * ------------------------------------------------------------------------ */

/* The whole file in a block; NULL if it is not a readable snapshot. */
static char *read_whole(const char *path, header *h, layout *L)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	char *b = NULL;
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) == 0 && st.st_size >= (off_t)sizeof(*h) &&
	    (b = malloc((size_t)st.st_size)) &&
	    read(fd, b, (size_t)st.st_size) == (ssize_t)st.st_size) {
		memcpy(h, b, sizeof(*h));
		if (!damaged(h, (uint64_t)st.st_size, L)) {
			close(fd);
			return b;
		}
	}
	free(b);
	close(fd);
	return NULL;
}

size_t adv_snapshot_sections(const char *path, uint64_t starts[ADV_SNAP__COUNT])
{
	header h;
	layout L;
	char *b = read_whole(path, &h, &L);
	if (!b)
		return 0;
	free(b);
	const uint64_t at[ADV_SNAP__COUNT] = { L.me, L.people, L.events, L.ids,
		L.warnings, L.extras, L.node_person, L.slots, L.off, L.adj,
		L.strings, L.end };
	memcpy(starts, at, sizeof(at));
	return ADV_SNAP__COUNT;
}

int adv_snapshot_reseal(const char *path)
{
	header h;
	layout L;
	char *b = read_whole(path, &h, &L);
	int rc = -1;
	if (!b)
		return -1;
	h.checksum = file_checksum(&h, b + sizeof(h), (size_t)(L.strings - sizeof(h)),
		b + L.strings, (size_t)h.strings);
	memcpy(b, &h, sizeof(h));
	adv_write_part part = { b, (size_t)h.size };
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
	return adv_snapshot_blob(net) ? BLOB(net)->mapped : 0;
}
