/*
 * linkedin.c - a LinkedIn data export to a network: Profile.csv and
 * Positions.csv make "me", Connections.csv the connections, Invitations.csv
 * the invitations (and the people still waiting on one), messages.csv the
 * messages, the Recommendations and Endorsement files the recommendations
 * and endorsements on the people they name.  docs/linkedin-import.md tells
 * users the same.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "import/annotations.h"
#include "json/strict.h"
#include "import/csv.h"
#include "import/export.h"
#include "import/finish.h"
#include "import/groups.h"
#include "import/li_date.h"
#include "import/people.h"
#include "util/error.h"
#include "util/file.h"
#include "util/url.h"

enum { F_CONNECTIONS, F_INVITATIONS, F_MESSAGES, F_PROFILE, F_POSITIONS,
	F_RECS_RECEIVED, F_RECS_GIVEN, F_ENDORSED_RECEIVED, F_ENDORSED_GIVEN };

static const char *const file_names[ADV_IMPORT_FILES] = {
	"Connections.csv", "Invitations.csv", "messages.csv", "Profile.csv",
	"Positions.csv", "Recommendations_Received.csv",
	"Recommendations_Given.csv", "Endorsement_Received_Info.csv",
	"Endorsement_Given_Info.csv"
};

typedef struct importer {
	const advisor_import_options *opts;
	adv_summary *sum;
	advisor_error *err;
	adv_li_people people;
	cJSON *me;
	char *me_name;           /* from Profile.csv, for messages */
	char *me_url;            /* found in messages.csv */
	char current_start[11];  /* Positions: the latest current job's start */
	adv_li_groups groups;    /* messages.csv's conversations */
	const char *shown;       /* the file being read, as messages name it */
	size_t file_len;
	int file;
	int col[16];             /* the current file's columns */
} importer;

static void warn(importer *im, const adv_csv_row *row, const char *fmt,
	const char *value)
{
	char msg[600];
	im->sum->pub.warnings++;
	if (!im->opts->warning)
		return;
	snprintf(msg, sizeof(msg), "%s: line %zu: ", im->shown, row->line);
	size_t n = strlen(msg);
	snprintf(msg + n, sizeof(msg) - n, fmt, value);
	im->opts->warning(im->opts->warning_payload, msg);
}

static int nomem(importer *im)
{
	return adv_error_set(im->err, ADVISOR_ENOMEM, "%s: out of memory",
		im->shown);
}

/* Tell the progress callback how far the current file is read; a non-zero
 * answer cancels the import.  ADVISOR_OK or ADVISOR_ECANCELED. */
static int report(importer *im, uint64_t done)
{
	if (!im->opts->progress ||
	    im->opts->progress(im->opts->progress_payload, file_names[im->file],
			done, im->file_len) == 0)
		return ADVISOR_OK;
	return adv_error_set(im->err, ADVISOR_ECANCELED,
		"%s: the import was canceled by its progress callback (at byte %llu "
		"of %llu)", im->shown, (unsigned long long)done,
		(unsigned long long)im->file_len);
}

/* Progress every 2048 rows. */
static int progress(importer *im, const adv_csv_row *row)
{
	if (row->line % 2048 != 0)
		return ADVISOR_OK;
	return report(im, row->offset);
}

/* A date field: "" stays absent; a date that cannot be read is a warning
 * and absent, never a guess.  1 if out holds a date. */
static int date_field(importer *im, const adv_csv_row *row, const char *col,
	const char *value, char out[11])
{
	while (*value == ' ')
		value++;
	if (!*value)
		return 0;
	if (adv_li_date(out, value) == 0)
		return 1;
	char what[200];
	snprintf(what, sizeof(what), "%s \"%%s\" is not a date this import "
		"reads; left out", col);
	warn(im, row, what, value);
	return 0;
}

static int set_string(cJSON *obj, const char *key, const char *value)
{
	char *clean = adv_li_clean_name(value);
	int ok = 1;
	if (!clean)
		return 0;
	if (*clean) {
		cJSON *old = cJSON_GetObjectItemCaseSensitive(obj, key);
		cJSON *v = cJSON_CreateString(clean);
		if (!v)
			ok = 0;
		else if (old)
			cJSON_ReplaceItemInObjectCaseSensitive(obj, key, v);
		else if (!cJSON_AddItemToObject(obj, key, v))
			ok = 0, cJSON_Delete(v);
	}
	free(clean);
	return ok;
}

/* "First Last", both trimmed. */
static char *full_name(const char *first, const char *last)
{
	size_t a = strlen(first), b = strlen(last);
	char *joined = malloc(a + b + 2), *clean;
	if (!joined)
		return NULL;
	memcpy(joined, first, a);
	joined[a] = ' ';
	memcpy(joined + a + 1, last, b + 1);
	clean = adv_li_clean_name(joined);
	free(joined);
	return clean;
}

/* The person with this URL (or, without one, this name), made if new.
 * NULL when out of memory (*failed set) or when there is neither. */
