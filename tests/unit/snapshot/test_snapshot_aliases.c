/*
 * test_snapshot_aliases.c - a person's other ids (aliases): found like
 * ids, checked as they load, carried by the snapshot and checked there.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "network/network.h"
#include "snapshot/snapshot.h"

static const char doc[] =
	"{\"format\":\"advisor-network/1\",\"me\":{\"id\":\"me\",\"name\":\"Me\"},"
	" \"people\":["
	"  {\"id\":\"noa\",\"name\":\"Noa Levi\",\"connected\":true,"
	"   \"aliases\":[\"noa-levi-4b2\",\"noa-l\"]},"
	"  {\"id\":\"tom\",\"name\":\"Tom\",\"connections\":[\"noa\"],"
	"   \"aliases\":[\"thomas\"]}]}";

static advisor_network *load(const char *text)
{
	advisor_network *net = NULL;
	advisor_error err;
	cr_assert_eq(advisor_network_load_buffer(&net, text, strlen(text),
		"n.json", NULL, &err), 0, "%s", err.message);
	return net;
}

static void assert_aliases(const advisor_network *net)
{
	cr_assert_eq(net->alias_count, 3);
	cr_assert_str_eq(advisor_network_person_key(net, "noa-levi-4b2"), "noa");
	cr_assert_str_eq(advisor_network_person_key(net, "noa-l"), "noa");
	cr_assert_str_eq(advisor_network_person_key(net, "noa"), "noa");
	cr_assert_str_eq(advisor_network_person_key(net, "thomas"), "tom");
	cr_assert_null(advisor_network_person_key(net, "noa-levi"));
	cr_assert_str_eq(advisor_network_person_name(net, "noa-l"), "Noa Levi");
	cr_assert_eq(advisor_network_person_connected(net, "noa-levi-4b2"), 1);
	cr_assert_eq(adv_network_find(net, "thomas"), adv_network_find(net, "tom"));
	/* A name search by the alias finds the person as by their id. */
	const char *id = NULL;
	cr_assert_eq(advisor_network_resolve(&id, net, "noa-levi-4b2", NULL), 0);
	cr_assert_str_eq(id, "noa");
}

Test(aliases, resolve_like_ids)
{
	advisor_network *net = load(doc);
	assert_aliases(net);
	advisor_network_free(net);
}

Test(aliases, survive_a_snapshot)
{
	advisor_network *net = load(doc), *snap = NULL;
	void *image;
	size_t size;
	advisor_error err;

	cr_assert_eq(adv_snapshot_encode(net, &image, &size), 0);
	cr_assert_eq(adv_snapshot_open(&snap, image, size, "n.bin", &err), 0,
		"%s", err.message);
	assert_aliases(snap);
	advisor_network_free(snap);
	advisor_network_free(net);
	free(image);
}

/* Damage under a valid checksum: an alias of a bare node, out of order. */
Test(aliases, a_damaged_alias_in_a_snapshot_is_refused)
{
	advisor_network *net = load(doc), *snap = NULL;
	uint64_t at[ADV_SNAP__COUNT];
	void *image;
	size_t size;
	advisor_error err;

	cr_assert_eq(adv_snapshot_encode(net, &image, &size), 0);
	cr_assert_eq(adv_snapshot_buffer_sections(image, size, at), ADV_SNAP__COUNT);
	adv_alias *a = (adv_alias *)((char *)image + at[ADV_SNAP_ALIASES]);
	cr_assert_eq(at[ADV_SNAP_OFF] - at[ADV_SNAP_ALIASES], 3 * sizeof(adv_alias));
	adv_alias first = a[0];
	a[0].node = net->me.node;
	cr_assert_eq(adv_snapshot_reseal_buffer(image, size), 0);
	cr_assert_eq(adv_snapshot_open(&snap, image, size, "n.bin", &err),
		ADVISOR_EDATA);
	cr_assert(strstr(err.message, "alias 0 is not of a person"), "%s",
		err.message);
	a[0] = a[1];
	a[1] = first;
	cr_assert_eq(adv_snapshot_reseal_buffer(image, size), 0);
	cr_assert_eq(adv_snapshot_open(&snap, image, size, "n.bin", &err),
		ADVISOR_EDATA);
	cr_assert(strstr(err.message, "alias 1 is out of order"), "%s",
		err.message);
	advisor_network_free(net);
	free(image);
}

Test(aliases, that_name_someone_else_are_refused)
{
	static const struct { const char *from, *to, *want; } bad[] = {
		{ "\"noa-l\"", "\"tom\"", "people[0].aliases: \"tom\" is also the id of another person" },
		{ "\"noa-l\"", "\"noa\"", "people[0].aliases: \"noa\" is the person's own id" },
		{ "\"thomas\"", "\"noa-l\"", "\"noa-l\" is an alias of two people" },
		{ "[\"noa\"]", "[\"noa-l\"]", "\"noa-l\" is also the id of someone in a connections list" },
		{ "[\"noa-levi-4b2\",", "[\"\",", "people[0].aliases[0]: expected an id, got an empty string" },
		{ "\"name\":\"Me\"", "\"name\":\"Me\",\"aliases\":[\"x\"]", "me.aliases: me has no aliases" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char text[sizeof(doc) + 100];
		const char *at = strstr(doc, bad[i].from);
		size_t head = (size_t)(at - doc);
		memcpy(text, doc, head);
		strcpy(text + head, bad[i].to);
		strcat(text, at + strlen(bad[i].from));
		advisor_network *net = NULL;
		advisor_error err;
		cr_assert_eq(advisor_network_load_buffer(&net, text, strlen(text),
			"n.json", NULL, &err), ADVISOR_EDATA, "%s", text);
		cr_assert(strstr(err.message, bad[i].want), "%s", err.message);
	}
}
