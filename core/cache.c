/*
 * cache.c - a compact snapshot of a loaded network, so that the next run
 * on an unchanged file skips parsing JSON.
 *
 * The snapshot is the network's own arrays written one after the other,
 * with every pointer replaced by an offset into a string section.  Loading
 * reads the file in one block, checks it (magic, sizes, the source file's
 * size, time and inode, a checksum, and every offset and index), and turns
 * the offsets back into pointers.  Any mismatch is a miss, never an error:
 * the caller then parses the source as usual.  Snapshots are written to a
 * temporary file and renamed into place, so a reader never sees half of one.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "write_atomic.h"
#include "result.h"

#define MAGIC "ADVNET\x01\x00"
#define CACHE_VERSION 5

typedef struct header {
	char magic[8];
	uint32_t version, endian;
	uint32_t sizeof_person, sizeof_event, sizeof_pointer, reserved;
	adv_cache_key key;
	uint64_t people, events, nodes, adj, slots, strings, warnings;
	uint64_t body, checksum;
} header;

/* A checksum a word at a time: the body of a large snapshot is hundreds of
 * megabytes, and a byte-wise hash cost more than the rest of the load. */
static uint64_t body_sum(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 14695981039346656037ULL, w;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0x9E3779B97F4A7C15ULL;
		h ^= h >> 29;
	}
	for (; i < n; i++)
		h = (h ^ s[i]) * 1099511628211ULL;
	return h;
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

int adv_cache_key_of(adv_cache_key *key, const char *path)
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

int adv_cache_path(char *buf, size_t size, const char *dir, const char *source)
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

/* The string section, and pointers turned into offsets (+1; 0 is NULL). */
typedef struct writer {
	adv_buf strings;
} writer;

static uintptr_t put_string(writer *w, const char *s)
{
	if (!s)
		return 0;
	uintptr_t at = w->strings.len + 1;
	adv_buf_add(&w->strings, s, strlen(s) + 1);
	return at;
}

static uintptr_t put_extra(writer *w, const cJSON *extra)
{
	if (!extra)
		return 0;
	char *text = cJSON_PrintUnformatted(extra);
	if (!text) {
		w->strings.failed = 1;
		return 0;
	}
	uintptr_t at = put_string(w, text);
	cJSON_free(text);
	return at;
}

#define AS_PTR(off) ((void *)(off))

static void encode_person(writer *w, adv_person *p)
{
	p->id = AS_PTR(put_string(w, p->id));
	p->name = AS_PTR(put_string(w, p->name));
	p->headline = AS_PTR(put_string(w, p->headline));
	p->title = AS_PTR(put_string(w, p->title));
	p->company = AS_PTR(put_string(w, p->company));
	p->industry = AS_PTR(put_string(w, p->industry));
	p->location = AS_PTR(put_string(w, p->location));
	p->extra = AS_PTR(put_extra(w, p->extra));
}

static void encode_event(writer *w, adv_event *e)
{
	e->type_name = AS_PTR(put_string(w, e->type_name));
	e->context = AS_PTR(put_string(w, e->context));
	e->org = AS_PTR(put_string(w, e->org));
	e->reason = AS_PTR(put_string(w, e->reason));
	e->note = AS_PTR(put_string(w, e->note));
	e->message = AS_PTR(put_string(w, e->message));
	e->extra = AS_PTR(put_extra(w, e->extra));
}

static void add_section(adv_buf *b, const void *p, size_t n)
{
	adv_buf_add(b, p, n);
	static const char zeros[8] = { 0 };
	adv_buf_add(b, zeros, (8 - n % 8) % 8); /* keep sections aligned */
}

int adv_cache_save(const advisor_network *net, const char *path,
	const adv_cache_key *key, const char *const *warnings, size_t nwarnings)
{
	writer w = { { 0 } };
	adv_buf body = { 0 };
	header h;
	int rc = -1;

	if (sizeof(void *) != 8)
		return -1; /* the layout below assumes 64-bit pointers */
	adv_person me = net->me;
	encode_person(&w, &me);
	add_section(&body, &me, sizeof(me));
	for (size_t i = 0; i < net->people_count; i++) {
		adv_person p = net->people[i];
		encode_person(&w, &p);
		adv_buf_add(&body, (const char *)&p, sizeof(p));
	}
	add_section(&body, "", 0);
	for (size_t i = 0; i < net->event_count; i++) {
		adv_event e = net->events[i];
		encode_event(&w, &e);
		adv_buf_add(&body, (const char *)&e, sizeof(e));
	}
	add_section(&body, "", 0);
	for (uint32_t v = 0; v < net->node_count; v++) {
		uint64_t off = put_string(&w, net->node_ids[v]);
		adv_buf_add(&body, (const char *)&off, sizeof(off));
	}
	for (size_t i = 0; i < nwarnings; i++) {
		uint64_t off = put_string(&w, warnings[i]);
		adv_buf_add(&body, (const char *)&off, sizeof(off));
	}
	add_section(&body, net->node_person, net->node_count * sizeof(int32_t));
	add_section(&body, (const char *)net->slots, (net->slot_mask + 1) * sizeof(uint64_t));
	add_section(&body, net->graph.off, ((size_t)net->node_count + 1) * sizeof(uint32_t));
	add_section(&body, net->graph.adj, (size_t)net->graph.off[net->node_count] * sizeof(uint32_t));
	add_section(&body, w.strings.data ? w.strings.data : "", w.strings.len);
	if (body.failed || w.strings.failed)
		goto done;

	memset(&h, 0, sizeof(h));
	memcpy(h.magic, MAGIC, 8);
	h.version = CACHE_VERSION;
	h.endian = 0x01020304;
	h.sizeof_person = sizeof(adv_person);
	h.sizeof_event = sizeof(adv_event);
	h.sizeof_pointer = sizeof(void *);
	h.key = *key;
	h.people = net->people_count;
	h.events = net->event_count;
	h.nodes = net->node_count;
	h.adj = net->graph.off[net->node_count];
	h.slots = net->slot_mask + 1;
	h.strings = w.strings.len;
	h.warnings = nwarnings;
	h.body = body.len;
	h.checksum = 0;
	h.checksum = body_sum(&h, sizeof(h)) ^ body_sum(body.data, body.len);

	adv_write_part parts[2] = { { &h, sizeof(h) }, { body.data, body.len } };
	if (adv_write_atomic(path, parts, 2, NULL) < 0)
		goto done;
	rc = 0;
done:
	free(w.strings.data);
	free(body.data);
	return rc;
}

