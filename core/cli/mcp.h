/*
 * mcp.h - what the files of `advisor mcp` share: the messages it reads
 * (mcp_json.c) and the tools it offers (mcp_tools.c); mcp.c is the server.
 */
#ifndef ADVISOR_CLI_MCP_H
#define ADVISOR_CLI_MCP_H

#include <stddef.h>
#include <stdio.h>

#include "cli.h"

/* The longest message line read; a longer one is refused whole. */
#define MCP_LINE_MAX (4u << 20)

/* One line of input, its buffer reused from line to line. */
typedef struct mcp_line {
	char *buf;
	size_t len, cap;
	int too_long; /* longer than MCP_LINE_MAX: skipped to its end */
} mcp_line;

/* The next line (without its LF or CRLF) in l: 0, -1 at the end of the
 * input, -2 out of memory. */
int mcp_read_line(FILE *in, mcp_line *l);

/* The JSON value of text[0..len): UTF-8, no \u0000, no key given twice
 * in an object, nothing after it.  NULL with what is wrong (and at which
 * byte) in why. */
cJSON *mcp_parse(const char *text, size_t len, char *why, size_t size);

/* A tool: its name, schema and annotations, and the command that does
 * its work (mcp_tools.c). */
typedef struct mcp_tool mcp_tool;

size_t mcp_tool_count(void);
const mcp_tool *mcp_tool_get(size_t i);
/* The tool of that name, or NULL. */
const mcp_tool *mcp_tool_find(const char *name);
const char *mcp_tool_name(const mcp_tool *t);
/* Non-zero for a tool that changes your facts (refused --read-only). */
int mcp_tool_writes(const mcp_tool *t);

/* Its entry in tools/list (name, title, description, inputSchema,
 * annotations); NULL out of memory. */
cJSON *mcp_tool_json(const mcp_tool *t);

/* The command line that does what a call asks, after checking the
 * arguments (an object, or NULL for none) against the tool's schema:
 * argv (NULL-ended, its strings in the same allocation; free() it) and
 * argc.  0; -1 with why the arguments are refused (said to the model, in
 * a tool error); -2 out of memory. */
int mcp_tool_command(const mcp_tool *t, const cJSON *args, char ***argv,
	int *argc, char *why, size_t size);

/* Run that command line, lending held (NULL for a tool that changes the
 * data folder, whose command opens it itself).  0, or -1 if it could not
 * be run. */
int mcp_tool_run(const mcp_tool *t, cli_captured *out, int argc,
	char **argv, const cli_lent *held);

/* The tools/call result for what the command printed: its output as text
 * (and with structured non-zero, as structuredContent when it is JSON),
 * or its errors with isError.  note, if not NULL, is added as a text
 * block of its own (the network that could not be reloaded).  NULL out
 * of memory. */
cJSON *mcp_tool_result(const mcp_tool *t, const cli_captured *c,
	int structured, const char *note);

/* A tool error: isError, and the text. */
cJSON *mcp_tool_error(const char *text);

#endif
