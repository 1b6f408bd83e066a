/*
 * embed.c - libadvisor in a program of your own.
 *
 *   embed NETWORK PERSON [DATE]   load a network file, advise on PERSON
 *   embed --built [DATE]          build a small network in code (as a CRM
 *                                 would from its database), advise on each
 *
 * DATE (YYYY-MM-DD) is the day to judge on; without it, today.  Prints, for
 * each person:
 *
 *   ID: VERDICT (score S)
 *     RULE (+S): DETAIL        one line per reason, the deciding one first
 *   note: TEXT                 when a note is advised
 *
 * Build it with pkg-config:
 *   cc embed.c $(pkg-config --cflags --libs advisor) -o embed
 * or with CMake: find_package(advisor) and link advisor::advisor (see
 * docs/examples/embed/CMakeLists.txt).  docs/embedding.md explains the rest.
 */
#include <stdio.h>
#include <string.h>

#include <advisor.h>

/* Ask for advice on one person and print it; 0 or an advisor error code. */
static int advise_on(advisor_engine *engine, const advisor_network *net,
	const char *person, const char *as_of)
{
	advisor_request req = ADVISOR_REQUEST_INIT;
	advisor_result *result;
	advisor_error err;

	req.person = person;
	req.as_of = as_of;
	if (advisor_advise(&result, engine, net, &req, &err) != ADVISOR_OK) {
		fprintf(stderr, "embed: %s: %s\n", advisor_error_code_name(err.code),
			err.message);
		return err.code;
	}
	printf("%s: %s (score %.2f)\n", advisor_result_person(result),
		advisor_verdict_name(advisor_result_verdict(result)),
		advisor_result_score(result));
	/* The deciding reason comes first. */
	for (size_t i = 0; i < advisor_result_reason_count(result); i++) {
		const advisor_reason *r = advisor_result_reason(result, i);
		if (r->vetoed)
			printf("  %s (veto): %s\n", r->rule, r->detail);
		else
			printf("  %s (%+.2f): %s\n", r->rule, r->score, r->detail);
	}
	const char *note = advisor_result_note(result);
	if (note)
		printf("note: %s\n", note);
	advisor_result_free(result);
	return ADVISOR_OK;
}

/* Stop at the first failure: err holds its code and message. */
#define TRY(call) if ((call) != ADVISOR_OK) goto failed

/*
 * A network from code: me, a former colleague I am connected to, someone I
 * met at a conference who knows her, someone she introduced to me, and a
 * stranger.  An event's fields are an advisor_fields, set by name and
 * type; each value is checked as a network file's would be when sealing.
 */
