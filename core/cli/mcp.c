/*
 * mcp.c - `advisor mcp`: a Model Context Protocol server on standard input
 * and output, for assistants that call tools.  JSON-RPC 2.0, one message a
 * line; the lifecycle (initialize, the version agreed, initialized), ping,
 * tools/list and tools/call.  The tools are the advisor's commands
 * (mcp_tools.c), each call run in a child process over the network and
 * engine the server holds; the network is loaded again when its file
 * changes, and kept when the new one cannot be read.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mcp.h"
#include "serve.h"

static const char usage[] =
"usage: advisor mcp [--read-only] [--network FILE] [options]\n"
"\n"
"A Model Context Protocol server on standard input and output, for an\n"
"assistant that calls tools: advise (with explain), find, triage, outcomes,\n"
"tune (read-only: it proposes scores), plan, path, and add, remember,\n"
"sent, withdrew and forget, which change your facts.\n"
"The assistant starts it; docs/mcp.md says how to register it.  It reads\n"
"one JSON-RPC message a line and answers each request on a line of its\n"
"own; messages about the network go to standard error.  When the network\n"
"file changes (a fact recorded meanwhile) it is loaded again before the\n"
"next call; if it cannot be, the network loaded before is used and the\n"
"answer says so.\n"
"\n"
"Options:\n"
"      --read-only      refuse the tools that change facts (and list only the\n"
"                       tools that read)\n"
"  -n, --network FILE   the network file; default $ADVISOR_NETWORK, else\n"
"                       the one 'advisor init' made (~/.local/share/advisor),\n"
"                       the only one the tools that change facts accept\n"
"  -p, --policy DIR     a policy folder layered over the shipped policy;\n"
"                       repeat to stack layers (read once, at the start)\n"
"      --note-limit N   the invitation-note limit in characters\n"
"      --max-size SIZE  refuse network files larger than SIZE (default 1G)\n"
"      --no-cache       parse the network file, not its snapshot\n"
CLI_LIMIT_HELP
"  -h, --help           show this help\n"
"\n"
"Exit codes: 0 the input ended, 2 usage error, 4 the policy failed to\n"
"load, 1 out of memory.\n";

enum { OPT_READ_ONLY = 512 };

static const struct option options[] = {
	{ "read-only", no_argument, NULL, OPT_READ_ONLY },
	{ "network", required_argument, NULL, 'n' },
	{ "policy", required_argument, NULL, 'p' },
	{ "note-limit", required_argument, NULL, OPT_NOTE_LIMIT },
	{ "max-size", required_argument, NULL, OPT_MAX_SIZE },
	{ "no-cache", no_argument, NULL, OPT_NO_CACHE },
	CLI_LIMIT_OPTIONS,
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* The protocol versions spoken, newest first.  structuredContent came in
 * 2025-06-18; older clients get the text alone. */
static const char *const versions[] = { "2025-11-25", "2025-06-18",
	"2025-03-26", "2024-11-05", NULL };
#define STRUCTURED_SINCE "2025-06-18"

/* JSON-RPC's error codes. */
enum { PARSE_ERROR = -32700, INVALID_REQUEST = -32600,
       METHOD_NOT_FOUND = -32601, INVALID_PARAMS = -32602,
       INTERNAL_ERROR = -32603 };

typedef struct server {
	cli_options o;
	int read_only;
	FILE *out;
	const char *version;      /* agreed by initialize, NULL before */
	advisor_engine *engine;   /* read once, at the start */
	cli_served served;        /* the network, reloaded when its file changes */
} server;

/* Why a tool that changes facts is refused here, or NULL: --read-only,
 * or a network other than the data folder's, which they change. */
static const char *refuse_writing(const server *s, const mcp_tool *t,
	char *why, size_t size)
{
	char data[1024], mine[PATH_MAX], theirs[PATH_MAX], where[1024];
	const char *path;

	if (s->read_only) {
		snprintf(why, size, "%s changes your facts, and this server runs "
			"with --read-only: it only advises", mcp_tool_name(t));
		return why;
	}
	if (!(path = cli_served_path(&s->o, where, sizeof(where))) ||
	    cli_data_file(data, sizeof(data), "network.json") != 0)
		return NULL; /* the command says what is missing */
	if (strcmp(path, data) == 0 ||
	    (realpath(path, mine) && realpath(data, theirs) &&
	     strcmp(mine, theirs) == 0))
		return NULL;
	snprintf(why, size, "%s records facts in your data folder, whose "
		"network is %s, and this server reads %s: start it without "
		"--network (and ADVISOR_NETWORK) to record facts", mcp_tool_name(t),
		data, path);
	return why;
}

