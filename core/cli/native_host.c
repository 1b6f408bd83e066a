/*
 * native_host.c - `advisor native-host`: the browser's native-messaging
 * host, for an extension that asks about the profile on screen.
 *
 * Chrome, Chromium and Firefox start it and speak the same protocol on
 * its standard input and output: each message is a 32-bit length in the
 * machine's byte order, then that many bytes of UTF-8 JSON.  A browser
 * refuses a message from the host of more than 1 MB, so a bigger reply
 * goes out as an error instead.  It only reads: advise (a person of the
 * network or one given inline, explained on request), find and path.
 * Every bad message gets an error reply and the host goes on; only input
 * that ends inside a message ends it.  The network is loaded again when
 * its file changes (serve.c).  `--install` writes the host's manifest
 * where each browser looks for it (install()).
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mcp.h"
#include "serve.h"

static const char usage[] =
"usage: advisor native-host [--network FILE] [options] [ORIGIN...]\n"
"       advisor native-host --install --chrome|--chromium|--firefox...\n"
"                           --allow EXTENSION_ID... [--network FILE] [options]\n"
"\n"
"The browser's native-messaging host: a browser extension asks it about\n"
"the profile on screen (advise, explain, find, path) and it answers from\n"
"your network, changing nothing.  The browser starts it and passes the\n"
"extension's origin (ORIGIN..., ignored); docs/browser.md has the\n"
"messages.  Each message is a 32-bit length in native byte order, then\n"
"UTF-8 JSON; a message to it may be up to 1 MiB, a reply is at most 1 MB\n"
"(a longer one is an error reply).  When the network file changes (a fact\n"
"recorded meanwhile) it is loaded again before the next message; if it\n"
"cannot be, the network loaded before is used and the reply says so.\n"
"\n"
"With --install it writes the host's manifest, named \"advisor\", where\n"
"each browser given looks for it, allowing the extensions given, and a\n"
"script beside it that starts this host with the options given here.\n"
"\n"
"Options:\n"
"      --install        write the manifest (and its script) and exit\n"
"      --chrome         ... for Google Chrome: ~/.config/google-chrome/\n"
"                       NativeMessagingHosts\n"
"      --chromium       ... for Chromium: ~/.config/chromium/NativeMessagingHosts\n"
"      --firefox        ... for Firefox: ~/.mozilla/native-messaging-hosts\n"
"      --allow ID       an extension that may use the host; repeat for\n"
"                       several.  Chrome's: its 32-letter id (or its origin\n"
"                       chrome-extension://ID/); Firefox's: its add-on id\n"
"                       (name@example.org, or {UUID})\n"
"  -n, --network FILE   the network file; default $ADVISOR_NETWORK, else\n"
"                       the one 'advisor init' made (~/.local/share/advisor)\n"
"  -p, --policy DIR     a policy folder layered over the shipped policy;\n"
"                       repeat to stack layers (read once, at the start)\n"
"      --note-limit N   the invitation-note limit in characters\n"
"      --max-size SIZE  refuse network files larger than SIZE (default 1G)\n"
"      --no-cache       parse the network file, not its snapshot\n"
CLI_LIMIT_HELP
"  -h, --help           show this help\n"
"\n"
"Exit codes: 0 the input ended, 2 usage error or the input ended inside a\n"
"message, 3 a manifest could not be written, 4 the policy failed to load,\n"
"1 out of memory.\n";

enum { OPT_INSTALL = 512, OPT_CHROME, OPT_CHROMIUM, OPT_FIREFOX, OPT_ALLOW };

static const struct option options[] = {
	{ "install", no_argument, NULL, OPT_INSTALL },
	{ "chrome", no_argument, NULL, OPT_CHROME },
	{ "chromium", no_argument, NULL, OPT_CHROMIUM },
	{ "firefox", no_argument, NULL, OPT_FIREFOX },
	{ "allow", required_argument, NULL, OPT_ALLOW },
	{ "network", required_argument, NULL, 'n' },
	{ "policy", required_argument, NULL, 'p' },
	{ "note-limit", required_argument, NULL, OPT_NOTE_LIMIT },
	{ "max-size", required_argument, NULL, OPT_MAX_SIZE },
	{ "no-cache", no_argument, NULL, OPT_NO_CACHE },
	CLI_LIMIT_OPTIONS,
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* The longest message taken from the browser, and the longest reply a
 * browser takes (Chrome's limit, which Firefox shares). */
