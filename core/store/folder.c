/*
 * folder.c - advisor_folder: the user's data folder, its format version,
 * its one lock, and the transaction that changes its files together.
 *
 * The folder holds base.json (the network as imported), annotations.json
 * (the user's facts), network.json (the two merged: what commands read)
 * and history.json (what each import showed, store/history.h), and beside
 * them:
 *
 *  - "format": "advisor-data/1", the version of this layout, written when
 *    a folder is first opened by a writer; a folder of another version is
 *    refused rather than misread.
 *  - "lock": the file the writers flock(), exclusively, for as long as the
 *    folder is open; it holds the process id of the holder, for the message
 *    another writer gets.  It is never removed (removing a lock file
 *    races with the next writer opening it).
 *  - "journal", while a transaction is being applied: every file the
 *    transaction writes, whole.  A transaction builds all its files in
 *    memory first (a failing merge writes nothing), writes the journal
 *    atomically (the commit point), then each file atomically, then removes
 *    the journal.  Whoever opens the folder next finds a journal only if
 *    the writer died after the commit point, and applies it again: the
 *    files are then all old or all new, never a mix.
 */
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "import/accumulate.h"
#include "import/annotations.h"
#include "store/annotations.h"
#include "store/history.h"
#include "util/date.h"
#include "util/error.h"
#include "util/file.h"
#include "util/write_atomic.h"

#define FOLDER_FORMAT "advisor-data/1"
#define JOURNAL_HEADER "advisor-journal/1\n"

struct advisor_folder {
	char *dir;
	int lock_fd;
	int locked;     /* lock_fd holds the lock */
};

/* The files a transaction may write, in the order it writes them. */
static const char *const journal_files[] = { "base.json", "network.json",
	"annotations.json", "history.json" };
#define JOURNAL_FILES 4

static char *path_in(const advisor_folder *f, const char *name)
{
	size_t n = strlen(f->dir), m = strlen(name);
	char *p = malloc(n + m + 2);
	if (p) {
		memcpy(p, f->dir, n);
		p[n] = '/';
		memcpy(p + n + 1, name, m + 1);
	}
	return p;
}

void advisor_folder_options_init(advisor_folder_options *opts)
{
	if (opts) {
		advisor_folder_options o = ADVISOR_FOLDER_OPTIONS_INIT;
		*opts = o;
	}
}

const char *advisor_folder_dir(const advisor_folder *folder)
{
	return folder ? folder->dir : NULL;
}

void advisor_folder_free(advisor_folder *folder)
{
	if (!folder)
		return;
	if (folder->lock_fd >= 0) {
		/* No pid of ours left behind for a later holder's message. */
		if (folder->locked && ftruncate(folder->lock_fd, 0) < 0) {
			/* Only a message would show it, and it is checked. */
		}
		close(folder->lock_fd); /* releases the lock */
	}
	free(folder->dir);
	free(folder);
}

/* mkdir -p, mode 0700. */
static int make_dirs(const char *dir, advisor_error *err)
{
	char *p = strdup(dir);
	int rc = ADVISOR_OK;

	if (!p)
		return adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory", dir);
	for (char *s = p + 1; ; s++) {
		if (*s && *s != '/')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0700) < 0 && errno != EEXIST) {
			rc = adv_error_set(err, ADVISOR_EIO, "%s: cannot make the "
				"folder: %s", p, strerror(errno));
			break;
		}
		if (!(*s = c))
			break;
	}
	free(p);
	return rc;
}

