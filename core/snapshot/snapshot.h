/*
 * snapshot.h - snapshots of loaded networks, to skip parsing an unchanged
 * file.
 */
#ifndef ADV_CACHE_H
#define ADV_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "network/network.h"

/* What identifies the source file's contents without reading them.  The
 * change time is in it because the modification time alone can be set
 * back (touch -r, rsync -t, unpacking an archive) after an edit that kept
 * the size; the change time cannot be set by the user. */
typedef struct adv_snapshot_key {
	uint64_t size;
	int64_t mtime_sec, mtime_nsec;
	uint64_t dev, ino;
	uint64_t format, max_line_bytes;  /* how it was read */
	int64_t ctime_sec, ctime_nsec;
} adv_snapshot_key;

/* The key of a file; -1 if it is not a regular file. */
int adv_snapshot_key_of(adv_snapshot_key *key, const char *path);

/* dir/network-<hash of the source's real path>.bin */
int adv_snapshot_path(char *buf, size_t size, const char *dir, const char *source);

/* Write a snapshot (atomically); 0, or -1 if it could not be written. */
int adv_snapshot_save(const advisor_network *net, const char *path,
	const adv_snapshot_key *key, const char *const *warnings, size_t nwarnings);

/* Read a snapshot made for this key: 1 loaded (the warnings of the original
 * load are replayed), 0 a miss (absent, stale or damaged: a damaged one is
 * reported through warn), -1 out of memory. */
typedef void (*adv_snapshot_warning)(void *payload, const char *message);
int adv_snapshot_load(advisor_network **out, const char *path,
	const adv_snapshot_key *key, const char *source, adv_snapshot_warning warn,
	void *warn_payload);

/* Open a snapshot held in memory: mem[0..size), 8-byte aligned, which the
 * caller lends for the network's life (and which must be writable when the
 * network has extras: their trees are set into its records while it lives,
 * and the bytes are as they were once it is freed).  Checked whole, then
 * used in place wherever it is: ADVISOR_OK; ADVISOR_EDATA with a message
 * naming what is wrong ("NAME: snapshot refused: people[3].name starts past
 * the strings"); ADVISOR_ENOMEM.  advisor_network_free() leaves mem to the
 * caller.  name is the network's source, for messages. */
int adv_snapshot_open(advisor_network **out, void *mem, size_t size,
	const char *name, advisor_error *err);

/* The snapshot of net as one block (malloc'd, *out, of *size bytes), with
 * an empty key and no warnings, as adv_snapshot_open() takes it: 0, or -1
 * out of memory. */
int adv_snapshot_encode(const advisor_network *net, void **out, size_t *size);

/* For tests, which damage snapshots on purpose.  The sections of a
 * snapshot, in file order; adv_snapshot_sections() gives the offset where each
 * starts (ADV_SNAP_END: the file's size), and returns ADV_SNAP__COUNT, or 0
 * if path is not a whole snapshot of this version.  adv_snapshot_reseal()
 * recomputes the checksum after an edit, so that only the other checks can
 * catch it; 0 or -1. */
enum { ADV_SNAP_ME, ADV_SNAP_PEOPLE, ADV_SNAP_EVENTS, ADV_SNAP_IDS,
       ADV_SNAP_WARNINGS, ADV_SNAP_EXTRAS, ADV_SNAP_NODE_PERSON,
       ADV_SNAP_SLOTS, ADV_SNAP_ALIASES, ADV_SNAP_OFF, ADV_SNAP_ADJ, ADV_SNAP_STRINGS,
       ADV_SNAP_END, ADV_SNAP__COUNT };
size_t adv_snapshot_sections(const char *path, uint64_t starts[ADV_SNAP__COUNT]);
int adv_snapshot_reseal(const char *path);
/* The same for a snapshot in memory. */
size_t adv_snapshot_buffer_sections(const void *mem, size_t size,
	uint64_t starts[ADV_SNAP__COUNT]);
int adv_snapshot_reseal_buffer(void *mem, size_t size);

/* The memory a network loaded from a snapshot lives in, and whether it is
 * the file mapped (1) or a copy read in or lent (0); NULL (and 0) for a
 * network that was not loaded from a snapshot.  For tests. */
const void *adv_snapshot_blob(const advisor_network *net);
int adv_snapshot_mapped(const advisor_network *net);

#endif
