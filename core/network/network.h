/*
 * network.h - the in-memory network: people, their events with you, and the
 * graph, built once by a loader and read-only afterwards.
 */
#ifndef ADV_NETWORK_H
#define ADV_NETWORK_H

#include <stdint.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "advisor.h"
#include "network/graph.h"
#include "network/schema.h"
#include "util/arena.h"
#include "util/date.h"

/* Enumerated values.  0 always means "absent"; the names tables below are
 * indexed by value and end with NULL, and are declared with their size for
 * ADV_ENUM_MAX (a table of another size does not compile). */
typedef enum adv_event_type {
	ADV_EV_OTHER = 0, /* a type the contract does not list, kept by name */
	ADV_EV_MET,
	ADV_EV_WORKED_TOGETHER,
	ADV_EV_PERSONAL,
	ADV_EV_INTRODUCED,
	ADV_EV_INTERVIEW,
	ADV_EV_MESSAGE,
	ADV_EV_INVITATION,
	ADV_EV_RECOMMENDATION,
	ADV_EV_ENDORSEMENT,
	ADV_EV__COUNT
} adv_event_type;

extern const char *const adv_event_type_names[11];  /* [0] is NULL */
extern const char *const adv_seniority_names[9];
extern const char *const adv_tone_names[6];
extern const char *const adv_work_relation_names[7];
extern const char *const adv_personal_relation_names[5];
extern const char *const adv_ending_names[5];
extern const char *const adv_role_names[5];
extern const char *const adv_status_names[9];
extern const char *const adv_direction_names[4];
/* An event's direction, as adv_direction_names numbers it (0: not said). */
enum { ADV_DIRECTION_IN = 1, ADV_DIRECTION_OUT = 2 };

enum { ADV_ENDING_GOOD = 1, ADV_ENDING_NEUTRAL, ADV_ENDING_BAD };
enum { ADV_STATUS_APPLIED = 1, ADV_STATUS_SCHEDULED, ADV_STATUS_DONE,
       ADV_STATUS_OFFER, ADV_STATUS_HIRED, ADV_STATUS_REJECTED,
       ADV_STATUS_WITHDRAWN };

/* Index of s in a names table (>= 1), or 0 if it is not there. */
int adv_enum_lookup(const char *const *names, const char *s);

#define ADV_NO_NODE UINT32_MAX

/* Is ev (of net) of the type named `name`, whose adv_enum_lookup() is
 * `want`?  Known types compare as numbers; custom ones (want 0) by name. */
#define adv_event_is(net, ev, want, name) \
	((want) ? (ev)->type == (want) : \
		strcmp(adv_str(net, (ev)->type_name), (name)) == 0)

typedef struct adv_event {
	uint8_t type;       /* adv_event_type */
	ADV_EVENT_SCHEMA(ADV_SCHEMA_MEMBER)
	adv_sref type_name;     /* as written, for every type */
	cJSON *extra;       /* fields the contract does not define, or NULL:
	                       an object of those the library reads in C
	                       (load/json.c, read_in_c), the others its
	                       rest as text (adv_json_rest, json/strict.h) */
} adv_event;

typedef struct adv_person {
	adv_sref id;        /* the node's id */
	ADV_PERSON_SCHEMA(ADV_SCHEMA_MEMBER)
	uint32_t node;
	uint32_t first_event, event_count;
	cJSON *extra;       /* fields the contract does not define, or NULL:
	                       an object of those the library reads in C
	                       (load/json.c, read_in_c), the others its
	                       rest as text (adv_json_rest, json/strict.h) */
} adv_person;

/* Another id of a person: the id an import gave someone the user added by
 * hand, once the two are one person.  A network's aliases are sorted by
 * id, and no alias is an id of a node. */
typedef struct adv_alias {
	adv_sref id;
	uint32_t node;      /* the person's node */
	uint32_t person;    /* while building: who declared it, for messages */
} adv_alias;

struct advisor_network {
	char *source;           /* file name, for messages */
	adv_arena arena;        /* every string and node id */
	uintptr_t text_base;    /* what every adv_sref counts from (schema.h) */
	adv_person me;
	adv_person *people;
	size_t people_count;
	adv_event *events;
	size_t event_count;
	/* Interned ids: node -> id, node -> person index (-1 bare, -2 me),
	 * and an open-addressing table id -> node. */
	adv_sref *node_ids;
	int32_t *node_person;
	uint32_t node_count;
	uint64_t *slots;        /* hash tag << 32 | node; all ones when empty */
	size_t slot_mask;
	adv_alias *aliases;     /* sorted by id; lookups fall back to them */
	size_t alias_count;
	adv_graph graph;
	/* Set when the arrays above belong to something else (a snapshot,
	 * mapped or read in, whose arena is empty): freeing the network calls
	 * release(net) instead of freeing them one by one.  backing is
	 * release's own. */
	void (*release)(advisor_network *net);
	void *backing;
};

/* The string s of net, or NULL for none. */
static inline const char *adv_str(const advisor_network *net, adv_sref s)
{
	return s.at ? (const char *)(net->text_base + s.at) : NULL;
}

