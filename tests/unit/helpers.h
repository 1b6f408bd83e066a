/*
 * helpers.h - shared by the unit tests: paths to fixtures, and loading a
 * network from a string.
 */
#ifndef ADVISOR_TEST_HELPERS_H
#define ADVISOR_TEST_HELPERS_H

#include <sys/resource.h>
#include <sys/types.h>

#include "advisor.h"

/* $ADVISOR_SOURCE_DIR/rel (the source tree, set by CTest); static buffer. */
const char *source_path(const char *rel);

/* Load a network from JSON text; returns the code, fills err. */
int load_text(advisor_network **out, const char *json, advisor_error *err);

/* Write text to a fresh temporary file and return its path (static). */
const char *write_temp(const char *name, const char *text, size_t len);

/*
 * Copy the example network to path, less its declaration of its own event
 * type (custom_event_types): the copy warns as it loads, for the tests of
 * what a snapshot does with warnings.  0, or -1 if it cannot.
 */
int copy_example_warning(const char *path);

/*
 * For the kill tests: fork a child that runs writer(arg) and exits 0 if it
 * returned 0, else 91.  A limit other than RLIM_INFINITY caps the size of
 * the files it writes, and a write past the cap kills it (SIGXFSZ), as a
 * full disk or a kill at that byte would stop it; exit 90 if the cap
 * cannot be set.  The child's pid.
 */
pid_t fork_writer(rlim_t limit, int (*writer)(void *), void *arg);

#endif
