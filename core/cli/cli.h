/*
 * cli.h - what the advisor command's files share.  The command is a client
 * of include/advisor.h only.
 */
#ifndef ADVISOR_CLI_H
#define ADVISOR_CLI_H

#include <stddef.h>
#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>

#include "advisor.h"

/* Exit codes, documented in --help and docs/cli.md. */
enum {
	EXIT_OK = 0,
	EXIT_INTERNAL = 1,  /* out of memory, or a bug */
	EXIT_USAGE = 2,     /* bad command line, bad request, unknown intent */
	EXIT_DATA = 3,      /* a network file cannot be read or is invalid */
	EXIT_POLICY = 4,    /* the policy failed to load or to decide */
	EXIT_NOTFOUND = 5,  /* the person is not in the network */
	EXIT_PARTIAL = 6,   /* batch: some request lines failed; test: some
			       cases failed */
	EXIT_AMBIGUOUS = 7  /* a name that fits several people */
};

/* Long options without a short form. */
enum { OPT_INCOMING = 256, OPT_AS_OF, OPT_NOTE_LIMIT, OPT_JSON, OPT_MAX_SIZE,
       OPT_JOBS, OPT_NO_CACHE, OPT_COVERAGE, OPT_EXPLAIN, OPT_ISOLATE,
       OPT_DRAFTS, OPT_MAX_INSTRUCTIONS, OPT_TIME_LIMIT, OPT_MAX_MEMORY,
       OPT_OUTGOING, OPT_GROUP_LIMIT };

/* The sandbox's bounds, options of every command that runs the policy:
 * the entries of its option table and the lines of its --help.  They are
 * the command line's, never a policy's: a layer cannot raise them. */
#define CLI_LIMIT_OPTIONS \
	{ "max-instructions", required_argument, NULL, OPT_MAX_INSTRUCTIONS }, \
	{ "time-limit", required_argument, NULL, OPT_TIME_LIMIT }, \
	{ "max-memory", required_argument, NULL, OPT_MAX_MEMORY }
#define CLI_LIMIT_HELP \
"      --max-instructions N\n" \
"                       stop the policy after N Lua instructions per\n" \
"                       request, and as many for loading it (default\n" \
"                       50000000)\n" \
"      --time-limit SECONDS\n" \
"                       stop it after SECONDS of wall-clock time per\n" \
"                       request (default 10; 0.5 works)\n" \
"      --max-memory SIZE  stop it past SIZE of memory (bytes, or with K, M\n" \
"                       or G; default 64M)\n"

/* The options every command that advises shares. */
typedef struct cli_options {
	const char *network;
	const char **layers;     /* room for argc entries */
	size_t layer_count;
	unsigned int note_limit;
	uint64_t max_bytes;
	int no_cache;
	int quiet;               /* open engines without printing lint warnings */
	int no_tuned;            /* leave out the tuned layer (tune's own anchor) */
	size_t *warnings;        /* or NULL: counts the lint warnings printed */
	/* The sandbox's bounds; 0 for the library's defaults. */
	uint64_t instruction_limit;
	uint64_t time_limit_ms;
	size_t memory_limit;
} cli_options;

/* Start reading a command's options: *o zeroed, with room for a layer per
 * argument (so that no -p needs a reallocation; free o->layers), and
 * getopt reset to scan from the start and print nothing itself (our
 * messages carry the advisor: prefix).  0, or -1 out of memory. */
int cli_options_begin(cli_options *o, int argc);

/* Handle a shared option (-n, -p, --note-limit, --max-size, --no-cache, the
 * limits): 1 if it was
 * one, 0 if not, -1 (message printed) if its value is bad. */
int cli_common_option(cli_options *o, int c, const char *arg);

/* getopt_long() that takes the shared options itself: the next option of
 * the command's own, -1 at the end, or CLI_BAD_VALUE when a shared
 * option's value is bad (message printed). */
#define CLI_BAD_VALUE (-2)
struct option;
int cli_next_option(cli_options *o, int argc, char **argv,
	const char *shortopts, const struct option *longopts);

/* Load the network and engine_count engines; an exit code. */
int cli_open(const cli_options *o, advisor_network **net,
	advisor_engine **engines, size_t engine_count);

/* A network and an engine that a long-running command (mcp) holds and
 * lends to the commands it runs for each request, so that each does not
 * load its own: the command uses them, its network options are not read,
 * and it frees neither. */
