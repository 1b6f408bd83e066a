/*
 * changes.c - what a re-import changed, as `advisor init` says it: who
 * became a connection, who accepted your invitation, who invited you since
 * the last import; and how many invitations wait for your answer.
 *
 * Both networks are the imports themselves (base.json before and after),
 * not what your facts add.  An invitation of yours that waited and waits no
 * more was accepted if they are a connection now; else it ended (the
 * re-import keeps it, marked ended): withdrawn when the network as your
 * facts made it before the import (merged) no longer had it waiting,
 * because you recorded the withdrawal, else withdrawn, ignored or expired.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* At most this many names a line; the rest are counted. */
#define NAMES_SHOWN 3

typedef struct name_list {
	const char *names[NAMES_SHOWN];
	size_t count;
} name_list;

static void add(name_list *l, const char *name)
{
	if (l->count < NAMES_SHOWN)
		l->names[l->count] = name;
	l->count++;
}

static void say(const name_list *l, const char *one, const char *many)
{
	if (!l->count)
		return;
	printf("  %zu %s: ", l->count, l->count == 1 ? one : many);
	size_t shown = l->count < NAMES_SHOWN ? l->count : NAMES_SHOWN;
	for (size_t i = 0; i < shown; i++)
		printf("%s%s", i ? ", " : "", l->names[i]);
	if (l->count > shown)
		printf(", %zu more", l->count - shown);
	putchar('\n');
}

/* -1 if the person is not in net, else 0 none, 1 theirs waiting, 2 yours. */
static int waiting(const advisor_network *net, const char *id)
{
	advisor_direction dir;
	int pending = 0;

	if (!net || !advisor_network_person_name(net, id))
		return -1;
	if (advisor_network_pending_invitation(&pending, &dir, NULL, net, id,
			NULL) < 0 || !pending)
		return 0;
	return dir == ADVISOR_INCOMING ? 1 : 2;
}

size_t cli_report_changes(const advisor_network *before,
	const advisor_network *after, const advisor_network *merged)
{
	name_list joined = { { 0 }, 0 }, accepted = { { 0 }, 0 },
		invited = { { 0 }, 0 }, ended = { { 0 }, 0 },
		withdrawn = { { 0 }, 0 };
	size_t pending_in = 0;

	for (size_t i = 0; i < advisor_network_person_count(after); i++) {
		const char *id = advisor_network_person_id(after, i);
		const char *name = advisor_network_person_name(after, id);
		int now = waiting(after, id), then = waiting(before, id);
		if (now == 1)
			pending_in++;
		if (!before)
			continue;
		if (now == 1 && then != 1)
			add(&invited, name);
		else if (now == 0 && then == 2 &&
			 advisor_network_person_connected(after, id))
			add(&accepted, name);
		else if (now == 0 && then == 2 && waiting(merged, id) == 0 &&
			 !advisor_network_person_connected(merged, id))
			add(&withdrawn, name);
		else if (now == 0 && then == 2)
			add(&ended, name);
		else if (now == 0 && advisor_network_person_connected(after, id) &&
			 !advisor_network_person_connected(before, id))
			add(&joined, name);
	}
	if (before) {
		if (joined.count || accepted.count || invited.count ||
		    ended.count || withdrawn.count) {
			printf("Since the last import:\n");
			say(&accepted, "accepted your invitation",
				"accepted your invitations");
			say(&ended, "invitation of yours no longer listed, not "
				"accepted (withdrawn, ignored or expired)",
				"invitations of yours no longer listed, not accepted "
				"(withdrawn, ignored or expired)");
			say(&withdrawn, "invitation of yours no longer listed, "
				"withdrawn (you recorded it)", "invitations of yours no "
				"longer listed, withdrawn (you recorded it)");
			say(&joined, "new connection", "new connections");
			say(&invited, "new invitation to you", "new invitations to you");
		} else {
			printf("Nothing new since the last import: the same "
			       "connections and invitations.\n");
		}
	}
	return pending_in;
}