/* Send one message, a line. */
static void send_message(server *s, cJSON *msg)
{
	char *text = msg ? cJSON_PrintUnformatted(msg) : NULL;
	if (text) {
		fputs(text, s->out);
		fputc('\n', s->out);
	} else {
		/* Out of memory: still an answer, without its id. */
		fputs("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32603,"
			"\"message\":\"out of memory\"}}\n", s->out);
	}
	fflush(s->out);
	cJSON_free(text);
	cJSON_Delete(msg);
}

static cJSON *envelope(const cJSON *id)
{
	cJSON *m = cJSON_CreateObject(), *copy = id ? cJSON_Duplicate(id, 1)
		: cJSON_CreateNull();
	if (!m || !copy || !cJSON_AddStringToObject(m, "jsonrpc", "2.0") ||
	    !cJSON_AddItemToObject(m, "id", copy)) {
		cJSON_Delete(m);
		cJSON_Delete(copy);
		return NULL;
	}
	return m;
}

static void send_result(server *s, const cJSON *id, cJSON *result)
{
	cJSON *m = result ? envelope(id) : NULL;
	if (m && !cJSON_AddItemToObject(m, "result", result)) {
		cJSON_Delete(m);
		m = NULL;
	}
	if (!m)
		cJSON_Delete(result);
	send_message(s, m);
}