static adv_li_person *person_for(importer *im, const char *url_text,
	const char *name_text, int *failed)
{
	int oom = 0;
	char *url = adv_url_key(url_text, &oom), *name = NULL;
	adv_li_person *p = NULL;

	if (oom || !(name = adv_li_clean_name(name_text)))
		goto fail;
	if (!url && !*name)
		goto done;
	p = adv_li_find(&im->people, url, name);
	if (!p && url && *name) {
		/* Known by name from a file without URLs (a 2018 export)? */
		adv_li_person *q = adv_li_find(&im->people, NULL, name);
		if (q && !q->url)
			p = q;
	}
	if (!p && !(p = adv_li_add(&im->people, url, *name ? name : url)))
		goto fail;
	goto done;
fail:
	*failed = 1;
	p = NULL;
done:
	free(url);
	free(name);
	return p;
}

/* An event of `type` on p; `key` (NULL for none) names its text field,
 * left out when `value` is empty. */
static int add_event(importer *im, adv_li_person *p, const char *type,
	const char *date, const char *direction, const char *key,
	const char *value)
{
	cJSON *events = cJSON_GetObjectItemCaseSensitive(p->obj, "events");
	cJSON *ev;

	if (!events && !(events = cJSON_AddArrayToObject(p->obj, "events")))
		return nomem(im);
	if (!(ev = cJSON_CreateObject()) || !cJSON_AddItemToArray(events, ev)) {
		cJSON_Delete(ev);
		return nomem(im);
	}
	if (!cJSON_AddStringToObject(ev, "type", type) ||
	    !cJSON_AddStringToObject(ev, "date", date) ||
	    !cJSON_AddStringToObject(ev, "direction", direction) ||
	    (key && value && *value &&
	     !cJSON_AddStringToObject(ev, key, value)))
		return nomem(im);
	if (!p->since[0] || strcmp(date, p->since) < 0)
		if (!cJSON_GetObjectItemCaseSensitive(p->obj, "connected_on"))
			memcpy(p->since, date, strlen(date) + 1);
	return 0;
}

/* The profile URL, written the way LinkedIn links to it. */
static int set_profile_url(adv_li_person *p)
{
	char buf[2200];
	if (!p->url || cJSON_GetObjectItemCaseSensitive(p->obj, "profile_url"))
		return 1;
	snprintf(buf, sizeof(buf), "%s%s",
		strncmp(p->url, "linkedin.com/", 13) == 0 ? "https://www." : "",
		p->url);
	return cJSON_AddStringToObject(p->obj, "profile_url", buf) != NULL;
}

/* ------------------------------------------------------------------------
 * The files
 * ------------------------------------------------------------------------ */

/* A column is named by its header, or by several written "A|B|C" (the
 * headers of other years or of the other side), the first found taken. */
static void map_columns(importer *im, const adv_csv_row *header,
	const char *const *cols)
{
	for (size_t i = 0; cols[i]; i++) {
		char name[128];
		const char *p = cols[i];
		im->col[i] = -1;
		while (im->col[i] < 0 && *p) {
			size_t n = strcspn(p, "|");
			snprintf(name, sizeof(name), "%.*s", (int)n, p);
			im->col[i] = adv_csv_column(header, name);
			p += n + (p[n] == '|');
		}
	}
}

static int missing(importer *im, const char *column)
{
	return adv_error_set(im->err, ADVISOR_EDATA, "%s: no \"%.*s\" column in "
		"the header; is this a LinkedIn export file?", im->shown,
		(int)strcspn(column, "|"), column);
}

enum { C_FIRST, C_LAST, C_URL, C_EMAIL, C_COMPANY, C_POSITION, C_ON };
static const char *const connection_cols[] = { "First Name", "Last Name",
	"URL", "Email Address", "Company", "Position", "Connected On", NULL };

static int on_connection(void *payload, const adv_csv_row *header,
	const adv_csv_row *row, advisor_error *err)
{
	importer *im = payload;
	int *c = im->col, failed = 0;
	char date[11];
	(void)err;

	if (progress(im, row) < 0)
		return ADVISOR_ECANCELED;
	char *name = full_name(adv_csv_field(row, c[C_FIRST]),
		adv_csv_field(row, c[C_LAST]));
	if (!name)
		return nomem(im);
	if (!*name) {
		/* A deleted or hidden member: nothing to know them by. */
		free(name);
		im->sum->files[F_CONNECTIONS].skipped++;
		return 0;
	}
	/* Without a URL (exports before 2023) each row is its own person:
	 * two connections may share a name. */
	adv_li_person *p = c[C_URL] < 0 || !*adv_csv_field(row, c[C_URL]) ?
		adv_li_add(&im->people, NULL, name) :
		person_for(im, adv_csv_field(row, c[C_URL]), name, &failed);
	free(name);
	if (failed || !p)
		return nomem(im);
	if (cJSON_GetObjectItemCaseSensitive(p->obj, "connected"))
		return 0; /* the same URL twice: the first row (newest) stands */
	if (!cJSON_AddBoolToObject(p->obj, "connected", 1) ||
	    !set_string(p->obj, "first_name", adv_csv_field(row, c[C_FIRST])) ||
	    !set_string(p->obj, "company", adv_csv_field(row, c[C_COMPANY])) ||
	    !set_string(p->obj, "title", adv_csv_field(row, c[C_POSITION])) ||
	    !set_string(p->obj, "email", adv_csv_field(row, c[C_EMAIL])) ||
	    !set_profile_url(p))
		return nomem(im);
	(void)header;
	if (date_field(im, row, "Connected On", adv_csv_field(row, c[C_ON]), date)) {
		if (!cJSON_AddStringToObject(p->obj, "connected_on", date))
			return nomem(im);
		memcpy(p->since, date, sizeof(date));
	}
	return 0;
}

