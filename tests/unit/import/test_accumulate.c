/*
 * test_accumulate.c - a newer import keeps what an earlier one saw.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/accumulate.h"

/* The earlier export: two messages with Kenji on one day, Kai and Lena
 * invited by me, Olu only in messages, Sam (two exports ago) ended. */
static const char earlier[] =
	"{\"format\":\"advisor-network/1\",\"imported\":\"2026-06-01\","
	" \"me\":{\"id\":\"me\",\"name\":\"Dan\",\"headline\":\"PM\"},"
	" \"people\":["
	"  {\"id\":\"kenji\",\"name\":\"Kenji\",\"connected\":true,"
	"   \"profile_url\":\"https://www.linkedin.com/in/kenji\","
	"   \"email\":\"k@example.com\",\"connections\":[\"olu\"],"
	"   \"events\":[{\"type\":\"message\",\"date\":\"2023-03-01\",\"direction\":\"in\"},"
	"              {\"type\":\"message\",\"date\":\"2023-03-01\",\"direction\":\"in\"},"
	"              {\"type\":\"message\",\"date\":\"2023-03-02\",\"direction\":\"out\"}]},"
	"  {\"id\":\"kai\",\"name\":\"Kai\",\"connected\":false,"
	"   \"profile_url\":\"linkedin.com/in/KAI/\","
	"   \"events\":[{\"type\":\"invitation\",\"date\":\"2026-05-12\",\"direction\":\"out\"}]},"
	"  {\"id\":\"lena\",\"name\":\"Lena\",\"connected\":false,"
	"   \"events\":[{\"type\":\"invitation\",\"date\":\"2026-05-30\",\"direction\":\"out\","
	"               \"message\":\"Hi Lena\"}]},"
	"  {\"id\":\"olu\",\"name\":\"Olu\",\"connected\":false,"
	"   \"events\":[{\"type\":\"message\",\"date\":\"2024-01-01\",\"direction\":\"in\"}]},"
	"  {\"id\":\"sam\",\"name\":\"Sam\",\"connected\":false,"
	"   \"events\":[{\"type\":\"invitation\",\"date\":\"2025-01-01\",\"direction\":\"in\","
	"               \"status\":\"ended\",\"last_seen\":\"2025-03-01\"}]}]}";

/* The newer one: a Basic export (no messages), Kai's invitation gone, Lena
 * a connection, Kenji's message of 03-01 listed once, and a new person. */
static const char newer[] =
	"{\"format\":\"advisor-network/1\","
	" \"me\":{\"id\":\"me\",\"name\":\"Dan\",\"title\":\"Lead PM\"},"
	" \"people\":["
	"  {\"id\":\"kenji\",\"name\":\"Kenji\",\"connected\":true,\"company\":\"Acme\","
	"   \"profile_url\":\"https://linkedin.com/in/kenji/\","
	"   \"events\":[{\"type\":\"message\",\"date\":\"2023-03-01\",\"direction\":\"in\"}]},"
	"  {\"id\":\"kai\",\"name\":\"Kai M\",\"connected\":false,"
	"   \"profile_url\":\"https://www.linkedin.com/in/kai\"},"
	"  {\"id\":\"lena\",\"name\":\"Lena\",\"connected\":true},"
	"  {\"id\":\"noor\",\"name\":\"Noor\",\"connected\":false,"
	"   \"events\":[{\"type\":\"invitation\",\"date\":\"2026-11-21\",\"direction\":\"in\"}]}]}";

static cJSON *person(cJSON *doc, const char *id)
{
	cJSON *p;
	cJSON_ArrayForEach(p, cJSON_GetObjectItem(doc, "people"))
		if (strcmp(cJSON_GetObjectItem(p, "id")->valuestring, id) == 0)
			return p;
	return NULL;
}

static cJSON *event(cJSON *doc, const char *id, int i)
{
	return cJSON_GetArrayItem(cJSON_GetObjectItem(person(doc, id), "events"), i);
}

