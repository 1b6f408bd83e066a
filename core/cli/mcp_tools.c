/*
 * mcp_tools.c - the tools `advisor mcp` offers.  Each is a command of the
 * advisor run as the command line runs it: one table gives a tool's
 * arguments, and from it follow its JSON Schema, the check of a call's
 * arguments and the command line that does the work, so the advice, the
 * output and every message are the commands' own.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mcp.h"

/* What an argument is, and how it goes on the command line. */
typedef enum arg_kind {
	A_TEXT,    /* a string: --option=VALUE, or the next word without one */
	A_WORDS,   /* an array of strings: --option=VALUE for each */
	A_COUNT,   /* an integer from min to max: --option=N */
	A_YES_NO,  /* a boolean: --option=yes or --option=no */
	A_FLAG,    /* a boolean: --option when true */
	A_CHOICE   /* one of values: --VALUE */
} arg_kind;

typedef struct tool_arg {
	const char *name;
	arg_kind kind;
	const char *option;          /* NULL: a word after the options */
	int required;
	const char *const *values;   /* the only values taken, NULL-ended */
	long min, max;               /* for A_COUNT */
	const char *description;
} tool_arg;

/* What the command prints with its --json, if anything. */
typedef enum tool_output {
	OUT_TEXT,   /* words for people */
	OUT_JSON,   /* one JSON object */
	OUT_LINES   /* one JSON object a line, listed under list_key */
} tool_output;

#define MAX_ARGS 24

struct mcp_tool {
	const char *name, *title, *description;
	cli_lent_command run;
	const char *const *fixed;  /* options always given, NULL-ended */
	tool_output output;
	const char *list_key;
	int writes, destructive, idempotent;
	int partial_ok;            /* exit 6 is an answer with failed items */
	const char *either, *or;   /* one of these two arguments is required, */
	const char *either_or;     /* ... as this says */
	tool_arg args[MAX_ARGS];
};

/* The commands that change the data folder open it themselves and borrow
 * nothing. */
static int run_add(int argc, char **argv, const cli_lent *lent)
{
	(void)lent;
	return cmd_add(argc, argv);
}

static int run_remember(int argc, char **argv, const cli_lent *lent)
{
	(void)lent;
	return cmd_remember(argc, argv);
}

static int run_sent(int argc, char **argv, const cli_lent *lent)
{
	(void)lent;
	return cmd_sent(argc, argv);
}

static int run_withdrew(int argc, char **argv, const cli_lent *lent)
{
	(void)lent;
	return cmd_withdrew(argc, argv);
}

static int run_forget(int argc, char **argv, const cli_lent *lent)
{
	(void)lent;
	return cmd_forget(argc, argv);
}

static const char *const json_option[] = { "--json", NULL };
static const char *const directions[] = { "incoming", "outgoing", NULL };
static const char *const fact_types[] = { "met", "worked_together",
	"personal", "introduced", "interview", "knows", NULL };
static const char *const forget_types[] = { "met", "worked_together",
	"personal", "introduced", "interview", "knows", "sent", "withdrew",
	NULL };
static const char *const tones[] = { "cordial", "neutral", "awkward",
	"hostile", NULL };
static const char *const endings[] = { "good", "neutral", "bad", NULL };
static const char *const relations[] = { "boss", "report", "peer", "client",
	"employer", "ex", "friend", "family", NULL };
static const char *const roles[] = { "hiring_manager", "interviewer",
	"recruiter", NULL };
static const char *const statuses[] = { "applied", "scheduled", "done",
	"offer", "hired", "rejected", "withdrawn", NULL };
static const char *const seniorities[] = { "student", "entry", "senior",
	"manager", "director", "executive", "founder", NULL };

#define PERSON_ARG(what) { "person", A_TEXT, NULL, 1, NULL, 0, 0, \
	what ": an id, a name (whole or in part, case and accents " \
	"ignored) or a profile URL; a name that fits several people is " \
	"refused with their ids listed" }
#define DATE_NOTE "YYYY-MM-DD, YYYY-MM or YYYY"

