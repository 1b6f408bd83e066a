/*
 * person.c - the PERSON argument of every command: an id or a name.  An
 * ambiguous name lists who it could be, so the next try can be exact.
 */
#include <stdio.h>

#include "cli.h"

int cli_person(const advisor_network *net, const char *text, const char **id)
{
	advisor_match *m;
	size_t n;
	advisor_error err;
	int rc;

	/* An id first, you included, so that the library says what is wrong
	 * with asking about yourself. */
	if (advisor_network_person_name(net, text)) {
		*id = text;
		return EXIT_OK;
	}
	if ((rc = advisor_network_find(&m, &n, net, text, &err)) < 0) {
		cli_error("%s", err.message);
		return cli_exit_code(rc);
	}
	size_t best = advisor_matches_best(m, n);
	if (best == 1) {
		*id = m[0].id;
		advisor_matches_free(m);
		return EXIT_OK;
	}
	if (n == 0) {
		/* No name fits: the text goes on as an id, and the library
		 * says what it knows of it (an id only listed among someone's
		 * connections, say). */
		*id = text;
		advisor_matches_free(m);
		return EXIT_OK;
	}
	cli_error("'%s' could be %zu people; say which with the id or more of the name:",
		text, best);
	for (size_t i = 0; i < best; i++)
		fprintf(stderr, "  %-24s %s%s%s\n", m[i].id, m[i].name,
			m[i].company ? ", " : "", m[i].company ? m[i].company : "");
	advisor_matches_free(m);
	return EXIT_AMBIGUOUS;
}
