/*
 * schema.h - the fields of people and events, declared once.
 *
 * Each list below names a field by its kind, its member (which is also its
 * key in the file and in the Lua bridge) and, for an enumerated field, the
 * table of its names.  The struct members (network.h), the loaders' field
 * tables (load/json.c), the snapshot's encoding and checks
 * (snapshot/snapshot.c) and the bridge's fields (lua/person.c) are all
 * expanded from these lists, so a new field of a kind below is one line
 * here plus its documentation.  tests/unit/network/test_schema.c checks
 * that every field loads, is read from Lua and survives a snapshot.
 *
 * Kinds:
 *   REQSTR   a non-empty string, required        adv_sref
 *   STR      a string, or absent (0)             adv_sref
 *   ENUM     one of names[1..], or 0 absent      uint8_t
 *   TRIBOOL  true/false, or -1 absent            int8_t
 *   BOOL     true/false, false when absent       uint8_t
 *   COUNT    an integer 0..2^53-1, or -1 absent  int64_t
 *   DATE     a date, precision 0 when absent     adv_date
 *   RELATION an enum whose names depend on the event's type   uint8_t
 *   NODE     a person's node, ADV_NO_NODE absent uint32_t
 *
 * X(kind, member, names): names is the ENUM's table, else 0.
 */
#ifndef ADV_SCHEMA_H
#define ADV_SCHEMA_H

#include <stdint.h>
#include <string.h>

#include "util/date.h"

/* A string of the network (a field, an id): 0 for none, else its place
 * counted from the network's string base (advisor_network.text_base).  A
 * network built in memory has base 0, so its strings are their addresses;
 * one opened from a snapshot has the base of the file's string section, so
 * the file holds offsets, valid wherever it is mapped.  Read with adv_str()
 * (network.h); a struct, so that it is never taken for a pointer. */
typedef struct adv_sref {
	uintptr_t at;
} adv_sref;

/* A person's fields as read from the file; the id (interned, the node's
 * own), the node and the event range are not fields of the schema.  The
 * order is the struct's: strings (8 bytes each), then the small members,
 * so that the layout has no holes. */
#define ADV_PERSON_SCHEMA(X) \
	X(REQSTR, name, 0) \
	X(STR, first_name, 0) \
	X(STR, headline, 0) \
	X(STR, title, 0) \
	X(STR, company, 0) \
	X(STR, industry, 0) \
	X(STR, location, 0) \
	X(ENUM, seniority, adv_seniority_names) \
	X(TRIBOOL, influencer, 0) \
	X(BOOL, connected, 0) \
	X(COUNT, followers, 0) \
	X(DATE, connected_on, 0)

/* An event's fields besides its type (a number and the name as written).
 * Which fields each type defines, and which it requires, is the loader's
 * (load/json.c); the members are shared by every type. */
#define ADV_EVENT_SCHEMA(X) \
	X(ENUM, tone, adv_tone_names) \
	X(RELATION, relation, 0) \
	X(ENUM, ending, adv_ending_names) \
	X(ENUM, role, adv_role_names) \
	X(ENUM, status, adv_status_names) \
	X(ENUM, direction, adv_direction_names) \
	X(DATE, date, 0) \
	X(DATE, from, 0) \
	X(DATE, to, 0) \
	X(NODE, by, 0) \
	X(STR, context, 0) \
	X(STR, org, 0) \
	X(STR, reason, 0) \
	X(STR, note, 0) \
	X(STR, message, 0) \
	X(STR, skill, 0)

/* The C type of each kind. */
#define ADV_SCHEMA_CTYPE_REQSTR adv_sref
#define ADV_SCHEMA_CTYPE_STR adv_sref
#define ADV_SCHEMA_CTYPE_ENUM uint8_t
#define ADV_SCHEMA_CTYPE_TRIBOOL int8_t
#define ADV_SCHEMA_CTYPE_BOOL uint8_t
#define ADV_SCHEMA_CTYPE_COUNT int64_t
#define ADV_SCHEMA_CTYPE_DATE adv_date
#define ADV_SCHEMA_CTYPE_RELATION uint8_t
#define ADV_SCHEMA_CTYPE_NODE uint32_t

#define ADV_SCHEMA_MEMBER(kind, member, names) \
	ADV_SCHEMA_CTYPE_##kind member;

/* Setting a member to its kind's "absent" (after a memset to 0, which is
 * absent for the other kinds). */
#define ADV_SCHEMA_ABSENT_REQSTR(rec, member)
#define ADV_SCHEMA_ABSENT_STR(rec, member)
#define ADV_SCHEMA_ABSENT_ENUM(rec, member)
#define ADV_SCHEMA_ABSENT_TRIBOOL(rec, member) (rec)->member = -1;
#define ADV_SCHEMA_ABSENT_BOOL(rec, member)
#define ADV_SCHEMA_ABSENT_COUNT(rec, member) (rec)->member = -1;
#define ADV_SCHEMA_ABSENT_DATE(rec, member)
#define ADV_SCHEMA_ABSENT_RELATION(rec, member)
#define ADV_SCHEMA_ABSENT_NODE(rec, member) (rec)->member = UINT32_MAX;

/* The member's name as a string: its key in the file and in Lua. */
#define ADV_SCHEMA_KEY(kind, member, names) #member,

/* The largest value of an enumerated field: its names table is declared
 * with its size (network.h), { NULL, names..., NULL }. */
#define ADV_ENUM_MAX(names) ((int)(sizeof(names) / sizeof((names)[0])) - 2)

/* The keys of a person object in a file: the id, the schema's fields,
 * then the three lists.  ADV_PK_<member> numbers each. */
#define ADV_PK_NUMBER(kind, member, names) ADV_PK_##member,
enum { ADV_PK_id, ADV_PERSON_SCHEMA(ADV_PK_NUMBER) ADV_PK_connections,
	ADV_PK_aliases, ADV_PK_events, ADV_PK__COUNT };

extern const char *const adv_person_keys[ADV_PK__COUNT + 1];  /* NULL-ended */

/* Keys by first letter, for a loader that asks for every member of every
 * person: first[c - 'a'] lists the numbers + 1 of the keys that start with
 * c, 0 ending the list. */
#define ADV_KEYS_PER_LETTER 8
typedef struct adv_key_index {
	unsigned char first[26][ADV_KEYS_PER_LETTER];
} adv_key_index;

/* Index keys[0..n): -1 if a key does not start with a-z or more than
 * ADV_KEYS_PER_LETTER share a letter (the schema's test checks both). */
int adv_key_index_init(adv_key_index *ix, const char *const *keys, int n);

/* The number of key in the indexed keys, or -1. */
static inline int adv_key_find(const adv_key_index *ix,
	const char *const *keys, const char *key)
{
	unsigned c = (unsigned)(unsigned char)key[0] - 'a';

	if (c >= 26)
		return -1;
	for (int k = 0; k < ADV_KEYS_PER_LETTER && ix->first[c][k]; k++) {
		int at = ix->first[c][k] - 1;
		if (strcmp(keys[at], key) == 0)
			return at;
	}
	return -1;
}

#endif
