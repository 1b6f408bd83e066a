/*
 * merge.c - advisor_network_merge(): the user's facts over a network, and
 * the check every import and merge ends with.
 */
#include <stdlib.h>
#include <string.h>

#include "import/annotations.h"
#include "import/finish.h"
#include "util/error.h"

int adv_import_pending(const cJSON *person)
{
	const cJSON *connected = cJSON_GetObjectItemCaseSensitive(person,
		"connected");
	const cJSON *ev, *latest = NULL;
	const char *latest_date = "";

	if (cJSON_IsTrue(connected))
		return 0;
	cJSON_ArrayForEach(ev, cJSON_GetObjectItemCaseSensitive(person, "events")) {
		const cJSON *type = cJSON_GetObjectItemCaseSensitive(ev, "type");
		const cJSON *date = cJSON_GetObjectItemCaseSensitive(ev, "date");
		if (!cJSON_IsString(type) || strcmp(type->valuestring, "invitation"))
			continue;
		const char *d = cJSON_IsString(date) ? date->valuestring : "";
		if (!latest || strcmp(d, latest_date) >= 0)
			latest = ev, latest_date = d;
	}
	/* Ended or accepted, as a re-import marks one no longer listed. */
	if (!latest || cJSON_GetObjectItemCaseSensitive(latest, "status"))
		return 0;
	const cJSON *dir = cJSON_GetObjectItemCaseSensitive(latest, "direction");
	if (!cJSON_IsString(dir))
		return 0;
	return strcmp(dir->valuestring, "in") == 0 ? 1 :
	       strcmp(dir->valuestring, "out") == 0 ? 2 : 0;
}

static void count(const cJSON *doc, advisor_import_summary *s)
{
	const cJSON *p, *ev;

	s->people = s->connections = s->pending_incoming = 0;
	s->pending_outgoing = s->invitations = s->messages = 0;
	s->recommendations = s->endorsements = 0;
	cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(doc, "people")) {
		s->people++;
		s->connections += cJSON_IsTrue(
			cJSON_GetObjectItemCaseSensitive(p, "connected"));
		int pending = adv_import_pending(p);
		s->pending_incoming += pending == 1;
		s->pending_outgoing += pending == 2;
		cJSON_ArrayForEach(ev, cJSON_GetObjectItemCaseSensitive(p, "events")) {
			const cJSON *type = cJSON_GetObjectItemCaseSensitive(ev, "type");
			if (!cJSON_IsString(type))
				continue;
			s->invitations += strcmp(type->valuestring, "invitation") == 0;
			s->messages += strcmp(type->valuestring, "message") == 0;
			s->recommendations +=
				strcmp(type->valuestring, "recommendation") == 0;
			s->endorsements += strcmp(type->valuestring, "endorsement") == 0;
		}
	}
}

int adv_import_finish(char **out, const cJSON *doc, const char *name,
	advisor_import_summary *summary, advisor_error *err)
{
	advisor_network *net = NULL;
	char *text = cJSON_Print(doc);
	int rc;

	*out = NULL;
	if (!text)
		return adv_error_set(err, ADVISOR_ENOMEM, "%s: out of memory", name);
	if ((rc = advisor_network_load_buffer(&net, text, strlen(text), name, NULL,
			err)) < 0) {
		free(text);
		return rc;
	}
	advisor_network_free(net);
	if (summary)
		count(doc, summary);
	*out = text;
	return ADVISOR_OK;
}

static int parse(cJSON **out, const char *text, size_t len, const char *name,
	advisor_error *err)
{
	const char *end = NULL;

	*out = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	if (*out)
		return 0;
	size_t at = end && end >= text ? (size_t)(end - text) : 0, line = 1;
	for (size_t i = 0; i < at && i < len; i++)
		line += text[i] == '\n';
	return adv_error_set(err, ADVISOR_EDATA, "%s: line %zu: not valid JSON",
		name, line);
}

int adv_summary_hand_out(advisor_import_summary **out, const adv_summary *s,
	advisor_error *err)
{
	if (!out)
		return ADVISOR_OK;
	adv_summary *copy = malloc(sizeof(*copy));
	if (!copy)
		return adv_error_set(err, ADVISOR_ENOMEM,
			"out of memory for the import's summary");
	*copy = *s;
	*out = &copy->pub;
	return ADVISOR_OK;
}

