/*
 * mentions.h - the people of a network a text names ("Priya Raman
 * suggested I reach out"): what an invitation's message can tell about
 * who the sender knows.
 */
#ifndef ADV_MENTIONS_H
#define ADV_MENTIONS_H

#include <stddef.h>

#include "network/network.h"

/*
 * The people of net (me included) that text names, each once, in the
 * order of their first mention, into *out (a malloc'd array: free() it;
 * NULL when there are none) and their number into *count.
 *
 * Text and names are compared folded (util/fold.h: case, accents and
 * punctuation do not matter), whole words only.  A person is named by
 * their whole name, or by their first name followed by one of their other
 * names ("Erik Lindqvist" for "Erik Lindqvist, PhD", "María García" for
 * "María José García"); a name of one word, or a first name alone, names
 * no one.  The same words naming several people name none of them, and
 * a longer name wins over one inside it ("Anna Maria Schmidt" is not
 * "Anna Maria").  0, or -1 when out of memory (nothing is handed out).
 */
int adv_mentions(const advisor_network *net, const char *text,
	const adv_person ***out, size_t *count);

#endif
