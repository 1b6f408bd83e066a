/*
 * capture.c - run one of the command's own commands in a child process
 * with its standard output and error caught, so that a long-running
 * command (mcp) answers with exactly what the command prints and exits
 * with, and a command that fails in any way leaves the server serving.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"

/* The whole of a caught stream, up to CLI_CAPTURE_MAX bytes. */
static char *slurp(FILE *f, size_t *len, int *cut)
{
	size_t size = 4096, n = 0;
	char *buf = malloc(size);

	*cut = 0;
	if (!buf || fseek(f, 0, SEEK_SET) != 0) {
		free(buf);
		return NULL;
	}
	for (;;) {
		if (n + 1 == size) {
			if (size > CLI_CAPTURE_MAX) {
				*cut = 1;
				break;
			}
			char *more = realloc(buf, size * 2);
			if (!more) {
				free(buf);
				return NULL;
			}
			buf = more;
			size *= 2;
		}
		size_t got = fread(buf + n, 1, size - 1 - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

int cli_capture(cli_captured *out, cli_lent_command run, int argc,
	char **argv, const cli_lent *lent)
{
	FILE *o = tmpfile(), *e = tmpfile();
	int status, cut_out = 0, cut_err = 0, rc = -1;
	pid_t pid;

	memset(out, 0, sizeof(*out));
	if (!o || !e)
		goto done;
	/* Nothing the server has buffered may be written twice. */
	fflush(NULL);
	if ((pid = fork()) < 0)
		goto done;
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY);
		if (in < 0 || dup2(in, STDIN_FILENO) < 0 ||
		    dup2(fileno(o), STDOUT_FILENO) < 0 ||
		    dup2(fileno(e), STDERR_FILENO) < 0)
			_exit(EXIT_INTERNAL);
		int code = run(argc, argv, lent);
		fflush(stdout);
		fflush(stderr);
		/* This process's copies of what was lent, released as the
		 * command releases what it loads itself, so that a leak check
		 * at its exit sees only what the command leaked. */
		if (lent) {
			advisor_engine_free(lent->engine);
			advisor_network_free(lent->net);
		}
		_exit(code & 0xff);
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			goto done;
	}
	if (WIFEXITED(status))
		out->status = WEXITSTATUS(status);
	else
		out->signal = WIFSIGNALED(status) ? WTERMSIG(status) : SIGKILL;
	if (!(out->out = slurp(o, &out->out_len, &cut_out)) ||
	    !(out->err = slurp(e, &out->err_len, &cut_err)))
		goto done;
	out->cut = cut_out || cut_err;
	rc = 0;
done:
	if (o)
		fclose(o);
	if (e)
		fclose(e);
	if (rc < 0)
		cli_captured_free(out);
	return rc;
}

void cli_captured_free(cli_captured *c)
{
	free(c->out);
	free(c->err);
	c->out = c->err = NULL;
}
