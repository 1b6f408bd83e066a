/*
 * test_snapshot.c - network snapshots: a fresh one is used and equals the
 * parsed network, a stale or damaged one is ignored, never trusted.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include "helpers.h"
#include "network/network.h"
#include "json/strict.h"
#include "snapshot/snapshot.h"

static char dir[256];
static char net_path[512];

static void setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/advisor-cache-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	/* A private copy of the example, so that the test may change it,
	 * that warns as it loads: a snapshot must replay the warning. */
	snprintf(net_path, sizeof(net_path), "%s/network.json", dir);
	cr_assert_eq(copy_example_warning(net_path), 0);
}

static void teardown(void)
{
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
}

static int warnings;
static void count_warning(void *payload, const char *message)
{
	(void)payload;
	(void)message;
	warnings++;
}

static advisor_network *load(int cached)
{
	advisor_load_options opts = ADVISOR_LOAD_OPTIONS_INIT;
	advisor_network *net = NULL;
	advisor_error err;
	opts.cache_dir = cached ? dir : NULL;
	opts.warning = count_warning;
	warnings = 0;
	cr_assert_eq(advisor_network_load(&net, net_path, &opts, &err), ADVISOR_OK,
		"%s", err.message);
	return net;
}

static void snapshot_path(char *buf, size_t size)
{
	cr_assert_eq(adv_snapshot_path(buf, size, dir, net_path), 0);
}

static void assert_same(const advisor_network *a, const advisor_network *b)
{
	cr_assert_eq(a->people_count, b->people_count);
	cr_assert_eq(a->event_count, b->event_count);
	cr_assert_eq(a->node_count, b->node_count);
	cr_assert_str_eq(adv_str(a, a->me.name), adv_str(b, b->me.name));
	for (size_t i = 0; i < a->people_count; i++) {
		const adv_person *p = &a->people[i], *q = &b->people[i];
		cr_assert_str_eq(adv_str(a, p->id), adv_str(b, q->id));
		cr_assert_str_eq(adv_str(a, p->name), adv_str(b, q->name));
		cr_assert_eq(p->followers, q->followers);
		cr_assert_eq(p->connected, q->connected);
		cr_assert_eq(p->first_event, q->first_event);
		cr_assert_eq(!p->extra, !q->extra);
		cr_assert_eq(adv_network_person(b, adv_str(a, p->id)), q, "lookups by id work");
	}
	for (size_t i = 0; i < a->event_count; i++) {
		cr_assert_str_eq(adv_str(a, a->events[i].type_name),
			adv_str(b, b->events[i].type_name));
		cr_assert_eq(a->events[i].date.day, b->events[i].date.day);
		cr_assert_eq(a->events[i].by, b->events[i].by);
	}
	for (uint32_t v = 0; v <= a->node_count; v++)
		cr_assert_eq(a->graph.off[v], b->graph.off[v]);
	cr_assert_eq(memcmp(a->graph.adj, b->graph.adj,
		a->graph.off[a->node_count] * sizeof(uint32_t)), 0);
}

TestSuite(cache, .init = setup, .fini = teardown);

Test(cache, a_fresh_snapshot_is_used_and_equals_the_parsed_network)
{
	advisor_network *parsed = load(0);
	advisor_network *first = load(1);    /* parses, writes the snapshot */
	cr_assert_null(adv_snapshot_blob(first));
	cr_assert_eq(warnings, 1, "the unknown event type warns");
	advisor_network *second = load(1);   /* reads the snapshot */
	cr_assert_not_null(adv_snapshot_blob(second), "the second load came from the snapshot");
	cr_assert_eq(warnings, 1, "its warnings are replayed");
	assert_same(parsed, second);
	const adv_person *erik = adv_network_person(second, "erik-lindqvist");
	cr_assert_not_null(erik->extra, "extra fields survive");
	{
		int nomem = 0;
		char *school = adv_json_extra_string(erik->extra, "school", &nomem);
		cr_assert_str_eq(school, "KTH");
		free(school);
	}
	advisor_network_free(parsed);
	advisor_network_free(first);
	advisor_network_free(second);
}

