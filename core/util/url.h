/*
 * url.h - a profile URL as a key, so that the forms one profile is written
 * in (with or without scheme, "www.", query, trailing slash, escapes or
 * capitals) compare equal: the import matches people across an export's
 * files by it, and the search matches what a person types to a profile.
 */
#ifndef ADV_URL_H
#define ADV_URL_H

/* The normalised form of a profile URL (malloc): no "http://" or
 * "https://", no "www.", no query or fragment, no trailing '/' or space,
 * %XX escapes decoded, ASCII lower-cased.  An escape that decodes to a
 * control character or to invalid UTF-8 is kept as written (in lower
 * case), so "%00" cannot cut a key short and "%ff" cannot make it invalid
 * text.  NULL if s is blank, or out of memory (*nomem set). */
char *adv_url_key(const char *s, int *nomem);

#endif