/* A string of a network built in memory (text_base 0): its address. */
static inline adv_sref adv_sref_of(const char *s)
{
	return (adv_sref){ (uintptr_t)s };
}

/* A string that is not net's own (a literal, an explanation's added
 * fact's type name) as an adv_sref of net: adv_str(net, ...) gives s back,
 * whatever net's base (the sum wraps around, as unsigned sums do). */
static inline adv_sref adv_sref_outside(const advisor_network *net,
	const char *s)
{
	return (adv_sref){ (uintptr_t)s - net->text_base };
}

/* The id of a node. */
static inline const char *adv_node_id(const advisor_network *net, uint32_t node)
{
	return adv_str(net, net->node_ids[node]);
}

#define ADV_NODE_BARE (-1)
#define ADV_NODE_ME (-2)

/* The node of an id (or of an alias: its person's), or ADV_NO_NODE. */
uint32_t adv_network_find(const advisor_network *net, const char *id);

/* Are a snapshot's aliases sound: each a string of the network (checked by
 * the caller), in strictly ascending order, naming a declared person's
 * node, and none an id of a node?  0, or 1 with what is wrong in why. */
int adv_network_check_aliases(const advisor_network *net, char *why,
	size_t len);

/* Is the id table of a network whose arrays were not built here (a
 * snapshot's) consistent with its ids: a free slot at least, every other
 * slot holding a node < node_count, every node in exactly one slot, which
 * holds the hash of its id and which a lookup of that id reaches before any
 * other node of the same id?  Then every lookup ends, reads only ids of
 * nodes, and finds every node by its id.  The ids must be readable.  0, or
 * 1 with what is wrong in why. */
int adv_network_check_ids(const advisor_network *net, char *why, size_t len);

/* The person (or me) at a node, or NULL for a bare node. */
const adv_person *adv_network_node_person(const advisor_network *net,
	uint32_t node);

/* The person with this id (me included), or NULL. */
const adv_person *adv_network_person(const advisor_network *net,
	const char *id);

/* The person (or me) whose profile_url is the LinkedIn profile URL `url`
 * (compared as keys, util/url.h), or NULL: for text that is no LinkedIn
 * URL, for no such person, and out of memory (*nomem set then). */
const adv_person *adv_network_person_by_url(const advisor_network *net,
	const char *url, int *nomem);

/* ------------------------------------------------------------------------
 * Building.  Loaders feed a builder; on any error they free it, so a network
 * is either complete or never seen.
 * ------------------------------------------------------------------------ */

/* An introduced.by to check once every person is known. */
typedef struct adv_pending_ref {
	uint32_t node;
	size_t person, event;  /* people[person].events[event].by */
} adv_pending_ref;

typedef struct adv_builder {
	advisor_network *net;
	size_t people_cap, events_cap, nodes_cap;
	adv_links links;
	adv_pending_ref *refs;
	size_t ref_count, ref_cap;
	unsigned char *declared;  /* per node: a person declared this id */
	adv_key_index person_keys;  /* adv_person_keys, for the loaders */
	/* The network's custom_event_types: types of the user's own, loaded
	 * without the unknown-type warning (strings in the arena). */
	const char **custom_types;
	size_t custom_type_count;
	size_t alias_cap;         /* of net->aliases, while building */
} adv_builder;

int adv_builder_init(adv_builder *b, const char *source, advisor_error *err);
void adv_builder_discard(adv_builder *b);

/* Intern an id; returns its node or ADV_NO_NODE when out of memory. */
uint32_t adv_builder_intern(adv_builder *b, const char *id);
/* The same for an id of len bytes, with a NUL after them. */
uint32_t adv_builder_intern_n(adv_builder *b, const char *id, size_t len);
/* The same for n ids at once (ids[i] of lens[i] bytes), into nodes[i], in
 * order: the table is read ahead for the batch.  0, or -1 when out of
 * memory. */
int adv_builder_intern_all(adv_builder *b, size_t n, const char *const *ids,
	const uint32_t *lens, uint32_t *nodes);

/* Room for one more person / event; NULL when out of memory. */
adv_person *adv_builder_new_person(adv_builder *b);
adv_event *adv_builder_new_event(adv_builder *b);

/* Claim a node as a declared person; -1 if already declared. */
int adv_builder_declare(adv_builder *b, uint32_t node);

int adv_builder_link(adv_builder *b, uint32_t x, uint32_t y);
int adv_builder_ref(adv_builder *b, uint32_t node, size_t person, size_t event);

/* Another id of people[person] (at node), copied; checked at finish: no
 * alias twice, none an id.  -1 when out of memory. */
int adv_builder_alias(adv_builder *b, uint32_t node, size_t person,
	const char *id);

/* Formats, for messages, where a person (event == ADV_NO_EVENT) or one of
 * their events was read: "net.json: people[3].events[1]" or
 * "net.ndjson:12: events[1]". */
#define ADV_NO_EVENT SIZE_MAX
typedef void (*adv_where)(void *ctx, char *buf, size_t len, size_t person,
	size_t event);

/* Check references and links to me, build the graph and hand over the
 * network; on failure, discard everything. */
int adv_builder_finish(adv_builder *b, advisor_network **out,
	adv_where where, void *where_ctx, advisor_error *err);

#endif