size_t advisor_import_summary_file_count(const advisor_import_summary *summary)
{
	return summary ? ((const adv_summary *)summary)->file_count : 0;
}

const advisor_import_file *advisor_import_summary_file(
	const advisor_import_summary *summary, size_t i)
{
	const adv_summary *s = (const adv_summary *)summary;
	return s && i < s->file_count ? &s->files[i] : NULL;
}

size_t advisor_import_summary_found_count(
	const advisor_import_summary *summary)
{
	return summary ? ((const adv_summary *)summary)->found_count : 0;
}

const advisor_import_found *advisor_import_summary_found(
	const advisor_import_summary *summary, size_t i)
{
	const adv_summary *s = (const adv_summary *)summary;
	return s && i < s->found_count ? &s->found[i] : NULL;
}

void advisor_import_summary_free(advisor_import_summary *summary)
{
	adv_summary *s = (adv_summary *)summary; /* the adv_summary it begins */
	if (!s)
		return;
	adv_merge_stats st = { 0, 0, 0, 0, s->found, s->found_count };
	adv_merge_stats_free(&st);
	free(s);
}

int adv_network_merge_tree(char **out, const char *network,
	size_t network_len, const cJSON *annotations, const char *name,
	const advisor_import_options *opts, advisor_import_summary **summary,
	advisor_error *err)
{
	cJSON *net = NULL;
	adv_merge_stats st;
	adv_summary sum;
	int rc;

	*out = NULL;
	if (summary)
		*summary = NULL;
	if (opts && (rc = adv_check_version(err, "advisor_import_options",
			opts->version, ADVISOR_IMPORT_OPTIONS_VERSION)) < 0)
		return rc;
	memset(&sum, 0, sizeof(sum));
	memset(&st, 0, sizeof(st));
	if ((rc = parse(&net, network, network_len, "network", err)) < 0)
		goto done;
	if ((rc = adv_annotations_merge(net, annotations, name,
			opts ? opts->warning : NULL,
			opts ? opts->warning_payload : NULL, &st, err)) < 0)
		goto done;
	if ((rc = adv_import_finish(out, net, "the merged network", &sum.pub,
			err)) < 0)
		goto done;
	sum.pub.annotated_people = st.people_annotated;
	sum.pub.added_people = st.people_added;
	sum.pub.annotated_events = st.events_added;
	sum.pub.conflicts = st.conflicts;
	sum.pub.warnings = st.conflicts;
	sum.found = st.found;
	sum.found_count = st.found_count;
	st.found = NULL;
	st.found_count = 0;
	if ((rc = adv_summary_hand_out(summary, &sum, err)) < 0 || !summary) {
		adv_merge_stats st2 = { 0, 0, 0, 0, sum.found, sum.found_count };
		adv_merge_stats_free(&st2);
	}
	if (rc < 0) {
		free(*out);
		*out = NULL;
	}
done:
	adv_merge_stats_free(&st);
	cJSON_Delete(net);
	return rc;
}

int advisor_network_merge(char **out, const char *network,
	size_t network_len, const char *annotations, size_t annotations_len,
	const char *annotations_name, const advisor_import_options *opts,
	advisor_import_summary **summary, advisor_error *err)
{
	cJSON *ann = NULL;
	const char *name = annotations_name ? annotations_name : "annotations";
	int rc;

	if (summary)
		*summary = NULL;
	if (!out)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_network_merge: out is required");
	*out = NULL;
	if (!network || !annotations)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_network_merge: network and annotations are required");
	if (opts && (rc = adv_check_version(err, "advisor_import_options",
			opts->version, ADVISOR_IMPORT_OPTIONS_VERSION)) < 0)
		return rc;
	if ((rc = parse(&ann, annotations, annotations_len, name, err)) < 0)
		return rc;
	rc = adv_network_merge_tree(out, network, network_len, ann, name, opts,
		summary, err);
	cJSON_Delete(ann);
	return rc;
}