typedef struct cli_lent {
	advisor_network *net;
	advisor_engine *engine;
} cli_lent;

/* cli_open(), or with lent non-NULL the network and (engine_count 1) the
 * engine it lends. */
int cli_open_lent(const cli_options *o, const cli_lent *lent,
	advisor_network **net, advisor_engine **engines, size_t engine_count);

/* A command that can borrow what a long-running command holds. */
typedef int (*cli_lent_command)(int argc, char **argv, const cli_lent *lent);

/* What a command run by cli_capture() printed and how it ended. */
typedef struct cli_captured {
	int status;      /* its exit code, if it exited */
	int signal;      /* else the signal that ended it */
	char *out, *err; /* its standard output and error, NUL-terminated */
	size_t out_len, err_len;
	int cut;         /* one of them was longer than CLI_CAPTURE_MAX */
} cli_captured;

#define CLI_CAPTURE_MAX (64u << 20)

/* Run run(argc, argv, lent) in a child process, its standard input
 * /dev/null and its output and errors caught (capture.c).  0, or -1 if it
 * could not be run (no process, no temporary file, no memory); free *out
 * with cli_captured_free() when 0. */
int cli_capture(cli_captured *out, cli_lent_command run, int argc,
	char **argv, const cli_lent *lent);
void cli_captured_free(cli_captured *c);

/* The two halves of cli_open(): engines over the shipped policy, the
 * user's folder and o->layers (warnings on stderr); the network. */
int cli_open_engines(const cli_options *o, advisor_engine **engines,
	size_t engine_count);
int cli_load_network(const cli_options *o, advisor_network **net);

/* The load options cli_load_network() uses: warnings on stderr, the size
 * limit, the snapshot cache (its path in cache[0..size)) unless --no-cache. */
void cli_load_options(const cli_options *o, advisor_load_options *lo,
	char *cache, size_t size);

/* For --isolate: worker_count workers on net (loaded first: they share it
 * copy-on-write), each with the engines' policy and options; an exit code. */
int cli_open_workers(const cli_options *o, const advisor_network *net,
	advisor_worker **workers, size_t worker_count);

/* A policy case file (cases.c), read and checked by the library, and its
 * network. */
typedef struct cli_case_file {
	const char *path;
	advisor_cases *cases;
	advisor_network *net;
} cli_case_file;

/* Read, check and load a case file: its network is its "network" (a path
 * relative to the file, or inline), else o->network.  An exit code, the
 * message printed. */
int cli_case_file_open(cli_case_file *cf, const char *path,
	const cli_options *o);
void cli_case_file_close(cli_case_file *cf);

/* A request as the JSON object batch reads (all four members); NULL out of
 * memory. */
cJSON *cli_request_json(const advisor_request *req);

/* Report the option getopt_long() refused (its return value c). */
void cli_bad_option(const char *cmd, char **argv, int c);

int cli_parse_size(const char *s, uint64_t *out);
/* --group-limit N of import and init into *out: EXIT_OK, or EXIT_USAGE
 * (said). */
int cli_parse_group_limit(const char *cmd, const char *s, size_t *out);
/* The import summary's line on group conversations, to f (nothing when
 * there were none): `indent`, the line, `end`. */
void cli_print_groups(FILE *f, const char *indent, const char *end,
	const advisor_import_summary *s, size_t limit);
int cli_parse_uint(const char *s, unsigned long min, unsigned long max,
	unsigned long *out);
/* Seconds with up to three decimals ("10", "0.5") as milliseconds, from 1
 * ms to max_ms; -1 for anything else. */
int cli_parse_seconds(const char *s, uint64_t max_ms, uint64_t *out_ms);

/* The exit code for a library error code. */
int cli_exit_code(int advisor_code);

/* Print "advisor: <message>" on stderr. */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;

/* Print a library error: its message, and how to raise a size limit
 * the error names (its field) with this command's --max-size. */
void cli_report(const advisor_error *err);

/* What a re-import changed between two imported networks (before NULL on
 * the first import), on stdout, with merged (the network your facts made
 * before the import, NULL if none) telling a withdrawal you recorded;
 * returns how many invitations wait for your answer (changes.c). */
size_t cli_report_changes(const advisor_network *before,
	const advisor_network *after, const advisor_network *merged);