enum { I_FROM, I_TO, I_SENT, I_MESSAGE, I_DIRECTION, I_INVITER, I_INVITEE };
static const char *const invitation_cols[] = { "From", "To", "Sent At",
	"Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl", NULL };

static int on_invitation(void *payload, const adv_csv_row *header,
	const adv_csv_row *row, advisor_error *err)
{
	importer *im = payload;
	int *c = im->col, failed = 0;
	const char *dir = adv_csv_field(row, c[I_DIRECTION]);
	char date[11];
	int incoming;
	(void)header, (void)err;

	if (progress(im, row) < 0)
		return ADVISOR_ECANCELED;
	if (strcasecmp(dir, "INCOMING") == 0)
		incoming = 1;
	else if (strcasecmp(dir, "OUTGOING") == 0)
		incoming = 0;
	else {
		warn(im, row, "Direction \"%s\" is neither INCOMING nor OUTGOING; "
			"row skipped", dir);
		im->sum->files[F_INVITATIONS].skipped++;
		return 0;
	}
	const char *name = adv_csv_field(row, c[incoming ? I_FROM : I_TO]);
	const char *url = adv_csv_field(row, c[incoming ? I_INVITER : I_INVITEE]);
	adv_li_person *p = person_for(im, url, name, &failed);
	if (failed)
		return nomem(im);
	if (!p) {
		im->sum->files[F_INVITATIONS].skipped++;
		return 0;
	}
	if (!set_profile_url(p))
		return nomem(im);
	if (!date_field(im, row, "Sent At", adv_csv_field(row, c[I_SENT]), date)) {
		if (!*adv_csv_field(row, c[I_SENT]))
			warn(im, row, "%sthe invitation has no date; row skipped", "");
		im->sum->files[F_INVITATIONS].skipped++;
		return 0;
	}
	char *note = adv_li_clean_name(adv_csv_field(row, c[I_MESSAGE]));
	if (!note)
		return nomem(im);
	int rc = add_event(im, p, "invitation", date, incoming ? "in" : "out",
		"message", note);
	free(note);
	return rc;
}

enum { M_FROM, M_SENDER, M_TO, M_RECIPIENTS, M_DATE, M_DIRECTION, M_DRAFT,
	M_CONVERSATION };
static const char *const message_cols[] = { "FROM", "SENDER PROFILE URL",
	"TO", "RECIPIENT PROFILE URLS", "DATE", "DIRECTION", "IS MESSAGE DRAFT",
	"CONVERSATION ID", NULL };

/* The first pass over messages: whose URL is on every message?  That is
 * the export's owner, whose messages are "out". */
typedef struct url_count {
	char *url;
	size_t n;
} url_count;

typedef struct counting {
	importer *im;
	url_count *urls;
	size_t count, cap;
	int failed;
} counting;

static void count_url(counting *k, const char *text)
{
	int oom = 0;
	char *url = adv_url_key(text, &oom);
	if (oom)
		k->failed = 1;
	if (!url)
		return;
	for (size_t i = 0; i < k->count; i++) {
		if (strcmp(k->urls[i].url, url) == 0) {
			k->urls[i].n++;
			free(url);
			return;
		}
		if (i == 64) /* the owner is among the first few */
			break;
	}
	if (k->count == k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 32;
		url_count *u = realloc(k->urls, cap * sizeof(*u));
		if (!u) {
			free(url);
			k->failed = 1;
			return;
		}
		k->urls = u;
		k->cap = cap;
	}
	k->urls[k->count].url = url;
	k->urls[k->count++].n = 1;
}

static int on_message_count(void *payload, const adv_csv_row *header,
	const adv_csv_row *row, advisor_error *err)
{
	counting *k = payload;
	int *c = k->im->col;
	(void)header, (void)err;
	count_url(k, adv_csv_field(row, c[M_SENDER]));
	char *list = strdup(adv_csv_field(row, c[M_RECIPIENTS]));
	if (!list)
		return nomem(k->im);
	for (char *save = NULL, *u = strtok_r(list, ",", &save); u;
	     u = strtok_r(NULL, ",", &save))
		count_url(k, u);
	free(list);
	if (k->failed)
		return nomem(k->im);
	return 0;
}

/* One participant of the conversation: a profile URL, you left out. */
static int note_participant(importer *im, const char *conversation,
	const char *url_text)
{
	int oom = 0, rc = 0;
	char *key = adv_url_key(url_text, &oom);
	if (oom)
		return -1;
	if (key && (!im->me_url || strcmp(key, im->me_url) != 0))
		rc = adv_li_groups_add(&im->groups, conversation, key);
	free(key);
	return rc;
}

/* The sender and recipients of a message, but you, as participants of its
 * conversation (groups.h).  -1 out of memory. */
