/*
 * person.c - the PERSON argument of every command: an id, a name, a
 * profile URL, or "me".  An ambiguous name lists who it could be, with
 * their ids, so the next try can be exact.
 */
#include <stdio.h>

#include "cli.h"

/* The candidates of an ambiguous name, their ids in a column. */
static void list_candidates(const advisor_network *net, const char *text)
{
	advisor_matches *found;

	if (advisor_network_find(&found, net, text, NULL) < 0)
		return;
	size_t best = advisor_matches_best(found);
	cli_error("'%s' could be %zu people:", text, best);
	int width = 0;
	for (size_t i = 0; i < best; i++) {
		const advisor_match *m = advisor_matches_get(found, i);
		if (cli_columns(m->id) > width)
			width = cli_columns(m->id);
	}
	for (size_t i = 0; i < best; i++) {
		const advisor_match *m = advisor_matches_get(found, i);
		fputs("  ", stderr);
		cli_pad(stderr, m->id, width + 2);
		fprintf(stderr, "%s%s%s\n", m->name,
			m->company ? " at " : "", m->company ? m->company : "");
	}
	if (best)
		fprintf(stderr, "Give the id of the one you mean (%s, say).\n",
			advisor_matches_get(found, 0)->id);
	advisor_matches_free(found);
}

int cli_person(const advisor_network *net, const char *text, const char **id)
{
	advisor_error err;
	int rc;

	/* An id first, you included, so that the library says what is wrong
	 * with asking about yourself. */
	if (advisor_network_person_name(net, text)) {
		*id = advisor_network_person_key(net, text); /* an alias's person */
		return EXIT_OK;
	}
	rc = advisor_network_resolve(id, net, text, &err);
	if (rc == ADVISOR_OK)
		return EXIT_OK;
	if (rc == ADVISOR_EAMBIGUOUS) {
		list_candidates(net, text);
		return EXIT_AMBIGUOUS;
	}
	if (rc == ADVISOR_ENOTFOUND) {
		advisor_matches *found = NULL;
		size_t n = 0;
		if (advisor_network_find(&found, net, text, NULL) == ADVISOR_OK)
			n = advisor_matches_count(found);
		advisor_matches_free(found);
		if (n) {
			/* Only where people work matches: say so. */
			cli_error("%s", err.message);
			return cli_exit_code(rc);
		}
		/* No name fits: the text goes on as an id, and the library
		 * says what it knows of it (an id only listed among someone's
		 * connections, say). */
		*id = text;
		return EXIT_OK;
	}
	cli_error("%s", err.message);
	return cli_exit_code(rc);
}