static void nap(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* The folder's lock, waiting up to wait_ms for another writer. */
static int take_lock(advisor_folder *f, unsigned int wait_ms,
	advisor_error *err)
{
	char *path = path_in(f, "lock");
	unsigned int waited = 0;
	int rc = ADVISOR_OK;

	if (!path)
		return adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory",
			f->dir);
	f->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (f->lock_fd < 0) {
		rc = adv_error_set(err, ADVISOR_EIO, "%s: cannot open the data "
			"folder's lock: %s", path, strerror(errno));
		goto done;
	}
	while (flock(f->lock_fd, LOCK_EX | LOCK_NB) < 0) {
		if (errno == EINTR)
			continue;
		if (errno != EWOULDBLOCK) {
			rc = adv_error_set(err, ADVISOR_EIO, "%s: cannot lock: %s",
				path, strerror(errno));
			goto done;
		}
		if (waited >= wait_ms) {
			char pid[32] = "", who[64] = "";
			ssize_t n = pread(f->lock_fd, pid, sizeof(pid) - 1, 0);
			pid[n > 0 ? n : 0] = '\0';
			long holder = strtol(pid, NULL, 10);
			/* The holder's pid, when it is an advisor that is still
			 * running (another program may hold the lock too). */
			if (holder > 0 && (kill((pid_t)holder, 0) == 0 ||
					   errno == EPERM))
				snprintf(who, sizeof(who), " (process %ld)", holder);
			rc = adv_error_set(err, ADVISOR_EIO, "%s: another program%s "
				"is changing the data folder; waited %u ms, try again "
				"when it is done", f->dir, who, wait_ms);
			goto done;
		}
		unsigned int step = wait_ms - waited < 20 ? wait_ms - waited : 20;
		nap(step);
		waited += step;
	}
	/* Ours: say who holds it. */
	f->locked = 1;
	char pid[32];
	int n = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
	if (ftruncate(f->lock_fd, 0) == 0 && pwrite(f->lock_fd, pid,
			(size_t)n, 0) < 0) {
		/* Only a message would miss it. */
	}
done:
	free(path);
	return rc;
}

/* The format file: written if absent, else checked. */
static int check_format(advisor_folder *f, advisor_error *err)
{
	char *path = path_in(f, "format"), *text = NULL;
	size_t len;
	struct stat st;
	int rc;

	if (!path)
		return adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory",
			f->dir);
	if (lstat(path, &st) < 0 && errno == ENOENT) {
		rc = advisor_file_write(path, FOLDER_FORMAT "\n",
			strlen(FOLDER_FORMAT "\n"), err);
		free(path);
		return rc;
	}
	if ((rc = adv_read_file(&text, &len, path, 4096, NULL, err)) < 0)
		goto done;
	while (len && (text[len - 1] == '\n' || text[len - 1] == '\r'))
		text[--len] = '\0';
	if (strcmp(text, FOLDER_FORMAT) != 0)
		rc = adv_error_set(err, ADVISOR_EDATA, "%s: the data folder is "
			"\"%.100s\", and this advisor reads \"" FOLDER_FORMAT "\" (a "
			"newer advisor wrote it?)", path, text);
done:
	free(text);
	free(path);
	return rc;
}

/* ------------------------------------------------------------------------
 * The journal
 * ------------------------------------------------------------------------ */

typedef struct entry {
	const char *name;
	const char *data;
	size_t len;
} entry;

/* Read the journal's entries (pointing into text). */
static int parse_journal(entry *e, size_t *count, const char *text,
	size_t len, const char *path, advisor_error *err)
{
	size_t at = strlen(JOURNAL_HEADER), n = 0;

	if (len < at || memcmp(text, JOURNAL_HEADER, at) != 0)
		goto damaged;
	while (at < len) {
		const char *line = text + at, *nl = memchr(line, '\n', len - at);
		if (!nl)
			goto damaged;
		if (nl - line == 3 && memcmp(line, "end", 3) == 0 &&
		    nl + 1 == text + len) {
			*count = n;
			return ADVISOR_OK;
		}
		size_t k;
		for (k = 0; k < JOURNAL_FILES; k++) {
			size_t m = strlen(journal_files[k]);
			if ((size_t)(nl - line) > m + 1 &&
			    memcmp(line, journal_files[k], m) == 0 && line[m] == ' ')
				break;
		}
		if (k == JOURNAL_FILES || n == JOURNAL_FILES)
			goto damaged;
		char *end;
		unsigned long long size = strtoull(line +
			strlen(journal_files[k]) + 1, &end, 10);
		at = (size_t)(nl - text) + 1;
		if (end != nl || size > len - at || len - at - size < 1 ||
		    text[at + size] != '\n')
			goto damaged;
		e[n].name = journal_files[k];
		e[n].data = text + at;
		e[n].len = (size_t)size;
		n++;
		at += (size_t)size + 1;
	}
damaged:
	return adv_error_set(err, ADVISOR_EDATA, "%s: the journal of an "
		"interrupted change is damaged; the files beside it are as they "
		"were before it (remove it to go on)", path);
}

