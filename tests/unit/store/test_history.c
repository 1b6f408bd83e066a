/*
 * test_history.c - history.json: each import appends the record of what
 * its export showed, as deltas from the import before, in the same
 * transaction as base.json; a history that is not one refuses the import
 * and leaves every file as it was.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "advisor.h"
#include "store/history.h"

static char dir[256];

static void make_dir(void)
{
	snprintf(dir, sizeof(dir), "/tmp/advisor-history-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
}

static void remove_dir(void)
{
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
}

static char *slurp(const char *name)
{
	char path[400];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "rb");
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
	char path[400];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	cr_assert_not_null(f);
	fputs(text, f);
	fclose(f);
}

/* October: ana and ben invited (ana with a note), cleo invited you, dan a
 * connection.  December: ana accepted, ben gone, eve invited, fay a new
 * connection; cleo's still waits. */
static const char october[] =
	"{\"format\":\"advisor-network/1\",\"me\":{\"id\":\"me\",\"name\":\"Me\"},"
	"\"people\":["
	"{\"id\":\"ana\",\"name\":\"Ana\",\"profile_url\":\"https://www.linkedin.com/in/ana\","
	"\"events\":[{\"type\":\"invitation\",\"date\":\"2026-10-01\","
	"\"direction\":\"out\",\"message\":\"Hi Ana\"}]},"
	"{\"id\":\"ben\",\"name\":\"Ben\",\"events\":[{\"type\":\"invitation\","
	"\"date\":\"2026-10-03\",\"direction\":\"out\"}]},"
	"{\"id\":\"cleo\",\"name\":\"Cleo\",\"events\":[{\"type\":\"invitation\","
	"\"date\":\"2026-10-04\",\"direction\":\"in\",\"message\":\"Hello\"}]},"
	"{\"id\":\"dan\",\"name\":\"Dan\",\"connected\":true,"
	"\"connected_on\":\"2025-01-02\"}]}";

static const char december[] =
	"{\"format\":\"advisor-network/1\",\"me\":{\"id\":\"me\",\"name\":\"Me\"},"
	"\"people\":["
	"{\"id\":\"ana-2\",\"name\":\"Ana\",\"profile_url\":\"https://linkedin.com/in/ana/\","
	"\"connected\":true,\"connected_on\":\"2026-10-09\"},"
	"{\"id\":\"cleo\",\"name\":\"Cleo\",\"events\":[{\"type\":\"invitation\","
	"\"date\":\"2026-10-04\",\"direction\":\"in\",\"message\":\"Hello\"}]},"
	"{\"id\":\"dan\",\"name\":\"Dan\",\"connected\":true,"
	"\"connected_on\":\"2025-01-02\"},"
	"{\"id\":\"eve\",\"name\":\"Eve\",\"events\":[{\"type\":\"invitation\","
	"\"date\":\"2026-11-20\",\"direction\":\"out\"}]},"
	"{\"id\":\"fay\",\"name\":\"Fay\",\"connected\":true,"
	"\"connected_on\":\"2026-11-02\"}]}";

static const char notes[] =
	"{\"format\":\"advisor-network/1\",\"people\":[{\"id\":\"ben\","
	"\"events\":[{\"type\":\"invitation\",\"date\":\"2026-10-20\","
	"\"direction\":\"out\",\"status\":\"withdrawn\",\"recorded\":\"withdrew\","
	"\"invited_on\":\"2026-10-03\"}]}]}";

static cJSON *record(const cJSON *history, int i)
{
	cJSON *r = cJSON_GetArrayItem(cJSON_GetObjectItem(history, "imports"), i);
	cr_assert_not_null(r);
	return r;
}

static char *print(const cJSON *v)
{
	return cJSON_PrintUnformatted(v);
}

static void expect(const cJSON *r, const char *member, const char *json)
{
	char *got = print(cJSON_GetObjectItem(r, member));
	cr_assert_str_eq(got, json, "%s", member);
	free(got);
}

