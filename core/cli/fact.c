/*
 * fact.c - the `advisor remember` command that records a fact the library
 * proposes (a suggestion, a what-if), written so that it can be pasted
 * into a shell as it is.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Characters a POSIX shell takes literally outside quotes; bytes of UTF-8
 * beyond ASCII too ("zoë-ångström"). */
static int plain(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (!(c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || strchr("-_./:@%+=,", c)))
			return 0;
	}
	return 1;
}

/* Append word to buf at *n (room for it was counted), quoted if needed:
 * in single quotes, each ' written as '\''. */
static void add_word(char *buf, size_t *n, const char *word)
{
	buf[(*n)++] = ' ';
	if (plain(word)) {
		size_t len = strlen(word);
		memcpy(buf + *n, word, len);
		*n += len;
		return;
	}
	buf[(*n)++] = '\'';
	for (const char *s = word; *s; s++) {
		if (*s == '\'') {
			memcpy(buf + *n, "'\\''", 4);
			*n += 4;
		} else {
			buf[(*n)++] = *s;
		}
	}
	buf[(*n)++] = '\'';
}

/* The most a word takes quoted, with the space before it: every character
 * a '\'' and the quotes. */
static size_t room(const char *word)
{
	return 4 * strlen(word) + 3;
}

/* The fields `advisor remember` needs of each type (remember.c refuses the
 * fact without them); one a fact does not give is shown as a placeholder
 * for the user to fill in: "--date DATE". */
static const struct {
	const char *type;
	const char *needs[4];
} needed[] = {
	{ "met", { "date" } },
	{ "worked_together", { "from" } },
	{ "personal", { "date", "relation" } },
	{ "introduced", { "by", "date" } },
	{ "interview", { "date", "role", "status" } },
};

static int gives(const advisor_fact *fact, const char *name)
{
	for (size_t i = 0; i < advisor_fact_field_count(fact); i++)
		if (strcmp(advisor_fact_field_name(fact, i), name) == 0)
			return 1;
	return 0;
}

static void add_option(char *buf, size_t *n, const char *name)
{
	size_t len = strlen(name);
	memcpy(buf + *n, " --", 3);
	memcpy(buf + *n + 3, name, len);
	*n += 3 + len;
}

char *cli_remember_command(const char *person, const advisor_fact *fact)
{
	static const char head[] = "advisor remember";
	const char *type = advisor_fact_type(fact);
	size_t fields = advisor_fact_field_count(fact);
	size_t size = sizeof(head) + room(person) + room(type);
	const char *const *needs = NULL;

	for (size_t i = 0; i < sizeof(needed) / sizeof(*needed); i++)
		if (strcmp(needed[i].type, type) == 0)
			needs = needed[i].needs;
	for (size_t i = 0; i < fields; i++)
		size += room(advisor_fact_field_name(fact, i)) + 3 +
			room(advisor_fact_field_value(fact, i));
	for (size_t i = 0; needs && i < 4 && needs[i]; i++)
		size += 2 * room(needs[i]) + 3;
	char *buf = malloc(size);
	if (!buf)
		return NULL;
	size_t n = sizeof(head) - 1;
	memcpy(buf, head, n);
	add_word(buf, &n, person);
	add_word(buf, &n, type);
	for (size_t i = 0; i < fields; i++) {
		add_option(buf, &n, advisor_fact_field_name(fact, i));
		add_word(buf, &n, advisor_fact_field_value(fact, i));
	}
	for (size_t i = 0; needs && i < 4 && needs[i]; i++) {
		if (gives(fact, needs[i]))
			continue;
		add_option(buf, &n, needs[i]);
		buf[n++] = ' ';
		for (const char *c = needs[i]; *c; c++)
			buf[n++] = *c >= 'a' && *c <= 'z' ? (char)(*c - 'a' + 'A') : *c;
	}
	buf[n] = '\0';
	return buf;
}

/* The command, or NULL when a byte of it would drive the terminal (a
 * control character: the values may come from another person's message)
 * or memory is short. */
static char *printable_command(const char *person, const advisor_fact *fact)
{
	char *cmd = cli_remember_command(person, fact);

	for (const char *s = cmd; s && *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f) {
			free(cmd);
			return NULL;
		}
	return cmd;
}

void cli_print_suggestion(const cli_term *t, const advisor_result *r,
	size_t i, int col, const char *lead)
{
	const advisor_suggestion *s = advisor_result_suggestion(r, i);
	char flat[1024];
	char *cmd;

	if (!s || !cli_flatten(flat, sizeof(flat), s->why))
		return;
	/* cli_wrap puts a space before the first word only past the indent. */
	int at = col + cli_columns(lead);
	printf("%*s%s%s", col, "", lead, at > col + 2 ? "" : " ");
	cli_wrap(stdout, t, flat, at > col + 2 ? at : at + 1, col + 2);
	/* The command on a line of its own, unwrapped, to copy as it is. */
	if ((cmd = printable_command(advisor_result_person(r), s->fact)))
		printf("%*s%s%s%s\n", col + 2, "", cli_sgr(t, CLI_CYAN), cmd,
			cli_sgr(t, CLI_RESET));
	free(cmd);
}