/* Write each entry's file, then remove the journal. */
static int apply(advisor_folder *f, const entry *e, size_t n,
	const char *journal, advisor_error *err)
{
	int rc = ADVISOR_OK;

	for (size_t i = 0; i < n && rc == ADVISOR_OK; i++) {
		char *path = path_in(f, e[i].name);
		adv_write_part part = { e[i].data, e[i].len };
		rc = path ? adv_write_atomic(path, &part, 1, err)
			: adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory",
				f->dir);
		free(path);
	}
	if (rc == ADVISOR_OK && unlink(journal) < 0)
		rc = adv_error_set(err, ADVISOR_EIO, "%s: cannot remove: %s",
			journal, strerror(errno));
	return rc;
}

/* A journal left by a writer that died after its commit point: apply it. */
static int recover(advisor_folder *f, advisor_error *err)
{
	char *path = path_in(f, "journal"), *text = NULL;
	entry e[JOURNAL_FILES];
	size_t len, n = 0;
	struct stat st;
	int rc;

	if (!path)
		return adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory",
			f->dir);
	if (lstat(path, &st) < 0 && errno == ENOENT) {
		free(path);
		return ADVISOR_OK;
	}
	if ((rc = adv_read_file(&text, &len, path, UINT64_MAX, NULL, err)) == 0 &&
	    (rc = parse_journal(e, &n, text, len, path, err)) == 0)
		rc = apply(f, e, n, path, err);
	free(text);
	free(path);
	return rc;
}

int advisor_folder_open(advisor_folder **out, const char *dir,
	const advisor_folder_options *opts, advisor_error *err)
{
	advisor_folder_options o = ADVISOR_FOLDER_OPTIONS_INIT;
	advisor_folder *f = NULL;
	struct stat st;
	int rc;

	adv_error_clear(err);
	if (!out)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_folder_open: out is NULL");
	*out = NULL;
	if (!dir || !*dir)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_folder_open: the folder is %s", dir ? "empty" : "NULL");
	if (opts) {
		if ((rc = adv_check_version(err, "advisor_folder_options",
				opts->version, ADVISOR_FOLDER_OPTIONS_VERSION)) < 0)
			return rc;
		o = *opts;
	}
	if (o.create && (rc = make_dirs(dir, err)) < 0)
		return rc;
	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
		return adv_error_set(err, ADVISOR_EIO, "%s: %s", dir,
			errno == ENOENT ? "no such data folder" : "not a folder");
	if (!(f = calloc(1, sizeof(*f))) || !(f->dir = strdup(dir))) {
		free(f);
		return adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory", dir);
	}
	f->lock_fd = -1;
	if ((rc = take_lock(f, o.lock_wait_ms, err)) < 0 ||
	    (rc = check_format(f, err)) < 0 ||
	    (rc = recover(f, err)) < 0) {
		advisor_folder_free(f);
		return rc;
	}
	*out = f;
	return ADVISOR_OK;
}

int advisor_folder_annotations(advisor_annotations **out,
	const advisor_folder *folder, advisor_error *err)
{
	char *path, *text = NULL;
	size_t len;
	struct stat st;
	int rc;

	adv_error_clear(err);
	if (!out || !folder)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_folder_annotations: %s is NULL",
			out ? "folder" : "out");
	*out = NULL;
	if (!(path = path_in(folder, "annotations.json")))
		return adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory",
			folder->dir);
	if (lstat(path, &st) < 0 && errno == ENOENT)
		rc = advisor_annotations_new(out, path, err);
	else if ((rc = adv_read_file(&text, &len, path,
			ADVISOR_DEFAULT_MAX_BYTES, NULL, err)) == 0)
		rc = advisor_annotations_parse(out, text, len, path, err);
	free(text);
	free(path);
	return rc;
}

