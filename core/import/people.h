/*
 * people.h - the people an import finds, matched across files by profile
 * URL (or by name where a file has no URL), and the ids they get.
 *
 * Ids (docs/linkedin-import.md): from the profile URL's last part, the
 * "slug" (percent-decoded, ASCII lower-cased, anything but letters, digits,
 * '-' and '_' turned into '-'), else from the name the same way.  When two
 * people would get the same id, they are ranked - people with a URL first,
 * then the earliest known (connected on, else first seen), then the order
 * of the files - and the first keeps the id, the next gets "-2", "-3"...
 * A newer export adds newer people, so the ids people already have stay.
 */
#ifndef ADV_IMPORT_PEOPLE_H
#define ADV_IMPORT_PEOPLE_H

#include <stddef.h>
#include <cjson/cJSON.h>

typedef struct adv_li_person {
	char *url;        /* profile URL key (adv_url_key), or NULL */
	char *name;
	char since[11];   /* connected on, else the first event's date; "" */
	size_t order;     /* when it was first seen, for ranking */
	int name_shared;  /* another person found has the same name */
	cJSON *obj;       /* the person object, events and all, minus "id" */
} adv_li_person;

typedef struct adv_li_people {
	adv_li_person *items;
	size_t count, cap;
	/* Open addressing: index + 1, 0 empty.  By URL, and by name (ASCII
	 * case folded; the first person of each name). */
	size_t *by_url, *by_name;
	size_t mask;
} adv_li_people;

/* A name with its spaces trimmed and runs of spaces made one (malloc). */
char *adv_li_clean_name(const char *s);

void adv_li_people_init(adv_li_people *t);
void adv_li_people_free(adv_li_people *t);

/* The person with this URL key, else (when url is NULL) the one person with
 * this name, else NULL. */
adv_li_person *adv_li_find(adv_li_people *t, const char *url,
	const char *name);

/* A new person (url may be NULL); takes neither string.  NULL when out of
 * memory. */
adv_li_person *adv_li_add(adv_li_people *t, const char *url,
	const char *name);

/* The id a name (or a URL's last part) gives (malloc; NULL out of memory):
 * letters, digits, '-' and '_' kept (ASCII lower-cased, UTF-8 as is),
 * anything else a '-', no '-' twice, none at either end; "" for a name
 * with none of them. */
char *adv_li_slug(const char *s);

/* Give every person an "id" (the rules above) and move them, in the order
 * found, into the array `people`.  -1 when out of memory. */
int adv_li_assign_ids(adv_li_people *t, cJSON *people);

#endif