/* The id of the one person `text` names (an id or a name), in *id; an
 * exit code, with the candidates listed on stderr when it is ambiguous.
 * Text that fits no name is passed on as it is, for the library to say
 * what it knows of that id. */
int cli_person(const advisor_network *net, const char *text, const char **id);

/* The command that records fact about person, to paste into a shell:
 * "advisor remember ID TYPE --NAME VALUE ...", each word quoted for a POSIX
 * shell where it must be, and each field `remember` needs that the fact
 * does not give shown as a placeholder to fill in ("--date DATE").  Both
 * suggestions and what-ifs print facts through it.  NULL out of memory;
 * free() it. */
char *cli_remember_command(const char *person, const advisor_fact *fact);

/* The data folder ($XDG_DATA_HOME/advisor, else ~/.local/share/advisor)
 * in buf, or a file in it; -1 if there is no home to put it in. */
int cli_data_dir(char *buf, size_t size);
int cli_data_file(char *buf, size_t size, const char *name);

/* $XDG_CONFIG_HOME/advisor/tuned (else ~/.config/advisor/tuned) in buf:
 * the layer `advisor tune --write` writes, loaded over the user's folder
 * when it exists (common.c); -1 if there is no home to put it in. */
int cli_tuned_dir(char *buf, size_t size);

/* mkdir -p, mode 0700; -1 with errno set. */
int cli_make_dirs(char *path);

/* The network to use: `given` (--network), else $ADVISOR_NETWORK, else the
 * data folder's network.json if it exists (in buf); NULL (message printed)
 * if there is none. */
const char *cli_network_path(const char *given, char *buf, size_t size);
/* What cli_network_path() says when there is no network. */
const char *cli_no_network(void);

/* How long a command that changes the data folder waits for another one
 * to finish (docs/cli.md says so). */
#define CLI_LOCK_WAIT_MS 10000

/* Open the data folder dir for changing (made if create is non-zero): its
 * lock, waiting up to CLI_LOCK_WAIT_MS.  An exit code (message printed,
 * naming cmd). */
int cli_folder_open(const char *cmd, const char *dir, int create,
	advisor_folder **out);

/* The data folder open for changing (its lock held), and its files'
 * paths: what the commands that change it share (data.c). */
typedef struct cli_data {
	char dir[4096], base[4200], notes[4200], network[4200];
	advisor_folder *data;
} cli_data;

/* Open it for cmd; it must hold an import (base.json).  An exit code
 * (message printed); free it with cli_data_free() either way. */
int cli_data_open(const char *cmd, cli_data *f);
void cli_data_free(cli_data *f);
/* Its network.json, loaded; its annotations.json (empty if none), read.
 * Exit codes, messages printed. */
int cli_data_network(const cli_data *f, advisor_network **net);
int cli_data_notes(const cli_data *f, advisor_annotations **notes);

/* Write notes and the network rebuilt over them in one commit, loader
 * warnings on stderr, and the merge's conflicts with the export for "set"
 * (the command that makes them) only.  A value the merge refuses is reported
 * as its option (cli_report_value() with options), then "cmd: nothing"
 * (say, "nothing recorded"), exit 2; nothing is written then. */
int cli_data_commit(const char *cmd, cli_data *f,
	const advisor_annotations *notes, const char *const *options,
	const char *nothing);

/* A refused value as the option that gave it ("cmd: --tone: ..."), when
 * err->field is one of options (NULL-ended: "tone", or "profile_url=url"
 * for a field set by another option); else the message as it is. */
void cli_report_value(const char *cmd, const advisor_error *err,
	const char *const *options);

/* "advisor: warning: MESSAGE" on stderr, an advisor_warning_cb. */
void cli_print_warning(void *payload, const char *message);
/* The same, for a change of the user's facts: the merge's conflicts with
 * the export ("...; yours is kept") are left out unless payload is
 * non-NULL, since a field set over the export's conflicts on every
 * rebuild by design. */
void cli_commit_warning(void *payload, const char *message);

/* remember/forget A knows B: the link between two people (neither you)
 * recorded (link != 0) or removed; an exit code (people.c). */
int cli_knows(const char *cmd, const char *a, const char *b, int link);

/* A whole file, NUL-terminated, its length in *len; NULL with errno set. */
char *cli_read_file(const char *path, size_t *len);