/* Annotations with no fact: no person, no me, nothing but a format. */
static int nothing_to_merge(const cJSON *doc)
{
	const cJSON *m;
	cJSON_ArrayForEach(m, doc) {
		if (strcmp(m->string, "format") == 0)
			continue;
		if (strcmp(m->string, "people") == 0 && cJSON_GetArraySize(m) == 0)
			continue;
		return 0;
	}
	return 1;
}

/* A base with nothing to merge over it is checked as the merge would
 * check it, and counted as an import. */
static int check_base(const char *base, size_t len,
	const advisor_import_options *opts, advisor_import_summary **summary,
	advisor_error *err)
{
	advisor_annotations *none = NULL;
	char *merged = NULL;
	int rc;

	/* The merge of an empty document checks the base and fills the
	 * summary; its text is dropped, the base's own kept. */
	if ((rc = advisor_annotations_new(&none, "annotations", err)) < 0)
		return rc;
	rc = adv_network_merge_tree(&merged, base, len, adv_annotations_doc(none),
		"annotations", opts, summary, err);
	advisor_string_free(merged);
	advisor_annotations_free(none);
	return rc;
}

/* The journal's text: the header, each entry, "end". */
static char *journal_text(const entry *e, size_t n, size_t *len)
{
	size_t size = strlen(JOURNAL_HEADER) + 4;
	for (size_t i = 0; i < n; i++)
		size += strlen(e[i].name) + 24 + e[i].len + 1;
	char *buf = malloc(size), *p = buf;
	if (!buf)
		return NULL;
	p += sprintf(p, "%s", JOURNAL_HEADER);
	for (size_t i = 0; i < n; i++) {
		p += sprintf(p, "%s %zu\n", e[i].name, e[i].len);
		memcpy(p, e[i].data, e[i].len);
		p += e[i].len;
		*p++ = '\n';
	}
	p += sprintf(p, "end\n");
	*len = (size_t)(p - buf);
	return buf;
}

/* advisor_folder_commit(), and history.json's new text (NULL: kept) in
 * the same transaction. */
static int commit(advisor_folder *folder, const char *base,
	size_t base_len, const advisor_annotations *notes, const char *history,
	const advisor_import_options *opts, advisor_import_summary **summary,
	advisor_error *err)
{
	static const char fn[] = "advisor_folder_commit";
	advisor_annotations *read_notes = NULL;
	char *base_path = NULL, *journal = NULL, *read_base = NULL;
	char *merged = NULL, *notes_text = NULL, *jtext = NULL;
	entry e[JOURNAL_FILES];
	size_t n = 0, jlen = 0, merged_len = 0;
	int rc;

	adv_error_clear(err);
	if (summary)
		*summary = NULL;
	if (!folder)
		return adv_error_set(err, ADVISOR_EINVAL, "%s: folder is NULL", fn);
	if (folder->lock_fd < 0)
		return adv_error_set(err, ADVISOR_EINVAL, "%s: %s is not open",
			fn, folder->dir);
	if (!(base_path = path_in(folder, "base.json")) ||
	    !(journal = path_in(folder, "journal"))) {
		rc = adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory",
			folder->dir);
		goto done;
	}
	/* Everything in memory first: a merge that fails writes nothing. */
	if (!base) {
		if ((rc = adv_read_file(&read_base, &base_len, base_path,
				ADVISOR_DEFAULT_MAX_BYTES, NULL, err)) < 0)
			goto done;
		base = read_base;
	}
	if (!notes) {
		if ((rc = advisor_folder_annotations(&read_notes, folder, err)) < 0)
			goto done;
	}
	const advisor_annotations *facts = notes ? notes : read_notes;
	if (nothing_to_merge(adv_annotations_doc(facts))) {
		/* The import as it came: checked, and copied byte for byte. */
		if ((rc = check_base(base, base_len, opts, summary, err)) < 0)
			goto done;
		if (!(merged = malloc(base_len + 1))) {
			rc = adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory",
				fn);
			goto done;
		}
		memcpy(merged, base, base_len);
		merged[base_len] = '\0';
		merged_len = base_len;
	} else if ((rc = adv_network_merge_tree(&merged, base, base_len,
			adv_annotations_doc(facts), adv_annotations_name(facts),
			opts, summary, err)) < 0) {
		goto done;
	}
	if (notes && (rc = advisor_annotations_to_json(&notes_text, notes,
			err)) < 0)
		goto done;
	if (!read_base)
		e[n++] = (entry){ "base.json", base, base_len };
	e[n++] = (entry){ "network.json", merged, merged_len ? merged_len :
		strlen(merged) };
	if (notes_text)
		e[n++] = (entry){ "annotations.json", notes_text,
			strlen(notes_text) };
	if (history)
		e[n++] = (entry){ "history.json", history, strlen(history) };
	if (!(jtext = journal_text(e, n, &jlen))) {
		rc = adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory", fn);
		goto done;
	}
	/* The commit point, then the files. */
	adv_write_part part = { jtext, jlen };
	if ((rc = adv_write_atomic(journal, &part, 1, err)) < 0)
		goto done;
	rc = apply(folder, e, n, journal, err);