Test(history, each_import_appends_what_its_export_showed_as_deltas)
{
	cJSON *oct = cJSON_Parse(october), *dec = cJSON_Parse(december),
		*anno = cJSON_Parse(notes);
	char *first = NULL, *second = NULL;
	advisor_error err;

	cr_assert_eq(adv_history_append(&first, NULL, 0, "history.json", oct,
		NULL, NULL, "2026-10-05", &err), ADVISOR_OK, "%s", err.message);
	cJSON *h = cJSON_Parse(first);
	cr_assert_str_eq(cJSON_GetObjectItem(h, "format")->valuestring,
		"advisor-history/1");
	cJSON *r = record(h, 0);
	expect(r, "imported", "\"2026-10-05\"");
	expect(r, "first", "true");
	expect(r, "listed", "{\"sent\":2,\"received\":1}");
	expect(r, "sent", "[{\"person\":\"ana\",\"date\":\"2026-10-01\","
		"\"note\":true},{\"person\":\"ben\",\"date\":\"2026-10-03\","
		"\"note\":false}]");
	expect(r, "received", "[{\"person\":\"cleo\",\"date\":\"2026-10-04\","
		"\"note\":true}]");
	expect(r, "gone", "[]");
	/* The first record lists no connection as new: the count starts. */
	expect(r, "connections", "{\"count\":1}");
	expect(r, "withdrawn", "[]");
	cJSON_Delete(h);

	/* The next one: only what changed, and ben's recorded withdrawal. */
	cr_assert_eq(adv_history_append(&second, first, strlen(first),
		"history.json", dec, oct, anno, "2026-12-02", &err), ADVISOR_OK,
		"%s", err.message);
	h = cJSON_Parse(second);
	cr_assert_eq(cJSON_GetArraySize(cJSON_GetObjectItem(h, "imports")), 2);
	expect(record(h, 0), "imported", "\"2026-10-05\"");
	r = record(h, 1);
	cr_assert_null(cJSON_GetObjectItem(r, "first"));
	expect(r, "listed", "{\"sent\":1,\"received\":1}");
	expect(r, "sent", "[{\"person\":\"eve\",\"date\":\"2026-11-20\","
		"\"note\":false}]");
	expect(r, "received", "[]");
	/* Ana by her profile, whatever the id: accepted; ben gone. */
	expect(r, "gone", "[{\"person\":\"ana\",\"direction\":\"out\",\"date\":"
		"\"2026-10-01\",\"became\":\"accepted\"},{\"person\":\"ben\","
		"\"direction\":\"out\",\"date\":\"2026-10-03\",\"became\":\"ended\"}]");
	expect(r, "connections", "{\"new\":[{\"person\":\"ana-2\",\"connected_on\":"
		"\"2026-10-09\"},{\"person\":\"fay\",\"connected_on\":\"2026-11-02\"}],"
		"\"count\":3}");
	expect(r, "withdrawn", "[{\"person\":\"ben\",\"date\":\"2026-10-20\","
		"\"invited_on\":\"2026-10-03\"}]");
	cJSON_Delete(h);
	free(second);

	/* A withdrawal the record before already covered is not repeated. */
	cr_assert_eq(adv_history_append(&second, first, strlen(first),
		"history.json", dec, oct, anno, "2026-10-25", &err), ADVISOR_OK);
	h = cJSON_Parse(second);
	cr_assert_eq(cJSON_GetArraySize(cJSON_GetObjectItem(record(h, 1),
		"withdrawn")), 1);
	cJSON_Delete(h);
	free(second);
	char *later = NULL;
	cJSON *shifted = cJSON_Parse(first);
	cJSON_ReplaceItemInObject(record(shifted, 0), "imported",
		cJSON_CreateString("2026-10-21"));
	char *text = print(shifted);
	cr_assert_eq(adv_history_append(&later, text, strlen(text),
		"history.json", dec, oct, anno, "2026-12-02", &err), ADVISOR_OK);
	h = cJSON_Parse(later);
	expect(record(h, 1), "withdrawn", "[]");
	cJSON_Delete(h);
	cJSON_Delete(shifted);
	free(text);
	free(later);

	free(first);
	cJSON_Delete(oct);
	cJSON_Delete(dec);
	cJSON_Delete(anno);
}