static const mcp_tool tools[] = {
	{ "advise", "Advice on a LinkedIn invitation",
	  "Should you invite this person to connect on LinkedIn, or accept "
	  "their invitation, and what should the note say? Returns the "
	  "verdict (connect, connect_with_note, wait, dont_connect, "
	  "already_connected, invited), the score, the reasons (each rule "
	  "that fired and why), what was missing below the threshold, and a "
	  "note that fits the invitation-note limit. With explain, also "
	  "every rule (fired or not, and why) and the single changes that "
	  "would flip the verdict. Someone not in the network, as their "
	  "profile shows them (the page the user is looking at), is given "
	  "with name and the profile's fields instead of person; nothing is "
	  "recorded, and the result says transient when the network does "
	  "not have them. The same result as 'advisor advise PERSON --json'.",
	  cli_advise, json_option, OUT_JSON, NULL, 0, 0, 1, 0, "person", "name",
	  "give person (someone in the network: an id, a name or a profile "
	  "URL) or name (someone as their profile shows them)", {
		{ "person", A_TEXT, NULL, 0, NULL, 0, 0,
		  "Who, in the network: an id, a name (whole or in part, case and "
		  "accents ignored) or a profile URL; a name that fits several "
		  "people is refused with their ids listed; or give name" },
		{ "name", A_TEXT, "name", 0, NULL, 0, 0,
		  "Instead of person: the full name of someone as their profile "
		  "shows them, found in the network by profile URL or name if it "
		  "has them, else judged on the fields given alone" },
		{ "headline", A_TEXT, "headline", 0, NULL, 0, 0,
		  "With name: their profile's headline" },
		{ "company", A_TEXT, "company", 0, NULL, 0, 0,
		  "With name: where they work" },
		{ "title", A_TEXT, "title", 0, NULL, 0, 0,
		  "With name: their job title" },
		{ "location", A_TEXT, "location", 0, NULL, 0, 0,
		  "With name: where they are" },
		{ "industry", A_TEXT, "industry", 0, NULL, 0, 0,
		  "With name: their industry" },
		{ "url", A_TEXT, "url", 0, NULL, 0, 0,
		  "With name: their profile URL (https://www.linkedin.com/in/...)" },
		{ "intent", A_WORDS, "intent", 0, NULL, 0, 0,
		  "What you hope for; the shipped policy knows date, job, learn, "
		  "network and reconnect (an unknown one is refused with the "
		  "list)" },
		{ "direction", A_CHOICE, NULL, 0, directions, 0, 0,
		  "outgoing: should you invite them? incoming: should you accept "
		  "their invitation? Default: incoming when theirs waits for "
		  "your answer, else outgoing" },
		{ "as_of", A_TEXT, "as-of", 0, NULL, 0, 0,
		  "Judge as on this date (YYYY-MM-DD); default today" },
		{ "explain", A_FLAG, "explain", 0, NULL, 0, 0,
		  "Also explain: every rule, and what would change the verdict" },
		{ "drafts", A_COUNT, "drafts", 0, NULL, 1, ADVISOR_MAX_DRAFTS,
		  "How many drafts of the note to offer (default 1)" },
	  } },
	{ "find", "Find people in your network",
	  "The people whose id, name, profile URL, company or headline "
	  "matches the text, best matches first: id, name, company, headline "
	  "and how each matched. Use it to get the id to give the other "
	  "tools. The same as 'advisor find TEXT --json'.",
	  cli_find, json_option, OUT_LINES, "people", 0, 0, 1, 0, NULL, NULL, NULL, {
		{ "text", A_TEXT, NULL, 1, NULL, 0, 0,
		  "What to look for: a name or part of one, an id, a URL, a "
		  "company" },
	  } },
	{ "triage", "Advice on every pending invitation",
	  "Advice on every invitation waiting: theirs to you (accept or not) "
	  "and yours still unanswered (wait, or withdraw), most urgent first, "
	  "one advise result each. The same as 'advisor triage --json'.",
	  cli_triage, json_option, OUT_LINES, "invitations", 0, 0, 1, 1, NULL, NULL, NULL, {
		{ "as_of", A_TEXT, "as-of", 0, NULL, 0, 0,
		  "Judge as on this date (YYYY-MM-DD); default today" },
	  } },
	{ "outcomes", "What became of the invitations you sent",
	  "What became of every invitation the user sent, from their "
	  "successive LinkedIn exports and the invitations they recorded: "
	  "accepted, pending (not a failure) or ended (withdrawn, ignored or "
	  "expired). Groups per rule that fired, per verdict and with a note "
	  "or without, each with sent, accepted, pending and ended, and the "
	  "acceptance rate of those answered with its 95% Wilson interval; "
	  "then every invitation with its verdict and rules. Read-only. The "
	  "same as 'advisor outcomes --json'.",
	  cli_outcomes, json_option, OUT_JSON, NULL, 0, 0, 1, 0, NULL, NULL, NULL, {
		{ "as_of", A_TEXT, "as-of", 0, NULL, 0, 0,
		  "Count as on this date (YYYY-MM-DD); default today" },
	  } },
	{ "tune", "Fit the rules' scores to what became of the invitations",
	  "Propose new scores for the policy's rules from what became of the "
	  "invitations the user sent (accepted against ended; pending ones "
	  "left out), anchored at the current scores, the threshold "
	  "unchanged: each rule's current and proposed score, how many "
	  "resolved invitations the verdict got right before and after, and "
	  "the invitations whose verdict would change. With too few resolved "
	  "invitations (fitted false) it says how many it needs (needed) and "
	  "proposes nothing. Read-only: it never writes the scores; the user "
	  "applies them with 'advisor tune --write'. The same as 'advisor "
	  "tune --json'.",
	  cli_tune, json_option, OUT_JSON, NULL, 0, 0, 1, 1, NULL, NULL, NULL, {
		{ "as_of", A_TEXT, "as-of", 0, NULL, 0, 0,
		  "Count outcomes as on this date (YYYY-MM-DD); default today" },
		{ "min", A_COUNT, "min", 0, NULL, 1, 100000000,
		  "Fit on at least this many resolved invitations (default: the "
		  "policy's tune_min_outcomes, 30)" },
		{ "penalty", A_TEXT, "penalty", 0, NULL, 0, 0,
		  "How strongly the scores are held where they are, a number "
		  "above 0 (default: the policy's tune_penalty, 1)" },
	  } },
	{ "plan", "This week's invitations within LinkedIn's limits",
	  "Whom to invite this week, best first, within LinkedIn's limits: "
	  "the candidates (the people given, else everyone the user is not "
	  "connected to) advised on, the connect verdicts kept, no more than "
	  "the weekly allowance less what was sent in the last seven days, "
	  "the month's personalised notes where they matter most and the "
	  "others to send without one (held_note), those beyond the allowance "
	  "as later, and the user's invitations old enough to withdraw; with "
	  "the limits and how much of each is used. Read-only. The same as "
	  "'advisor plan --json'.",
	  cli_plan, json_option, OUT_JSON, NULL, 0, 0, 1, 0, NULL, NULL, NULL, {
		{ "people", A_WORDS, NULL, 0, NULL, 0, 0,
		  "The candidates: ids, names or profile URLs; default everyone "
		  "you are not connected to" },
		{ "intent", A_WORDS, "intent", 0, NULL, 0, 0,
		  "What you hope for, for every candidate (as advise's)" },
		{ "as_of", A_TEXT, "as-of", 0, NULL, 0, 0,
		  "Plan as on this date (YYYY-MM-DD); default today" },
	  } },
	{ "path", "How you are connected to someone",
	  "The shortest chains of people between you and this person (each "
	  "with who could introduce you) and your mutual connections. The "
	  "same as 'advisor path PERSON --json'.",
	  cli_path, json_option, OUT_JSON, NULL, 0, 0, 1, 0, NULL, NULL, NULL, {
		PERSON_ARG("Who"),
	  } },
	{ "add", "Add someone who is not in your network",
	  "Add a person your LinkedIn export does not have (you met them, you "
	  "are not connected) to your data folder, so that you can record "
	  "facts about them and ask for advice; the new id is in the answer. "
	  "Someone already there is refused. Changes your data: the same as "
	  "'advisor add NAME'.",
	  run_add, NULL, OUT_TEXT, NULL, 1, 0, 0, 0, NULL, NULL, NULL, {
		{ "name", A_TEXT, NULL, 1, NULL, 0, 0, "Their full name" },
		{ "company", A_TEXT, "company", 0, NULL, 0, 0, "Where they work" },
		{ "title", A_TEXT, "title", 0, NULL, 0, 0, "Their job title" },
		{ "headline", A_TEXT, "headline", 0, NULL, 0, 0,
		  "Their LinkedIn headline" },
		{ "industry", A_TEXT, "industry", 0, NULL, 0, 0,
		  "Their industry (Software, Design, ...)" },
		{ "seniority", A_TEXT, "seniority", 0, seniorities, 0, 0,
		  "How senior they are" },
		{ "followers", A_COUNT, "followers", 0, NULL, 0, INT32_MAX,
		  "How many follow them" },
		{ "influencer", A_YES_NO, "influencer", 0, NULL, 0, 0,
		  "A LinkedIn influencer" },
		{ "location", A_TEXT, "location", 0, NULL, 0, 0, "Where they are" },
		{ "url", A_TEXT, "url", 0, NULL, 0, 0,
		  "Their profile URL (https://www.linkedin.com/in/...)" },
	  } },
	{ "remember", "Record a fact about someone",
	  "Record how you know someone, in your data folder, merged over "
	  "every import: type met (date, context, tone), worked_together "
	  "(from, to, org, relation, ending, reason), personal (date, "
	  "relation, ending), introduced (by, date, note), interview (date, "
	  "role, status), or knows (other: two people, neither you, know each "
	  "other). The advice follows at once. The same fact twice is one "
	  "fact. Changes your data: the same as 'advisor remember PERSON "
	  "TYPE'.",
	  run_remember, NULL, OUT_TEXT, NULL, 1, 0, 0, 0, NULL, NULL, NULL, {
		PERSON_ARG("Whom the fact is about"),
		{ "type", A_TEXT, NULL, 1, fact_types, 0, 0, "The kind of fact" },
		{ "other", A_TEXT, NULL, 0, NULL, 0, 0,
		  "knows: the other person (an id or a name)" },
		{ "date", A_TEXT, "date", 0, NULL, 0, 0,
		  "When (" DATE_NOTE "); today or earlier but for an interview "
		  "scheduled ahead" },
		{ "context", A_TEXT, "context", 0, NULL, 0, 0,
		  "met: where or how you met" },
		{ "tone", A_TEXT, "tone", 0, tones, 0, 0,
		  "met: how it went (default neutral)" },
		{ "from", A_TEXT, "from", 0, NULL, 0, 0,
		  "worked_together: since when (" DATE_NOTE ")" },
		{ "to", A_TEXT, "to", 0, NULL, 0, 0,
		  "worked_together: until when (" DATE_NOTE "); none if ongoing" },
		{ "org", A_TEXT, "org", 0, NULL, 0, 0,
		  "worked_together: the organisation" },
		{ "relation", A_TEXT, "relation", 0, relations, 0, 0,
		  "worked_together: boss, report, peer, client, employer; "
		  "personal: ex, friend, family" },
		{ "ending", A_TEXT, "ending", 0, endings, 0, 0,
		  "worked_together, personal: how it ended" },
		{ "reason", A_TEXT, "reason", 0, NULL, 0, 0,
		  "worked_together: why it ended (fired, laid_off, quit, "
		  "contract_end, or your words)" },
		{ "by", A_TEXT, "by", 0, NULL, 0, 0,
		  "introduced: who introduced you (an id or a name)" },
		{ "note", A_TEXT, "note", 0, NULL, 0, 0,
		  "introduced: a note on the introduction" },
		{ "role", A_TEXT, "role", 0, roles, 0, 0,
		  "interview: their role in the hiring process" },
		{ "status", A_TEXT, "status", 0, statuses, 0, 0,
		  "interview: where the process stands" },
	  } },
	{ "sent", "Record an invitation you sent",
	  "Record that the user sent this person an invitation to connect on "
	  "LinkedIn, so that the advice sees it waiting (invited, not "
	  "connect) before the next export does. Changes your data: the same "
	  "as 'advisor sent PERSON'.",
	  run_sent, NULL, OUT_TEXT, NULL, 1, 0, 0, 0, NULL, NULL, NULL, {
		PERSON_ARG("Whom the user invited"),
		{ "note", A_FLAG, "note", 0, NULL, 0, 0,
		  "The invitation carried a personal note" },
		{ "date", A_TEXT, "date", 0, NULL, 0, 0,
		  "The day it was sent (YYYY-MM-DD); default today" },
		{ "force", A_FLAG, "force", 0, NULL, 0, 0,
		  "Record it even within LinkedIn's re-invite block after a "
		  "withdrawal, which is refused otherwise" },
	  } },
	{ "withdrew", "Record an invitation you withdrew",
	  "Record that the user withdrew the invitation of theirs that waits "
	  "for this person's answer; the advice then says to wait out "
	  "LinkedIn's block on inviting them again. Changes your data: the "
	  "same as 'advisor withdrew PERSON'.",
	  run_withdrew, NULL, OUT_TEXT, NULL, 1, 0, 0, 0, NULL, NULL, NULL, {
		PERSON_ARG("Whose invitation was withdrawn"),
		{ "date", A_TEXT, "date", 0, NULL, 0, 0,
		  "The day it was withdrawn (YYYY-MM-DD); default today" },
	  } },
	{ "forget", "Remove a recorded fact",
	  "Remove one fact recorded with remember (knows: the link between "
	  "person and other), or an invitation recorded with sent or "
	  "withdrew (type sent or withdrew). With several facts of the type "
	  "about the person, give date or index; without either they are listed, "
	  "numbered, and nothing is removed. Changes your data: the same as "
	  "'advisor forget PERSON TYPE'.",
	  run_forget, NULL, OUT_TEXT, NULL, 1, 1, 0, 0, NULL, NULL, NULL, {
		PERSON_ARG("Whom the fact is about"),
		{ "type", A_TEXT, NULL, 1, forget_types, 0, 0, "The kind of fact" },
		{ "other", A_TEXT, NULL, 0, NULL, 0, 0,
		  "knows: the other person" },
		{ "date", A_TEXT, "date", 0, NULL, 0, 0,
		  "The fact's date (its from for worked_together)" },
		{ "index", A_COUNT, "index", 0, NULL, 1, INT32_MAX,
		  "The Nth fact of the type about the person, as listed" },
	  } },
};