static void send_error(server *s, const cJSON *id, int code,
	const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

static void send_error(server *s, const cJSON *id, int code,
	const char *fmt, ...)
{
	char message[1024];
	va_list ap;
	cJSON *m = envelope(id), *e;

	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	if (m && (!(e = cJSON_AddObjectToObject(m, "error")) ||
		  !cJSON_AddNumberToObject(e, "code", code) ||
		  !cJSON_AddStringToObject(e, "message", message))) {
		cJSON_Delete(m);
		m = NULL;
	}
	send_message(s, m);
}

static void initialize(server *s, const cJSON *id, const cJSON *params)
{
	const cJSON *asked = cJSON_GetObjectItemCaseSensitive(params,
		"protocolVersion");
	cJSON *r, *caps, *tools, *info;

	if (s->version) {
		send_error(s, id, INVALID_REQUEST, "initialize: the session is "
			"initialized already (protocol version %s)", s->version);
		return;
	}
	if (!cJSON_IsString(asked)) {
		send_error(s, id, INVALID_PARAMS, "initialize: params.protocolVersion "
			"must be a string, the version the client speaks");
		return;
	}
	/* The version asked if spoken here, else the newest. */
	s->version = versions[0];
	for (size_t i = 0; versions[i]; i++)
		if (strcmp(versions[i], asked->valuestring) == 0)
			s->version = versions[i];
	if (!(r = cJSON_CreateObject()) ||
	    !cJSON_AddStringToObject(r, "protocolVersion", s->version) ||
	    !(caps = cJSON_AddObjectToObject(r, "capabilities")) ||
	    !(tools = cJSON_AddObjectToObject(caps, "tools")) ||
	    !cJSON_AddFalseToObject(tools, "listChanged") ||
	    !(info = cJSON_AddObjectToObject(r, "serverInfo")) ||
	    !cJSON_AddStringToObject(info, "name", "advisor") ||
	    !cJSON_AddStringToObject(info, "title", "advisor: LinkedIn invitations") ||
	    !cJSON_AddStringToObject(info, "version", advisor_version()) ||
	    !cJSON_AddStringToObject(r, "instructions",
		"advisor says whether to send (or accept) a LinkedIn invitation, "
		"why, and what the note should say, from the user's own network. "
		"Call find to get a person's id, then advise (explain for why "
		"not); triage covers every pending invitation; plan proposes the "
		"week's invitations within LinkedIn's limits; path shows who "
		"could introduce the user. remember records how the user knows "
		"someone, and the advice follows it at once.")) {
		cJSON_Delete(r);
		r = NULL;
	}
	send_result(s, id, r);
}

static void list_tools(server *s, const cJSON *id)
{
	cJSON *r = cJSON_CreateObject(), *list;

	if (!r || !(list = cJSON_AddArrayToObject(r, "tools"))) {
		cJSON_Delete(r);
		send_result(s, id, NULL);
		return;
	}
	for (size_t i = 0; i < mcp_tool_count(); i++) {
		const mcp_tool *t = mcp_tool_get(i);
		if (s->read_only && mcp_tool_writes(t))
			continue;
		cJSON *entry = mcp_tool_json(t);
		if (!entry || !cJSON_AddItemToArray(list, entry)) {
			cJSON_Delete(entry);
			cJSON_Delete(r);
			send_result(s, id, NULL);
			return;
		}
	}
	send_result(s, id, r);
}

static void call_tool(server *s, const cJSON *id, const cJSON *params)
{
	const cJSON *name = cJSON_GetObjectItemCaseSensitive(params, "name"),
		*args = cJSON_GetObjectItemCaseSensitive(params, "arguments");
	char why[4096], names[256] = "";
	const char *note = NULL;
	char **argv = NULL;
	int argc = 0, rc;
	cli_captured c;

	if (!cJSON_IsString(name)) {
		send_error(s, id, INVALID_PARAMS, "tools/call: params.name must "
			"be a string, the name of a tool");
		return;
	}
	const mcp_tool *t = mcp_tool_find(name->valuestring);
	if (!t) {
		for (size_t i = 0; i < mcp_tool_count(); i++) {
			const mcp_tool *k = mcp_tool_get(i);
			if (s->read_only && mcp_tool_writes(k))
				continue;
			snprintf(names + strlen(names), sizeof(names) - strlen(names),
				"%s%s", *names ? ", " : "", mcp_tool_name(k));
		}
		send_error(s, id, INVALID_PARAMS, "tools/call: unknown tool "
			"'%.100s' (the tools: %s)", name->valuestring, names);
		return;
	}
	if (args && !cJSON_IsObject(args) && !cJSON_IsNull(args)) {
		send_error(s, id, INVALID_PARAMS, "tools/call: params.arguments "
			"must be an object of the tool's arguments");
		return;
	}
	if (cJSON_IsNull(args))
		args = NULL;
	if (mcp_tool_writes(t) && refuse_writing(s, t, why, sizeof(why))) {
		send_result(s, id, mcp_tool_error(why));
		return;
	}
	if ((rc = mcp_tool_command(t, args, &argv, &argc, why, sizeof(why))) < 0) {
		send_result(s, id, rc == -1 ? mcp_tool_error(why) : NULL);
		return;
	}
	/* A tool that changes facts runs on the data folder; the others on
	 * the network held, reloaded first if its file changed. */
	if (!mcp_tool_writes(t) &&
	    cli_served_refresh(&s->served, "mcp", &note, why, sizeof(why)) < 0) {
		free(argv);
		send_result(s, id, mcp_tool_error(why));
		return;
	}
	cli_lent held = { s->served.net, s->engine };
	if (mcp_tool_run(t, &c, argc, argv, &held) < 0) {
		free(argv);
		send_error(s, id, INTERNAL_ERROR, "tools/call: %s could not be run "
			"(no process or temporary file)", mcp_tool_name(t));
		return;
	}
	free(argv);
	send_result(s, id, mcp_tool_result(t, &c,
		strcmp(s->version, STRUCTURED_SINCE) >= 0, note));
	cli_captured_free(&c);
}

/* One message: a request answered, a notification taken in. */
static void handle(server *s, const char *line, size_t len)
{
	char why[256];
	cJSON *msg = mcp_parse(line, len, why, sizeof(why));
	const cJSON *id, *method, *params, *version;

	if (!msg) {
		send_error(s, NULL, PARSE_ERROR, "Parse error: %s", why);
		return;
	}
	if (cJSON_IsArray(msg)) {
		send_error(s, NULL, INVALID_REQUEST, "Invalid Request: a batch "
			"(an array of messages); send one message a line");
		goto done;
	}
	if (!cJSON_IsObject(msg)) {
		send_error(s, NULL, INVALID_REQUEST, "Invalid Request: a message "
			"is a JSON object");
		goto done;
	}
	id = cJSON_GetObjectItemCaseSensitive(msg, "id");
	method = cJSON_GetObjectItemCaseSensitive(msg, "method");
	params = cJSON_GetObjectItemCaseSensitive(msg, "params");
	version = cJSON_GetObjectItemCaseSensitive(msg, "jsonrpc");
	/* An answer to a request of ours: the server sends none. */
	if (!method && id && (cJSON_GetObjectItemCaseSensitive(msg, "result") ||
			      cJSON_GetObjectItemCaseSensitive(msg, "error")))
		goto done;
	if (id && !cJSON_IsString(id) && !cJSON_IsNumber(id)) {
		send_error(s, NULL, INVALID_REQUEST, "Invalid Request: id must be "
			"a string or a number");
		goto done;
	}
	if (!cJSON_IsString(version) || strcmp(version->valuestring, "2.0") != 0) {
		send_error(s, id, INVALID_REQUEST, "Invalid Request: jsonrpc must "
			"be \"2.0\"");
		goto done;
	}
	if (!cJSON_IsString(method)) {
		send_error(s, id, INVALID_REQUEST, "Invalid Request: method must be "
			"a string");
		goto done;
	}
	if (!id) {
		/* Notifications get no answer: initialized, cancelled (each
		 * call is answered before the next is read) and any other. */
		goto done;
	}
	if (params && !cJSON_IsObject(params)) {
		send_error(s, id, INVALID_PARAMS, "%s: params must be an object",
			method->valuestring);
		goto done;
	}
	const char *m = method->valuestring;
	if (strcmp(m, "initialize") == 0)
		initialize(s, id, params);
	else if (strcmp(m, "ping") == 0)
		send_result(s, id, cJSON_CreateObject());
	else if (strcmp(m, "tools/list") != 0 && strcmp(m, "tools/call") != 0)
		send_error(s, id, METHOD_NOT_FOUND, "Method not found: %.100s "
			"(this server has initialize, ping, tools/list and tools/call)",
			m);
	else if (!s->version)
		send_error(s, id, INVALID_REQUEST, "%s: the session is not "
			"initialized: send initialize first", m);
	else if (strcmp(m, "tools/list") == 0)
		list_tools(s, id);
	else
		call_tool(s, id, params);
done:
	cJSON_Delete(msg);
}

int cmd_mcp(int argc, char **argv)
{
	server s;
	mcp_line line = { NULL, 0, 0, 0 };
	int c, status = EXIT_OK, rc;

	memset(&s, 0, sizeof(s));
	s.out = stdout;
	s.served.o = &s.o;
	if (cli_options_begin(&s.o, argc) < 0) {
		cli_error("out of memory");
		return EXIT_INTERNAL;
	}
	while ((c = cli_next_option(&s.o, argc, argv, "n:p:h", options)) != -1) {
		if (c == CLI_BAD_VALUE) {
			status = EXIT_USAGE;
			goto done;
		}
		switch (c) {
		case OPT_READ_ONLY: s.read_only = 1; break;
		case 'h':
			fputs(usage, stdout);
			goto done;
		default:
			cli_bad_option("mcp", argv, c);
			status = EXIT_USAGE;
			goto done;
		}
	}
	if (optind < argc) {
		cli_error("mcp: unexpected argument '%s'; the server takes its "
			"requests on standard input", argv[optind]);
		status = EXIT_USAGE;
		goto done;
	}
	/* The policy is read once: a layer that does not load is a mistake
	 * to hear about when the assistant starts the server. */
	if ((status = cli_open_engines(&s.o, &s.engine, 1)) != EXIT_OK)
		goto done;
	while ((rc = mcp_read_line(stdin, &line)) == 0) {
		if (line.too_long) {
			send_error(&s, NULL, PARSE_ERROR, "Parse error: the message is "
				"longer than %u MB", MCP_LINE_MAX >> 20);
			continue;
		}
		if (line.len == 0 || line.buf[strspn(line.buf, " \t")] == '\0')
			continue;
		handle(&s, line.buf, line.len);
	}
	if (rc == -2) {
		cli_error("mcp: out of memory");
		status = EXIT_INTERNAL;
	}
done:
	free(line.buf);
	advisor_engine_free(s.engine);
	cli_served_free(&s.served);
	free(s.o.layers);
	return status;
}