done:
	if (rc < 0 && summary) {
		advisor_import_summary_free(*summary);
		*summary = NULL;
	}
	free(jtext);
	advisor_string_free(notes_text);
	advisor_string_free(merged);
	free(read_base);
	advisor_annotations_free(read_notes);
	free(journal);
	free(base_path);
	return rc;
}

int advisor_folder_commit(advisor_folder *folder, const char *base,
	size_t base_len, const advisor_annotations *notes,
	const advisor_import_options *opts, advisor_import_summary **summary,
	advisor_error *err)
{
	return commit(folder, base, base_len, notes, NULL, opts, summary, err);
}

/* ------------------------------------------------------------------------
 * A re-import: the earlier imports' evidence kept
 * ------------------------------------------------------------------------ */

/* The JSON text of a file, parsed; line numbers in the message. */
static int parse_doc(cJSON **out, const char *text, size_t len,
	const char *name, const char *hint, advisor_error *err)
{
	const char *end = NULL;

	if ((*out = cJSON_ParseWithLengthOpts(text, len, &end, 0)))
		return ADVISOR_OK;
	size_t at = end && end >= text ? (size_t)(end - text) : 0, line = 1;
	for (size_t i = 0; i < at && i < len; i++)
		line += text[i] == '\n';
	return adv_error_set(err, ADVISOR_EDATA, "%s: line %zu: not valid JSON%s",
		name, line, hint);
}

/* The previous base.json, if it is an import (it has "imported"); NULL
 * when there is none, or it came from a network file (init --from). */
static int previous_import(cJSON **out, const advisor_folder *f,
	advisor_error *err)
{
	char *path = path_in(f, "base.json"), *text = NULL;
	size_t len;
	struct stat st;
	int rc = ADVISOR_OK;

	*out = NULL;
	if (!path)
		return adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory",
			f->dir);
	if (lstat(path, &st) < 0 && errno == ENOENT)
		goto done;
	if ((rc = adv_read_file(&text, &len, path, ADVISOR_DEFAULT_MAX_BYTES,
			NULL, err)) < 0 ||
	    (rc = parse_doc(out, text, len, path, "; it holds the evidence of "
			"your earlier imports: repair it, or move it away to import "
			"afresh", err)) < 0)
		goto done;
	const cJSON *imported = cJSON_GetObjectItemCaseSensitive(*out, "imported");
	if (!cJSON_IsString(imported)) {
		cJSON_Delete(*out);
		*out = NULL;
	}