/* ------------------------------------------------------------------------
 * Reading
 * ------------------------------------------------------------------------ */

typedef struct reader {
	char *base;
	size_t len, at;
	const char *strings;
	uint64_t strings_len;
	int bad;
} reader;

static void *take(reader *r, size_t n)
{
	if (r->bad || n > r->len - r->at) {
		r->bad = 1;
		return NULL;
	}
	void *p = r->base + r->at;
	r->at += n + (8 - n % 8) % 8;
	if (r->at > r->len)
		r->at = r->len;
	return p;
}

static const char *decode_string(reader *r, const void *off)
{
	uintptr_t o = (uintptr_t)off;
	if (o == 0)
		return NULL;
	if (o - 1 >= r->strings_len) {
		r->bad = 1;
		return NULL;
	}
	return r->strings + (o - 1);
}

static cJSON *decode_extra(reader *r, const void *off)
{
	const char *text = decode_string(r, off);
	if (!text)
		return NULL;
	cJSON *v = cJSON_Parse(text);
	if (!v)
		r->bad = 1;
	return v;
}

static void decode_person(reader *r, adv_person *p, const header *h)
{
	p->id = decode_string(r, p->id);
	p->name = decode_string(r, p->name);
	p->headline = decode_string(r, p->headline);
	p->title = decode_string(r, p->title);
	p->company = decode_string(r, p->company);
	p->industry = decode_string(r, p->industry);
	p->location = decode_string(r, p->location);
	p->extra = decode_extra(r, p->extra);
	if (!p->id || !p->name || p->node >= h->nodes ||
	    (uint64_t)p->first_event + p->event_count > h->events ||
	    p->seniority > 7 || p->influencer < -1 || p->influencer > 1 ||
	    p->connected > 1 || p->connected_on.precision > ADV_DATE_DAY)
		r->bad = 1;
}

static void decode_event(reader *r, adv_event *e, const header *h)
{
	e->type_name = decode_string(r, e->type_name);
	e->context = decode_string(r, e->context);
	e->org = decode_string(r, e->org);
	e->reason = decode_string(r, e->reason);
	e->note = decode_string(r, e->note);
	e->message = decode_string(r, e->message);
	e->extra = decode_extra(r, e->extra);
	/* Enumerated bytes index name tables: each within its table. */
	if (!e->type_name || e->type >= ADV_EV__COUNT ||
	    (e->by != ADV_NO_NODE && e->by >= h->nodes) || e->tone > 4 ||
	    e->relation > (e->type == ADV_EV_PERSONAL ? 3 : 5) || e->ending > 3 ||
	    e->role > 3 || e->status > 7 || e->direction > 2 ||
	    e->date.precision > ADV_DATE_DAY || e->from.precision > ADV_DATE_DAY ||
	    e->to.precision > ADV_DATE_DAY)
		r->bad = 1;
}

