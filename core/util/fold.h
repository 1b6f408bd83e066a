/*
 * fold.h - names folded for matching: case folded, accents and other marks
 * dropped, compatibility forms unified ("Zoë Müller" -> "zoe muller",
 * "Thảo Nguyễn" -> "thao nguyen"), punctuation turned into single spaces,
 * so that what a person types finds the name as the network spells it.
 */
#ifndef ADV_FOLD_H
#define ADV_FOLD_H

#include <stddef.h>

/*
 * Fold s (UTF-8) into a new string (free() it), its length in *len if len
 * is not NULL; NULL when out of memory.  Words are separated by one space,
 * with none at either end; apostrophes vanish ("O'Brien" -> "obrien").
 * Letters and digits of every script are kept, case folded and without
 * their marks (Unicode's NFKD, case folding and mark stripping, by
 * utf8proc), with the few Latin letters that have no decomposition
 * spelled out ("Łódź" -> "lodz", "Øre" -> "ore", "Æsa" -> "aesa").
 * Invalid bytes are kept as they are.
 */
char *adv_fold(const char *s, size_t *len);

/* The same with case folded only: accents and other marks are kept
 * ("José Álvarez" -> "josé álvarez", apart from "jose alvarez"), for the
 * matches that beat a folded one. */
char *adv_fold_case(const char *s, size_t *len);

#endif