#define NH_IN_MAX (1u << 20)
#define NH_OUT_MAX (1024u * 1024u)

/* The host's name: what an extension passes to connectNative(). */
#define NH_NAME "advisor"

/* ------------------------------------------------------------------------
 * Frames
 * ------------------------------------------------------------------------ */

/* Write one message: its length, then the text. */
static int write_frame(const char *text, size_t len)
{
	uint32_t n = (uint32_t)len;
	if (fwrite(&n, sizeof(n), 1, stdout) != 1 ||
	    (len && fwrite(text, 1, len, stdout) != len) || fflush(stdout) != 0)
		return -1;
	return 0;
}

enum frame { FRAME_OK, FRAME_END, FRAME_CUT, FRAME_TOO_LONG, FRAME_NOMEM };

/* The next message into buf (room for NH_IN_MAX + 1 bytes, NUL-ended) and
 * *len.  FRAME_END when the input ends between messages, FRAME_CUT when
 * it ends inside one (*len, *declared: what came and what was said),
 * FRAME_TOO_LONG for a message longer than NH_IN_MAX (*declared), whose
 * bytes are left unread. */
static enum frame read_frame(char *buf, size_t *len, uint32_t *declared)
{
	unsigned char head[4];
	size_t got = fread(head, 1, sizeof(head), stdin);
	uint32_t n;

	*len = got;
	*declared = sizeof(head);
	if (got == 0)
		return FRAME_END;
	if (got < sizeof(head))
		return FRAME_CUT;
	memcpy(&n, head, sizeof(n));
	*declared = n;
	if (n > NH_IN_MAX)
		return FRAME_TOO_LONG;
	*len = fread(buf, 1, n, stdin);
	buf[*len] = '\0';
	return *len < n ? FRAME_CUT : FRAME_OK;
}

/* Read and drop n bytes: 0, or -1 if the input ends first. */
static int skip_bytes(uint64_t n)
{
	char sink[65536];
	while (n > 0) {
		size_t want = n < sizeof(sink) ? (size_t)n : sizeof(sink);
		size_t got = fread(sink, 1, want, stdin);
		if (got == 0)
			return -1;
		n -= got;
	}
	return 0;
}

/* ------------------------------------------------------------------------
 * Replies: {"id": ..., "ok": true, "result": ...} or
 * {"id": ..., "ok": false, "error": {"code", "message", ...}}
 * ------------------------------------------------------------------------ */

/* The reply's error codes for the library's. */
static const char *code_word(int code)
{
	switch (code) {
	case ADVISOR_EINVAL: return "invalid";
	case ADVISOR_EIO: return "io";
	case ADVISOR_EDATA: return "data";
	case ADVISOR_EPOLICY: return "policy";
	case ADVISOR_ELIMIT: return "limit";
	case ADVISOR_ENOTFOUND: return "not_found";
	case ADVISOR_EINTENT: return "unknown_intent";
	case ADVISOR_ENOMEM: return "no_memory";
	case ADVISOR_EAMBIGUOUS: return "ambiguous";
	default: return "internal";
	}
}

/* A reply's envelope: the message's id, if it had one. */
static cJSON *envelope(const cJSON *id, int ok)
{
	cJSON *m = cJSON_CreateObject(), *copy;
	if (!m)
		return NULL;
	if (id) {
		if (!(copy = cJSON_Duplicate(id, 1)))
			goto fail;
		if (!cJSON_AddItemToObject(m, "id", copy)) {
			cJSON_Delete(copy);
			goto fail;
		}
	}
	if (cJSON_AddBoolToObject(m, "ok", ok))
		return m;
fail:
	cJSON_Delete(m);
	return NULL;
}

static cJSON *error_reply(const cJSON *id, const char *code,
	const char *message, const advisor_error *err)
{
	cJSON *m = envelope(id, 0), *e;
	if (!m || !(e = cJSON_AddObjectToObject(m, "error")) ||
	    !cJSON_AddStringToObject(e, "code", code) ||
	    !cJSON_AddStringToObject(e, "message", message) ||
	    (err && err->path[0] && !cJSON_AddStringToObject(e, "path", err->path)) ||
	    (err && err->field[0] && !cJSON_AddStringToObject(e, "field", err->field))) {
		cJSON_Delete(m);
		return NULL;
	}
	return m;
}

static cJSON *library_error(const cJSON *id, int rc, const advisor_error *err)
{
	return error_reply(id, code_word(rc), err->message, err);
}