static int note_participants(importer *im, const adv_csv_row *row)
{
	int *c = im->col, rc;
	const char *conversation = adv_csv_field(row, c[M_CONVERSATION]);

	if (!*conversation)
		return 0;
	if ((rc = note_participant(im, conversation,
			adv_csv_field(row, c[M_SENDER]))) < 0)
		return rc;
	char *list = strdup(adv_csv_field(row, c[M_RECIPIENTS]));
	if (!list)
		return -1;
	for (char *save = NULL, *u = strtok_r(list, ",", &save); u && rc == 0;
	     u = strtok_r(NULL, ",", &save))
		rc = note_participant(im, conversation, u);
	free(list);
	return rc;
}

static int on_message(void *payload, const adv_csv_row *header,
	const adv_csv_row *row, advisor_error *err)
{
	importer *im = payload;
	int *c = im->col, failed = 0, oom = 0, rc = 0;
	const char *from = adv_csv_field(row, c[M_FROM]);
	const char *sender = adv_csv_field(row, c[M_SENDER]);
	const char *draft = adv_csv_field(row, c[M_DRAFT]);
	char date[11];
	(void)header, (void)err;

	if (progress(im, row) < 0)
		return ADVISOR_ECANCELED;
	if (strcasecmp(draft, "yes") == 0 || strcasecmp(draft, "true") == 0) {
		im->sum->files[F_MESSAGES].skipped++; /* never sent */
		return 0;
	}
	char *sender_url = adv_url_key(sender, &oom);
	char *from_name = adv_li_clean_name(from);
	if (oom || !from_name) {
		free(sender_url);
		free(from_name);
		return nomem(im);
	}
	if (!sender_url && strcmp(from_name, "LinkedIn Member") == 0) {
		/* Sponsored mail: no one to know. */
		im->sum->files[F_MESSAGES].skipped++;
		goto done;
	}
	if (note_participants(im, row) < 0) {
		rc = nomem(im);
		goto done;
	}
	if (!date_field(im, row, "DATE", adv_csv_field(row, c[M_DATE]), date)) {
		im->sum->files[F_MESSAGES].skipped++;
		goto done;
	}
	int out;
	if (c[M_SENDER] < 0) /* 2018: no URLs, a Direction column */
		out = strcasecmp(adv_csv_field(row, c[M_DIRECTION]), "OUTGOING") == 0;
	else
		out = (sender_url && im->me_url && strcmp(sender_url, im->me_url) == 0) ||
		      (im->me_name && strcasecmp(from_name, im->me_name) == 0);
	if (!out) {
		adv_li_person *p = person_for(im, sender, from_name, &failed);
		if (failed) {
			rc = nomem(im);
			goto done;
		}
		if (p && !set_profile_url(p))
			rc = nomem(im);
		else if (p)
			rc = add_event(im, p, "message", date, "in", NULL, NULL);
		goto done;
	}
	/* Yours: a message event with each recipient, known by URL; the names
	 * in TO are joined by commas that names may contain, so a name is
	 * used only for a lone recipient. */
	const char *to = adv_csv_field(row, c[M_TO]);
	char *list = strdup(adv_csv_field(row, c[M_RECIPIENTS]));
	if (!list) {
		rc = nomem(im);
		goto done;
	}
	int lone = !strchr(list, ',');
	if (c[M_RECIPIENTS] < 0 || !*list) {
		adv_li_person *p = person_for(im, "", to, &failed);
		if (failed)
			rc = nomem(im);
		else if (p)
			rc = add_event(im, p, "message", date, "out", NULL, NULL);
	}
	for (char *save = NULL, *u = strtok_r(list, ",", &save); u && rc == 0;
	     u = strtok_r(NULL, ",", &save)) {
		char *key = adv_url_key(u, &oom);
		adv_li_person *p = NULL;
		if (oom) {
			rc = nomem(im);
			break;
		}
		if (key && (!im->me_url || strcmp(key, im->me_url) != 0)) {
			p = adv_li_find(&im->people, key, NULL);
			if (!p && lone)
				p = person_for(im, u, to, &failed);
		}
		free(key);
		if (failed)
			rc = nomem(im);
		else if (p)
			rc = add_event(im, p, "message", date, "out", NULL, NULL);
	}
	free(list);
done:
	free(sender_url);
	free(from_name);
	return rc;
}

enum { P_FIRST, P_LAST, P_HEADLINE, P_INDUSTRY, P_GEO };
static const char *const profile_cols[] = { "First Name", "Last Name",
	"Headline", "Industry", "Geo Location", NULL };

static int on_profile(void *payload, const adv_csv_row *header,
	const adv_csv_row *row, advisor_error *err)
{
	importer *im = payload;
	int *c = im->col;
	(void)header, (void)err;

	char *name = full_name(adv_csv_field(row, c[P_FIRST]),
		adv_csv_field(row, c[P_LAST]));
	if (!name)
		return nomem(im);
	if (*name && !im->me_name) {
		im->me_name = name;
		if (!set_string(im->me, "name", name) ||
		    !set_string(im->me, "first_name", adv_csv_field(row, c[P_FIRST])))
			return nomem(im);
	} else {
		free(name);
	}
	if (!set_string(im->me, "headline", adv_csv_field(row, c[P_HEADLINE])) ||
	    !set_string(im->me, "industry", adv_csv_field(row, c[P_INDUSTRY])) ||
	    !set_string(im->me, "location", adv_csv_field(row, c[P_GEO])))
		return nomem(im);
	return 0;
}