Test(cache, advice_from_a_snapshot_is_the_advice_from_the_file)
{
	advisor_network *parsed = load(0), *cached;
	advisor_network_free(load(1));
	cached = load(1);
	cr_assert_not_null(adv_snapshot_blob(cached));
	advisor_engine *engine = NULL;
	advisor_error err;
	cr_assert_eq(advisor_engine_new(&engine, NULL, &err), ADVISOR_OK);
	for (size_t i = 0; i < advisor_network_person_count(parsed); i++) {
		const char *req = NULL;
		char line[256], *a = NULL, *b = NULL;
		snprintf(line, sizeof(line),
			"{\"person\":\"%s\",\"intent\":[\"learn\"],\"as_of\":\"2026-11-27\"}",
			advisor_network_person_id(parsed, i));
		req = line;
		cr_assert_eq(advisor_advise_json(&a, engine, parsed, req, strlen(req), &err), ADVISOR_OK);
		cr_assert_eq(advisor_advise_json(&b, engine, cached, req, strlen(req), &err), ADVISOR_OK);
		cr_assert_str_eq(a, b);
		advisor_string_free(a);
		advisor_string_free(b);
	}
	advisor_engine_free(engine);
	advisor_network_free(parsed);
	advisor_network_free(cached);
}

Test(cache, a_changed_file_is_parsed_again)
{
	advisor_network_free(load(1));
	/* Same size, new time: the key no longer matches. */
	struct stat st;
	cr_assert_eq(stat(net_path, &st), 0);
	struct timespec times[2] = { st.st_atim, st.st_mtim };
	times[1].tv_sec += 10;
	cr_assert_eq(utimensat(AT_FDCWD, net_path, times, 0), 0);
	advisor_network *net = load(1);
	cr_assert_null(adv_snapshot_blob(net), "a stale snapshot is not used");
	advisor_network_free(net);
	net = load(1);
	cr_assert_not_null(adv_snapshot_blob(net), "the new snapshot is");
	advisor_network_free(net);
}

Test(cache, a_damaged_snapshot_is_ignored)
{
	char snap[600];
	advisor_network_free(load(1));
	snapshot_path(snap, sizeof(snap));
	struct stat st;
	cr_assert_eq(stat(snap, &st), 0);

	/* One byte flipped in the body: the checksum says no. */
	FILE *f = fopen(snap, "r+b");
	fseek(f, st.st_size / 2, SEEK_SET);
	int c = fgetc(f);
	fseek(f, st.st_size / 2, SEEK_SET);
	fputc(c ^ 0x5a, f);
	fclose(f);
	advisor_network *net = load(1);
	cr_assert_null(adv_snapshot_blob(net));
	assert_same(net, net);
	advisor_network_free(net);

	/* Cut short, and empty. */
	cr_assert_eq(truncate(snap, st.st_size / 3), 0);
	net = load(1);
	cr_assert_null(adv_snapshot_blob(net));
	advisor_network_free(net);
	cr_assert_eq(truncate(snap, 0), 0);
	net = load(1);
	cr_assert_null(adv_snapshot_blob(net));
	advisor_network_free(net);
}

Test(cache, an_unwritable_cache_folder_only_costs_the_snapshot)
{
	advisor_load_options opts = ADVISOR_LOAD_OPTIONS_INIT;
	advisor_network *net = NULL;
	advisor_error err;
	opts.cache_dir = "/nonexistent/advisor-cache";
	cr_assert_eq(advisor_network_load(&net, net_path, &opts, &err), ADVISOR_OK,
		"%s", err.message);
	advisor_network_free(net);
}

/* Every byte of the header is covered: counts that would make sizes wrap,
 * or an index past the end, can never be trusted. */
Test(cache, a_damaged_header_is_ignored_whatever_the_byte)
{
	char snap[600];
	advisor_network_free(load(1));
	snapshot_path(snap, sizeof(snap));
	FILE *f = fopen(snap, "rb");
	cr_assert_not_null(f);
	unsigned char head[200];
	cr_assert_eq(fread(head, 1, sizeof(head), f), sizeof(head));
	fclose(f);
	for (size_t at = 0; at < sizeof(head); at += 3) {
		unsigned char bad[sizeof(head)];
		memcpy(bad, head, sizeof(head));
		bad[at] ^= 0x20;
		f = fopen(snap, "r+b");
		cr_assert_eq(fwrite(bad, 1, sizeof(bad), f), sizeof(bad));
		fclose(f);
		advisor_network *net = load(1); /* a miss parses and rewrites it */
		cr_assert_null(adv_snapshot_blob(net), "byte %zu changed, yet the snapshot was used", at);
		advisor_network_free(net);
	}
}