/* Send a reply (taking it), or when it cannot be sent whole, a short
 * error in its place: 0, or -1 when the browser is gone. */
static int send_reply(cJSON *reply, const cJSON *id)
{
	char *text = reply ? cJSON_PrintUnformatted(reply) : NULL;
	int rc;

	cJSON_Delete(reply);
	if (text && strlen(text) > NH_OUT_MAX) {
		char message[200];
		snprintf(message, sizeof(message), "the reply is %zu bytes, and a "
			"browser takes at most %u from a native host: ask for less",
			strlen(text), NH_OUT_MAX);
		cJSON_free(text);
		text = NULL;
		cJSON *small = error_reply(id, "too_large", message, NULL);
		if (small)
			text = cJSON_PrintUnformatted(small);
		cJSON_Delete(small);
	}
	if (!text) {
		static const char nomem[] = "{\"ok\":false,\"error\":{\"code\":"
			"\"no_memory\",\"message\":\"out of memory\"}}";
		return write_frame(nomem, sizeof(nomem) - 1);
	}
	rc = write_frame(text, strlen(text));
	cJSON_free(text);
	return rc;
}

/* ------------------------------------------------------------------------
 * The commands
 * ------------------------------------------------------------------------ */

typedef struct host {
	cli_options o;
	cli_served served;
	advisor_engine *engine;
} host;

/* What one message asks, with the network it is answered on. */
typedef struct ask {
	const cJSON *id, *msg;
	const advisor_network *net;
} ask;

/* A member that must be a non-empty string; NULL (and *reply set) if it
 * is not. */
static const char *need_string(const ask *a, const char *name, cJSON **reply)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(a->msg, name);
	char message[160];
	if (cJSON_IsString(v) && *v->valuestring)
		return v->valuestring;
	snprintf(message, sizeof(message), "%s: %s; expected a non-empty string",
		name, !v ? "missing" : cJSON_IsString(v) ? "empty" : "not a string");
	*reply = error_reply(a->id, "invalid", message, NULL);
	return NULL;
}

/* The result text (JSON of the library's) as the reply's result. */
static cJSON *result_reply(const cJSON *id, char *text)
{
	cJSON *m = envelope(id, 1), *r = text ? cJSON_Parse(text) : NULL;
	advisor_string_free(text);
	if (!m || !r || !cJSON_AddItemToObject(m, "result", r)) {
		cJSON_Delete(m);
		cJSON_Delete(r);
		return NULL;
	}
	return m;
}

/* {"command": "advise", "request": {...}, "explain": false} */
static cJSON *do_advise(host *h, const ask *a)
{
	const cJSON *req = cJSON_GetObjectItemCaseSensitive(a->msg, "request");
	const cJSON *explain = cJSON_GetObjectItemCaseSensitive(a->msg, "explain");
	advisor_parsed_request *parsed = NULL;
	advisor_error err = { 0 };
	char *text = NULL, *json;
	int rc;

	if (!cJSON_IsObject(req))
		return error_reply(a->id, "invalid", "request: missing or not an "
			"object; expected a request {\"person\": ..., \"intent\": ...}",
			NULL);
	if (explain && !cJSON_IsBool(explain))
		return error_reply(a->id, "invalid", "explain: expected true or false",
			NULL);
	if (!(json = cJSON_PrintUnformatted(req)))
		return NULL;
	rc = advisor_request_parse(&parsed, json, strlen(json), &err);
	cJSON_free(json);
	if (rc < 0)
		return library_error(a->id, rc, &err);
	advisor_request r = *advisor_parsed_request_get(parsed);
	/* A name, as the command takes one (an id needs no search); text that
	 * names no one is left for advise to say what it knows of it. */
	if (r.person && !advisor_network_person_name(a->net, r.person)) {
		const char *id = NULL;
		rc = advisor_network_resolve(&id, a->net, r.person, &err);
		if (rc == ADVISOR_OK)
			r.person = id;
		else if (rc != ADVISOR_ENOTFOUND) {
			advisor_parsed_request_free(parsed);
			return library_error(a->id, rc, &err);
		}
	}
	if (cJSON_IsTrue(explain)) {
		advisor_explanation *x = NULL;
		rc = advisor_explain(&x, h->engine, a->net, &r, &err);
		if (rc == ADVISOR_OK)
			rc = advisor_explanation_to_json(&text, x, &err);
		advisor_explanation_free(x);
	} else {
		advisor_result *res = NULL;
		rc = advisor_advise(&res, h->engine, a->net, &r, &err);
		if (rc == ADVISOR_OK)
			rc = advisor_result_to_json(&text, res, &err);
		advisor_result_free(res);
	}
	advisor_parsed_request_free(parsed);
	if (rc < 0)
		return library_error(a->id, rc, &err);
	return result_reply(a->id, text);
}