enum { J_COMPANY, J_TITLE, J_STARTED, J_FINISHED };

/* One job on me.positions: {"org", "title", "from", "to"}, each left out
 * when the file has none (a blank Company Name adds no job). */
static int add_position(importer *im, const adv_csv_row *row,
	const char *from, const char *to)
{
	int *c = im->col;
	char *org = adv_li_clean_name(adv_csv_field(row, c[J_COMPANY]));
	int rc = -1;
	if (!org)
		return -1;
	if (!*org) {
		free(org);
		return 0;
	}
	cJSON *list = cJSON_GetObjectItemCaseSensitive(im->me, "positions");
	cJSON *job = cJSON_CreateObject();
	if ((!list && !(list = cJSON_AddArrayToObject(im->me, "positions"))) ||
	    !job || !cJSON_AddItemToArray(list, job)) {
		cJSON_Delete(job);
		goto done;
	}
	if (!cJSON_AddStringToObject(job, "org", org) ||
	    !set_string(job, "title", adv_csv_field(row, c[J_TITLE])) ||
	    (from[0] && !cJSON_AddStringToObject(job, "from", from)) ||
	    (to && !cJSON_AddStringToObject(job, "to", to)))
		goto done;
	rc = 0;
done:
	free(org);
	return rc;
}
static const char *const position_cols[] = { "Company Name", "Title",
	"Started On", "Finished On", NULL };

static int on_position(void *payload, const adv_csv_row *header,
	const adv_csv_row *row, advisor_error *err)
{
	importer *im = payload;
	int *c = im->col;
	char started[11] = "", finished[11];
	(void)header, (void)err;

	int has_end = *adv_csv_field(row, c[J_FINISHED]) != '\0';
	int has_to = 0;
	date_field(im, row, "Started On", adv_csv_field(row, c[J_STARTED]), started);
	if (has_end)
		has_to = date_field(im, row, "Finished On",
			adv_csv_field(row, c[J_FINISHED]), finished);
	/* Every job, in the file's order (newest first), for the policy to
	 * tell colleagues by: me.positions.  A job whose end cannot be read
	 * (warned) is left out: without "to" it would read as current. */
	if ((!has_end || has_to) && add_position(im, row, started,
			has_to ? finished : NULL) < 0)
		return nomem(im);
	if (has_end)
		return 0; /* a past job */
	/* The current job; of several, the one started last. */
	if (im->current_start[0] && strcmp(started, im->current_start) < 0)
		return 0;
	/* "0" (no start) sorts before every date. */
	snprintf(im->current_start, sizeof(im->current_start), "%s",
		started[0] ? started : "0");
	if (!set_string(im->me, "company", adv_csv_field(row, c[J_COMPANY])) ||
	    !set_string(im->me, "title", adv_csv_field(row, c[J_TITLE])))
		return nomem(im);
	return 0;
}

/* Recommendations and endorsements name people the other files made:
 * they make no one.  The one person this row names: by URL key; else by
 * name (when no URL is given, or the namesake was known without one), of
 * namesakes the one whose company is `company`.  NULL for nobody, or for
 * several (warned: the row does not say which). */
static adv_li_person *named_person(importer *im, const adv_csv_row *row,
	const char *url_text, const char *name, const char *company,
	int *failed)
{
	int oom = 0;
	char *url = adv_url_key(url_text, &oom);
	adv_li_person *p = NULL;

	if (oom) {
		*failed = 1;
		return NULL;
	}
	if (url && (p = adv_li_find(&im->people, url, NULL))) {
		free(url);
		return p;
	}
	p = adv_li_find(&im->people, NULL, name);
	if (p && url && p->url)
		p = NULL; /* another person of that name */
	if (p || !*name) {
		free(url);
		return p;
	}
	/* Namesakes (or nobody): those it may be, then by company. */
	size_t fits = 0, at_company = 0;
	adv_li_person *any = NULL, *there = NULL;
	for (size_t i = 0; i < im->people.count; i++) {
		adv_li_person *q = &im->people.items[i];
		if (strcasecmp(q->name, name) != 0 || (url && q->url))
			continue;
		fits++;
		any = q;
		const cJSON *c = cJSON_GetObjectItemCaseSensitive(q->obj, "company");
		if (*company && cJSON_IsString(c) &&
		    strcasecmp(c->valuestring, company) == 0)
			at_company++, there = q;
	}
	free(url);
	if (fits == 1)
		return any;
	if (at_company == 1)
		return there;
	if (fits > 1) {
		char what[500];
		if (!*company)
			snprintf(what, sizeof(what), "\"%.200s\" fits %zu people; "
				"row left out", name, fits);
		else if (at_company)
			snprintf(what, sizeof(what), "\"%.200s\" fits %zu people, %zu "
				"of them at %.200s; row left out", name, fits, at_company,
				company);
		else
			snprintf(what, sizeof(what), "\"%.200s\" fits %zu people, none "
				"at %.200s; row left out", name, fits, company);
		warn(im, row, "%s", what);
	}
	return NULL;
}