#define TOOL_COUNT (sizeof(tools) / sizeof(tools[0]))

size_t mcp_tool_count(void)
{
	return TOOL_COUNT;
}

const mcp_tool *mcp_tool_get(size_t i)
{
	return i < TOOL_COUNT ? &tools[i] : NULL;
}

const mcp_tool *mcp_tool_find(const char *name)
{
	for (size_t i = 0; i < TOOL_COUNT; i++)
		if (strcmp(tools[i].name, name) == 0)
			return &tools[i];
	return NULL;
}

const char *mcp_tool_name(const mcp_tool *t)
{
	return t->name;
}

int mcp_tool_writes(const mcp_tool *t)
{
	return t->writes;
}

static cJSON *arg_schema(const tool_arg *a)
{
	cJSON *s = cJSON_CreateObject(), *list;
	int ok = s != NULL;

	switch (a->kind) {
	case A_TEXT:
	case A_CHOICE:
		ok = ok && cJSON_AddStringToObject(s, "type", "string");
		break;
	case A_WORDS:
		ok = ok && cJSON_AddStringToObject(s, "type", "array") &&
			(list = cJSON_AddObjectToObject(s, "items")) &&
			cJSON_AddStringToObject(list, "type", "string");
		break;
	case A_COUNT:
		ok = ok && cJSON_AddStringToObject(s, "type", "integer") &&
			cJSON_AddNumberToObject(s, "minimum", (double)a->min) &&
			cJSON_AddNumberToObject(s, "maximum", (double)a->max);
		break;
	case A_YES_NO:
	case A_FLAG:
		ok = ok && cJSON_AddStringToObject(s, "type", "boolean");
		break;
	}
	if (ok && a->values) {
		ok = (list = cJSON_AddArrayToObject(s, "enum")) != NULL;
		for (size_t i = 0; ok && a->values[i]; i++) {
			cJSON *v = cJSON_CreateString(a->values[i]);
			ok = v && cJSON_AddItemToArray(list, v);
		}
	}
	ok = ok && cJSON_AddStringToObject(s, "description", a->description);
	if (!ok) {
		cJSON_Delete(s);
		return NULL;
	}
	return s;
}