/* The names advisor find --json gives the kinds of match. */
static const char *const kind_names[] = { "id", "url", "exact", "name",
	"first_name", "words", "part", "about" };

/* {"command": "find", "text": "..."}: the people, as advisor find --json
 * prints them, in a list. */
static cJSON *do_find(const ask *a)
{
	cJSON *reply = NULL, *list;
	const char *text = need_string(a, "text", &reply);
	advisor_matches *m = NULL;
	advisor_error err = { 0 };
	int rc;

	if (!text)
		return reply;
	if ((rc = advisor_network_find(&m, a->net, text, &err)) < 0)
		return library_error(a->id, rc, &err);
	if (!(reply = envelope(a->id, 1)) ||
	    !(list = cJSON_AddArrayToObject(reply, "result")))
		goto nomem;
	for (size_t i = 0; i < advisor_matches_count(m); i++) {
		const advisor_match *x = advisor_matches_get(m, i);
		cJSON *o = cJSON_CreateObject();
		if (!o || !cJSON_AddItemToArray(list, o) ||
		    !cJSON_AddStringToObject(o, "id", x->id) ||
		    !cJSON_AddStringToObject(o, "name", x->name) ||
		    (x->company && !cJSON_AddStringToObject(o, "company", x->company)) ||
		    (x->headline && !cJSON_AddStringToObject(o, "headline", x->headline)) ||
		    !cJSON_AddStringToObject(o, "match", kind_names[x->kind])) {
			if (o && !cJSON_GetArrayItem(list, (int)i))
				cJSON_Delete(o);
			goto nomem;
		}
	}
	advisor_matches_free(m);
	return reply;
nomem:
	advisor_matches_free(m);
	cJSON_Delete(reply);
	return NULL;
}

static cJSON *add_strings(cJSON *o, const char *name, const advisor_strings *s)
{
	cJSON *list = cJSON_AddArrayToObject(o, name);
	for (size_t i = 0; list && i < advisor_strings_count(s); i++) {
		cJSON *v = cJSON_CreateString(advisor_strings_get(s, i));
		if (!v || !cJSON_AddItemToArray(list, v)) {
			cJSON_Delete(v);
			return NULL;
		}
	}
	return list;
}

/* {"command": "path", "person": "..."}: the chains to them, as advisor
 * path --json prints them. */
static cJSON *do_path(const ask *a)
{
	cJSON *reply = NULL, *r, *list;
	const char *text = need_string(a, "person", &reply), *id = NULL, *name;
	advisor_paths *paths = NULL;
	advisor_strings *mutuals = NULL;
	advisor_error err = { 0 };
	int rc;

	if (!text)
		return reply;
	rc = advisor_network_person_name(a->net, text) ? (id = text, ADVISOR_OK)
		: advisor_network_resolve(&id, a->net, text, &err);
	if (rc == ADVISOR_ENOTFOUND) {
		id = text;
		rc = ADVISOR_OK;
	}
	if (rc == ADVISOR_OK)
		rc = advisor_network_paths(&paths, a->net, id, NULL, &err);
	if (rc == ADVISOR_OK)
		rc = advisor_network_mutuals(&mutuals, a->net,
			advisor_network_me(a->net), id, &err);
	if (rc < 0) {
		advisor_paths_free(paths);
		return library_error(a->id, rc, &err);
	}
	name = advisor_network_person_name(a->net, id);
	if (!(reply = envelope(a->id, 1)) ||
	    !(r = cJSON_AddObjectToObject(reply, "result")) ||
	    !cJSON_AddStringToObject(r, "person", id) ||
	    !cJSON_AddStringToObject(r, "name", name ? name : id) ||
	    !(list = cJSON_AddArrayToObject(r, "paths")))
		goto nomem;
	for (size_t i = 0; i < advisor_paths_count(paths); i++) {
		const advisor_path *p = advisor_paths_get(paths, i);
		cJSON *o = cJSON_CreateObject();
		if (!o || !cJSON_AddItemToArray(list, o)) {
			cJSON_Delete(o);
			goto nomem;
		}
		if (!cJSON_AddNumberToObject(o, "steps",
				(double)(advisor_strings_count(p->ids) - 1)) ||
		    !add_strings(o, "people", p->ids) ||
		    (p->introducer && !cJSON_AddStringToObject(o, "introducer",
				p->introducer)))
			goto nomem;
	}
	if (!add_strings(r, "mutuals", mutuals))
		goto nomem;
	advisor_paths_free(paths);
	advisor_strings_free(mutuals);
	return reply;
nomem:
	advisor_paths_free(paths);
	advisor_strings_free(mutuals);
	cJSON_Delete(reply);
	return NULL;
}