/* The same event twice (a file listed twice in a zip, a row repeated) is
 * one fact. */
static int has_event(const adv_li_person *p, const char *type,
	const char *date, const char *direction, const char *key,
	const char *value)
{
	const cJSON *ev;
	cJSON_ArrayForEach(ev, cJSON_GetObjectItemCaseSensitive(p->obj, "events")) {
		const char *f[4] = { "type", "date", "direction", key };
		const char *want[4] = { type, date, direction, value };
		int same = 1;
		for (int i = 0; i < 4 && same; i++) {
			const cJSON *v = cJSON_GetObjectItemCaseSensitive(ev, f[i]);
			same = cJSON_IsString(v) ? strcmp(v->valuestring, want[i]) == 0 :
			       !*want[i];
		}
		if (same)
			return 1;
	}
	return 0;
}

enum { R_FIRST, R_LAST, R_COMPANY, R_TEXT, R_DATE };
#define REC_FIRST "First Name|Recommender First Name|Recommendee First Name"
static const char *const recommendation_cols[] = { REC_FIRST,
	"Last Name|Recommender Last Name|Recommendee Last Name",
	"Company", "Text", "Creation Date", NULL };

enum { E_FIRST, E_LAST, E_URL, E_SKILL, E_DATE };
static const char *const endorsement_received_cols[] = {
	"Endorser First Name|First Name", "Endorser Last Name|Last Name",
	"Endorser Public Url|Public Url|Profile Url", "Skill Name",
	"Endorsement Date", NULL };
static const char *const endorsement_given_cols[] = {
	"Endorsee First Name|First Name", "Endorsee Last Name|Last Name",
	"Endorsee Public Url|Public Url|Profile Url", "Skill Name",
	"Endorsement Date", NULL };

/* A recommendation or endorsement row (the file says which, and the
 * direction): an event on the person it names.  A row naming nobody the
 * export knows is counted as unmatched, not imported. */
static int on_evidence(void *payload, const adv_csv_row *header,
	const adv_csv_row *row, advisor_error *err)
{
	importer *im = payload;
	int *c = im->col, failed = 0, rc = 0;
	int recommendation = im->file == F_RECS_RECEIVED ||
			     im->file == F_RECS_GIVEN;
	const char *direction = im->file == F_RECS_RECEIVED ||
				im->file == F_ENDORSED_RECEIVED ? "in" : "out";
	const char *type = recommendation ? "recommendation" : "endorsement";
	advisor_import_file *counts = &im->sum->files[im->file];
	char date[11];
	(void)header, (void)err;

	if (progress(im, row) < 0)
		return ADVISOR_ECANCELED;
	char *name = full_name(adv_csv_field(row, c[R_FIRST]),
		adv_csv_field(row, c[R_LAST]));
	char *company = recommendation ?
		adv_li_clean_name(adv_csv_field(row, c[R_COMPANY])) : strdup("");
	char *text = adv_li_clean_name(adv_csv_field(row,
		c[recommendation ? R_TEXT : E_SKILL]));
	if (!name || !company || !text) {
		rc = nomem(im);
		goto done;
	}
	if (!*name && (recommendation || !*adv_csv_field(row, c[E_URL]))) {
		counts->skipped++; /* a deleted or hidden member */
		goto done;
	}
	const char *date_col = recommendation ? "Creation Date" : "Endorsement Date";
	if (!date_field(im, row, date_col, adv_csv_field(row,
			c[recommendation ? R_DATE : E_DATE]), date)) {
		if (!*adv_csv_field(row, c[recommendation ? R_DATE : E_DATE]))
			warn(im, row, "%s is empty; row skipped", date_col);
		counts->skipped++;
		goto done;
	}
	adv_li_person *p = named_person(im, row, recommendation ? "" :
		adv_csv_field(row, c[E_URL]), name, company, &failed);
	if (failed) {
		rc = nomem(im);
		goto done;
	}
	if (!p) {
		counts->unmatched++;
		goto done;
	}
	const char *key = recommendation ? "message" : "skill";
	if (!has_event(p, type, date, direction, key, text))
		rc = add_event(im, p, type, date, direction, key, text);
done:
	free(name);
	free(company);
	free(text);
	return rc;
}

/* ------------------------------------------------------------------------
 * Reading one file
 * ------------------------------------------------------------------------ */

typedef struct file_spec {
	int file;
	const char *const *cols;
	const char *required[3];
	adv_csv_row_fn fn;
	/* A header without a required column: the file is left out with a
	 * warning, not the import refused.  For the files whose headers are
	 * the least known (the evidence files). */
	int lenient;
} file_spec;

/* The header is mapped, and checked, on the first call of a wrapper around
 * fn: a file with a header and no rows imports nothing, right or not. */
typedef struct mapping {
	importer *im;
	const file_spec *spec;
	adv_csv_row_fn fn;
	void *payload;
	int mapped;
	int left_out;  /* a lenient file without its columns */
} mapping;