cJSON *mcp_tool_json(const mcp_tool *t)
{
	cJSON *o = cJSON_CreateObject(), *schema, *props, *req, *notes;
	int ok = o && cJSON_AddStringToObject(o, "name", t->name) &&
		cJSON_AddStringToObject(o, "title", t->title) &&
		cJSON_AddStringToObject(o, "description", t->description) &&
		(schema = cJSON_AddObjectToObject(o, "inputSchema")) &&
		cJSON_AddStringToObject(schema, "type", "object") &&
		(props = cJSON_AddObjectToObject(schema, "properties")) &&
		(req = cJSON_AddArrayToObject(schema, "required"));

	for (const tool_arg *a = t->args; ok && a->name; a++) {
		cJSON *s = arg_schema(a), *name;
		ok = s && cJSON_AddItemToObject(props, a->name, s);
		if (!ok)
			cJSON_Delete(s);
		if (ok && a->required)
			ok = (name = cJSON_CreateString(a->name)) &&
				cJSON_AddItemToArray(req, name);
	}
	/* Hints for the client: what reads and what changes your facts.
	 * None reaches beyond this machine. */
	ok = ok && cJSON_AddFalseToObject(schema, "additionalProperties") &&
		(notes = cJSON_AddObjectToObject(o, "annotations")) &&
		cJSON_AddStringToObject(notes, "title", t->title) &&
		cJSON_AddBoolToObject(notes, "readOnlyHint", !t->writes) &&
		(!t->writes ||
		 (cJSON_AddBoolToObject(notes, "destructiveHint", t->destructive) &&
		  cJSON_AddBoolToObject(notes, "idempotentHint", t->idempotent))) &&
		cJSON_AddFalseToObject(notes, "openWorldHint");
	if (!ok) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static const tool_arg *find_arg(const mcp_tool *t, const char *name)
{
	for (const tool_arg *a = t->args; a->name; a++)
		if (strcmp(a->name, name) == 0)
			return a;
	return NULL;
}

static int one_of(const char *const *values, const char *s)
{
	for (size_t i = 0; values[i]; i++)
		if (strcmp(values[i], s) == 0)
			return 1;
	return 0;
}

/* "a, b or c" */
static void list_values(char *buf, size_t size, const char *const *values)
{
	size_t n = 0, used = 0;
	while (values[n])
		n++;
	buf[0] = '\0';
	for (size_t i = 0; i < n && used < size; i++) {
		int w = snprintf(buf + used, size - used, "%s%s",
			i == 0 ? "" : i + 1 == n ? " or " : ", ", values[i]);
		if (w < 0)
			break;
		used += (size_t)w;
	}
}

/* The argument names a tool takes, for a message. */
static void list_args(char *buf, size_t size, const mcp_tool *t)
{
	const char *names[MAX_ARGS + 1];
	size_t n = 0;
	for (const tool_arg *a = t->args; a->name; a++)
		names[n++] = a->name;
	names[n] = NULL;
	list_values(buf, size, names);
}

/* Why value is not what a takes, in why; 0 if it is. */
static int check_arg(const mcp_tool *t, const tool_arg *a, const cJSON *v,
	char *why, size_t size)
{
	char list[512];

	switch (a->kind) {
	case A_TEXT:
	case A_CHOICE:
		if (!cJSON_IsString(v)) {
			snprintf(why, size, "%s: %s must be a string", t->name, a->name);
			return -1;
		}
		if (a->values && !one_of(a->values, v->valuestring)) {
			list_values(list, sizeof(list), a->values);
			snprintf(why, size, "%s: %s: '%.200s' is not %s", t->name,
				a->name, v->valuestring, list);
			return -1;
		}
		return 0;
	case A_WORDS:
		if (!cJSON_IsArray(v)) {
			snprintf(why, size, "%s: %s must be an array of strings",
				t->name, a->name);
			return -1;
		}
		for (const cJSON *w = v->child; w; w = w->next)
			if (!cJSON_IsString(w)) {
				snprintf(why, size, "%s: %s must be an array of strings",
					t->name, a->name);
				return -1;
			}
		return 0;
	case A_COUNT: {
		double d = cJSON_IsNumber(v) ? v->valuedouble : 0;
		if (!cJSON_IsNumber(v) || d != (double)(long)d ||
		    d < (double)a->min || d > (double)a->max) {
			snprintf(why, size, "%s: %s must be a whole number from %ld "
				"to %ld", t->name, a->name, a->min, a->max);
			return -1;
		}
		return 0;
	}
	case A_YES_NO:
	case A_FLAG:
		if (!cJSON_IsBool(v)) {
			snprintf(why, size, "%s: %s must be true or false", t->name,
				a->name);
			return -1;
		}
		return 0;
	}
	return 0;
}

/* The words of a command line, collected, then made one allocation. */
typedef struct words {
	char *w[4 * MAX_ARGS + 64];
	size_t n;
	int nomem;
} words;

static void add_word(words *ws, const char *option, const char *value)
{
	char *s = NULL;
	size_t max = sizeof(ws->w) / sizeof(ws->w[0]);
	if (ws->nomem || ws->n + 1 >= max) {
		ws->nomem = 1;
		return;
	}
	if (option && value) {
		size_t len = strlen(option) + strlen(value) + 4;
		if ((s = malloc(len)))
			snprintf(s, len, "--%s=%s", option, value);
	} else if (option) {
		size_t len = strlen(option) + 3;
		if ((s = malloc(len)))
			snprintf(s, len, "--%s", option);
	} else {
		s = strdup(value);
	}
	if (!s)
		ws->nomem = 1;
	else
		ws->w[ws->n++] = s;
}

static void words_free(words *ws)
{
	for (size_t i = 0; i < ws->n; i++)
		free(ws->w[i]);
}

int mcp_tool_command(const mcp_tool *t, const cJSON *args, char ***argv,
	int *argc, char *why, size_t size)
{
	words ws = { .n = 0 };
	char list[512], number[32];
	int rc = -1;

	*argv = NULL;
	for (const cJSON *v = args ? args->child : NULL; v; v = v->next) {
		const tool_arg *a = find_arg(t, v->string);
		if (!a) {
			list_args(list, sizeof(list), t);
			snprintf(why, size, "%s: unknown argument '%.100s' (%s takes %s)",
				t->name, v->string, t->name, list);
			return -1;
		}
		if (check_arg(t, a, v, why, size) < 0)
			return -1;
	}
	for (const tool_arg *a = t->args; a->name; a++)
		if (a->required && !cJSON_GetObjectItemCaseSensitive(args, a->name)) {
			snprintf(why, size, "%s: %s is required (%s)", t->name, a->name,
				a->description);
			return -1;
		}

	if (t->either && !cJSON_GetObjectItemCaseSensitive(args, t->either) &&
	    !cJSON_GetObjectItemCaseSensitive(args, t->or)) {
		snprintf(why, size, "%s: %s", t->name, t->either_or);
		return -1;
	}
	add_word(&ws, NULL, t->name);
	for (size_t i = 0; t->fixed && t->fixed[i]; i++)
		add_word(&ws, NULL, t->fixed[i]);
	for (const tool_arg *a = t->args; a->name; a++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(args, a->name);
		if (!v || !a->option) {
			if (v && a->kind == A_CHOICE)
				add_word(&ws, v->valuestring, NULL);
			continue;
		}
		switch (a->kind) {
		case A_TEXT:
			add_word(&ws, a->option, v->valuestring);
			break;
		case A_WORDS:
			for (const cJSON *w = v->child; w; w = w->next)
				add_word(&ws, a->option, w->valuestring);
			break;
		case A_COUNT:
			snprintf(number, sizeof(number), "%ld", (long)v->valuedouble);
			add_word(&ws, a->option, number);
			break;
		case A_YES_NO:
			add_word(&ws, a->option, cJSON_IsTrue(v) ? "yes" : "no");
			break;
		case A_FLAG:
			if (cJSON_IsTrue(v))
				add_word(&ws, a->option, NULL);
			break;
		case A_CHOICE:
			break;
		}
	}
	/* The words after the options, behind "--": a name that starts
	 * with a dash is a name. */
	add_word(&ws, NULL, "--");
	for (const tool_arg *a = t->args; a->name; a++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(args, a->name);
		if (v && !a->option && a->kind == A_TEXT)
			add_word(&ws, NULL, v->valuestring);
		if (v && !a->option && a->kind == A_WORDS)
			for (const cJSON *w = v->child; w; w = w->next)
				add_word(&ws, NULL, w->valuestring);
	}
	if (ws.nomem) {
		rc = -2;
		goto done;
	}

	size_t bytes = (ws.n + 1) * sizeof(char *);
	for (size_t i = 0; i < ws.n; i++)
		bytes += strlen(ws.w[i]) + 1;
	char **out = malloc(bytes);
	if (!out) {
		rc = -2;
		goto done;
	}
	char *text = (char *)(out + ws.n + 1);
	for (size_t i = 0; i < ws.n; i++) {
		size_t len = strlen(ws.w[i]) + 1;
		out[i] = memcpy(text, ws.w[i], len);
		text += len;
	}
	out[ws.n] = NULL;
	*argv = out;
	*argc = (int)ws.n;
	rc = 0;
done:
	words_free(&ws);
	return rc;
}

int mcp_tool_run(const mcp_tool *t, cli_captured *out, int argc,
	char **argv, const cli_lent *held)
{
	return cli_capture(out, t->run, argc, argv, t->writes ? NULL : held);
}

/* A command's messages without the "advisor: " each line starts with on
 * a terminal, where it says which program spoke. */
static char *messages(const char *err)
{
	static const char prefix[] = "advisor: ";
	size_t len = strlen(err);
	char *out = malloc(len + 1), *o = out;
	const char *p = err;

	if (!out)
		return NULL;
	while (*p) {
		if (strncmp(p, prefix, sizeof(prefix) - 1) == 0)
			p += sizeof(prefix) - 1;
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) + 1 : strlen(p);
		memcpy(o, p, n);
		o += n;
		p += n;
	}
	while (o > out && (o[-1] == '\n' || o[-1] == ' '))
		o--;
	*o = '\0';
	return out;
}