/* {"command": "ping"}: the host is there, and which advisor it is. */
static cJSON *do_ping(const ask *a)
{
	cJSON *m = envelope(a->id, 1), *r;
	if (!m || !(r = cJSON_AddObjectToObject(m, "result")) ||
	    !cJSON_AddStringToObject(r, "name", NH_NAME) ||
	    !cJSON_AddStringToObject(r, "version", advisor_version())) {
		cJSON_Delete(m);
		return NULL;
	}
	return m;
}

static const char *const members[] = { "id", "command", "request",
	"explain", "text", "person", NULL };

/* The reply to one message's text. */
static cJSON *answer(host *h, const char *text, size_t len)
{
	char why[300], message[600];
	cJSON *msg = mcp_parse(text, len, why, sizeof(why)), *reply = NULL;
	const cJSON *command;
	const char *note = NULL;
	ask a = { NULL, msg, NULL };

	if (!msg) {
		snprintf(message, sizeof(message), "the message is not a JSON "
			"object: %s", why);
		return error_reply(NULL, "bad_message", message, NULL);
	}
	if (!cJSON_IsObject(msg)) {
		reply = error_reply(NULL, "bad_message", "the message is not a JSON "
			"object {\"command\": ...}", NULL);
		goto done;
	}
	a.id = cJSON_GetObjectItemCaseSensitive(msg, "id");
	for (const cJSON *c = msg->child; c; c = c->next) {
		int known = 0;
		for (size_t i = 0; members[i] && !known; i++)
			known = strcmp(c->string, members[i]) == 0;
		if (!known) {
			snprintf(message, sizeof(message), "%.64s: unknown member; a "
				"message has id, command, and the command's own: request "
				"and explain (advise), text (find), person (path)", c->string);
			reply = error_reply(a.id, "bad_message", message, NULL);
			goto done;
		}
	}
	command = cJSON_GetObjectItemCaseSensitive(msg, "command");
	if (!cJSON_IsString(command)) {
		reply = error_reply(a.id, "bad_message", "command: missing or not "
			"a string; expected advise, find, path or ping", NULL);
		goto done;
	}
	if (strcmp(command->valuestring, "ping") == 0) {
		reply = do_ping(&a);
		goto done;
	}
	if (strcmp(command->valuestring, "advise") != 0 &&
	    strcmp(command->valuestring, "find") != 0 &&
	    strcmp(command->valuestring, "path") != 0) {
		snprintf(message, sizeof(message), "command: \"%.64s\" is not one "
			"of advise, find, path, ping (the host only reads; record "
			"facts with advisor remember)", command->valuestring);
		reply = error_reply(a.id, "unknown_command", message, NULL);
		goto done;
	}
	if (cli_served_refresh(&h->served, "native-host", &note, message,
			sizeof(message)) < 0) {
		reply = error_reply(a.id, "no_network", message, NULL);
		goto done;
	}
	a.net = h->served.net;
	if (strcmp(command->valuestring, "advise") == 0)
		reply = do_advise(h, &a);
	else if (strcmp(command->valuestring, "find") == 0)
		reply = do_find(&a);
	else
		reply = do_path(&a);
	if (reply && note && !cJSON_AddStringToObject(reply, "note", note)) {
		cJSON_Delete(reply);
		reply = NULL;
	}
done:
	/* The reply holds a copy of the id: the message can go. */
	if (!reply)
		reply = error_reply(a.id, "no_memory", "out of memory", NULL);
	cJSON_Delete(msg);
	return reply;
}