static int build_network(advisor_network **out)
{
	advisor_network_builder *b = NULL;
	advisor_fields *ev = NULL;
	advisor_error err;

	TRY(advisor_network_builder_new(&b, "crm", "me", "Alex Kim", &err));
	TRY(advisor_network_builder_set_string(b, "me", "industry", "Software", &err));
	TRY(advisor_network_builder_set_string(b, "me", "company", "Nimbus Labs", &err));

	TRY(advisor_network_builder_add_person(b, "zoe", "Zoë Müller", &err));
	TRY(advisor_network_builder_set_string(b, "zoe", "company", "Orbit", &err));
	TRY(advisor_network_builder_set_string(b, "zoe", "industry", "Software", &err));
	TRY(advisor_network_builder_set_bool(b, "zoe", "connected", 1, &err));
	TRY(advisor_network_builder_link(b, "zoe", "me", &err));
	TRY(advisor_fields_new(&ev, &err));
	TRY(advisor_fields_set_string(ev, "org", "Orbit", &err));
	TRY(advisor_fields_set_string(ev, "relation", "peer", &err));
	TRY(advisor_fields_set_string(ev, "from", "2018-01", &err));
	TRY(advisor_fields_set_string(ev, "to", "2020-12", &err));
	TRY(advisor_fields_set_string(ev, "ending", "good", &err));
	TRY(advisor_network_builder_add_event(b, "zoe", "worked_together", ev, &err));
	advisor_fields_free(ev);
	ev = NULL;

	TRY(advisor_network_builder_add_person(b, "priya", "Priya Natarajan", &err));
	TRY(advisor_network_builder_set_string(b, "priya", "headline",
		"Staff Engineer at Orbit", &err));
	TRY(advisor_network_builder_set_string(b, "priya", "industry", "Software", &err));
	TRY(advisor_network_builder_set_string(b, "priya", "seniority", "senior", &err));
	TRY(advisor_network_builder_link(b, "priya", "zoe", &err));
	TRY(advisor_fields_new(&ev, &err));
	TRY(advisor_fields_set_string(ev, "date", "2019-05-03", &err));
	TRY(advisor_fields_set_string(ev, "context", "PyCon 2019", &err));
	TRY(advisor_fields_set_string(ev, "tone", "cordial", &err));
	TRY(advisor_network_builder_add_event(b, "priya", "met", ev, &err));
	advisor_fields_free(ev);
	ev = NULL;

	TRY(advisor_network_builder_add_person(b, "tom", "Tom Okafor", &err));
	TRY(advisor_network_builder_set_string(b, "tom", "industry", "Finance", &err));
	TRY(advisor_network_builder_link(b, "tom", "zoe", &err));
	TRY(advisor_fields_new(&ev, &err));
	TRY(advisor_fields_set_string(ev, "by", "zoe", &err));
	TRY(advisor_fields_set_string(ev, "date", "2026-11-20", &err));
	TRY(advisor_fields_set_string(ev, "note", "Tom is moving into platform work",
		&err));
	TRY(advisor_network_builder_add_event(b, "tom", "introduced", ev, &err));
	advisor_fields_free(ev);
	ev = NULL;

	TRY(advisor_network_builder_add_person(b, "olivia", "Olivia Grant", &err));
	TRY(advisor_network_builder_set_string(b, "olivia", "industry", "Retail", &err));
	TRY(advisor_network_builder_set_number(b, "olivia", "followers", 120, &err));

	TRY(advisor_network_builder_seal(out, b, NULL, &err));
	advisor_network_builder_free(b);
	return ADVISOR_OK;
failed:
	fprintf(stderr, "embed: %s: %s\n", advisor_error_code_name(err.code),
		err.message);
	advisor_fields_free(ev);
	advisor_network_builder_free(b);
	return err.code;
}

int main(int argc, char **argv)
{
	advisor_network *net = NULL;
	advisor_engine *engine = NULL;
	advisor_error err;
	int built = argc >= 2 && strcmp(argv[1], "--built") == 0;
	int rc;

	if (built ? argc > 3 : (argc < 3 || argc > 4)) {
		fprintf(stderr, "usage: embed NETWORK PERSON [DATE] | embed --built [DATE]\n");
		return 2;
	}
	const char *as_of = built ? (argc == 3 ? argv[2] : NULL)
		: (argc == 4 ? argv[3] : NULL);

	/* One network, immutable once loaded: any number of threads may share
	 * it.  One engine per thread. */
	if (built)
		rc = build_network(&net);
	else if ((rc = advisor_network_load(&net, argv[1], NULL, &err)) != ADVISOR_OK)
		fprintf(stderr, "embed: %s\n", err.message);
	if (rc != ADVISOR_OK)
		return 1;
	if ((rc = advisor_engine_new(&engine, NULL, &err)) != ADVISOR_OK) {
		fprintf(stderr, "embed: %s\n", err.message);
		advisor_network_free(net);
		return 1;
	}

	if (built) {
		for (size_t i = 0; i < advisor_network_person_count(net) && rc == ADVISOR_OK; i++)
			rc = advise_on(engine, net, advisor_network_person_id(net, i), as_of);
	} else {
		rc = advise_on(engine, net, argv[2], as_of);
	}

	advisor_engine_free(engine);
	advisor_network_free(net);
	return rc == ADVISOR_OK ? 0 : 1;
}