static int add_text(cJSON *content, const char *text)
{
	cJSON *block = cJSON_CreateObject();
	if (!block || !cJSON_AddItemToArray(content, block)) {
		cJSON_Delete(block);
		return 0;
	}
	return cJSON_AddStringToObject(block, "type", "text") &&
		cJSON_AddStringToObject(block, "text", text);
}

cJSON *mcp_tool_error(const char *text)
{
	cJSON *r = cJSON_CreateObject(), *content;
	if (!r || !(content = cJSON_AddArrayToObject(r, "content")) ||
	    !add_text(content, text) || !cJSON_AddTrueToObject(r, "isError")) {
		cJSON_Delete(r);
		return NULL;
	}
	return r;
}

/* The command's JSON output as one object: itself, or its lines listed
 * under the tool's key.  NULL if it is not JSON. */
static cJSON *structured(const mcp_tool *t, const cli_captured *c)
{
	if (t->output == OUT_JSON) {
		cJSON *v = cJSON_Parse(c->out);
		if (v && !cJSON_IsObject(v)) {
			cJSON_Delete(v);
			v = NULL;
		}
		return v;
	}
	cJSON *o = cJSON_CreateObject(), *list;
	if (!o || !(list = cJSON_AddArrayToObject(o, t->list_key))) {
		cJSON_Delete(o);
		return NULL;
	}
	for (const char *line = c->out; *line;) {
		const char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);
		if (n) {
			cJSON *v = cJSON_ParseWithLength(line, n);
			if (!v || !cJSON_AddItemToArray(list, v)) {
				cJSON_Delete(v);
				cJSON_Delete(o);
				return NULL;
			}
		}
		line += n + (nl != NULL);
	}
	return o;
}