static int serve(host *h)
{
	char *buf = malloc(NH_IN_MAX + 1);
	int status = EXIT_OK;

	if (!buf) {
		cli_error("native-host: out of memory");
		return EXIT_INTERNAL;
	}
	for (;;) {
		size_t len;
		uint32_t declared;
		enum frame f = read_frame(buf, &len, &declared);
		cJSON *reply, *id = NULL;

		if (f == FRAME_END)
			break;
		if (f == FRAME_CUT) {
			cli_error("native-host: the input ended inside a message "
				"(%zu of its %u bytes)", len, (unsigned)declared);
			status = EXIT_USAGE;
			break;
		}
		if (f == FRAME_TOO_LONG) {
			char message[200];
			snprintf(message, sizeof(message), "the message is %u bytes; "
				"the host takes at most %u", (unsigned)declared, NH_IN_MAX);
			if (send_reply(error_reply(NULL, "too_large", message, NULL),
					NULL) < 0)
				break;
			/* Its bytes are read and dropped, to reach the next. */
			if (skip_bytes(declared) < 0) {
				cli_error("native-host: the input ended inside a message "
					"of %u bytes", (unsigned)declared);
				status = EXIT_USAGE;
				break;
			}
			continue;
		}
		if (len == 0) {
			if (send_reply(error_reply(NULL, "bad_message", "the message "
					"is empty; expected a JSON object", NULL), NULL) < 0)
				break;
			continue;
		}
		reply = answer(h, buf, len);
		id = reply ? cJSON_GetObjectItemCaseSensitive(reply, "id") : NULL;
		id = id ? cJSON_Duplicate(id, 1) : NULL;
		int sent = send_reply(reply, id);
		cJSON_Delete(id);
		if (sent < 0)
			break; /* the browser is gone */
	}
	free(buf);
	return status;
}

/* ------------------------------------------------------------------------
 * --install: the manifests
 * ------------------------------------------------------------------------ */

enum { B_CHROME = 1, B_CHROMIUM = 2, B_FIREFOX = 4 };

static const struct browser {
	int bit;
	const char *name;
	int config;       /* under $XDG_CONFIG_HOME (~/.config), else $HOME */
	const char *dir;
	int firefox;      /* allowed_extensions, else allowed_origins */
} browsers[] = {
	{ B_CHROME, "Chrome", 1, "google-chrome/NativeMessagingHosts", 0 },
	{ B_CHROMIUM, "Chromium", 1, "chromium/NativeMessagingHosts", 0 },
	{ B_FIREFOX, "Firefox", 0, ".mozilla/native-messaging-hosts", 1 },
};

/* A Chrome extension id (32 letters a to p) or its origin, as the origin
 * a manifest allows, in out; -1 if it is neither. */
static int chrome_origin(const char *id, char *out, size_t size)
{
	static const char scheme[] = "chrome-extension://";
	size_t n;

	if (strncmp(id, scheme, sizeof(scheme) - 1) == 0)
		id += sizeof(scheme) - 1;
	n = strspn(id, "abcdefghijklmnop");
	if (n != 32 || (id[n] && strcmp(id + n, "/") != 0))
		return -1;
	snprintf(out, size, "%s%.32s/", scheme, id);
	return 0;
}

/* A Firefox add-on id: an email-like name@domain or a {UUID}. */
static int firefox_id(const char *id)
{
	size_t n = strlen(id);
	if (n == 0 || n > 255)
		return 0;
	if (id[0] == '{')
		return n == 38 && id[37] == '}' &&
			strspn(id + 1, "0123456789abcdefABCDEF-") == 36;
	return strchr(id, '@') && strspn(id, "abcdefghijklmnopqrstuvwxyz"
		"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@._-+") == n;
}

/* s quoted for a POSIX shell, appended to buf. */
static void shell_quote(char *buf, size_t size, const char *s)
{
	size_t at = strlen(buf);
	if (at + 1 < size)
		buf[at++] = '\'';
	for (; *s && at + 5 < size; s++) {
		if (*s == '\'') {
			memcpy(buf + at, "'\\''", 4);
			at += 4;
		} else {
			buf[at++] = *s;
		}
	}
	if (at + 1 < size)
		buf[at++] = '\'';
	buf[at] = '\0';
}

static void add_word(char *buf, size_t size, const char *word, int quote)
{
	strncat(buf, " ", size - strlen(buf) - 1);
	if (quote)
		shell_quote(buf, size, word);
	else
		strncat(buf, word, size - strlen(buf) - 1);
}

/* The script the manifest names: this advisor, as native-host, with the
 * options given (files made absolute: the browser starts it elsewhere). */