static int map_then(void *payload, const adv_csv_row *header,
	const adv_csv_row *row, advisor_error *err)
{
	mapping *m = payload;
	importer *im = m->im;
	if (!m->mapped) {
		map_columns(im, header, m->spec->cols);
		m->mapped = 1;
		for (size_t i = 0; m->spec->required[i]; i++) {
			size_t k = 0;
			while (strcmp(m->spec->cols[k], m->spec->required[i]) != 0)
				k++;
			if (im->col[k] >= 0)
				continue;
			if (!m->spec->lenient)
				return missing(im, m->spec->required[i]);
			char what[300];
			snprintf(what, sizeof(what), "no \"%.*s\" column in the "
				"header, so %%s", (int)strcspn(m->spec->required[i], "|"),
				m->spec->required[i]);
			warn(im, header, what, "the file is left out");
			m->left_out = 1;
			break;
		}
	}
	if (m->left_out) {
		im->sum->files[m->spec->file].skipped++;
		return 0;
	}
	return m->fn(m->payload, header, row, err);
}

static int read_file(importer *im, adv_export *x, const file_spec *spec,
	adv_csv_row_fn fn, void *payload, int count_rows)
{
	char shown[4200];
	char *data = NULL;
	size_t len, rows = 0;
	int rc;

	rc = adv_export_read(x, file_names[spec->file], &data, &len, shown,
		sizeof(shown), im->err);
	if (rc == ADVISOR_ENOTFOUND)
		return 0;
	if (rc < 0)
		return rc;
	im->shown = shown;
	im->file = spec->file;
	im->file_len = len;
	for (size_t i = 0; i < 16; i++)
		im->col[i] = -1;
	mapping m = { im, spec, fn, payload, 0, 0 };
	/* The pass that counts reports progress: at the start of the file,
	 * every 2048 rows and at its end. */
	if (count_rows && (rc = report(im, 0)) < 0)
		goto done;
	rc = adv_csv_read(shown, data, len, map_then, &m, &rows, im->err);
	if (rc == 0 && count_rows) {
		advisor_import_file *f = &im->sum->files[spec->file];
		f->found = 1;
		f->rows = rows;
		im->sum->pub.skipped_rows += f->skipped;
		im->sum->pub.unmatched_rows += f->unmatched;
		rc = report(im, len);
	}
done:
	free(data);
	im->shown = NULL;
	return rc;
}

static const file_spec specs[] = {
	{ F_PROFILE, profile_cols, { "First Name", NULL, NULL },
	  on_profile, 0 },
	{ F_POSITIONS, position_cols, { "Company Name", "Title", NULL },
	  on_position, 0 },
	{ F_CONNECTIONS, connection_cols, { "First Name", "Last Name", NULL },
	  on_connection, 0 },
	{ F_INVITATIONS, invitation_cols, { "From", "Direction", NULL },
	  on_invitation, 0 },
	{ F_MESSAGES, message_cols, { "FROM", "DATE", NULL }, on_message, 0 },
	{ F_RECS_RECEIVED, recommendation_cols,
	  { REC_FIRST, "Creation Date", NULL }, on_evidence, 1 },
	{ F_RECS_GIVEN, recommendation_cols,
	  { REC_FIRST, "Creation Date", NULL }, on_evidence, 1 },
	{ F_ENDORSED_RECEIVED, endorsement_received_cols,
	  { "Skill Name", "Endorsement Date", NULL }, on_evidence, 1 },
	{ F_ENDORSED_GIVEN, endorsement_given_cols,
	  { "Skill Name", "Endorsement Date", NULL }, on_evidence, 1 },
};

static int read_messages(importer *im, adv_export *x)
{
	counting k = { im, NULL, 0, 0, 0 };
	int rc = read_file(im, x, &specs[4], on_message_count, &k, 0);
	if (rc == 0 && k.count) {
		/* The owner's URL is on every message; another's only on theirs.
		 * Only trusted when it stands out. */
		size_t best = 0;
		for (size_t i = 1; i < k.count; i++)
			if (k.urls[i].n > k.urls[best].n)
				best = i;
		size_t second = 0;
		for (size_t i = 0; i < k.count; i++)
			if (i != best && k.urls[i].n > second)
				second = k.urls[i].n;
		if (k.urls[best].n > second) {
			im->me_url = k.urls[best].url;
			k.urls[best].url = NULL;
		}
	}
	for (size_t i = 0; i < k.count; i++)
		free(k.urls[i].url);
	free(k.urls);
	if (rc < 0)
		return rc;
	return read_file(im, x, &specs[4], on_message, im, 1);
}

