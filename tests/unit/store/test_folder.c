/*
 * test_folder.c - the data folder: its format file, its one lock, and
 * changes written whole through the journal.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "advisor.h"
#include "versions.h"

static const char base[] =
	"{\"format\":\"advisor-network/1\","
	" \"me\":{\"id\":\"me\",\"name\":\"Alex Kim\"},"
	" \"people\":[{\"id\":\"priya\",\"name\":\"Priya N\"}]}";

static char dir[256];

static void make_dir(void)
{
	snprintf(dir, sizeof(dir), "/tmp/advisor-folder-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
}

static void remove_dir(void)
{
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
}

static char *file(const char *name)
{
	static char path[400];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return path;
}

/* A file's text (free it), NULL if absent. */
static char *slurp(const char *name)
{
	FILE *f = fopen(file(name), "rb");
	if (!f)
		return NULL;
	char *buf = calloc(1, 1 << 20);
	size_t n = fread(buf, 1, (1 << 20) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void put(const char *name, const char *text)
{
	FILE *f = fopen(file(name), "wb");
	cr_assert_not_null(f);
	fputs(text, f);
	fclose(f);
}

static advisor_folder *open_ok(int create, unsigned int wait_ms)
{
	advisor_folder_options o = ADVISOR_FOLDER_OPTIONS_INIT;
	advisor_folder *f = NULL;
	advisor_error err;

	o.create = create;
	o.lock_wait_ms = wait_ms;
	cr_assert_eq(advisor_folder_open(&f, dir, &o, &err), ADVISOR_OK, "%s",
		err.message);
	return f;
}

/* Notes with one "met" event of priya's, with this tone. */
static advisor_annotations *met(const char *tone)
{
	advisor_annotations *a = NULL;
	advisor_fields *fields = NULL;

	cr_assert_eq(advisor_annotations_new(&a, "annotations.json", NULL), 0);
	advisor_fields_new(&fields, NULL);
	advisor_fields_set_string(fields, "date", "2019-05", NULL);
	advisor_fields_set_string(fields, "tone", tone, NULL);
	cr_assert_eq(advisor_annotations_add_event(NULL, a, "priya", NULL, "met",
		fields, NULL), ADVISOR_OK);
	advisor_fields_free(fields);
	return a;
}

TestSuite(folder, .init = make_dir, .fini = remove_dir);

Test(folder, a_new_folder_gets_its_format_and_a_change_writes_every_file)
{
	char sub[300];
	snprintf(sub, sizeof(sub), "%s/a/b", dir);
	advisor_folder_options o = ADVISOR_FOLDER_OPTIONS_INIT;
	advisor_folder *f = NULL;
	advisor_error err;

	/* Without create, a missing folder is an error. */
	cr_assert_eq(advisor_folder_open(&f, sub, NULL, &err), ADVISOR_EIO);
	cr_assert_null(f);
	cr_assert(strstr(err.message, "no such data folder"), "%s", err.message);
	o.create = 1;
	cr_assert_eq(advisor_folder_open(&f, sub, &o, &err), ADVISOR_OK, "%s",
		err.message);
	cr_assert_str_eq(advisor_folder_dir(f), sub);
	advisor_folder_free(f);

	f = open_ok(0, 0);
	char *fmt = slurp("format");
	cr_assert_str_eq(fmt, "advisor-data/1\n");
	free(fmt);
	advisor_annotations *a = met("cordial");
	cr_assert_eq(advisor_folder_commit(f, base, strlen(base), a, NULL, NULL,
		&err), ADVISOR_OK, "%s", err.message);
	char *b = slurp("base.json"), *n = slurp("network.json");
	char *notes = slurp("annotations.json");
	cr_assert_str_eq(b, base);
	cr_assert(strstr(n, "cordial"), "%s", n);
	cr_assert(strstr(notes, "cordial"), "%s", notes);
	cr_assert_null(slurp("journal"));
	free(b);
	free(n);
	free(notes);

	/* Read back through the folder. */
	advisor_annotations *back = NULL;
	cr_assert_eq(advisor_folder_annotations(&back, f, &err), ADVISOR_OK);
	cr_assert_str_eq(advisor_annotations_event_string(back, "priya", 0,
		"tone"), "cordial");
	advisor_annotations_free(back);
	advisor_annotations_free(a);
	advisor_folder_free(f);
}

Test(folder, a_change_that_fails_to_merge_writes_nothing)
{
	advisor_folder *f = open_ok(0, 0);
	advisor_annotations *good = met("cordial"), *bad = met("warm");
	advisor_error err;

	cr_assert_eq(advisor_folder_commit(f, base, strlen(base), good, NULL,
		NULL, NULL), ADVISOR_OK);
	char *n1 = slurp("network.json"), *a1 = slurp("annotations.json");
	/* A bad value, and a new base that does not parse: nothing changes. */
	cr_assert_eq(advisor_folder_commit(f, NULL, 0, bad, NULL, NULL, &err),
		ADVISOR_EDATA);
	cr_assert_str_eq(err.field, "tone", "%s", err.message);
	cr_assert_eq(advisor_folder_commit(f, "{", 1, NULL, NULL, NULL, &err),
		ADVISOR_EDATA);
	char *n2 = slurp("network.json"), *a2 = slurp("annotations.json");
	char *b2 = slurp("base.json");
	cr_assert_str_eq(n1, n2);
	cr_assert_str_eq(a1, a2);
	cr_assert_str_eq(b2, base);
	cr_assert_null(slurp("journal"));
	/* A new base alone: the annotations stay and are merged over it. */
	cr_assert_eq(advisor_folder_commit(f, base, strlen(base), NULL, NULL,
		NULL, &err), ADVISOR_OK, "%s", err.message);
	char *n3 = slurp("network.json");
	cr_assert(strstr(n3, "cordial"), "%s", n3);
	free(n1); free(n2); free(n3); free(a1); free(a2); free(b2);
	advisor_annotations_free(good);
	advisor_annotations_free(bad);
	advisor_folder_free(f);
}

Test(folder, a_second_writer_waits_then_fails_naming_the_holder)
{
	advisor_folder_options o = ADVISOR_FOLDER_OPTIONS_INIT;
	advisor_folder *f = open_ok(0, 0), *g = NULL;
	advisor_error err;
	char pid[32];

	snprintf(pid, sizeof(pid), "process %ld", (long)getpid());
	cr_assert_eq(advisor_folder_open(&g, dir, &o, &err), ADVISOR_EIO);
	cr_assert_null(g);
	cr_assert(strstr(err.message, "is changing the data folder"), "%s",
		err.message);
	cr_assert(strstr(err.message, pid), "%s", err.message);
	o.lock_wait_ms = 60;
	cr_assert_eq(advisor_folder_open(&g, dir, &o, &err), ADVISOR_EIO);
	cr_assert(strstr(err.message, "waited 60 ms"), "%s", err.message);
	advisor_folder_free(f);
	cr_assert_eq(advisor_folder_open(&g, dir, &o, &err), ADVISOR_OK, "%s",
		err.message);
	advisor_folder_free(g);
}

Test(folder, a_lock_held_by_another_program_names_no_stale_process)
{
	advisor_folder *f = open_ok(0, 0), *g = NULL;
	advisor_error err;

	/* Closed: no pid is left in the lock file. */
	advisor_folder_free(f);
	char *pid = slurp("lock");
	cr_assert_str_eq(pid, "");
	free(pid);
	/* Held by a program that is not an advisor, over a dead one's pid. */
	put("lock", "2147483646\n");
	int fd = open(file("lock"), O_RDWR);
	cr_assert(fd >= 0);
	cr_assert_eq(flock(fd, LOCK_EX), 0);
	cr_assert_eq(advisor_folder_open(&g, dir, NULL, &err), ADVISOR_EIO);
	cr_assert(strstr(err.message, "another program is changing the data "
		"folder"), "%s", err.message);
	/* A failed open leaves the holder's lock file alone. */
	pid = slurp("lock");
	cr_assert_str_eq(pid, "2147483646\n");
	free(pid);
	close(fd);
}

Test(folder, a_folder_of_another_format_is_refused)
{
	advisor_folder *f = NULL;
	advisor_error err;

	put("format", "advisor-data/2\n");
	cr_assert_eq(advisor_folder_open(&f, dir, NULL, &err), ADVISOR_EDATA);
	cr_assert_null(f);
	cr_assert(strstr(err.message, "\"advisor-data/2\""), "%s", err.message);
	/* The lock went with the failure. */
	put("format", "advisor-data/1\n");
	f = open_ok(0, 0);
	advisor_folder_free(f);
}

Test(folder, a_journal_left_by_a_killed_writer_is_completed_at_the_next_open)
{
	put("base.json", "old base");
	put("network.json", "old network");
	put("annotations.json", "{}");
	put("journal", "advisor-journal/1\nnetwork.json 11\nnew network\n"
		"annotations.json 9\nnew\nnotes\nend\n");
	advisor_folder *f = open_ok(0, 0);
	char *n = slurp("network.json"), *a = slurp("annotations.json");
	char *b = slurp("base.json");
	cr_assert_str_eq(n, "new network");
	cr_assert_str_eq(a, "new\nnotes");
	cr_assert_str_eq(b, "old base");
	cr_assert_null(slurp("journal"));
	free(n); free(a); free(b);
	advisor_folder_free(f);
}

Test(folder, a_damaged_journal_is_refused_and_nothing_is_touched)
{
	static const char *const damaged[] = {
		"advisor-journal/1\nnetwork.json 11\nnew network\n",  /* no end */
		"advisor-journal/1\nnetwork.json 99\nnew network\nend\n",
		"advisor-journal/1\nsecrets.txt 3\nabc\nend\n",
		"advisor-journal/2\nend\n",
	};
	advisor_folder *f = NULL;
	advisor_error err;

	put("network.json", "old network");
	for (size_t i = 0; i < sizeof(damaged) / sizeof(damaged[0]); i++) {
		put("journal", damaged[i]);
		cr_assert_eq(advisor_folder_open(&f, dir, NULL, &err), ADVISOR_EDATA,
			"journal %zu", i);
		cr_assert(strstr(err.message, "journal of an interrupted change is "
			"damaged"), "%s", err.message);
		char *n = slurp("network.json");
		cr_assert_str_eq(n, "old network");
		free(n);
		cr_assert_null(slurp("secrets.txt"));
	}
}

Test(folder, version_rule)
{
	version_case cases[] = VERSION_CASES(ADVISOR_FOLDER_OPTIONS_VERSION);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		advisor_folder_options o = ADVISOR_FOLDER_OPTIONS_INIT;
		advisor_folder *f = NULL;
		advisor_error err;
		o.version = cases[i].version;
		int rc = advisor_folder_open(&f, dir, &o, &err);
		expect_version_answer("advisor_folder_options",
			ADVISOR_FOLDER_OPTIONS_VERSION, cases[i], rc, &err);
		cr_expect_eq(f == NULL, !cases[i].accepted);
		advisor_folder_free(f);
	}
}

Test(folder, init_equals_macro)
{
	advisor_folder_options m = ADVISOR_FOLDER_OPTIONS_INIT, f;
	memset(&f, 0xA5, sizeof(f));
	advisor_folder_options_init(&f);
	cr_expect_eq(f.version, m.version);
	cr_expect_eq(f.create, m.create);
	cr_expect_eq(f.lock_wait_ms, m.lock_wait_ms);
	advisor_folder_options_init(NULL);
}