static int script_text(const cli_options *o, char *buf, size_t size)
{
	char self[PATH_MAX], abs[PATH_MAX], num[64];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	if (n <= 0) {
		cli_error("native-host: cannot tell where this advisor is "
			"(/proc/self/exe): %s", strerror(errno));
		return -1;
	}
	self[n] = '\0';
	snprintf(buf, size, "#!/bin/sh\n# Written by advisor native-host "
		"--install: the browser starts this host.\nexec");
	add_word(buf, size, self, 1);
	add_word(buf, size, "native-host", 0);
	if (o->network) {
		if (!realpath(o->network, abs)) {
			cli_error("native-host: --network %s: %s", o->network,
				strerror(errno));
			return -1;
		}
		add_word(buf, size, "--network", 0);
		add_word(buf, size, abs, 1);
	}
	for (size_t i = 0; i < o->layer_count; i++) {
		if (!realpath(o->layers[i], abs)) {
			cli_error("native-host: --policy %s: %s", o->layers[i],
				strerror(errno));
			return -1;
		}
		add_word(buf, size, "--policy", 0);
		add_word(buf, size, abs, 1);
	}
	if (o->note_limit) {
		snprintf(num, sizeof(num), "--note-limit %u", o->note_limit);
		add_word(buf, size, num, 0);
	}
	if (o->max_bytes) {
		snprintf(num, sizeof(num), "--max-size %llu",
			(unsigned long long)o->max_bytes);
		add_word(buf, size, num, 0);
	}
	if (o->no_cache)
		add_word(buf, size, "--no-cache", 0);
	if (o->instruction_limit) {
		snprintf(num, sizeof(num), "--max-instructions %llu",
			(unsigned long long)o->instruction_limit);
		add_word(buf, size, num, 0);
	}
	if (o->time_limit_ms) {
		snprintf(num, sizeof(num), "--time-limit %llu.%03llu",
			(unsigned long long)(o->time_limit_ms / 1000),
			(unsigned long long)(o->time_limit_ms % 1000));
		add_word(buf, size, num, 0);
	}
	if (o->memory_limit) {
		snprintf(num, sizeof(num), "--max-memory %zu", o->memory_limit);
		add_word(buf, size, num, 0);
	}
	strncat(buf, " \"$@\"\n", size - strlen(buf) - 1);
	if (strlen(buf) + 1 >= size) {
		cli_error("native-host: the paths are too long for the script");
		return -1;
	}
	return 0;
}

