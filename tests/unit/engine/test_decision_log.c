/*
 * test_decision_log.c - advisor_result_log() and
 * advisor_engine_setting_boolean() and advisor_engine_setting_number().
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "advisor.h"

static const char network[] =
	"{\"format\":\"advisor-network/1\",\"me\":{\"id\":\"me\",\"name\":\"A\"},"
	"\"people\":[{\"id\":\"dana\",\"name\":\"Dana\",\"events\":[{\"type\":"
	"\"met\",\"date\":\"2019-05\",\"context\":\"PyCon\",\"tone\":\"cordial\"}]}]}";

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	cr_assert_not_null(f);
	char *buf = calloc(1, 8192);
	size_t n = fread(buf, 1, 8191, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

Test(decision_log, each_result_is_one_line_appended)
{
	advisor_network *net = NULL;
	advisor_engine *e = NULL;
	advisor_result *r = NULL;
	advisor_error err;
	char dir[] = "/tmp/advisor-log-XXXXXX", path[64];

	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/decisions.ndjson", dir);
	cr_assert_eq(advisor_network_load_buffer(&net, network, strlen(network),
		"net.json", NULL, &err), ADVISOR_OK, "%s", err.message);
	cr_assert_eq(advisor_engine_new(&e, NULL, &err), ADVISOR_OK, "%s",
		err.message);
	advisor_request req = ADVISOR_REQUEST_INIT;
	req.person = "dana";
	req.direction = ADVISOR_OUTGOING;
	req.as_of = "2026-11-27";
	cr_assert_eq(advisor_advise(&r, e, net, &req, &err), ADVISOR_OK, "%s",
		err.message);
	cr_assert_eq(advisor_result_log(r, "2026-11-27", path, &err), ADVISOR_OK,
		"%s", err.message);
	cr_assert_eq(advisor_result_log(r, NULL, path, &err), ADVISOR_OK);
	char *text = read_all(path);
	char *second = strchr(text, '\n');
	cr_assert_not_null(second);
	cr_assert(strncmp(text, "{\"logged\":\"", 11) == 0, "%s", text);
	cr_assert(strstr(text, "\",\"as_of\":\"2026-11-27\",\"person\":\"dana\","
		"\"direction\":\"outgoing\",\"verdict\":\"connect_with_note\","
		"\"rules\":[\"known\"],\"scores\":[3],\"note\":true,\"policy\":"
		"\"default\"}\n") ==
		text + 21, "%s", text);
	cr_assert_not_null(strchr(second + 1, '\n'));
	cr_assert_eq(strchr(second + 1, '\n')[1], '\0', "two lines: %s", text);

	/* Bad arguments; a folder that is not there. */
	cr_assert_eq(advisor_result_log(r, "27/11/2026", path, &err), ADVISOR_EINVAL);
	cr_assert(strstr(err.message, "not a day"), "%s", err.message);
	cr_assert_eq(advisor_result_log(NULL, NULL, path, &err), ADVISOR_EINVAL);
	cr_assert_eq(advisor_result_log(r, NULL, "/nonexistent-dir/x", &err),
		ADVISOR_EIO);
	cr_assert(strstr(err.message, "/nonexistent-dir/x: cannot open the "
		"decision log"), "%s", err.message);
	free(text);
	unlink(path);
	rmdir(dir);
	advisor_result_free(r);
	advisor_engine_free(e);
	advisor_network_free(net);
}

Test(decision_log, the_policys_boolean_settings_are_read)
{
	advisor_engine *e = NULL;
	advisor_error err;
	int on = -1;

	cr_assert_eq(advisor_engine_new(&e, NULL, &err), ADVISOR_OK, "%s",
		err.message);
	cr_assert_eq(advisor_engine_setting_boolean(&on, e, "decision_log", &err),
		ADVISOR_OK, "%s", err.message);
	cr_assert_eq(on, 1);
	cr_assert_eq(advisor_engine_setting_boolean(&on, e, "reinvite_block_days",
		&err), ADVISOR_EINVAL);
	cr_assert_eq(on, 0);
	cr_assert(strstr(err.message, "\"reinvite_block_days\" is not true or "
		"false"), "%s", err.message);
	cr_assert_eq(advisor_engine_setting_boolean(&on, e, "nope", &err),
		ADVISOR_ENOTFOUND);
	cr_assert_eq(advisor_engine_setting_boolean(NULL, e, "nope", &err),
		ADVISOR_EINVAL);
	advisor_engine_free(e);
}

Test(decision_log, the_policys_number_settings_are_read)
{
	advisor_engine *e = NULL;
	advisor_error err;
	double n = -1;

	cr_assert_eq(advisor_engine_new(&e, NULL, &err), ADVISOR_OK, "%s",
		err.message);
	cr_assert_eq(advisor_engine_setting_number(&n, e, "reinvite_block_days",
		&err), ADVISOR_OK, "%s", err.message);
	cr_assert_eq(n, 21);
	cr_assert_eq(advisor_engine_setting_number(&n, e, "decision_log", &err),
		ADVISOR_EINVAL);
	cr_assert_eq(n, 0);
	cr_assert(strstr(err.message, "\"decision_log\" is not a number"), "%s",
		err.message);
	cr_assert_eq(advisor_engine_setting_number(&n, e, "nope", &err),
		ADVISOR_ENOTFOUND);
	cr_assert_eq(advisor_engine_setting_number(NULL, e, "nope", &err),
		ADVISOR_EINVAL);
	advisor_engine_free(e);
}