cJSON *mcp_tool_result(const mcp_tool *t, const cli_captured *c,
	int want_structured, const char *note)
{
	char text[256];
	char *said = messages(c->err);
	cJSON *r = NULL, *content, *data = NULL;
	int failed = c->signal || c->cut ||
		(c->status != 0 && !(t->partial_ok && c->status == EXIT_PARTIAL));

	if (!said)
		return NULL;
	if (failed) {
		if (c->signal)
			snprintf(text, sizeof(text), "%s stopped on signal %d: this is "
				"a bug in advisor; please report it", t->name, c->signal);
		else if (c->cut)
			snprintf(text, sizeof(text), "%s: the answer is longer than "
				"%u MB", t->name, CLI_CAPTURE_MAX >> 20);
		else
			snprintf(text, sizeof(text), "%s failed (exit %d)", t->name,
				c->status);
		r = mcp_tool_error(*said && !c->signal && !c->cut ? said : text);
		if (r && note && !add_text(cJSON_GetObjectItem(r, "content"), note)) {
			cJSON_Delete(r);
			r = NULL;
		}
		free(said);
		return r;
	}
	if (t->output != OUT_TEXT && !(data = structured(t, c))) {
		free(said);
		snprintf(text, sizeof(text), "%s: its output is not the JSON "
			"expected: this is a bug in advisor; please report it", t->name);
		return mcp_tool_error(text);
	}
	char *shown = NULL;
	if (t->output == OUT_LINES)
		shown = cJSON_PrintUnformatted(data);
	const char *body = t->output == OUT_LINES ? shown : c->out;
	int ok = (r = cJSON_CreateObject()) &&
		(content = cJSON_AddArrayToObject(r, "content")) && body &&
		add_text(content, body) &&
		(!*said || add_text(content, said)) &&
		(!note || add_text(content, note));
	if (ok && data && want_structured) {
		if (cJSON_AddItemToObject(r, "structuredContent", data))
			data = NULL;
		else
			ok = 0;
	}
	ok = ok && cJSON_AddFalseToObject(r, "isError");
	cJSON_free(shown);
	cJSON_Delete(data);
	free(said);
	if (!ok) {
		cJSON_Delete(r);
		return NULL;
	}
	return r;
}