static int write_file(const char *path, const char *text, mode_t mode)
{
	advisor_error err;
	if (advisor_file_write(path, text, strlen(text), &err) < 0) {
		cli_report(&err);
		return -1;
	}
	if (chmod(path, mode) != 0) {
		cli_error("native-host: %s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

static int install_one(const struct browser *b, const char *script,
	const char **allow, size_t allow_count)
{
	const char *home = getenv("HOME"), *xdg = getenv("XDG_CONFIG_HOME");
	char dir[2048], manifest[2200], wrapper[2200], origin[128];
	cJSON *m = cJSON_CreateObject(), *list;
	char *text = NULL;
	int rc = EXIT_INTERNAL;

	if (!home || !*home) {
		cli_error("native-host: --install: HOME is not set: where is the "
			"browser's folder?");
		rc = EXIT_USAGE;
		goto done;
	}
	if (b->config && xdg && *xdg == '/')
		snprintf(dir, sizeof(dir), "%s/%s", xdg, b->dir);
	else
		snprintf(dir, sizeof(dir), "%s/%s%s", home, b->config ? ".config/" : "",
			b->dir);
	snprintf(manifest, sizeof(manifest), "%s/%s.json", dir, NH_NAME);
	snprintf(wrapper, sizeof(wrapper), "%s/%s-native-host", dir, NH_NAME);
	if (!m || !cJSON_AddStringToObject(m, "name", NH_NAME) ||
	    !cJSON_AddStringToObject(m, "description",
		"advisor: should you send (or accept) a LinkedIn invitation?") ||
	    !cJSON_AddStringToObject(m, "path", wrapper) ||
	    !cJSON_AddStringToObject(m, "type", "stdio") ||
	    !(list = cJSON_AddArrayToObject(m, b->firefox ? "allowed_extensions"
		: "allowed_origins")))
		goto done;
	for (size_t i = 0; i < allow_count; i++) {
		const char *v = allow[i];
		if (b->firefox ? !firefox_id(v)
			       : chrome_origin(v, origin, sizeof(origin)) < 0) {
			cli_error("native-host: --allow %s is not a %s extension id (%s)",
				v, b->name, b->firefox ? "an add-on id, name@example.org "
				"or {UUID}" : "32 letters a to p, or chrome-extension://ID/");
			rc = EXIT_USAGE;
			goto done;
		}
		cJSON *s = cJSON_CreateString(b->firefox ? v : origin);
		if (!s || !cJSON_AddItemToArray(list, s)) {
			cJSON_Delete(s);
			goto done;
		}
	}
	if (!(text = cJSON_Print(m)))
		goto done;
	if (cli_make_dirs(dir) != 0) {
		cli_error("native-host: cannot make %s: %s", dir, strerror(errno));
		rc = EXIT_DATA;
		goto done;
	}
	size_t n = strlen(text);
	char *with_nl = malloc(n + 2);
	if (!with_nl)
		goto done;
	memcpy(with_nl, text, n);
	memcpy(with_nl + n, "\n", 2);
	rc = write_file(wrapper, script, 0755) < 0 ||
		write_file(manifest, with_nl, 0644) < 0 ? EXIT_DATA : EXIT_OK;
	free(with_nl);
	if (rc == EXIT_OK)
		printf("%s: %s (starts %s)\n", b->name, manifest, wrapper);
done:
	if (rc == EXIT_INTERNAL)
		cli_error("native-host: out of memory");
	cJSON_free(text);
	cJSON_Delete(m);
	return rc;
}

static int install(const cli_options *o, int which, const char **allow,
	size_t allow_count)
{
	char script[8192];

	if (!which) {
		cli_error("native-host: --install: say for which browsers: "
			"--chrome, --chromium, --firefox");
		return EXIT_USAGE;
	}
	if (!allow_count) {
		cli_error("native-host: --install: say which extensions may use "
			"the host: --allow EXTENSION_ID (repeat for several)");
		return EXIT_USAGE;
	}
	if (script_text(o, script, sizeof(script)) < 0)
		return EXIT_USAGE;
	for (size_t i = 0; i < sizeof(browsers) / sizeof(browsers[0]); i++) {
		int rc;
		if ((which & browsers[i].bit) &&
		    (rc = install_one(&browsers[i], script, allow, allow_count)) != EXIT_OK)
			return rc;
	}
	return EXIT_OK;
}

int cmd_native_host(int argc, char **argv)
{
	host h;
	int c, status = EXIT_OK, installing = 0, which = 0;
	const char **allow = calloc((size_t)argc + 1, sizeof(*allow));
	size_t allow_count = 0;

	memset(&h, 0, sizeof(h));
	if (!allow || cli_options_begin(&h.o, argc) < 0) {
		free(allow);
		cli_error("native-host: out of memory");
		return EXIT_INTERNAL;
	}
	while ((c = cli_next_option(&h.o, argc, argv, "n:p:h", options)) != -1) {
		if (c == CLI_BAD_VALUE) {
			status = EXIT_USAGE;
			goto done;
		}
		switch (c) {
		case OPT_INSTALL: installing = 1; break;
		case OPT_CHROME: which |= B_CHROME; break;
		case OPT_CHROMIUM: which |= B_CHROMIUM; break;
		case OPT_FIREFOX: which |= B_FIREFOX; break;
		case OPT_ALLOW: allow[allow_count++] = optarg; break;
		case 'h':
			fputs(usage, stdout);
			goto done;
		default:
			cli_bad_option("native-host", argv, c);
			status = EXIT_USAGE;
			goto done;
		}
	}
	if (installing) {
		if (optind < argc) {
			cli_error("native-host: --install takes no ORIGIN ('%s')",
				argv[optind]);
			status = EXIT_USAGE;
		} else {
			status = install(&h.o, which, allow, allow_count);
		}
		goto done;
	}
	if (which || allow_count) {
		cli_error("native-host: --chrome, --chromium, --firefox and --allow "
			"go with --install");
		status = EXIT_USAGE;
		goto done;
	}
	/* The browser's arguments (Chrome: the extension's origin; Firefox:
	 * the manifest and the add-on's id) say nothing the host needs. */
	if ((status = cli_open_engines(&h.o, &h.engine, 1)) != EXIT_OK)
		goto done;
	h.served.o = &h.o;
	status = serve(&h);
done:
	cli_served_free(&h.served);
	advisor_engine_free(h.engine);
	free(h.o.layers);
	free(allow);
	return status;
}
