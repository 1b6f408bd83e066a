/*
 * fold.h - names folded for matching: lower case, Latin accents dropped
 * ("Zoë Müller" -> "zoe muller"), punctuation turned into single spaces, so
 * that what a person types finds the name as the network spells it.
 */
#ifndef ADV_FOLD_H
#define ADV_FOLD_H

#include <stddef.h>

/*
 * Fold s (UTF-8; invalid bytes are kept as they are) into out, which must
 * hold strlen(s) + 1 bytes: the folded text is never longer.  Words are
 * separated by one space, with none at either end; apostrophes vanish
 * ("O'Brien" -> "obrien").  Letters outside the Latin tables are copied
 * unchanged, and combining accents (U+0300-U+036F) dropped.  Returns the
 * folded length.
 */
size_t adv_fold(char *out, const char *s);

#endif