Test(history, a_file_that_is_not_a_history_is_refused_saying_what_to_do)
{
	cJSON *oct = cJSON_Parse(october);
	char *out = (char *)1;
	advisor_error err;

	cr_assert_eq(adv_history_append(&out, "{\n\"imports\": [", 14,
		"h.json", oct, NULL, NULL, "2026-10-05", &err), ADVISOR_EDATA);
	cr_assert_null(out);
	cr_assert(strstr(err.message, "h.json: line 2: not valid JSON") != NULL,
		"%s", err.message);
	cr_assert(strstr(err.message, "move it away") != NULL, "%s", err.message);
	cr_assert_eq(adv_history_append(&out, "{\"imports\": []}", 15,
		"h.json", oct, NULL, NULL, "2026-10-05", &err), ADVISOR_EDATA);
	cr_assert(strstr(err.message, "advisor-history/1") != NULL, "%s",
		err.message);
	cJSON_Delete(oct);
}

Test(history, the_import_writes_it_with_base_json_or_not_at_all,
	.init = make_dir, .fini = remove_dir)
{
	advisor_folder *f = NULL;
	advisor_folder_options o = ADVISOR_FOLDER_OPTIONS_INIT;
	advisor_error err;

	o.create = 1;
	cr_assert_eq(advisor_folder_open(&f, dir, &o, &err), ADVISOR_OK, "%s",
		err.message);
	cr_assert_eq(advisor_folder_import(f, october, strlen(october), NULL,
		NULL, &err), ADVISOR_OK, "%s", err.message);
	char *h = slurp("history.json");
	cr_assert_not_null(h);
	cJSON *doc = cJSON_Parse(h);
	cr_assert_eq(cJSON_GetArraySize(cJSON_GetObjectItem(doc, "imports")), 1);
	cJSON_Delete(doc);
	cr_assert_eq(advisor_folder_import(f, december, strlen(december), NULL,
		NULL, &err), ADVISOR_OK, "%s", err.message);
	free(h);
	h = slurp("history.json");
	doc = cJSON_Parse(h);
	cr_assert_eq(cJSON_GetArraySize(cJSON_GetObjectItem(doc, "imports")), 2);
	expect(record(doc, 1), "sent", "[{\"person\":\"eve\",\"date\":"
		"\"2026-11-20\",\"note\":false}]");
	cJSON_Delete(doc);
	free(h);

	/* A damaged history: the import is refused and nothing changes. */
	put("history.json", "{\"format\": \"advisor-history/1\", \"imports\": [");
	char *base = slurp("base.json"), *net = slurp("network.json");
	cr_assert_eq(advisor_folder_import(f, october, strlen(october), NULL,
		NULL, &err), ADVISOR_EDATA);
	cr_assert(strstr(err.message, "history.json: line 1: not valid JSON") !=
		NULL, "%s", err.message);
	char *base2 = slurp("base.json"), *net2 = slurp("network.json"),
		*h2 = slurp("history.json");
	cr_assert_str_eq(base2, base);
	cr_assert_str_eq(net2, net);
	cr_assert_str_eq(h2, "{\"format\": \"advisor-history/1\", \"imports\": [");
	free(base);
	free(net);
	free(base2);
	free(net2);
	free(h2);

	/* A commit that is no import leaves the history alone. */
	char path[400];
	snprintf(path, sizeof(path), "%s/history.json", dir);
	cr_assert_eq(unlink(path), 0);
	cr_assert_eq(advisor_folder_commit(f, NULL, 0, NULL, NULL, NULL, &err),
		ADVISOR_OK, "%s", err.message);
	struct stat st;
	cr_assert_neq(stat(path, &st), 0);
	advisor_folder_free(f);
}