static const char *str(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItem(obj, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int count_events(cJSON *doc, const char *id)
{
	return cJSON_GetArraySize(cJSON_GetObjectItem(person(doc, id), "events"));
}

Test(accumulate, earlier_evidence_is_kept_and_unlisted_invitations_marked)
{
	cJSON *now = cJSON_Parse(newer), *then = cJSON_Parse(earlier);
	adv_accumulate_stats st;

	cr_assert_eq(adv_import_accumulate(now, then, "2026-06-01", NULL, NULL,
		&st, NULL), 0);
	/* Messages: a multiset, the one listed again not repeated. */
	cr_assert_eq(count_events(now, "kenji"), 3);
	cr_assert_str_eq(str(event(now, "kenji", 1), "date"), "2023-03-01");
	cr_assert_str_eq(str(event(now, "kenji", 2), "direction"), "out");
	/* The newer fields win, the earlier ones fill the gaps. */
	cr_assert_str_eq(str(person(now, "kenji"), "company"), "Acme");
	cr_assert_str_eq(str(person(now, "kenji"), "email"), "k@example.com");
	cr_assert_str_eq(str(person(now, "kenji"), "profile_url"),
		"https://linkedin.com/in/kenji/");
	cr_assert_str_eq(cJSON_GetArrayItem(cJSON_GetObjectItem(
		person(now, "kenji"), "connections"), 0)->valuestring, "olu");
	/* Kai (matched by URL, however written): ended, last seen then. */
	cr_assert_str_eq(str(person(now, "kai"), "name"), "Kai M");
	cr_assert_str_eq(str(event(now, "kai", 0), "status"), "ended");
	cr_assert_str_eq(str(event(now, "kai", 0), "last_seen"), "2026-06-01");
	/* Lena, a connection now: accepted, no last_seen. */
	cr_assert_str_eq(str(event(now, "lena", 0), "status"), "accepted");
	cr_assert_null(cJSON_GetObjectItem(event(now, "lena", 0), "last_seen"));
	cr_assert_str_eq(str(event(now, "lena", 0), "message"), "Hi Lena");
	/* Olu and Sam, absent from the newer export, kept whole; Sam's
	 * invitation keeps the outcome an earlier import gave it. */
	cr_assert_not_null(person(now, "olu"));
	cr_assert_str_eq(str(event(now, "sam", 0), "last_seen"), "2025-03-01");
	cr_assert_eq(count_events(now, "noor"), 1);
	cr_assert_null(cJSON_GetObjectItem(event(now, "noor", 0), "status"));
	cr_assert_str_eq(str(cJSON_GetObjectItem(now, "me"), "headline"), "PM");
	cr_assert_str_eq(str(cJSON_GetObjectItem(now, "me"), "title"), "Lead PM");
	cr_assert_eq(st.people_kept, 2);
	cr_assert_eq(st.events_kept, 6);
	cr_assert_eq(st.messages_kept, 3);
	cr_assert_eq(st.ended, 1);
	cr_assert_eq(st.accepted, 1);
	cJSON_Delete(now);
	cJSON_Delete(then);
}

Test(accumulate, twice_keeps_nothing_twice)
{
	cJSON *now = cJSON_Parse(newer), *then = cJSON_Parse(earlier);
	cJSON *again = cJSON_Parse(newer);
	adv_accumulate_stats st;

	cr_assert_eq(adv_import_accumulate(now, then, "2026-06-01", NULL, NULL,
		NULL, NULL), 0);
	/* The same newer export imported once more over the result. */
	cr_assert_eq(adv_import_accumulate(again, now, "2026-12-01", NULL, NULL,
		&st, NULL), 0);
	cr_assert_eq(count_events(again, "kenji"), 3);
	cr_assert_eq(count_events(again, "kai"), 1);
	cr_assert_str_eq(str(event(again, "kai", 0), "last_seen"), "2026-06-01");
	cr_assert_eq(st.ended, 0);
	cr_assert_eq(st.accepted, 0);
	cJSON_Delete(now);
	cJSON_Delete(then);
	cJSON_Delete(again);
}

Test(accumulate, a_listed_invitation_is_the_same_whatever_its_outcome)
{
	cJSON *now = cJSON_Parse(
		"{\"people\":[{\"id\":\"a\",\"name\":\"A\",\"events\":["
		"{\"type\":\"invitation\",\"date\":\"2026-01-01\",\"direction\":\"in\"}]}]}");
	cJSON *then = cJSON_Parse(
		"{\"people\":[{\"id\":\"a\",\"name\":\"A\",\"events\":["
		"{\"type\":\"invitation\",\"date\":\"2026-01-01\",\"direction\":\"in\","
		" \"status\":\"ended\",\"last_seen\":\"2026-02-01\"},"
		"{\"type\":\"interview\",\"date\":\"2026-01-01\",\"status\":\"done\"}]}]}");

	cr_assert_eq(adv_import_accumulate(now, then, "2026-03-01", NULL, NULL,
		NULL, NULL), 0);
	/* Listed again: waiting again, as the newer export says.  An
	 * interview's status is part of what it is. */
	cr_assert_eq(count_events(now, "a"), 2);
	cr_assert_null(cJSON_GetObjectItem(event(now, "a", 0), "status"));
	cr_assert_str_eq(str(event(now, "a", 1), "status"), "done");
	cJSON_Delete(now);
	cJSON_Delete(then);
}

typedef struct warned {
	int n;
	char last[700];
} warned;

static void on_warning(void *payload, const char *message)
{
	warned *w = payload;
	w->n++;
	snprintf(w->last, sizeof(w->last), "%s", message);
}

Test(accumulate, an_id_now_someone_elses_is_warned_about_not_merged)
{
	cJSON *now = cJSON_Parse(
		"{\"people\":[{\"id\":\"alex\",\"name\":\"Alex B\","
		"\"profile_url\":\"https://www.linkedin.com/in/alex-b\"}]}");
	cJSON *then = cJSON_Parse(
		"{\"people\":[{\"id\":\"alex\",\"name\":\"Alex A\","
		"\"profile_url\":\"https://www.linkedin.com/in/alex-a\",\"events\":["
		"{\"type\":\"message\",\"date\":\"2026-01-01\",\"direction\":\"in\"}]}]}");
	warned w = { 0, "" };
	adv_accumulate_stats st;

	cr_assert_eq(adv_import_accumulate(now, then, "2026-03-01", on_warning,
		&w, &st, NULL), 0);
	cr_assert_eq(cJSON_GetArraySize(cJSON_GetObjectItem(now, "people")), 1);
	cr_assert_null(cJSON_GetObjectItem(person(now, "alex"), "events"));
	cr_assert_eq(w.n, 1);
	cr_assert(strstr(w.last, "\"alex\" (Alex A)"), "%s", w.last);
	cr_assert_eq(st.skipped, 1);
	cJSON_Delete(now);
	cJSON_Delete(then);
}

Test(accumulate, a_document_of_the_wrong_shape_is_refused)
{
	cJSON *now = cJSON_Parse("{\"people\":[]}");
	cJSON *then = cJSON_Parse("{\"people\":{}}");
	advisor_error err;

	cr_assert_eq(adv_import_accumulate(now, then, "2026-03-01", NULL, NULL,
		NULL, &err), ADVISOR_EDATA);
	cr_assert(strstr(err.message, "the earlier import"), "%s", err.message);
	cJSON_Delete(now);
	cJSON_Delete(then);
}