/* How output for people looks on a stream: its width in columns (the
 * terminal's, else $COLUMNS, else 80; at least 40) and whether to use
 * colour (a terminal, NO_COLOR unset or empty, TERM not dumb). */
typedef struct cli_term {
	int width;
	int color;
} cli_term;

typedef enum cli_style { CLI_RESET, CLI_BOLD, CLI_DIM, CLI_GREEN,
	CLI_YELLOW, CLI_RED, CLI_CYAN } cli_style;

void cli_term_init(cli_term *t, FILE *f);

/* The escape sequence for a style, or "" without colour. */
const char *cli_sgr(const cli_term *t, cli_style s);

/* Marks the command's own control sequences (colours, the progress line)
 * for the terminal guard, which shows every other control character of
 * the output as '?' (term_guard.c).  Not valid UTF-8, so never in data. */
#define CLI_TERM_MARK "\xFF"
/* Guard stdout and stderr where they are terminals; first thing main()
 * does. */
void cli_term_guard(void);

/* Columns a UTF-8 string takes on a terminal (wide characters two). */
int cli_columns(const char *s);
/* one when n is 1, else many: "1 row", "2 rows". */
static inline const char *cli_plural(size_t n, const char *one,
	const char *many)
{
	return n == 1 ? one : many;
}

/* Text from other people (an invitation's message, a name) made one line
 * that shows as it reads: line breaks, tabs and every control character
 * become spaces, as do the characters that reorder text (bidirectional
 * overrides and isolates, line separators); runs of spaces become one,
 * and none leads or trails.  Into out (size bytes, at least 4), cut
 * between characters with an ellipsis if it does not fit; returns its
 * length. */
size_t cli_flatten(char *out, size_t size, const char *text);
/* Print s and spaces after it up to width terminal columns. */
void cli_pad(FILE *f, const char *s, int width);
/* The same, cut with an ellipsis if s is wider than width. */
void cli_cell(FILE *f, const char *s, int width);

/* Print text's words from column col, wrapping to t->width with later lines
 * indented by indent columns; a space separates the first word from what
 * is before it unless col == indent.  Ends the line. */
void cli_wrap(FILE *f, const cli_term *t, const char *text, int col,
	int indent);

/* Suggestion i of result r for people: lead ("-"), a space and its why
 * from column col
 * (wrapped, to the terminal's width), then on a line of its own, indented
 * by two more, the command that records it (cli_remember_command), left
 * out if it holds a control character. */
void cli_print_suggestion(const cli_term *t, const advisor_result *r,
	size_t i, int col, const char *lead);

/* A progress line on stderr, rewritten in place, only when stderr is a
 * terminal; cli_progress_done() erases it. */
int cli_progress_on(void);
void cli_progress(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;
void cli_progress_done(void);

/* The commands that read the network, with what a long-running command
 * lends them (NULL: they load their own, as cmd_NAME() does). */
int cli_advise(int argc, char **argv, const cli_lent *lent);
int cli_find(int argc, char **argv, const cli_lent *lent);
int cli_path(int argc, char **argv, const cli_lent *lent);
int cli_triage(int argc, char **argv, const cli_lent *lent);
int cli_plan(int argc, char **argv, const cli_lent *lent);
int cli_outcomes(int argc, char **argv, const cli_lent *lent);
int cli_tune(int argc, char **argv, const cli_lent *lent);

int cmd_advise(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_find(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_remember(int argc, char **argv);
int cmd_forget(int argc, char **argv);
int cmd_add(int argc, char **argv);
int cmd_set(int argc, char **argv);
int cmd_remove(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_lint(int argc, char **argv);
int cmd_test(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_path(int argc, char **argv);
int cmd_triage(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_outcomes(int argc, char **argv);
int cmd_tune(int argc, char **argv);
int cmd_mcp(int argc, char **argv);
int cmd_native_host(int argc, char **argv);
int cmd_sent(int argc, char **argv);
int cmd_withdrew(int argc, char **argv);

/* forget PERSON sent|withdrew: the invitation recorded by `advisor sent`
 * or `advisor withdrew` (what), with this date or the index-th (from 1;
 * 0 for none) when there are several; an exit code (sent.c). */
int cli_forget_recorded(const char *what, const char *person,
	const char *date, unsigned long index);

#endif