int adv_cache_load(advisor_network **out, const char *path,
	const adv_cache_key *key, const char *source, adv_cache_warning warn,
	void *warn_payload)
{
	FILE *f = fopen(path, "rb");
	header h;
	reader r = { 0 };
	advisor_network *net = NULL;

	*out = NULL;
	if (!f)
		return 0;
	if (fread(&h, sizeof(h), 1, f) != 1 || memcmp(h.magic, MAGIC, 8) != 0 ||
	    h.version != CACHE_VERSION || h.endian != 0x01020304 ||
	    h.sizeof_person != sizeof(adv_person) ||
	    h.sizeof_event != sizeof(adv_event) ||
	    h.sizeof_pointer != sizeof(void *) ||
	    memcmp(&h.key, key, sizeof(*key)) != 0 || h.body > SIZE_MAX / 2 ||
	    h.nodes >= UINT32_MAX || h.events > UINT32_MAX || h.people > h.nodes ||
	    /* every count fits the body, so no size below can wrap */
	    h.people > h.body / sizeof(adv_person) ||
	    h.events > h.body / sizeof(adv_event) || h.nodes > h.body / 8 ||
	    h.warnings > h.body / 8 || h.slots > h.body / 8 ||
	    h.adj > h.body / 4 || h.strings > h.body ||
	    h.slots < 2 * h.nodes) { /* a table at most half full: probes end */
		fclose(f);
		return 0;
	}
	/* The body is the rest of the file, exactly: a damaged size is a miss,
	 * not a huge allocation. */
	struct stat st;
	if (fstat(fileno(f), &st) < 0 || st.st_size < 0 ||
	    (uint64_t)st.st_size != sizeof(h) + h.body) {
		fclose(f);
		return 0;
	}
	r.len = (size_t)h.body;
	if (!(r.base = malloc(r.len ? r.len : 1))) {
		fclose(f);
		return -1;
	}
	uint64_t sum = h.checksum;
	h.checksum = 0;
	if (fread(r.base, 1, r.len, f) != r.len ||
	    (body_sum(&h, sizeof(h)) ^ body_sum(r.base, r.len)) != sum) {
		fclose(f);
		free(r.base);
		return 0;
	}
	fclose(f);

	if (!(net = calloc(1, sizeof(*net))) || !(net->source = strdup(source))) {
		free(net);
		free(r.base);
		return -1;
	}
	net->blob = r.base;
	adv_arena_init(&net->arena);
	adv_person *me = take(&r, sizeof(adv_person));
	net->people = take(&r, h.people * sizeof(adv_person));
	net->events = take(&r, h.events * sizeof(adv_event));
	uint64_t *ids = take(&r, (h.nodes + h.warnings) * sizeof(uint64_t));
	net->node_person = take(&r, h.nodes * sizeof(int32_t));
	net->slots = take(&r, h.slots * sizeof(uint64_t));
	net->graph.off = take(&r, (h.nodes + 1) * sizeof(uint32_t));
	net->graph.adj = take(&r, h.adj * sizeof(uint32_t));
	r.strings = take(&r, h.strings);
	r.strings_len = h.strings;
	if (r.bad || !me || me->node >= h.nodes ||
	    (h.strings && r.strings[h.strings - 1] != '\0') ||
	    h.slots == 0 || (h.slots & (h.slots - 1)) != 0)
		goto miss;

	net->node_count = (uint32_t)h.nodes;
	net->slot_mask = (size_t)h.slots - 1;
	net->graph.n = (uint32_t)h.nodes;
	/* Until decoded, an extra holds an offset: count what is decoded, so
	 * that a miss half-way frees only real cJSON trees. */
	size_t people = (size_t)h.people, events = (size_t)h.events;
	net->people_count = net->event_count = 0;
	net->me = *me;
	decode_person(&r, &net->me, &h);
	for (size_t i = 0; i < people && !r.bad; i++, net->people_count++)
		decode_person(&r, &net->people[i], &h);
	for (size_t i = 0; i < events && !r.bad; i++, net->event_count++)
		decode_event(&r, &net->events[i], &h);
	/* node ids: the offsets become pointers in place (both 8 bytes). */
	net->node_ids = (const char **)ids;
	for (uint64_t v = 0; v < h.nodes && !r.bad; v++)
		net->node_ids[v] = decode_string(&r, (void *)(uintptr_t)ids[v]);
	for (uint64_t v = 0; v < h.nodes && !r.bad; v++) {
		int32_t p = net->node_person[v];
		if (!net->node_ids[v] || p < -2 || p >= (int64_t)h.people ||
		    net->graph.off[v] > net->graph.off[v + 1])
			r.bad = 1;
	}
	for (uint64_t i = 0; i < h.slots && !r.bad; i++)
		if (net->slots[i] != UINT64_MAX && (uint32_t)net->slots[i] >= h.nodes)
			r.bad = 1;
	if (!r.bad && net->graph.off[h.nodes] != h.adj)
		r.bad = 1;
	/* Rows strictly ascending, in range, without self-links: what the
	 * intersections rely on. */
	for (uint64_t v = 0; v < h.nodes && !r.bad; v++)
		for (uint32_t i = net->graph.off[v]; i < net->graph.off[v + 1]; i++)
			if (net->graph.adj[i] >= h.nodes || net->graph.adj[i] == v ||
			    (i > net->graph.off[v] &&
			     net->graph.adj[i - 1] >= net->graph.adj[i])) {
				r.bad = 1;
				break;
			}
	if (r.bad)
		goto miss;
	if (adv_graph_set_hub(&net->graph, net->me.node) < 0) {
		advisor_network_free(net);
		return -1;
	}
	for (uint64_t i = 0; warn && i < h.warnings && !r.bad; i++) {
		const char *msg = decode_string(&r, (void *)(uintptr_t)ids[h.nodes + i]);
		if (msg)
			warn(warn_payload, msg);
	}
	*out = net;
	return 1;
miss:
	advisor_network_free(net);
	return 0;
}
