/*
 * network.c - interning ids, building a network, and reading it back.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "network/network.h"
#include "util/error.h"

const char *const adv_event_type_names[] = { NULL, "met", "worked_together",
	"personal", "introduced", "interview", "message", "invitation",
	"recommendation", "endorsement", NULL };
const char *const adv_seniority_names[] = { NULL, "student", "entry", "senior",
	"manager", "director", "executive", "founder", NULL };
const char *const adv_tone_names[] = { NULL, "cordial", "neutral", "awkward",
	"hostile", NULL };
const char *const adv_work_relation_names[] = { NULL, "boss", "report", "peer",
	"client", "employer", NULL };
const char *const adv_personal_relation_names[] = { NULL, "ex", "friend",
	"family", NULL };
const char *const adv_ending_names[] = { NULL, "good", "neutral", "bad", NULL };
const char *const adv_role_names[] = { NULL, "hiring_manager", "interviewer",
	"recruiter", NULL };
const char *const adv_status_names[] = { NULL, "applied", "scheduled", "done",
	"offer", "hired", "rejected", "withdrawn", NULL };
const char *const adv_direction_names[] = { NULL, "in", "out", NULL };

int adv_enum_lookup(const char *const *names, const char *s)
{
	for (int i = 1; names[i]; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return 0;
}

/* FNV-1a: short ids, good spread, no state. */
static uint64_t hash_id(const char *s)
{
	uint64_t h = 14695981039346656037ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

/* The same over len bytes. */
static uint64_t hash_id_n(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* A slot holds a node and 32 bits of its id's hash: probes compare the
 * hash before the string, so a miss rarely touches an id (a cache miss
 * each), and growing the table never rehashes a string. */
#define SLOT_EMPTY UINT64_MAX
#define SLOT(tag, node) (((uint64_t)(tag) << 32) | (node))
#define SLOT_TAG(s) ((uint32_t)((s) >> 32))
#define SLOT_NODE(s) ((uint32_t)(s))

/* The node of id, or ADV_NO_NODE with *at the empty slot where it would
 * go. */
static uint32_t probe(const advisor_network *net, const char *id,
	uint32_t tag, size_t *at)
{
	for (size_t i = tag & net->slot_mask;; i = (i + 1) & net->slot_mask) {
		uint64_t s = net->slots[i];
		if (s == SLOT_EMPTY) {
			*at = i;
			return ADV_NO_NODE;
		}
		if (SLOT_TAG(s) == tag && strcmp(adv_node_id(net, SLOT_NODE(s)), id) == 0)
			return SLOT_NODE(s);
	}
}

static int alias_cmp(const void *key, const void *item)
{
	const struct alias_key { const advisor_network *net; const char *id; } *k = key;
	return strcmp(k->id, adv_str(k->net, ((const adv_alias *)item)->id));
}

uint32_t adv_network_find(const advisor_network *net, const char *id)
{
	size_t at;
	if (!net->slots)
		return ADV_NO_NODE;
	uint32_t node = probe(net, id, (uint32_t)hash_id(id), &at);
	if (node != ADV_NO_NODE || !net->alias_count)
		return node;
	struct alias_key { const advisor_network *net; const char *id; } k = { net, id };
	const adv_alias *a = bsearch(&k, net->aliases, net->alias_count,
		sizeof(*a), alias_cmp);
	return a ? a->node : ADV_NO_NODE;
}

int adv_network_check_aliases(const advisor_network *net, char *why,
	size_t len)
{
	size_t at;
	for (size_t i = 0; i < net->alias_count; i++) {
		const adv_alias *a = &net->aliases[i];
		const char *id = adv_str(net, a->id);
		if (a->node >= net->node_count || net->node_person[a->node] < 0) {
			snprintf(why, len, "alias %zu is not of a person", i);
			return 1;
		}
		if (i && strcmp(adv_str(net, net->aliases[i - 1].id), id) >= 0) {
			snprintf(why, len, "alias %zu is out of order", i);
			return 1;
		}
		if (probe(net, id, (uint32_t)hash_id(id), &at) != ADV_NO_NODE) {
			snprintf(why, len, "alias %zu is an id", i);
			return 1;
		}
	}
	return 0;
}

int adv_network_check_ids(const advisor_network *net, char *why, size_t len)
{
	size_t size = net->slot_mask + 1, start = 0, run = 0, found = 0;
	uint32_t n = net->node_count;

	while (start < size && net->slots[start] != SLOT_EMPTY)
		start++;
	if (start == size) {
		snprintf(why, len, "the id table has no free slot");
		return 1;
	}
	/* From a free slot on, run counts the slots taken just before slot i:
	 * a lookup from its home slot reaches slot i if none of the slots
	 * between is free.  A node in two slots has its id's hash in both and
	 * both reached from one home slot, so the later finds the earlier on
	 * its way, as a duplicate id: with none, and as many slots taken as
	 * nodes, each node is in exactly one slot. */
	for (size_t k = 1; k <= size; k++) {
		size_t i = (start + k) & net->slot_mask;
		uint64_t s = net->slots[i];
		if (s == SLOT_EMPTY) {
			run = 0;
			continue;
		}
		uint32_t v = SLOT_NODE(s);
		if (v >= n) {
			snprintf(why, len, "the id table's slot %zu names node %" PRIu32
				", past the %" PRIu32 " nodes", i, v, n);
			return 1;
		}
		found++;
		const char *id = adv_node_id(net, v);
		uint32_t tag = (uint32_t)hash_id(id);
		size_t home = tag & net->slot_mask;
		if (SLOT_TAG(s) != tag) {
			snprintf(why, len, "the id table's slot %zu does not hold the hash of "
				"node %" PRIu32 "'s id", i, v);
			return 1;
		}
		if (((i - home) & net->slot_mask) > run) {
			snprintf(why, len, "the id table's slot %zu (node %" PRIu32
				") cannot be reached from its id's slot", i, v);
			return 1;
		}
		/* A lookup passes the slots from home to i, checked already: none
		 * may hold the same id. */
		for (size_t j = home; j != i; j = (j + 1) & net->slot_mask) {
			uint64_t o = net->slots[j];
			if (SLOT_TAG(o) == tag && strcmp(adv_node_id(net, SLOT_NODE(o)), id) == 0) {
				if (SLOT_NODE(o) == v)
					snprintf(why, len, "the id table holds node %" PRIu32 " twice", v);
				else
					snprintf(why, len, "nodes %" PRIu32 " and %" PRIu32
						" have the same id", SLOT_NODE(o), v);
				return 1;
			}
		}
		run++;
	}
	if (found != n) {
		snprintf(why, len, "the id table holds %zu of the %" PRIu32 " nodes",
			found, n);
		return 1;
	}
	return 0;
}

const adv_person *adv_network_node_person(const advisor_network *net,
	uint32_t node)
{
	if (node >= net->node_count)
		return NULL;
	int32_t p = net->node_person[node];
	if (p == ADV_NODE_ME)
		return &net->me;
	return p >= 0 ? &net->people[p] : NULL;
}

const adv_person *adv_network_person(const advisor_network *net,
	const char *id)
{
	uint32_t node = adv_network_find(net, id);
	return node == ADV_NO_NODE ? NULL : adv_network_node_person(net, node);
}

/* ------------------------------------------------------------------------ */

static void free_network(advisor_network *net)
{
	if (!net)
		return;
	if (net->release) {
		net->release(net);
		free(net->source);
		free(net);
		return;
	}
	cJSON_Delete(net->me.extra);
	for (size_t i = 0; i < net->people_count; i++)
		cJSON_Delete(net->people[i].extra);
	for (size_t i = 0; i < net->event_count; i++)
		cJSON_Delete(net->events[i].extra);
	free(net->people);
	free(net->events);
	free(net->node_ids);
	free(net->node_person);
	free(net->slots);
	free(net->aliases);
	adv_graph_free(&net->graph);
	adv_arena_free(&net->arena);
	free(net->source);
	free(net);
}

void advisor_network_free(advisor_network *net)
{
	free_network(net);
}

int adv_builder_init(adv_builder *b, const char *source, advisor_error *err)
{
	memset(b, 0, sizeof(*b));
	b->net = calloc(1, sizeof(*b->net));
	if (!b->net || !(b->net->source = strdup(source))) {
		free(b->net);
		b->net = NULL;
		return adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory", source);
	}
	adv_arena_init(&b->net->arena);
	/* Cannot fail: test_schema checks the keys fit the index. */
	(void)adv_key_index_init(&b->person_keys, adv_person_keys, ADV_PK__COUNT);
	b->net->me.node = ADV_NO_NODE;
#define ABSENT(kind, member, names) ADV_SCHEMA_ABSENT_##kind(&b->net->me, member)
	ADV_PERSON_SCHEMA(ABSENT)
#undef ABSENT
	return ADVISOR_OK;
}

void adv_builder_discard(adv_builder *b)
{
	free_network(b->net);
	adv_links_free(&b->links);
	free(b->refs);
	free(b->declared);
	memset(b, 0, sizeof(*b));
}

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return 0;
	size_t n = *cap ? *cap : 64;
	while (n < need)
		n *= 2;
	void *q = realloc(*p, n * size);
	if (!q)
		return -1;
	*p = q;
	*cap = n;
	return 0;
}

static int rehash(advisor_network *net, size_t cap)
{
	uint64_t *slots = malloc(cap * sizeof(uint64_t));
	if (!slots)
		return -1;
	memset(slots, 0xff, cap * sizeof(uint64_t));
	for (size_t k = 0; net->slots && k <= net->slot_mask; k++) {
		uint64_t s = net->slots[k];
		if (s == SLOT_EMPTY)
			continue;
		size_t i = SLOT_TAG(s) & (cap - 1);
		while (slots[i] != SLOT_EMPTY)
			i = (i + 1) & (cap - 1);
		slots[i] = s;
	}
	free(net->slots);
	net->slots = slots;
	net->slot_mask = cap - 1;
	return 0;
}

uint32_t adv_builder_intern(adv_builder *b, const char *id)
{
	return adv_builder_intern_n(b, id, strlen(id));
}

static uint32_t intern_tagged(adv_builder *b, const char *id, size_t len,
	uint32_t tag);

uint32_t adv_builder_intern_n(adv_builder *b, const char *id, size_t len)
{
	return intern_tagged(b, id, len, (uint32_t)hash_id_n(id, len));
}

#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

/*
 * A million people's table, ids and id strings are far bigger than the
 * caches, and a lookup waits for each in turn: its slot, then node_ids[],
 * then the string to compare.  For a batch of ids, ask for every slot
 * first, then every node's id pointer, then every string, so that the
 * waits overlap; then intern them in order as adv_builder_intern_n does.
 */
#define BATCH 16

int adv_builder_intern_all(adv_builder *b, size_t n, const char *const *ids,
	const uint32_t *lens, uint32_t *nodes)
{
	uint32_t tags[BATCH];

	for (size_t from = 0; from < n; from += BATCH) {
		size_t k = n - from < BATCH ? n - from : BATCH;
		const advisor_network *net = b->net;
		if (net->slots) {
			for (size_t i = 0; i < k; i++) {
				tags[i] = (uint32_t)hash_id_n(ids[from + i], lens[from + i]);
				PREFETCH(&net->slots[tags[i] & net->slot_mask]);
			}
			for (size_t i = 0; i < k; i++) {
				uint64_t s = net->slots[tags[i] & net->slot_mask];
				if (s != SLOT_EMPTY && SLOT_TAG(s) == tags[i])
					PREFETCH(&net->node_ids[SLOT_NODE(s)]);
			}
			for (size_t i = 0; i < k; i++) {
				uint64_t s = net->slots[tags[i] & net->slot_mask];
				if (s != SLOT_EMPTY && SLOT_TAG(s) == tags[i])
					PREFETCH(adv_node_id(net, SLOT_NODE(s)));
			}
		} else {
			for (size_t i = 0; i < k; i++)
				tags[i] = (uint32_t)hash_id_n(ids[from + i], lens[from + i]);
		}
		for (size_t i = 0; i < k; i++)
			if ((nodes[from + i] = intern_tagged(b, ids[from + i],
					lens[from + i], tags[i])) == ADV_NO_NODE)
				return -1;
	}
	return 0;
}

static uint32_t intern_tagged(adv_builder *b, const char *id, size_t len,
	uint32_t tag)
{
	advisor_network *net = b->net;
	size_t at = 0;
	uint32_t node;

	/* Keep the table at most half full. */
	if (!net->slots || ((size_t)net->node_count + 1) * 2 > net->slot_mask + 1) {
		size_t slots = net->slots ? (net->slot_mask + 1) * 2 : 1024;
		if (rehash(net, slots) < 0)
			return ADV_NO_NODE;
	}
	if ((node = probe(net, id, tag, &at)) != ADV_NO_NODE)
		return node;
	if (net->node_count >= UINT32_MAX - 1)
		return ADV_NO_NODE;

	size_t need = (size_t)net->node_count + 1;
	size_t cap = b->nodes_cap;
	if (grow((void **)&net->node_ids, &cap, need, sizeof(adv_sref)) < 0)
		return ADV_NO_NODE;
	cap = b->nodes_cap;
	if (grow((void **)&net->node_person, &cap, need, sizeof(int32_t)) < 0)
		return ADV_NO_NODE;
	cap = b->nodes_cap;
	if (grow((void **)&b->declared, &cap, need, 1) < 0)
		return ADV_NO_NODE;
	b->nodes_cap = cap;

	const char *copy = adv_arena_strndup(&net->arena, id, len);
	if (!copy)
		return ADV_NO_NODE;
	node = net->node_count++;
	net->node_ids[node] = adv_sref_of(copy);
	net->node_person[node] = ADV_NODE_BARE;
	b->declared[node] = 0;

	net->slots[at] = SLOT(tag, node);
	return node;
}

adv_person *adv_builder_new_person(adv_builder *b)
{
	advisor_network *net = b->net;
	if (grow((void **)&net->people, &b->people_cap, net->people_count + 1,
		 sizeof(adv_person)) < 0)
		return NULL;
	adv_person *p = &net->people[net->people_count++];
	memset(p, 0, sizeof(*p));
#define ABSENT(kind, member, names) ADV_SCHEMA_ABSENT_##kind(p, member)
	ADV_PERSON_SCHEMA(ABSENT)
#undef ABSENT
	p->node = ADV_NO_NODE;
	p->first_event = (uint32_t)net->event_count;
	return p;
}

adv_event *adv_builder_new_event(adv_builder *b)
{
	advisor_network *net = b->net;
	if (net->event_count >= UINT32_MAX ||
	    grow((void **)&net->events, &b->events_cap, net->event_count + 1,
		 sizeof(adv_event)) < 0)
		return NULL;
	adv_event *e = &net->events[net->event_count++];
	memset(e, 0, sizeof(*e));
#define ABSENT(kind, member, names) ADV_SCHEMA_ABSENT_##kind(e, member)
	ADV_EVENT_SCHEMA(ABSENT)
#undef ABSENT
	return e;
}

int adv_builder_declare(adv_builder *b, uint32_t node)
{
	if (b->declared[node])
		return -1;
	b->declared[node] = 1;
	return 0;
}

int adv_builder_link(adv_builder *b, uint32_t x, uint32_t y)
{
	return adv_links_add(&b->links, x, y);
}

int adv_builder_ref(adv_builder *b, uint32_t node, size_t person, size_t event)
{
	if (grow((void **)&b->refs, &b->ref_cap, b->ref_count + 1,
		 sizeof(*b->refs)) < 0)
		return -1;
	b->refs[b->ref_count++] = (adv_pending_ref){ node, person, event };
	return 0;
}

int adv_builder_alias(adv_builder *b, uint32_t node, size_t person,
	const char *id)
{
	advisor_network *net = b->net;
	const char *copy = adv_arena_strdup(&net->arena, id);
	if (!copy || grow((void **)&net->aliases, &b->alias_cap,
			net->alias_count + 1, sizeof(*net->aliases)) < 0)
		return -1;
	net->aliases[net->alias_count++] = (adv_alias){ adv_sref_of(copy), node,
		(uint32_t)person };
	return 0;
}

static int by_alias(const void *x, const void *y)
{
	/* A network being built has text_base 0: srefs are addresses. */
	return strcmp((const char *)((const adv_alias *)x)->id.at,
		(const char *)((const adv_alias *)y)->id.at);
}

/* Aliases sorted, each once, none an id of a node (a person's, or one a
 * connections list or introduction names). */
static int finish_aliases(adv_builder *b, adv_where where, void *where_ctx,
	advisor_error *err)
{
	advisor_network *net = b->net;
	char place[512];

	if (!net->alias_count)
		return 0;
	qsort(net->aliases, net->alias_count, sizeof(*net->aliases), by_alias);
	for (size_t i = 0; i < net->alias_count; i++) {
		const adv_alias *a = &net->aliases[i];
		const char *id = adv_str(net, a->id);
		size_t at;
		uint32_t node = net->slots ? probe(net, id, (uint32_t)hash_id(id),
			&at) : ADV_NO_NODE;
		if (node == ADV_NO_NODE && (!i || strcmp(id,
				adv_str(net, net->aliases[i - 1].id)) != 0))
			continue;
		where(where_ctx, place, sizeof(place), a->person, ADV_NO_EVENT);
		if (node == ADV_NO_NODE)
			return adv_error_set(err, ADVISOR_EDATA, "%s.aliases: \"%s\" is "
				"an alias of two people (\"%s\" and \"%s\"); expected it "
				"once", place, id, adv_node_id(net, a->node),
				adv_node_id(net, net->aliases[i - 1].node));
		if (node == a->node)
			return adv_error_set(err, ADVISOR_EDATA, "%s.aliases: \"%s\" is "
				"the person's own id; expected their other ids", place, id);
		return adv_error_set(err, ADVISOR_EDATA, "%s.aliases: \"%s\" is also "
			"the id of %s; expected an id that names this person only",
			place, id, net->node_person[node] >= 0 ? "another person" :
			"someone in a connections list");
	}
	return 0;
}

int adv_builder_finish(adv_builder *b, advisor_network **out,
	adv_where where, void *where_ctx, advisor_error *err)
{
	advisor_network *net = b->net;
	char place[512];

	*out = NULL;
	if (finish_aliases(b, where, where_ctx, err) < 0)
		goto fail;
	for (size_t i = 0; i < b->ref_count; i++) {
		const adv_pending_ref *r = &b->refs[i];
		if (net->node_person[r->node] >= 0)
			continue;
		where(where_ctx, place, sizeof(place), r->person, r->event);
		adv_error_set(err, ADVISOR_EDATA, r->node == net->me.node
			? "%s.by: \"%s\" is you; expected the id of the person who introduced you"
			: "%s.by: \"%s\" names nobody: expected the id of a person in the network",
			place, adv_node_id(net, r->node));
		goto fail;
	}

	/* A link to me is a first-degree connection: the person must say so
	 * with connected: true, or the file contradicts itself. */
	for (size_t i = 0; i < b->links.count; i++) {
		uint32_t x = b->links.pairs[i][0], y = b->links.pairs[i][1];
		uint32_t other = x == net->me.node ? y : y == net->me.node ? x : ADV_NO_NODE;
		int32_t p = other == ADV_NO_NODE ? -1 : net->node_person[other];
		if (p >= 0 && !net->people[p].connected) {
			where(where_ctx, place, sizeof(place), (size_t)p, ADV_NO_EVENT);
			adv_error_set(err, ADVISOR_EDATA,
				"%s: linked to me (\"%s\") in a connections list, but connected is not true; "
				"expected connected: true for a first-degree connection",
				place, adv_str(net, net->me.id));
			goto fail;
		}
	}

	/* me's first-degree connections are the people marked connected. */
	for (size_t i = 0; i < net->people_count; i++)
		if (net->people[i].connected &&
		    adv_builder_link(b, net->me.node, net->people[i].node) < 0)
			goto nomem;
	if (adv_graph_build(&net->graph, net->node_count, &b->links) < 0 ||
	    adv_graph_seal(&net->graph, net->me.node) < 0)
		goto nomem;

	*out = net;
	b->net = NULL;
	adv_builder_discard(b);
	return ADVISOR_OK;
fail:
	adv_builder_discard(b);
	return ADVISOR_EDATA;
nomem:
	adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory building the graph",
		net->source);
	adv_builder_discard(b);
	return ADVISOR_ENOMEM;
}

/* ------------------------------------------------------------------------ */

size_t advisor_network_person_count(const advisor_network *net)
{
	return net ? net->people_count : 0;
}

const char *advisor_network_person_id(const advisor_network *net, size_t i)
{
	return net && i < net->people_count ? adv_str(net, net->people[i].id) : NULL;
}

const char *advisor_network_person_name(const advisor_network *net,
	const char *id)
{
	const adv_person *p = net && id ? adv_network_person(net, id) : NULL;
	return p ? adv_str(net, p->name) : NULL;
}

const char *advisor_network_person_key(const advisor_network *net,
	const char *id)
{
	const adv_person *p = net && id ? adv_network_person(net, id) : NULL;
	return p ? adv_str(net, p->id) : NULL;
}

unsigned int advisor_network_person_connected(
	const advisor_network *net, const char *id)
{
	const adv_person *p = net && id ? adv_network_person(net, id) : NULL;
	return p && p != &net->me && p->connected;
}

const char *advisor_network_me(const advisor_network *net)
{
	return net ? adv_str(net, net->me.id) : NULL;
}
