/*
 * schema.c - the tables that follow from the schema (schema.h).
 */
#include "network/schema.h"

const char *const adv_person_keys[ADV_PK__COUNT + 1] = { "id",
	ADV_PERSON_SCHEMA(ADV_SCHEMA_KEY) "connections", "aliases", "events",
	NULL };

int adv_key_index_init(adv_key_index *ix, const char *const *keys, int n)
{
	memset(ix, 0, sizeof(*ix));
	for (int i = 0; i < n; i++) {
		unsigned c = (unsigned)(unsigned char)keys[i][0] - 'a';
		int k = 0;
		if (c >= 26 || i > 254)
			return -1;
		while (k < ADV_KEYS_PER_LETTER && ix->first[c][k])
			k++;
		if (k == ADV_KEYS_PER_LETTER)
			return -1;
		ix->first[c][k] = (unsigned char)(i + 1);
	}
	return 0;
}