done:
	free(text);
	free(path);
	return rc;
}

/* history.json with this import's record appended, in *out (malloc):
 * what the export shows (doc, not yet accumulated) against the previous
 * import (old, or NULL), with the withdrawals recorded since. */
static int next_history(char **out, const advisor_folder *f, const cJSON *doc,
	const cJSON *old, const char *today, advisor_error *err)
{
	char *path = path_in(f, "history.json"), *text = NULL;
	advisor_annotations *notes = NULL;
	size_t len = 0;
	struct stat st;
	int rc;

	*out = NULL;
	if (!path)
		return adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory",
			f->dir);
	if (!(lstat(path, &st) < 0 && errno == ENOENT) &&
	    (rc = adv_read_file(&text, &len, path, ADVISOR_DEFAULT_MAX_BYTES,
			NULL, err)) < 0)
		goto done;
	if ((rc = advisor_folder_annotations(&notes, f, err)) < 0)
		goto done;
	rc = adv_history_append(out, text, len, path, doc, old,
		adv_annotations_doc(notes), today, err);
done:
	advisor_annotations_free(notes);
	free(text);
	free(path);
	return rc;
}

static int stamp(cJSON *doc, const char *today)
{
	cJSON *v = cJSON_CreateString(today);
	if (!v)
		return 0;
	if (cJSON_GetObjectItemCaseSensitive(doc, "imported"))
		return cJSON_ReplaceItemInObjectCaseSensitive(doc, "imported", v) ?
			1 : (cJSON_Delete(v), 0);
	if (!cJSON_AddItemToObject(doc, "imported", v)) {
		cJSON_Delete(v);
		return 0;
	}
	return 1;
}

int advisor_folder_import(advisor_folder *folder, const char *base,
	size_t base_len, const advisor_import_options *opts,
	advisor_import_summary **summary, advisor_error *err)
{
	static const char fn[] = "advisor_folder_import";
	cJSON *doc = NULL, *old = NULL;
	adv_accumulate_stats st;
	char today[ADV_DATE_BUF], *text = NULL, *history = NULL;
	int rc;

	adv_error_clear(err);
	if (summary)
		*summary = NULL;
	memset(&st, 0, sizeof(st));
	if (!folder || !base)
		return adv_error_set(err, ADVISOR_EINVAL, "%s: %s is NULL", fn,
			folder ? "base" : "folder");
	if (folder->lock_fd < 0)
		return adv_error_set(err, ADVISOR_EINVAL, "%s: %s is not open",
			fn, folder->dir);
	if (opts && (rc = adv_check_version(err, "advisor_import_options",
			opts->version, ADVISOR_IMPORT_OPTIONS_VERSION)) < 0)
		return rc;
	adv_date_format(today, adv_date_today());
	if ((rc = parse_doc(&doc, base, base_len, "the import", "", err)) < 0 ||
	    (rc = previous_import(&old, folder, err)) < 0 ||
	    (rc = next_history(&history, folder, doc, old, today, err)) < 0)
		goto done;
	if (old) {
		const char *seen = cJSON_GetObjectItemCaseSensitive(old,
			"imported")->valuestring;
		if ((rc = adv_import_accumulate(doc, old, seen,
				opts ? opts->warning : NULL,
				opts ? opts->warning_payload : NULL, &st, err)) < 0)
			goto done;
	}
	if (!stamp(doc, today) || !(text = cJSON_Print(doc))) {
		rc = adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory", fn);
		goto done;
	}
	if ((rc = commit(folder, text, strlen(text), NULL, history, opts,
			summary, err)) < 0)
		goto done;
	if (summary && *summary) {
		(*summary)->kept_people = st.people_kept;
		(*summary)->kept_events = st.events_kept;
		(*summary)->kept_messages = st.messages_kept;
		(*summary)->ended_invitations = st.ended;
		(*summary)->accepted_invitations = st.accepted;
	}
done:
	free(history);
	free(text);
	cJSON_Delete(doc);
	cJSON_Delete(old);
	return rc;
}