int advisor_import_linkedin(char **out, const char *export_path,
	const advisor_import_options *opts, advisor_import_summary **summary,
	advisor_error *err)
{
	static const advisor_import_options defaults = ADVISOR_IMPORT_OPTIONS_INIT;
	adv_summary sum;
	importer im;
	adv_export *x = NULL;
	cJSON *doc = NULL, *people;
	char *ann_text = NULL;
	cJSON *ann = NULL;
	int rc;

	if (summary)
		*summary = NULL;
	if (!out || !export_path)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_import_linkedin: out and export_path are required");
	*out = NULL;
	if (opts && (rc = adv_check_version(err, "advisor_import_options",
			opts->version, ADVISOR_IMPORT_OPTIONS_VERSION)) < 0)
		return rc;
	memset(&im, 0, sizeof(im));
	im.opts = opts ? opts : &defaults;
	im.sum = &sum;
	im.err = err;
	memset(&sum, 0, sizeof(sum));
	sum.file_count = ADV_IMPORT_FILES;
	for (int i = 0; i < ADV_IMPORT_FILES; i++)
		sum.files[i].name = file_names[i];
	adv_li_people_init(&im.people);
	adv_li_groups_init(&im.groups, im.opts->version >= 2 ?
		im.opts->group_limit : ADVISOR_DEFAULT_GROUP_LIMIT);

	/* The annotations first: a bad one is reported before the export is
	 * read. */
	if (im.opts->annotations) {
		size_t len;
		if ((rc = adv_read_file(&ann_text, &len, im.opts->annotations,
				im.opts->max_bytes ? im.opts->max_bytes :
				ADVISOR_DEFAULT_MAX_BYTES, "max_bytes", err)) < 0)
			goto done;
		/* The strict reader every network and the data folder's
		 * annotations.json go through: invalid UTF-8, a duplicate key
		 * or a number outside JSON's grammar is refused with its line
		 * and column, not merged half-understood. */
		if ((rc = adv_json_parse(&ann, ann_text, len, im.opts->annotations,
				0, err)) < 0)
			goto done;
	}
	if ((rc = adv_export_open(&x, export_path, im.opts->max_bytes, err)) < 0)
		goto done;
	if (!(doc = cJSON_CreateObject()) ||
	    !cJSON_AddStringToObject(doc, "format", "advisor-network/1") ||
	    !(im.me = cJSON_AddObjectToObject(doc, "me")) ||
	    !cJSON_AddStringToObject(im.me, "id", "me")) {
		rc = adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < 4; i++)
		if ((rc = read_file(&im, x, &specs[i], specs[i].fn, &im, 1)) < 0)
			goto done;
	if ((rc = read_messages(&im, x)) < 0)
		goto done;
	/* The evidence last: it names the people the files above made. */
	for (size_t i = 5; i < sizeof(specs) / sizeof(specs[0]); i++)
		if ((rc = read_file(&im, x, &specs[i], specs[i].fn, &im, 1)) < 0)
			goto done;
	int any = 0;
	for (int i = 0; i < ADV_IMPORT_FILES; i++)
		any |= sum.files[i].found;
	if (!any) {
		rc = adv_error_set(err, ADVISOR_EDATA, "%s: no LinkedIn export files "
			"in it (Connections.csv, Invitations.csv, messages.csv, "
			"Profile.csv, Positions.csv, Recommendations_Received.csv, "
			"Recommendations_Given.csv, Endorsement_Received_Info.csv, "
			"Endorsement_Given_Info.csv)", export_path);
		goto done;
	}
	if (!cJSON_GetObjectItemCaseSensitive(im.me, "name") &&
	    !cJSON_AddStringToObject(im.me, "name", "Me")) {
		rc = adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
		goto done;
	}
	/* Everyone not in Connections.csv is not (yet) a connection. */
	for (size_t i = 0; i < im.people.count; i++) {
		cJSON *obj = im.people.items[i].obj;
		if (!cJSON_GetObjectItemCaseSensitive(obj, "connected") &&
		    !cJSON_AddBoolToObject(obj, "connected", 0)) {
			rc = adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
			goto done;
		}
	}
	if (!(people = cJSON_AddArrayToObject(doc, "people")) ||
	    adv_li_assign_ids(&im.people, people) < 0) {
		rc = adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
		goto done;
	}
	adv_li_group_stats gs;
	if (adv_li_groups_link(&im.groups, &im.people, people, &gs) < 0) {
		rc = adv_error_set(err, ADVISOR_ENOMEM, "messages.csv: out of "
			"memory linking the people of group conversations");
		goto done;
	}
	sum.pub.groups_linked = gs.linked;
	sum.pub.groups_skipped = gs.skipped;
	sum.pub.group_links = gs.links;
	if (ann) {
		adv_merge_stats st;
		if ((rc = adv_annotations_merge(doc, ann, im.opts->annotations,
				im.opts->warning, im.opts->warning_payload, &st, err)) < 0)
			goto done;
		sum.pub.annotated_people = st.people_annotated;
		sum.pub.added_people = st.people_added;
		sum.pub.annotated_events = st.events_added;
		sum.pub.conflicts = st.conflicts;
		sum.pub.warnings += st.conflicts;
		adv_merge_stats_free(&st);
	}
	if ((rc = adv_import_finish(out, doc, export_path, &sum.pub, err)) < 0)
		goto done;
	if ((rc = adv_summary_hand_out(summary, &sum, err)) < 0) {
		free(*out);
		*out = NULL;
	}
done:
	adv_export_close(x);
	adv_li_people_free(&im.people);
	adv_li_groups_free(&im.groups);
	cJSON_Delete(doc);
	cJSON_Delete(ann);
	free(ann_text);
	free(im.me_name);
	free(im.me_url);
	return rc;
}

void advisor_import_options_init(advisor_import_options *opts)
{
	static const advisor_import_options init = ADVISOR_IMPORT_OPTIONS_INIT;

	if (opts)
		*opts = init;
}
