/*
 * advisor.h - should I send (or accept) this LinkedIn invitation, why, and
 * what should the note say?
 *
 * This is libadvisor's only public header.  Conventions, everywhere:
 *
 *  - Handles are opaque.  What the library allocates, a NULL-safe
 *    advisor_*_free() releases; the comment next to each allocating function
 *    names the function that frees its result.
 *  - Every list is read one way: a *_count() and a getter by index from 0,
 *    which returns NULL past the end (and both return 0 or NULL for a NULL
 *    list).  A list is either part of an object (advisor_result_reason_count()
 *    and advisor_result_reason()) or an object of its own, read with
 *    <list>_count() and <list>_get(), that a call hands out
 *    (advisor_matches, advisor_paths, advisor_cases) and one *_free()
 *    releases whole.  Ids and other strings come as an advisor_strings; one
 *    inside an item (a path's ids, a rule's intents, a case's rules)
 *    belongs to the item's owner and is never freed by itself.
 *  - The structs the library hands out by pointer (advisor_match,
 *    advisor_path, advisor_rule_info, advisor_reason, advisor_import_summary,
 *    ...) are read-only and belong to the library; each comment says how
 *    long they live.  They may gain members at the end in a later version:
 *    read them through the pointer given, never copy one by value, declare
 *    one yourself, or step from one to the next.  The only structs a caller
 *    allocates are advisor_error and the option and request structs,
 *    which are versioned (below).
 *  - Every fallible call returns an int: ADVISOR_OK (0) or a negative
 *    advisor_error_code.  Results go through an out-parameter, which comes
 *    first.  The last parameter is an optional advisor_error that receives
 *    the code and a message saying what failed and where (file, line or JSON
 *    path, field).  Pass NULL if the code alone is enough.  It is the one
 *    channel for failures: no handle keeps a "last error", and nothing is
 *    global.  A function that returns a value instead of a status (a count,
 *    a name, an item, a score) cannot fail: it reads what its handle holds,
 *    and its comment says what it returns for a NULL handle or an index
 *    past the end (NULL, or 0).
 *  - Callbacks run on the calling thread, during the call they were given
 *    to, never after it returns.  A callback that follows long work (the
 *    import's advisor_progress_cb) returns int: 0 to go on, anything else
 *    to stop, and the call then returns ADVISOR_ECANCELED and hands back
 *    nothing, as for any failure.  A warning sink (advisor_warning_cb)
 *    returns nothing and cannot stop a call: it observes, once per warning,
 *    work the call does anyway; a caller that treats a warning as fatal
 *    counts them and discards the result.
 *  - Option and request structs start with a version field; initialise them
 *    with their *_INIT macro, or (from languages without C macros) with
 *    their advisor_*_init() function, which sets the same values.  Fields
 *    are only ever added at the end, with the current version raised; a
 *    call reads a struct of version 1 to the current one and refuses any
 *    other with ADVISOR_EINVAL, the message naming the struct and the
 *    version ("advisor_import_options: version 7 is not supported
 *    (1 to 2)").
 *  - Enumerations only gain values at the end, and never renumber one: a
 *    switch over a verdict or a direction needs a default for the values a
 *    later version adds.
 *  - There is no global mutable state.  A network is immutable once loaded
 *    and may be shared by any number of threads.  An engine (one sandboxed Lua
 *    state with a policy loaded) is used by one thread at a time.
 */
#ifndef ADVISOR_H
#define ADVISOR_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Marks the library's exported functions (-fvisibility=hidden hides the rest). */
#if defined(__GNUC__) && __GNUC__ >= 4
#define ADVISOR_API __attribute__((visibility("default")))
#else
#define ADVISOR_API
#endif

/** The version of this header; advisor_version() gives the library's. */
#define ADVISOR_VERSION_MAJOR 0
#define ADVISOR_VERSION_MINOR 1
#define ADVISOR_VERSION_PATCH 0
#define ADVISOR_VERSION_STRING "0.1.0"

/**
 * The library's version string, for example "0.1.0": static, never NULL.
 * Compare it with ADVISOR_VERSION_STRING to detect a header and a library
 * that differ.
 */
ADVISOR_API const char *advisor_version(void);

/* ------------------------------------------------------------------------
 * Errors
 * ------------------------------------------------------------------------ */

/** Status codes.  Zero is success; every failure is negative. */
typedef enum advisor_error_code {
	ADVISOR_OK = 0,
	ADVISOR_EINVAL = -1,    /**< a bad argument, option or request field */
	ADVISOR_EIO = -2,       /**< a file could not be read */
	ADVISOR_EDATA = -3,     /**< a network is malformed or invalid */
	ADVISOR_EPOLICY = -4,   /**< the policy failed to load or to run */
	ADVISOR_ELIMIT = -5,    /**< the policy hit a time, memory or instruction limit */
	ADVISOR_ENOTFOUND = -6, /**< the person is not in the network */
	ADVISOR_EINTENT = -7,   /**< an intent no loaded rule declares */
	ADVISOR_ENOMEM = -8,    /**< out of memory */
	ADVISOR_EAMBIGUOUS = -9, /**< a name that fits several people */
	ADVISOR_ECANCELED = -10 /**< a callback asked the call to stop */
} advisor_error_code;

/** Room for a message in an advisor_error, the terminating NUL included. */
#define ADVISOR_ERROR_MESSAGE_MAX 1024

/** Room for the JSON path and the field of an advisor_error, NUL included. */
#define ADVISOR_ERROR_PATH_MAX 256
#define ADVISOR_ERROR_FIELD_MAX 64

/**
 * The code and message of a failure, and where in the data it lies.
 * Caller-owned (usually on the stack); the library writes into it and never
 * keeps a pointer to it.
 *
 * The location is the message's "where" as data, for a program that wants
 * to point at the value rather than read the sentence: a network loader,
 * the request parser, a settings.json or an annotations reader that
 * rejects a value fills `path` with its JSON path ("people[3].events[1].tone",
 * "intent[2]", "rules.mutual_intro.score") and `field` with the name of the
 * member at fault ("tone", "intent", "score"); a syntax error fills `line`
 * and `column` (from 1).  Whatever does not apply is "" or 0: every call
 * that fails sets all four, so nothing is left from an earlier failure.
 */
typedef struct advisor_error {
	int code;
	char message[ADVISOR_ERROR_MESSAGE_MAX];
	char path[ADVISOR_ERROR_PATH_MAX];
	char field[ADVISOR_ERROR_FIELD_MAX];
	size_t line;
	size_t column;
} advisor_error;

/**
 * A short name for a code: "ok", "invalid argument", "input/output error",
 * "bad data", "policy failure", "policy limit exceeded", "unknown person",
 * "unknown intent", "out of memory", "ambiguous name", "canceled";
 * "unknown error" for a
 * value that is not a code.  A static string.
 */
ADVISOR_API const char *advisor_error_code_name(int code);

/* ------------------------------------------------------------------------
 * Lists of strings
 * ------------------------------------------------------------------------ */

/**
 * A list of strings, most often ids of people: what advisor_network_mutuals()
 * returns, and the ids of an advisor_path or the intents of an
 * advisor_rule_info.  The strings belong to whatever the comment of the call
 * that gave the list names (usually the network) and live as long as it does.
 */
typedef struct advisor_strings advisor_strings;

/** How many strings the list holds; 0 for NULL. */
ADVISOR_API size_t advisor_strings_count(const advisor_strings *list);

/** String i; NULL when i is not below advisor_strings_count() or list is
 * NULL. */
ADVISOR_API const char *advisor_strings_get(const advisor_strings *list,
	size_t i);

/**
 * Release a list a call handed out through an out-parameter (the strings
 * themselves belong to their owner and stay).  A list reached through
 * another object (a path's ids, a rule's intents) belongs to that object
 * and is never freed by itself.  NULL is ignored.
 */
ADVISOR_API void advisor_strings_free(advisor_strings *list);

/* ------------------------------------------------------------------------
 * Networks
 * ------------------------------------------------------------------------ */

/** The people you know, their history with you, and who knows whom. */
typedef struct advisor_network advisor_network;

/** Called once per warning (an unknown event type, say), on the calling
 * thread, during the call; it cannot stop the call (see the conventions at
 * the top: only callbacks that follow long work can). */
typedef void (*advisor_warning_cb)(void *payload, const char *message);

/** How a network file is written. */
typedef enum advisor_format {
	ADVISOR_FORMAT_AUTO = 0, /**< by the name: .ndjson or .jsonl, else JSON */
	ADVISOR_FORMAT_JSON,     /**< one JSON document */
	ADVISOR_FORMAT_NDJSON    /**< format and me on line 1, a person a line */
} advisor_format;

/** The size limits that a 0 in advisor_load_options stands for. */
#define ADVISOR_DEFAULT_MAX_BYTES (1024ULL * 1024 * 1024)
#define ADVISOR_DEFAULT_MAX_LINE_BYTES (16u * 1024 * 1024)

/** How to load a network: format, limits, snapshots, warnings. */
typedef struct advisor_load_options {
	unsigned int version;
	/** Receives warnings; NULL discards them. */
	advisor_warning_cb warning;
	void *warning_payload;
	advisor_format format;
	/** Larger files are refused before parsing; 0 means 1 GiB.  The
	 *  refusal is ADVISOR_EDATA with the error's field "max_bytes". */
	uint64_t max_bytes;
	/** NDJSON: longer lines are refused; 0 means 16 MiB.  The refusal's
	 *  field is "max_line_bytes" and its line the line's number. */
	size_t max_line_bytes;
	/**
	 * A folder for snapshots of loaded networks, or NULL for none.  When a
	 * file loads, a compact snapshot is written there (atomically); the next
	 * load of the unchanged file (same size, time and inode) reads the
	 * snapshot instead of parsing JSON, and replays the warnings.  A
	 * snapshot that is missing or stale is ignored, a damaged one too, with
	 * a warning.  A network loaded from a snapshot points into the file,
	 * mapped read-only.
	 */
	const char *cache_dir;
} advisor_load_options;

/** The current version of advisor_load_options, and its defaults. */
#define ADVISOR_LOAD_OPTIONS_VERSION 1
#define ADVISOR_LOAD_OPTIONS_INIT \
	{ ADVISOR_LOAD_OPTIONS_VERSION, NULL, NULL, ADVISOR_FORMAT_AUTO, 0, 0, NULL }

/** Set *opts to ADVISOR_LOAD_OPTIONS_INIT, for callers that cannot use the macro.  NULL is
 * ignored. */
ADVISOR_API void advisor_load_options_init(advisor_load_options *opts);

/**
 * Load a network file (format "advisor-network/1", see docs/data-format.md),
 * JSON or NDJSON (streamed a line at a time: memory grows with the network,
 * not with the file).  Either the whole file loads or nothing does: on
 * failure *out is NULL and err says which file, which line or JSON path and
 * what was expected.  opts may be NULL.  ADVISOR_EINVAL for a NULL out or
 * path or bad options; ADVISOR_EIO when the file cannot be opened or read,
 * is a folder or is larger than max_bytes; ADVISOR_EDATA for text that is
 * not JSON or not a valid network (the message names the file, the line or
 * JSON path, the field and what was expected); ADVISOR_ENOMEM.  Free the
 * network with advisor_network_free().
 */
ADVISOR_API int advisor_network_load(advisor_network **out, const char *path,
	const advisor_load_options *opts, advisor_error *err);

/**
 * Like advisor_network_load(), from data[0..len) in memory (no NUL
 * needed).  `name` is used in messages in place of a file name, and for
 * ADVISOR_FORMAT_AUTO.  opts->cache_dir is not used.  The buffer may be
 * freed when the call returns.
 */
ADVISOR_API int advisor_network_load_buffer(advisor_network **out,
	const char *data, size_t len, const char *name,
	const advisor_load_options *opts, advisor_error *err);

/**
 * Release a network.  NULL is ignored.  No call may still be using it, on
 * any thread; the strings it handed out become invalid.  Results made from
 * it are not affected.
 */
ADVISOR_API void advisor_network_free(advisor_network *net);

/** Number of people declared in the network (me and bare nodes excluded);
 * 0 for NULL. */
ADVISOR_API size_t advisor_network_person_count(const advisor_network *net);

/** The id of the i-th declared person, in file (or builder) order; NULL
 * when i is not below advisor_network_person_count() or net is NULL.  The
 * string belongs to the network. */
ADVISOR_API const char *advisor_network_person_id(const advisor_network *net,
	size_t i);

/** The display name of the person (or me) with this id; NULL if unknown.
 * The string belongs to the network. */
ADVISOR_API const char *advisor_network_person_name(
	const advisor_network *net, const char *id);

/** The id of the person (or me) that `id` names: id itself, or, for an
 * alias (another id of a person, data-format.md), that person's id; NULL
 * if it names no one.  Every call that takes a person's id takes an alias
 * too.  The string belongs to the network. */
ADVISOR_API const char *advisor_network_person_key(
	const advisor_network *net, const char *id);

/** 1 if the person with this id is one of your first-degree connections
 * (`connected`), 0 if not or if there is no such person. */
ADVISOR_API unsigned int advisor_network_person_connected(
	const advisor_network *net, const char *id);

/** Your own id in the network (the file's `me`), for example "me"; NULL
 * for a NULL network.  The string belongs to the network. */
ADVISOR_API const char *advisor_network_me(const advisor_network *net);

/* ------------------------------------------------------------------------
 * Typed fields
 * ------------------------------------------------------------------------ */

/**
 * A set of named values, each a string, a number or a boolean: the fields
 * of an event given to advisor_network_builder_add_event(), for example
 * "date" = "2019-05-03" and "tone" = "cordial".  Setting a name again
 * replaces its value (in its first place); names keep the order they were
 * first set in.  The set is copied by the calls that take it, so it may be
 * changed or freed afterwards.  One thread at a time.
 */
typedef struct advisor_fields advisor_fields;

/** An empty set of fields.  Free it with advisor_fields_free(). */
ADVISOR_API int advisor_fields_new(advisor_fields **out, advisor_error *err);

/**
 * Set the field `name` (non-empty UTF-8) to a string (valid UTF-8).
 * ADVISOR_EINVAL for a NULL set, a bad name or a bad value, the message
 * (and err->field) naming the field.
 */
ADVISOR_API int advisor_fields_set_string(advisor_fields *f, const char *name,
	const char *value, advisor_error *err);

/** Set the field `name` to a number; NaN and infinities (which JSON cannot
 * hold) are ADVISOR_EINVAL.  Otherwise as advisor_fields_set_string(). */
ADVISOR_API int advisor_fields_set_number(advisor_fields *f, const char *name,
	double value, advisor_error *err);

/** Set the field `name` to true (value non-zero) or false.  Otherwise as
 * advisor_fields_set_string(). */
ADVISOR_API int advisor_fields_set_bool(advisor_fields *f, const char *name,
	int value, advisor_error *err);

/** Release a set of fields.  NULL is ignored. */
ADVISOR_API void advisor_fields_free(advisor_fields *f);

/* ------------------------------------------------------------------------
 * Networks built in code
 * ------------------------------------------------------------------------ */

/**
 * A network under construction, for data that lives somewhere other than a
 * file (a CRM's database, say).  Add people, their fields, events and links,
 * then seal it into an immutable advisor_network.  Sealing validates
 * exactly as advisor_network_load() does (docs/data-format.md): the same
 * fields, enumerations and dates, and the same cross-checks.  Messages name
 * people by id: `crm: people["priya"].events[1].tone: ...`.  One thread at
 * a time.
 */
typedef struct advisor_network_builder advisor_network_builder;

/**
 * Start a network whose owner ("me") has this id and display name.  `name`
 * stands for the network in messages, as a file name would.  All three are
 * required, non-empty UTF-8 (else ADVISOR_EINVAL); ADVISOR_ENOMEM.  Free
 * the builder with advisor_network_builder_free(), sealed or not.
 */
ADVISOR_API int advisor_network_builder_new(advisor_network_builder **out,
	const char *name, const char *me_id, const char *me_name,
	advisor_error *err);

/** Release a builder and everything added to it.  NULL is ignored.  A
 * network it sealed is not affected. */
ADVISOR_API void advisor_network_builder_free(advisor_network_builder *builder);

/**
 * Add a person with an id (unique, and not me's) and a display name.
 * ADVISOR_EINVAL for a NULL builder, an empty or invalid UTF-8 id or name,
 * a duplicate id, me's id or a sealed builder; ADVISOR_ENOMEM.
 */
ADVISOR_API int advisor_network_builder_add_person(
	advisor_network_builder *builder, const char *id, const char *name,
	advisor_error *err);

/**
 * Set a field of a person (or of me) to a string, replacing any earlier
 * value: "headline", "title", "company", "industry", "location",
 * "seniority", "connected_on", "name", or any field of your own, which
 * policies can read.  "id", "events" and "connections" have their own
 * calls.  ADVISOR_ENOTFOUND if no person has this id; ADVISOR_EINVAL for
 * "id", "events" or "connections" as the field, invalid UTF-8, NULL
 * arguments or a sealed builder; ADVISOR_ENOMEM.  Whether the value suits
 * the field (a seniority from the list, a date) is checked when sealing.
 */
ADVISOR_API int advisor_network_builder_set_string(
	advisor_network_builder *builder, const char *id, const char *field,
	const char *value, advisor_error *err);

/**
 * Set a field of a person (or of me) to a number, replacing any earlier
 * value: "followers", or a field of your own.  NaN and the infinities are
 * ADVISOR_EINVAL.  Otherwise as advisor_network_builder_set_string().
 */
ADVISOR_API int advisor_network_builder_set_number(
	advisor_network_builder *builder, const char *id, const char *field,
	double value, advisor_error *err);

/**
 * Set a field of a person (or of me) to true (value non-zero) or false,
 * replacing any earlier value: "connected", "influencer", or a field of
 * your own.  Otherwise as advisor_network_builder_set_string().
 */
ADVISOR_API int advisor_network_builder_set_bool(
	advisor_network_builder *builder, const char *id, const char *field,
	int value, advisor_error *err);

/**
 * Set a field of your own to an array or an object written as JSON text,
 * "[\"rust\", \"go\"]" or "{\"team\": \"core\"}", which a policy reads as
 * a table: the one kind of value the typed setters above cannot make.  The
 * text is parsed strictly (no duplicate keys, valid UTF-8, finite
 * numbers); JSON that does not parse is ADVISOR_EINVAL with the line and
 * column, and so is a string, number, boolean or null (each has its typed
 * setter).  Otherwise as advisor_network_builder_set_string().
 */
ADVISOR_API int advisor_network_builder_set_json(
	advisor_network_builder *builder, const char *id, const char *field,
	const char *json, advisor_error *err);

/**
 * Add an event to a person's history with you: its type ("met",
 * "worked_together", "personal", "introduced", "interview", "message",
 * "invitation", or a type of your own, which sealing keeps with a warning)
 * and its other fields, copied from `fields` (NULL for none): "date",
 * "tone", "by", ... as docs/data-format.md lists them per type, and fields
 * of your own.  Events keep the order they are added in; the first is
 * events[0] in messages.  The fields are checked when sealing, as in a
 * file (a missing date, a tone outside the list, an introduced.by that
 * names nobody).  ADVISOR_ENOTFOUND for an unknown id; ADVISOR_EINVAL at
 * once for an event for me, "type" among the fields, an empty type or a
 * sealed builder; ADVISOR_ENOMEM.
 */
ADVISOR_API int advisor_network_builder_add_event(
	advisor_network_builder *builder, const char *id, const char *type,
	const advisor_fields *fields, advisor_error *err);

/**
 * Record that two people know each other (links are undirected).  At
 * least one of them must have been added; the other may be an id no person
 * declares (a bare node of the graph).  A link to me means a first-degree
 * connection: the person must also have "connected" set to true, checked
 * when sealing.  ADVISOR_EINVAL for a person linked to themselves, an empty
 * id or a sealed builder; ADVISOR_ENOTFOUND if neither was added;
 * ADVISOR_ENOMEM.
 */
ADVISOR_API int advisor_network_builder_link(advisor_network_builder *builder,
	const char *a, const char *b, advisor_error *err);

/**
 * Validate everything added and hand over the immutable network.  Only
 * opts->warning is used (unknown event types are warnings); opts may be
 * NULL.  On failure (ADVISOR_EDATA for the first invalid value, named by
 * person id, event index and field; ADVISOR_EINVAL for NULL arguments, a
 * sealed builder or bad options; ADVISOR_ENOMEM) *out is NULL and the
 * builder is unchanged, so the caller may correct it and seal again.  On
 * success the builder is spent (its memory released, other calls on it
 * ADVISOR_EINVAL), and it must still be freed.  Free the network with
 * advisor_network_free().
 */
ADVISOR_API int advisor_network_builder_seal(advisor_network **out,
	advisor_network_builder *builder, const advisor_load_options *opts,
	advisor_error *err);


/* ------------------------------------------------------------------------
 * Finding people by what a person types
 * ------------------------------------------------------------------------ */

/** How a person matched a search, best first. */
typedef enum advisor_match_kind {
	ADVISOR_MATCH_ID = 0,    /**< the text is the person's id, exactly */
	ADVISOR_MATCH_URL,       /**< the text is the person's profile URL */
	ADVISOR_MATCH_EXACT,     /**< the whole name as written, case aside
	                              ("José Álvarez", not "Jose Alvarez") */
	ADVISOR_MATCH_NAME,      /**< the whole name (or id), case and accents
	                              aside */
	ADVISOR_MATCH_FIRST_NAME, /**< the first word of the name: "priya"
	                              before "Priyanka" */
	ADVISOR_MATCH_WORDS,     /**< each word starts a different word of the
	                              name or id: "pri", "mei chen" */
	ADVISOR_MATCH_PART,      /**< the text appears inside the name or id */
	ADVISOR_MATCH_ABOUT      /**< the text appears in the company, title or
	                              headline only (never picked by
	                              advisor_network_resolve) */
} advisor_match_kind;

/**
 * One person a search found, from advisor_matches_get().  It and its
 * strings belong to the network and live as long as it does (the list may
 * be freed first).
 */
typedef struct advisor_match {
	const char *id;
	const char *name;
	const char *company;   /**< NULL when the network has none */
	const char *headline;  /**< NULL when the network has none */
	advisor_match_kind kind;
} advisor_match;

/** The people a search found, best first: what advisor_network_find()
 * returns. */
typedef struct advisor_matches advisor_matches;

/**
 * Every declared person (me excluded) whose id, name, profile URL, company,
 * title or headline matches text, best match first (by kind, above), then
 * by name.  Case is ignored and accents and other marks of every script
 * are folded on both sides ("zoe muller" finds "Zoë Müller", "nguyen" finds "Thảo Nguyễn"),
 * though a name as written beats one that only folds to it; punctuation
 * counts as a space ("mei-lin" finds "Mei Lin Chen").  No match is not an
 * error: the list is empty.  An empty text or NULL arguments are
 * ADVISOR_EINVAL; ADVISOR_ENOMEM; *out is then NULL.  Free *out with
 * advisor_matches_free().
 */
ADVISOR_API int advisor_network_find(advisor_matches **out,
	const advisor_network *net, const char *text, advisor_error *err);

/** How many people the search found; 0 for NULL. */
ADVISOR_API size_t advisor_matches_count(const advisor_matches *matches);

/** Match i, 0 the best; NULL when i is not below advisor_matches_count()
 * or matches is NULL.  The match lives as long as the network. */
ADVISOR_API const advisor_match *advisor_matches_get(
	const advisor_matches *matches, size_t i);

/**
 * How many of the first matches share the best kind: 1 means the text
 * names one person unambiguously (match 0); more means it could be any of
 * them.  0 for no matches or NULL.
 */
ADVISOR_API size_t advisor_matches_best(const advisor_matches *matches);

/** Release what advisor_network_find() returned.  NULL is ignored. */
ADVISOR_API void advisor_matches_free(advisor_matches *matches);

/**
 * The id of the one person text names: an id, a profile URL, a name, or an
 * unambiguous part of one (as advisor_network_find() matches); "me", your
 * id and your own name give your id.  Matches of the company, title or
 * headline alone are never picked.  No match is ADVISOR_ENOTFOUND; several
 * equally good ones are ADVISOR_EAMBIGUOUS, whose message lists them with
 * their ids and companies; ADVISOR_EINVAL, ADVISOR_ENOMEM.  *out points into
 * the network.
 */
ADVISOR_API int advisor_network_resolve(const char **out,
	const advisor_network *net, const char *text, advisor_error *err);

/* ------------------------------------------------------------------------
 * How you are connected
 * ------------------------------------------------------------------------ */

/**
 * One chain of people from you to someone, from advisor_paths_get().  It
 * belongs to its advisor_paths and lives as long as the list; the ids are
 * the network's and live as long as it does.
 */
typedef struct advisor_path {
	/** Ids: yours first, the person's last; as many as the chain has
	 * people (steps + 1). */
	const advisor_strings *ids;
	/**
	 * The id of the person who introduced you (an `introduced` event's
	 * `by`) when this chain goes through them; NULL otherwise.
	 */
	const char *introducer;
} advisor_path;

/** The chains advisor_network_paths() found. */
typedef struct advisor_paths advisor_paths;

/** Limits of advisor_network_paths(); ADVISOR_PATH_OPTIONS_INIT sets them. */
typedef struct advisor_path_options {
	unsigned int version;
	/** At most this many chains; 0 for all of them.  Default 10. */
	size_t max_paths;
	/** Chains longer than this many steps (1 to 32) are not looked for.
	 *  Default 6. */
	int max_length;
} advisor_path_options;

#define ADVISOR_PATH_OPTIONS_VERSION 1
#define ADVISOR_PATH_OPTIONS_INIT { ADVISOR_PATH_OPTIONS_VERSION, 10, 6 }

/** Set *opts to ADVISOR_PATH_OPTIONS_INIT, for callers that cannot use the macro.  NULL is
 * ignored. */
ADVISOR_API void advisor_path_options_init(advisor_path_options *opts);

/**
 * The shortest chains from you (me) to the person with this id, through
 * the people who know each other, in a stable order.  If an introduction
 * names an introducer whom you can reach, the shortest chain through them
 * comes first (with `introducer` set), even if it is longer than the
 * others.  A person you cannot reach within max_length steps has no
 * chains: the list is empty, which is not an error.  An unknown id is
 * ADVISOR_ENOTFOUND; your own, a max_length out of range or NULL arguments
 * are ADVISOR_EINVAL; ADVISOR_ENOMEM; *out is then NULL.  opts may be NULL.
 * Free *out with advisor_paths_free().
 */
ADVISOR_API int advisor_network_paths(advisor_paths **out,
	const advisor_network *net, const char *id,
	const advisor_path_options *opts, advisor_error *err);

/** How many chains the list holds; 0 for NULL. */
ADVISOR_API size_t advisor_paths_count(const advisor_paths *paths);

/** Chain i; NULL when i is not below advisor_paths_count() or paths is
 * NULL.  It lives as long as the list. */
ADVISOR_API const advisor_path *advisor_paths_get(const advisor_paths *paths,
	size_t i);

/** Release what advisor_network_paths() returned, its paths and their id
 * lists.  NULL is ignored. */
ADVISOR_API void advisor_paths_free(advisor_paths *paths);

/**
 * The people both a and b know (ids, ascending by the network's internal
 * order), for example your mutual connections with someone (a =
 * advisor_network_me(net)).  None is not an error: the list is empty.
 * ADVISOR_ENOTFOUND for an unknown id, ADVISOR_EINVAL, ADVISOR_ENOMEM;
 * *out is then NULL.  The ids belong to the network.  Free *out with
 * advisor_strings_free().
 */
ADVISOR_API int advisor_network_mutuals(advisor_strings **out,
	const advisor_network *net, const char *a, const char *b,
	advisor_error *err);

/* ------------------------------------------------------------------------
 * Engines and advice
 * ------------------------------------------------------------------------ */

/** A sandboxed Lua state with a policy loaded.  One thread at a time. */
typedef struct advisor_engine advisor_engine;

/** How to make an engine: the policy layers and the limits. */
typedef struct advisor_engine_options {
	unsigned int version;
	/**
	 * Policy folders layered over the shipped policy, lowest first.  A rule
	 * of the same name replaces a lower layer's; advisor.off(name) switches
	 * one off.  The shipped policy is built into the library.
	 */
	const char *const *policy_layers;
	size_t policy_layer_count;
	/** Invitation-note limit in characters, in place of a layer's
	 * note_limit and the policy's own (the shipped policy's is the
	 * account's, 200 or 300); 0 sets none. */
	unsigned int note_limit;
	/** Lua memory cap in bytes; 0 means the default (64 MiB). */
	size_t memory_limit;
	/** Lua instructions per request; 0 means the default (50 million). */
	uint64_t instruction_limit;
	/**
	 * The user's own policy folder, layered between the
	 * shipped policy and policy_layers (the advisor command passes
	 * $XDG_CONFIG_HOME/advisor/policy).  Skipped if it does not exist;
	 * NULL for none.  Named "user" in the policy's name.  The library
	 * reads no environment variable itself.
	 */
	const char *user_policy;
	/** Receives lint warnings found while loading the policy (a threshold
	 * nothing reaches, tied vetoes, intents only switched-off rules read,
	 * intents no function of the policy reads), each with file and line;
	 * NULL discards them. */
	advisor_warning_cb warning;
	void *warning_payload;
	/**
	 * Wall-clock milliseconds per request (and for
	 * loading the policy); 0 means the default (10,000).  A backstop for
	 * what the instruction budget cannot see: one VM instruction that
	 * compares two 30 MB strings.  Checked every 1000 instructions.
	 */
	uint64_t time_limit_ms;
} advisor_engine_options;

/** The current version of advisor_engine_options, and its defaults. */
#define ADVISOR_ENGINE_OPTIONS_VERSION 1
#define ADVISOR_ENGINE_OPTIONS_INIT \
	{ ADVISOR_ENGINE_OPTIONS_VERSION, NULL, 0, 0, 0, 0, NULL, NULL, NULL, 0 }

/** Set *opts to ADVISOR_ENGINE_OPTIONS_INIT, for callers that cannot use the macro.  NULL is
 * ignored. */
ADVISOR_API void advisor_engine_options_init(advisor_engine_options *opts);

/**
 * Create an engine: a sandboxed Lua state with the shipped policy and the
 * layers of opts loaded (opts may be NULL; the layer paths are copied).
 * ADVISOR_EINVAL for bad options; ADVISOR_EPOLICY when a policy file fails
 * to load, with the file and line in the message; ADVISOR_ELIMIT when the
 * policy exceeds a limit while loading; ADVISOR_ENOMEM.  Free the engine
 * with advisor_engine_free().
 */
ADVISOR_API int advisor_engine_new(advisor_engine **out,
	const advisor_engine_options *opts, advisor_error *err);

/** Release an engine and its Lua state.  NULL is ignored.  Results it made
 * stay valid. */
ADVISOR_API void advisor_engine_free(advisor_engine *engine);

/**
 * The policy's name as reported in results: "default", or "default" plus
 * the layers' folder names, for example "default+my-policy".  NULL for a
 * NULL engine.  Valid until the engine is freed or reloaded.
 */
ADVISOR_API const char *advisor_engine_policy_name(const advisor_engine *engine);

/** How many intents the loaded policy understands; 0 for NULL. */
ADVISOR_API size_t advisor_engine_intent_count(const advisor_engine *engine);

/**
 * The i-th intent the loaded policy understands, sorted; NULL when i is
 * not below advisor_engine_intent_count() or engine is NULL.  Valid until
 * the engine is freed or reloaded.
 */
ADVISOR_API const char *advisor_engine_intent(const advisor_engine *engine,
	size_t i);

/**
 * Reload the engine's policy: the shipped policy and the layer folders are
 * read again (with opts NULL, the engine's own options; otherwise the new
 * ones, which may name other layers or limits).  The new policy is loaded
 * completely in a fresh Lua state before anything changes; if it fails to
 * load, the old policy keeps serving, untouched, and the error is returned
 * with "reload failed, the old policy is kept: " before the cause (the
 * codes of advisor_engine_new(), and ADVISOR_EINVAL for a NULL engine).
 * Results from before the reload stay valid; the policy's name, intents and
 * rules may change, and pointers to them from before it are not valid.  Like every call on an engine, not concurrent with other
 * calls on the same engine.
 */
ADVISOR_API int advisor_engine_reload(advisor_engine *engine,
	const advisor_engine_options *opts, advisor_error *err);

/**
 * A rule of the loaded policy, as declared and as the layers left it, from
 * advisor_engine_rule().  It, its strings and its intents belong to the
 * engine and are valid until the engine is freed or reloaded; optional
 * strings are NULL when they do not apply.
 */
typedef struct advisor_rule_info {
	const char *name;
	const char *description;
	/** "veto" for a rule with a veto, else "score". */
	const char *kind;
	/** What the rule adds when it fires (a check may return its own). */
	double score;
	/** The intents the rule declares it reads (never NULL; may be empty). */
	const advisor_strings *intents;
	/** Where it was declared: file and line, and the layer ("shipped" or
	 * the policy folder). */
	const char *file;
	int line;
	const char *layer;
	/** "file:line (layer)" of the lower layer's rule this one replaced. */
	const char *replaced;
	/** Non-zero if switched off; off_by says where (file:line or a
	 * settings.json). */
	int off;
	const char *off_by;
	/** The settings.json that set the score, if one did. */
	const char *score_set_by;
	/** Non-zero for a rule that runs after the others and sees what fired. */
	int fallback;
	/** For a veto: the verdict it forces, when ("always", "outgoing",
	 * "incoming") and its priority (the highest decides). */
	const char *veto_verdict;
	const char *veto_when;
	double veto_priority;
} advisor_rule_info;

/** Number of rules the policy declared, switched-off ones included; 0 for
 * NULL. */
ADVISOR_API size_t advisor_engine_rule_count(const advisor_engine *engine);

/**
 * The i-th rule, in the order the engine runs them (declaration order; a
 * replacement keeps the place of the rule it replaced): what `advisor
 * rules` prints.  NULL when i is not below advisor_engine_rule_count() or
 * engine is NULL.  Valid until the engine is freed or reloaded.
 */
ADVISOR_API const advisor_rule_info *advisor_engine_rule(
	const advisor_engine *engine, size_t i);

/** The policy's connect threshold, as the layers left it; 0 for NULL. */
ADVISOR_API double advisor_engine_threshold(const advisor_engine *engine);

/** Who would send the invitation. */
typedef enum advisor_direction {
	ADVISOR_OUTGOING = 0, /**< you would send the invitation */
	ADVISOR_INCOMING = 1, /**< they sent it to you */
	/** Not said, the default of a request: incoming when they have
	 * invited you and you have not answered (the invitation is pending,
	 * advisor_network_pending_invitation()), else outgoing.  The result
	 * says which was answered (advisor_result_direction()). */
	ADVISOR_DIRECTION_AUTO = 2
} advisor_direction;

/**
 * A person given inline instead of by id: what a profile page shows of
 * someone (the page a browser extension reads, the person an assistant is
 * asked about), for a request about them that records nothing.
 * Caller-owned, strings included, and read only during the call that is
 * given it.  Only name is required; every string is UTF-8 text.
 *
 * advisor_advise() looks for them in the network first: the profile URL of
 * a person there (compared as profile URLs are) means that person; else
 * the name of one (case and accents aside), unless both have profile URLs
 * and they differ.  Several people of that name are narrowed to the one at
 * the same company (case and accents aside); if several remain, or none,
 * it is ADVISOR_EAMBIGUOUS, naming them.  Someone not found is a transient
 * person: these fields and nothing else - no events, no connections (so no
 * mutual connections, and person.degree 0) - whom the policy judges like
 * anyone else (advisor_result_transient() says so).  Initialise one with
 * ADVISOR_INLINE_PERSON_INIT or advisor_inline_person_init().
 */
typedef struct advisor_inline_person {
	unsigned int version;
	const char *name;
	/** Their LinkedIn profile URL, https://www.linkedin.com/in/..., or
	 * NULL; the policy reads it as person.profile_url. */
	const char *profile_url;
	const char *headline;
	const char *company;
	const char *title;
	const char *location;
	const char *industry;
} advisor_inline_person;

/** The current version of advisor_inline_person, and its defaults. */
#define ADVISOR_INLINE_PERSON_VERSION 1
#define ADVISOR_INLINE_PERSON_INIT \
	{ ADVISOR_INLINE_PERSON_VERSION, NULL, NULL, NULL, NULL, NULL, NULL, NULL }

/** Set *person to ADVISOR_INLINE_PERSON_INIT, for callers that cannot use
 * the macro.  NULL is ignored. */
ADVISOR_API void advisor_inline_person_init(advisor_inline_person *person);

/** One question: about whom, which way, hoping for what, on which day. */
typedef struct advisor_request {
	unsigned int version;
	/** Id of the person in the network, or their profile URL (their
	 * "profile_url", compared as profile URLs are: scheme, "www." and a
	 * trailing slash aside).  Not a name: advisor_network_resolve()
	 * turns one into an id. */
	const char *person;
	advisor_direction direction;
	/** Words the policy understands ("learn", "job", ...). */
	const char *const *intents;
	size_t intent_count;
	/** The date to judge on, YYYY-MM-DD; NULL means today (local time). */
	const char *as_of;
	/** (Version 2.)  How many drafts of the note to offer, 1 to 3 (1 by
	 * default, and for a version 1 request); more than 1 fills the result's
	 * drafts (advisor_result_draft_count()).  Any other number is refused
	 * with ADVISOR_EINVAL. */
	unsigned int drafts;
	/** (Version 3.)  The person given inline (advisor_inline_person),
	 * with person NULL: giving both, or neither, is ADVISOR_EINVAL.  NULL
	 * by default, and for a version 1 or 2 request. */
	const advisor_inline_person *inline_person;
} advisor_request;

/** The most drafts of the note a request may ask for. */
#define ADVISOR_MAX_DRAFTS 3

/** The current version of advisor_request, and its defaults. */
#define ADVISOR_REQUEST_VERSION 3
#define ADVISOR_REQUEST_INIT \
	{ ADVISOR_REQUEST_VERSION, NULL, ADVISOR_DIRECTION_AUTO, NULL, 0, NULL, 1, \
	  NULL }

/** Set *opts to ADVISOR_REQUEST_INIT, for callers that cannot use the macro.  NULL is
 * ignored. */
ADVISOR_API void advisor_request_init(advisor_request *req);

/**
 * A request read from JSON, an opaque handle made by advisor_request_parse():
 * it owns the request's strings and hands out the advisor_request they
 * make, for advisor_advise() and advisor_explain().  Release it with
 * advisor_parsed_request_free().
 */
typedef struct advisor_parsed_request advisor_parsed_request;

/**
 * Read one request written as JSON, {"person": ID, "direction":
 * "outgoing"|"incoming", "intent": WORD or [WORD...], "as_of":
 * "YYYY-MM-DD"}, only person required (docs/data-format.md); person may
 * instead be an object {"name": ..., "profile_url", "headline", "company",
 * "title", "location", "industry"}, a person given inline
 * (advisor_inline_person, whose strings the parsed request owns): with the same
 * checks and messages as advisor_advise_json(), which reads its requests
 * the same way.  A malformed request is ADVISOR_EINVAL naming the field,
 * located as data in err ("intent[2]" and "intent"; a syntax error's line
 * and column); more than 64 intents is ADVISOR_EINVAL too.  Whether the
 * person and the intents exist is for advisor_advise() to say.  json need
 * not be NUL-terminated and is not kept.  Free *out with
 * advisor_parsed_request_free().
 */
ADVISOR_API int advisor_request_parse(advisor_parsed_request **out,
	const char *json, size_t len, advisor_error *err);

/**
 * The request, owned by p and valid until advisor_parsed_request_free();
 * NULL for NULL.
 */
ADVISOR_API const advisor_request *advisor_parsed_request_get(
	const advisor_parsed_request *p);

/** Release a parsed request.  NULL is ignored. */
ADVISOR_API void advisor_parsed_request_free(advisor_parsed_request *p);

/** The advice (docs/data-format.md, "Result"). */
typedef enum advisor_verdict {
	/** Only from advisor_result_verdict(NULL): there is no advice. */
	ADVISOR_VERDICT_INVALID = -1,
	ADVISOR_CONNECT = 0,
	ADVISOR_CONNECT_WITH_NOTE,
	ADVISOR_WAIT,
	ADVISOR_DONT_CONNECT,
	ADVISOR_ALREADY_CONNECTED,
	/** You invited them already and they have not answered: the result's
	 * advisor_result_invited_on() is when, and advisor_result_withdraw()
	 * says whether the policy advises withdrawing it.  A policy's veto
	 * decides it (the shipped rule invited); never a second invitation,
	 * never a note. */
	ADVISOR_INVITED
} advisor_verdict;

/**
 * "connect", "connect_with_note", "wait", "dont_connect",
 * "already_connected", "invited"; "unknown" for anything else.
 */
ADVISOR_API const char *advisor_verdict_name(advisor_verdict verdict);

/**
 * One rule that fired.  advisor_result_reason() hands these out in the
 * order that matters: the deciding one first (the strongest veto that
 * applied, else the highest score, or for dont_connect the fallback rule
 * that says why not).  Owned by the result; fields may be added at the end
 * in later versions, so read one through the pointer you were given and
 * never step from it to the next.
 */
typedef struct advisor_reason {
	const char *rule;
	/** What the rule added to the score (0 for a veto that applied). */
	double score;
	const char *detail;
	/** Non-zero if this rule's veto applied; the first such decided. */
	int vetoed;
} advisor_reason;

/**
 * A fact the library proposes to record, as the network format writes an
 * event (docs/data-format.md): its type ("met", "introduced", ...) and its
 * fields, each a name (the event's key: "tone", "context", "by") and its
 * value as written ("cordial", "Berlin Product Meetup", a person's id).
 * `advisor remember PERSON TYPE --NAME VALUE ...` records one.  An opaque
 * handle, part of the object that hands it out (a result's suggestion, a
 * what-if that adds a fact), which owns it and its strings; read it with
 * advisor_fact_type() and the functions after it (under "Explanations"),
 * which return NULL or 0 for a NULL fact or an index past the end.
 */
typedef struct advisor_fact advisor_fact;

/**
 * A fact the policy suggests you record about the person, from what the
 * network shows but no fact says: their invitation's message naming who
 * sent them or where you met, their company being one you worked at.
 * Never recorded by the library: `advisor remember` records it when the
 * user says it is true.  From advisor_result_suggestion(); owned by the
 * result; fields may be added at the end in later versions.
 */
typedef struct advisor_suggestion {
	/** The fact, as the user would record it about the result's person. */
	const advisor_fact *fact;
	/** Why it is suggested, in words: "their invitation says you met at
	 * the Berlin Product Meetup". */
	const char *why;
} advisor_suggestion;

/**
 * The advice for one request: an opaque handle made by advisor_advise(),
 * read with the accessors below, released with advisor_result_free().
 * Every string an accessor returns belongs to the result and lives as long
 * as it does.  Reading a result is thread-safe; it is not tied to the
 * engine or the network that made it, which may be freed first.
 */
typedef struct advisor_result advisor_result;

/** The id of the person the advice is about; for a transient person
 * (advisor_result_transient()), the profile URL they were given with, else
 * their name.  NULL for a NULL result. */
ADVISOR_API const char *advisor_result_person(const advisor_result *result);

/** Non-zero when the advice is about a person given inline whom the
 * network does not have (advisor_inline_person): a transient person, judged
 * on the fields given alone.  0 for anyone found in the network and for
 * NULL. */
ADVISOR_API unsigned int advisor_result_transient(const advisor_result *result);

/** The verdict; ADVISOR_VERDICT_INVALID for a NULL result, so that a caller
 * who skipped an error check never reads a verdict that was not given. */
ADVISOR_API advisor_verdict advisor_result_verdict(
	const advisor_result *result);

/**
 * The direction the advice answers: the request's, or for
 * ADVISOR_DIRECTION_AUTO the one chosen (incoming when their invitation
 * waits for your answer).  ADVISOR_OUTGOING for a NULL result.
 */
ADVISOR_API advisor_direction advisor_result_direction(
	const advisor_result *result);

/**
 * The day the invitation pending between you was sent, "YYYY-MM-DD", when
 * one waits in the direction answered: yours (outgoing; the verdict is
 * then invited under the shipped policy) or theirs (incoming).  NULL when
 * none waits that way, for already_connected, and for a NULL result.
 */
ADVISOR_API const char *advisor_result_invited_on(
	const advisor_result *result);

/**
 * Non-zero when the verdict is invited and the policy advises withdrawing
 * your invitation (the shipped one: once it is older than the setting
 * withdraw_after_days, 150 by default; the deciding reason says how old).
 * 0 otherwise and for a NULL result.
 */
ADVISOR_API unsigned int advisor_result_withdraw(const advisor_result *result);

/** The sum of the scores the rules that fired added, rounded to millionths
 * (a veto that applied adds 0); 0 for NULL. */
ADVISOR_API double advisor_result_score(const advisor_result *result);

/**
 * The invitation note, within the engine's note limit, or NULL when none
 * is advised (any verdict but connect_with_note) or for a NULL result.
 */
ADVISOR_API const char *advisor_result_note(const advisor_result *result);

/**
 * When a rule asked for a note but not even the shortest one fits the note
 * limit, that limit in characters: the verdict is then connect (invite
 * without a note) where it would have been connect_with_note.  0 otherwise
 * and for a NULL result.  A rule says so by returning no_note_fits = limit
 * (docs/lua-api.md); the shipped policy's rules do.
 */
ADVISOR_API unsigned int advisor_result_no_note_fits(
	const advisor_result *result);

/**
 * The drafts of the note, when the request asked for more than one
 * (advisor_request.drafts): alternatives a person could choose between,
 * each within the note limit, no two alike, the first equal to
 * advisor_result_note().  The count is at most the number asked for and
 * may be smaller (the policy found fewer alternatives); it is 0 when there
 * is no note, when one draft was asked for, and for a NULL result.
 */
ADVISOR_API size_t advisor_result_draft_count(const advisor_result *result);

/** The i-th draft of the note, from 0; NULL when i is not below
 * advisor_result_draft_count() or result is NULL.  It belongs to the
 * result and lives as long as it. */
ADVISOR_API const char *advisor_result_draft(const advisor_result *result,
	size_t i);

/**
 * Non-zero when the scores decided against connecting: no veto applied and
 * the score is below the threshold (the verdict is then dont_connect).
 * The threshold and what is missing are then part of the result.  0
 * otherwise and for NULL.
 */
ADVISOR_API unsigned int advisor_result_below_threshold(const advisor_result *result);

/** The policy's threshold when advisor_result_below_threshold(); 0
 * otherwise and for NULL. */
ADVISOR_API double advisor_result_threshold(const advisor_result *result);

/**
 * A rule that would have added to the score but did not fire, from
 * advisor_result_missing(): its name, what it adds when it fires (its
 * declared score; 0 for a signal, whose score is its own), and why it did
 * not fire for this person, in the rule's words (its why_not).  Owned by
 * the result; fields may be added at the end in later versions.
 */
typedef struct advisor_missing {
	const char *rule;
	double score;
	const char *why;
} advisor_missing;

/** How many rules are missing (only below the threshold: rules that add
 * to the score, did not fire and say why not); 0 otherwise and for NULL. */
ADVISOR_API size_t advisor_result_missing_count(const advisor_result *result);

/** Missing rule i, in the policy's rule order, the highest scores first;
 * NULL when i is not below advisor_result_missing_count() or result is
 * NULL. */
ADVISOR_API const advisor_missing *advisor_result_missing(
	const advisor_result *result, size_t i);

/** The name of the policy that gave the advice, its layers joined with "+"
 * ("default+mine"); NULL for a NULL result. */
ADVISOR_API const char *advisor_result_policy(const advisor_result *result);

/** How many rules fired, so how many reasons there are; 0 for NULL (and
 * for already_connected, where no rule runs). */
ADVISOR_API size_t advisor_result_reason_count(const advisor_result *result);

/**
 * Reason i, 0 being the deciding one (see advisor_reason); NULL when i is
 * not below advisor_result_reason_count() or the result is NULL.
 */
ADVISOR_API const advisor_reason *advisor_result_reason(
	const advisor_result *result, size_t i);

/** How many facts the policy suggests recording about the person (its
 * advisor.suggest hook; the shipped policy's is lib/suggest.lua), for every
 * verdict, already_connected included; 0 for NULL. */
ADVISOR_API size_t advisor_result_suggestion_count(const advisor_result *result);

/** Suggestion i, in the policy's order; NULL when i is not below
 * advisor_result_suggestion_count() or result is NULL. */
ADVISOR_API const advisor_suggestion *advisor_result_suggestion(
	const advisor_result *result, size_t i);

/**
 * Append one line to the decision log at `path` (made, mode 0600, if
 * absent): the advice the result gives, as a JSON object on a line of its
 * own: "logged" (today), "as_of" (the day judged on: as_of, a
 * "YYYY-MM-DD", or today when NULL), "person", "direction" ("outgoing" or
 * "incoming"), "verdict", "rules" (the rules that fired, the deciding one
 * first), "scores" (what each of them added to the score, 0 for a veto),
 * "note" (true when a note was advised) and "policy" (its name,
 * advisor_result_policy()).  The line is written with one append, so
 * several processes may log to one file at once.  The log never leaves
 * the machine (docs/security.md).  ADVISOR_EINVAL for a NULL result, an
 * empty path or an as_of that is not a day; ADVISOR_EIO naming the path
 * when it cannot be opened or written; ADVISOR_ENOMEM.
 */
ADVISOR_API int advisor_result_log(const advisor_result *result,
	const char *as_of, const char *path, advisor_error *err);

/**
 * The policy's boolean setting `name` (one the shipped settings.lua or a
 * layer declares, as the layers and their settings.json left it, such as
 * "decision_log") in *out: 1 or 0.  ADVISOR_ENOTFOUND when the policy has
 * no such setting; ADVISOR_EINVAL for NULL arguments or a setting that is
 * not a boolean (*out is then 0).
 */
ADVISOR_API int advisor_engine_setting_boolean(int *out,
	const advisor_engine *engine, const char *name, advisor_error *err);

/**
 * The policy's number setting `name` (one the shipped settings.lua or a
 * layer declares, as the layers and their settings.json left it, such as
 * "reinvite_block_days") in *out.  ADVISOR_ENOTFOUND when the policy has
 * no such setting; ADVISOR_EINVAL for NULL arguments or a setting that is
 * not a number (*out is then 0).
 */
ADVISOR_API int advisor_engine_setting_number(double *out,
	const advisor_engine *engine, const char *name, advisor_error *err);

/**
 * Advise on one request: the engine's policy judges req->person in net
 * (docs/policy.md says how the shipped policy decides).  The engine keeps
 * no pointer to net or req after the call.  A request the network or
 * policy cannot answer is an error: ADVISOR_EINVAL (NULL arguments, an
 * unknown request version, a bad as_of or direction), ADVISOR_ENOTFOUND
 * (no such person), ADVISOR_EINTENT (the message lists the known intents).
 * A policy that fails while deciding is ADVISOR_EPOLICY (its file and line)
 * or ADVISOR_ELIMIT (instruction, memory or time limit) - never a verdict;
 * ADVISOR_ENOMEM.  The engine stays usable after any failure.  Free the
 * result, which owns all its strings, with advisor_result_free().
 */
ADVISOR_API int advisor_advise(advisor_result **out, advisor_engine *engine,
	const advisor_network *net, const advisor_request *req,
	advisor_error *err);

/** Release a result and its strings.  NULL is ignored. */
ADVISOR_API void advisor_result_free(advisor_result *result);

/**
 * The result as one line of JSON (docs/data-format.md, "Result"), as
 * `advisor advise --json` prints it.  ADVISOR_EINVAL, ADVISOR_ENOMEM.  Free
 * the string with advisor_string_free().
 */
ADVISOR_API int advisor_result_to_json(char **out, const advisor_result *result,
	advisor_error *err);

/**
 * Advise on one request written as a JSON object, and write the result as
 * one line of JSON: what `advisor batch` does for each line.  The request
 * is {"person": ID, "direction": "outgoing"|"incoming", "intent": [WORD...],
 * "as_of": "YYYY-MM-DD"}, only person required (docs/data-format.md);
 * request[0..len) need not be NUL-terminated.  A malformed request is
 * ADVISOR_EINVAL naming the field; other failures are as for
 * advisor_advise().  Free *out with advisor_string_free().
 */
ADVISOR_API int advisor_advise_json(char **out, advisor_engine *engine,
	const advisor_network *net, const char *request, size_t len,
	advisor_error *err);

/* ------------------------------------------------------------------------
 * Policy case files: requests and what must come out of them
 * ------------------------------------------------------------------------ */

/**
 * One case of a case file, from advisor_cases_get(): a request and what
 * its advice must be (docs/cli.md, "advisor test", says what each
 * expectation means).  Owned by the case file; fields may be added at the
 * end in later versions, so read it through the pointer given.  Its lists
 * belong to the case file too and are never NULL: one that is not given
 * is empty.
 */
typedef struct advisor_case {
	const char *name;
	/** The request, read as advisor_request_parse() reads one; NULL when
	 * it was refused, and then request_error says why (an error a case
	 * may expect). */
	const advisor_request *request;
	const advisor_error *request_error;
	/** The note limit the case is judged with; 0 for the engine's. */
	unsigned int note_limit;
	/** The verdict it must get; ADVISOR_VERDICT_INVALID when not said. */
	advisor_verdict verdict;
	/** The deciding rule (the first reason); NULL when not said. */
	const char *first_rule;
	/** Rules that must fire, and rules that must not. */
	const advisor_strings *rules;
	const advisor_strings *not_rules;
	/** Texts the note must contain. */
	const advisor_strings *note_contains;
	/** The whole note, exactly; NULL when not said. */
	const char *note;
	/** 1: no note; 0: a note; -1: not said. */
	int no_note;
	/** Text the error message must contain (the request must fail). */
	const char *error;
	/** Changes, as advisor_explain() words them, that must each flip the
	 * verdict. */
	const advisor_strings *what_if;
	/** Rules whose line in the explanation must say something:
	 * advisor_explain()'s trace of rule i of why_rules has string i of
	 * whys in its why (the two lists are as long). */
	const advisor_strings *why_rules;
	const advisor_strings *whys;
	/** The limit advisor_result_no_note_fits() must give; 0 when not
	 * said. */
	unsigned int no_note_fits;
} advisor_case;

/**
 * A case file read and checked, an opaque handle made by
 * advisor_cases_load() or advisor_cases_read(): its network and its cases.
 * Release it with advisor_cases_free().
 */
typedef struct advisor_cases advisor_cases;

/**
 * Read a case file (docs/cli.md, "advisor test"): one JSON object with an
 * optional "format": "advisor-cases/1", the network (a path relative to
 * the file, an inline network, or none) and a non-empty list of "cases",
 * each a name, an optional note_limit, a request and what to expect.  The
 * whole file is checked before it is handed out: not JSON, an unknown
 * field or a value of the wrong type is ADVISOR_EDATA with the file and
 * the JSON path ("cases[0].expect.verdit", as data in err too).  Text that
 * is not a case file says what it is instead: a network file, a single
 * request, or requests one a line.  A request the request reader refuses
 * fails only its case (advisor_case's request_error).  Files over 64 MiB
 * are refused, and so is anything but a file (a FIFO, /dev/stdin from a
 * pipe, a device), ADVISOR_EIO, without waiting for a writer; a symbolic
 * link to a file is followed.  Free *out with advisor_cases_free().
 */
ADVISOR_API int advisor_cases_load(advisor_cases **out, const char *path,
	advisor_error *err);

/**
 * Like advisor_cases_load(), from a buffer: `name` stands for the file in
 * messages, and a network path is relative to its folder.
 */
ADVISOR_API int advisor_cases_read(advisor_cases **out, const char *data,
	size_t len, const char *name, advisor_error *err);

/** Release a case file.  NULL is ignored. */
ADVISOR_API void advisor_cases_free(advisor_cases *cases);

/** How many cases the file holds (at least 1); 0 for NULL. */
ADVISOR_API size_t advisor_cases_count(const advisor_cases *cases);

/** Case i, in file order, owned by the case file; NULL when i is not
 * below advisor_cases_count() or cases is NULL. */
ADVISOR_API const advisor_case *advisor_cases_get(const advisor_cases *cases,
	size_t i);

/**
 * Load the case file's network: the file it names (relative to the case
 * file) with opts, or its inline network (opts' warning is used; messages
 * name it "FILE: network").  When the case file names none, *out is NULL
 * and the call returns ADVISOR_OK: the caller supplies one.  opts may be
 * NULL.  Free the network with advisor_network_free().
 */
ADVISOR_API int advisor_cases_network(advisor_network **out,
	const advisor_cases *cases, const advisor_load_options *opts,
	advisor_error *err);

/* ------------------------------------------------------------------------
 * Explanations: every rule, and what would change the verdict
 * ------------------------------------------------------------------------ */

/* advisor_fact (declared with the results, above): reading one. */

/** The fact's event type. */
ADVISOR_API const char *advisor_fact_type(const advisor_fact *fact);

/** How many fields the fact gives (those not given are left to whoever
 * records it: a meeting's date, say). */
ADVISOR_API size_t advisor_fact_field_count(const advisor_fact *fact);

/** Field i's name, from 0. */
ADVISOR_API const char *advisor_fact_field_name(const advisor_fact *fact,
	size_t i);

/** Field i's value, as written. */
ADVISOR_API const char *advisor_fact_field_value(const advisor_fact *fact,
	size_t i);

/** What one rule did in one piece of advice. */
typedef enum advisor_rule_outcome {
	ADVISOR_RULE_FIRED = 0,   /**< fired and added its score */
	ADVISOR_RULE_DECIDED,     /**< its veto applied and decided the verdict */
	ADVISOR_RULE_OUTRANKED,   /**< its veto applied, a stronger veto decided */
	ADVISOR_RULE_OVERRULED,   /**< fired, but a veto decided the verdict */
	ADVISOR_RULE_NOT_FIRED,   /**< ran; its check returned nothing */
	ADVISOR_RULE_OFF,         /**< switched off by a layer */
	ADVISOR_RULE_NOT_RUN      /**< no rule ran (already connected) */
} advisor_rule_outcome;

/** "fired", "decided", "outranked", "overruled", "not_fired", "off",
 * "not_run"; "unknown" for anything else. */
ADVISOR_API const char *advisor_rule_outcome_name(advisor_rule_outcome o);

/**
 * One rule of the policy in an explanation, from advisor_explanation_rule()
 * in the engine's rule order.  Owned by the explanation; fields may be
 * added at the end in later versions (read it through the pointer given).
 */
typedef struct advisor_rule_trace {
	const char *rule;
	advisor_rule_outcome outcome;
	/** What it added to the score (0 unless it fired). */
	double score;
	/** Why, in words: "reads the intent \"learn\", which the request does
	 * not have", "its veto is only for outgoing invitations", ... */
	const char *why;
} advisor_rule_trace;

/**
 * A single change to the request or the facts that flips the verdict, from
 * advisor_explanation_what_if().  Owned by the explanation; fields may be
 * added at the end in later versions.
 */
typedef struct advisor_what_if {
	/** In words: "without the intent \"date\"", "once the hiring decision
	 * is made", "if they invited you". */
	const char *change;
	/** "drop_intent", "add_intent", "direction", "drop_fact" or
	 * "add_fact". */
	const char *kind;
	/** The intent, the new direction, or the fact's event type. */
	const char *subject;
	/** The verdict and score with the change, and the deciding rule (NULL
	 * if no rule fired). */
	advisor_verdict verdict;
	double score;
	const char *rule;
	/** For "add_fact": the fact that, recorded, would flip the verdict
	 * (`advisor remember` records it), without its date, which is the
	 * recorder's to give (the explanation tried it dated the day judged);
	 * NULL for the other kinds. */
	const advisor_fact *fact;
} advisor_what_if;

/**
 * An explained piece of advice, an opaque handle made by advisor_explain():
 * the result, every rule's outcome, and the single changes that would flip
 * the verdict.  Read it with the accessors below; release it with
 * advisor_explanation_free().  What they return belongs to the explanation.
 */
typedef struct advisor_explanation advisor_explanation;

/** The advice itself, owned by the explanation (don't free it); NULL for
 * NULL. */
ADVISOR_API const advisor_result *advisor_explanation_result(
	const advisor_explanation *x);

/** How many rules the policy has (each one is traced, switched-off ones
 * included); 0 for NULL. */
ADVISOR_API size_t advisor_explanation_rule_count(
	const advisor_explanation *x);

/** Rule i's trace, in the engine's rule order (advisor_engine_rule()'s);
 * NULL when i is out of range or x is NULL. */
ADVISOR_API const advisor_rule_trace *advisor_explanation_rule(
	const advisor_explanation *x, size_t i);

/** How many single changes flip the verdict; 0 for NULL, and for
 * already_connected. */
ADVISOR_API size_t advisor_explanation_what_if_count(
	const advisor_explanation *x);

/** Change i, in the order they were tried (intents dropped, intents added,
 * the direction, facts taken away, facts added); NULL when i is out of
 * range or x is NULL. */
ADVISOR_API const advisor_what_if *advisor_explanation_what_if(
	const advisor_explanation *x, size_t i);

/**
 * Advise as advisor_advise() does, and explain: why each rule did or did
 * not count, and which single changes would flip the verdict, found by
 * evaluating the policy again with one change at a time: each intent of
 * the request dropped, each intent the policy knows added, the direction
 * flipped, the facts each rule's `what_if` names taken away together (the
 * shipped policy's: an open hiring process as decided), each other
 * event of the person as absent, and the facts the rules' `what_if`s add
 * (the shipped policy's: a meeting, work together that ended well, an
 * introduction by each of the first five connections you share), each
 * dated the day judged, on the person's events for that one evaluation
 * (nothing is copied).  Costs one evaluation per change; the
 * changes together get one request's budget (the engine's instruction and
 * time limits, the work of looking through the person's events included),
 * and those left when it runs out are not tried
 * (advisor_explanation_complete() says so).  Errors as for
 * advisor_advise(); a change whose evaluation fails is left out.
 */
ADVISOR_API int advisor_explain(advisor_explanation **out,
	advisor_engine *engine, const advisor_network *net,
	const advisor_request *req, advisor_error *err);

/** 1 if every change was tried, 0 if the explanation's budget ran out
 * first (a person with thousands of events, a policy of thousands of
 * intents) or x is NULL: the what-ifs listed are then those found among the
 * changes tried, in order. */
ADVISOR_API unsigned int advisor_explanation_complete(const advisor_explanation *x);

/** Release an explanation (and its result).  NULL is ignored. */
ADVISOR_API void advisor_explanation_free(advisor_explanation *x);

/**
 * The explanation as one line of JSON: the result's object with three more
 * members, "rules", "what_if" and "what_if_complete" (docs/data-format.md,
 * "Explanations").
 * ADVISOR_EINVAL for NULL arguments, ADVISOR_ENOMEM.  Free the string with
 * advisor_string_free().
 */
ADVISOR_API int advisor_explanation_to_json(char **out,
	const advisor_explanation *x, advisor_error *err);

/**
 * Release a string the library returned (advisor_advise_json(),
 * advisor_result_to_json(), ...).  It calls free(); use it rather than free
 * so that a library and a program with different allocators stay correct.
 * NULL is ignored.
 */
ADVISOR_API void advisor_string_free(char *s);

/* ------------------------------------------------------------------------
 * Pending invitations
 * ------------------------------------------------------------------------ */

/** Room for a date as the network writes it, "YYYY-MM-DD" and a NUL. */
#define ADVISOR_DATE_MAX 16

/**
 * Is an invitation with this person waiting for an answer?  Yes when they
 * are not a connection (`connected` is not true) and have an `invitation`
 * event: the latest one (by date, the later in the file on a tie) says
 * who is waiting - ADVISOR_INCOMING, they invited you; ADVISOR_OUTGOING,
 * you invited them.  *pending is set to 1 (and *direction and date, which
 * may be NULL, are filled) or to 0 if nothing is pending; both are answers,
 * ADVISOR_OK.  ADVISOR_ENOTFOUND for an unknown id or your own,
 * ADVISOR_EINVAL for a NULL pending, net or id.  What `advisor triage`
 * lists.
 */
ADVISOR_API int advisor_network_pending_invitation(int *pending,
	advisor_direction *direction, char date[ADVISOR_DATE_MAX],
	const advisor_network *net, const char *id, advisor_error *err);

/**
 * The message of the invitation advisor_network_pending_invitation()
 * finds waiting (theirs or yours), as the network holds it: *message is
 * NULL when nothing is pending or the invitation has no message; both are
 * answers, ADVISOR_OK.  It comes from another person (or a LinkedIn
 * export): sanitise it before printing it to a terminal.  It belongs to
 * the network and lives as long as it.  ADVISOR_ENOTFOUND for an unknown
 * id or your own, ADVISOR_EINVAL for a NULL message, net or id.
 */
ADVISOR_API int advisor_network_invitation_message(const char **message,
	const advisor_network *net, const char *id, advisor_error *err);

/* ------------------------------------------------------------------------
 * Importing a LinkedIn export, and the user's own facts
 * ------------------------------------------------------------------------ */

/**
 * Called as an import goes on: `file` is the export file being read,
 * `done` of its `total` bytes read so far; once as each file starts (done
 * 0), every 2048 rows, and as it ends (done == total).  For a progress
 * display, and to stop: return 0 to go on, non-zero to cancel the import,
 * which then returns ADVISOR_ECANCELED naming the file and hands back no
 * network (*out stays NULL).
 */
typedef int (*advisor_progress_cb)(void *payload, const char *file,
	uint64_t done, uint64_t total);

/** How to import: annotations to merge, warnings, progress, a size limit. */
typedef struct advisor_import_options {
	unsigned int version;
	/**
	 * An annotations file (the network format, people matched by id) to
	 * merge over the import, or NULL.  See advisor_network_merge().
	 */
	const char *annotations;
	/** Receives warnings (a date that cannot be read, with file and line)
	 * and merge conflicts; NULL discards them (they are still counted). */
	advisor_warning_cb warning;
	void *warning_payload;
	/** Receives progress; NULL for none. */
	advisor_progress_cb progress;
	void *progress_payload;
	/** Larger export files (or zip members) are refused (ADVISOR_EDATA,
	 *  the error's field "max_bytes"); 0 means 1 GiB. */
	uint64_t max_bytes;
	/** (Version 2.)  The people of a group conversation in messages.csv
	 * (you and at least two others) know each other: each pair of them is
	 * linked ("connections").  A conversation of more than group_limit
	 * others is a broadcast: counted in the summary and not linked.  0
	 * links none; ADVISOR_DEFAULT_GROUP_LIMIT by default, and for a
	 * version 1 struct. */
	size_t group_limit;
} advisor_import_options;

/** The most others a group conversation may have for its people to be
 * linked, unless advisor_import_options.group_limit says otherwise. */
#define ADVISOR_DEFAULT_GROUP_LIMIT 20

#define ADVISOR_IMPORT_OPTIONS_VERSION 2
#define ADVISOR_IMPORT_OPTIONS_INIT \
	{ ADVISOR_IMPORT_OPTIONS_VERSION, NULL, NULL, NULL, NULL, NULL, 0, \
	  ADVISOR_DEFAULT_GROUP_LIMIT }

/** Set *opts to ADVISOR_IMPORT_OPTIONS_INIT, for callers that cannot use the macro.  NULL is
 * ignored. */
ADVISOR_API void advisor_import_options_init(advisor_import_options *opts);

/**
 * What was read from one export file, from advisor_import_summary_file().
 * Belongs to the summary.
 */
typedef struct advisor_import_file {
	/** "Connections.csv", "Invitations.csv", "messages.csv",
	 * "Profile.csv", "Positions.csv", "Recommendations_Received.csv",
	 * "Recommendations_Given.csv", "Endorsement_Received_Info.csv",
	 * "Endorsement_Given_Info.csv" (constant strings). */
	const char *name;
	int found;      /**< non-zero if the export has the file */
	size_t rows;    /**< rows after the header */
	size_t skipped; /**< rows not imported (blank members, sponsored mail) */
	/** Rows naming nobody the export knows otherwise (a recommendation or
	 * endorsement of someone no longer a connection): not imported, and
	 * not among `skipped`. */
	size_t unmatched;
} advisor_import_file;

/**
 * What an import or a merge did, for the summary a user reads: handed out
 * by advisor_import_linkedin(), advisor_network_merge(),
 * advisor_annotations_merge() and advisor_folder_commit() through their
 * `summary` out-parameter and released with advisor_import_summary_free().
 * Read-only; members may be added at the end (see the conventions at the
 * top).
 */
typedef struct advisor_import_summary {
	size_t people;            /**< people in the network written */
	size_t connections;       /**< of whom first-degree connections */
	size_t pending_incoming;  /**< invitations to you awaiting an answer */
	size_t pending_outgoing;  /**< your invitations still waiting */
	size_t invitations;       /**< invitation events */
	size_t messages;          /**< message events */
	size_t skipped_rows;      /**< rows not imported, all files */
	size_t warnings;
	size_t annotated_people;  /**< imported people given the user's facts */
	size_t added_people;      /**< people only the annotations have */
	size_t annotated_events;  /**< events the annotations added */
	size_t conflicts;         /**< fields where annotations and export differ */
	/* From advisor_folder_import(), 0 elsewhere: what the earlier imports
	 * held that this export no longer lists, kept. */
	size_t kept_people;       /**< people only earlier exports listed */
	size_t kept_events;       /**< earlier events this export lacks */
	size_t kept_messages;     /**< of which messages */
	size_t ended_invitations; /**< invitations this import marked ended */
	size_t accepted_invitations; /**< and marked accepted */
	/* From every import and merge: */
	size_t recommendations;   /**< recommendation events, either way */
	size_t endorsements;      /**< endorsement events, either way */
	size_t unmatched_rows;    /**< rows naming nobody known, all files */
	/* From advisor_import_linkedin(), 0 elsewhere: messages.csv's group
	 * conversations (advisor_import_options.group_limit). */
	size_t groups_linked;     /**< conversations whose people were linked */
	size_t groups_skipped;    /**< of more than group_limit others: not */
	size_t group_links;       /**< links between their people added */
} advisor_import_summary;

/**
 * A person you added by hand ("added": true in annotations.json) whom the
 * import lists, from advisor_import_summary_found().  Merged: import_id is
 * the id the import gave them, now an alias of `id` (candidates NULL).
 * Not merged, since several imported people have their name and company:
 * import_id NULL, candidates lists them ("id (profile URL), ...").
 * Belongs to the summary.
 */
typedef struct advisor_import_found {
	const char *id;          /**< the id you gave them, which they keep */
	const char *name;
	const char *import_id;   /**< merged: the import's id; else NULL */
	const char *candidates;  /**< not merged: who fits; else NULL */
} advisor_import_found;

/** How many added people the merge found in the import (0 for NULL). */
ADVISOR_API size_t advisor_import_summary_found_count(
	const advisor_import_summary *summary);

/** The i-th of them, in annotations.json's order; NULL when i is not below
 * advisor_import_summary_found_count() or summary is NULL. */
ADVISOR_API const advisor_import_found *advisor_import_summary_found(
	const advisor_import_summary *summary, size_t i);

/** How many export files the summary describes: every file an import
 * looks for, found or not; 0 after a merge, which reads none; 0 for NULL. */
ADVISOR_API size_t advisor_import_summary_file_count(
	const advisor_import_summary *summary);

/** File i, in the order the import reads them (Connections.csv first);
 * NULL when i is not below advisor_import_summary_file_count() or summary
 * is NULL.  It lives as long as the summary. */
ADVISOR_API const advisor_import_file *advisor_import_summary_file(
	const advisor_import_summary *summary, size_t i);

/** Release a summary.  NULL is ignored. */
ADVISOR_API void advisor_import_summary_free(advisor_import_summary *summary);

/**
 * Import a LinkedIn data export: `export_path` is the folder it was
 * unpacked into, or the .zip as LinkedIn delivers it (read in memory,
 * never unpacked to disk).  Connections.csv, Invitations.csv,
 * messages.csv, Profile.csv, Positions.csv and the recommendation and
 * endorsement files are read (whichever are present); docs/linkedin-import.md says what comes from where and how
 * person ids are made.  With opts->annotations, the user's facts are merged
 * over the result (advisor_network_merge()).  *out receives the network as
 * a JSON document ("advisor-network/1"), already checked by the network
 * loader.  A file that cannot be read or parsed is ADVISOR_EIO or
 * ADVISOR_EDATA naming the file and line; ADVISOR_EINVAL, ADVISOR_ENOMEM.
 * opts may be NULL.  With summary not NULL, *summary receives what was
 * read (NULL on failure); free it with advisor_import_summary_free().  Free
 * *out with advisor_string_free().
 */
ADVISOR_API int advisor_import_linkedin(char **out, const char *export_path,
	const advisor_import_options *opts, advisor_import_summary **summary,
	advisor_error *err);

/**
 * Merge the user's facts (`annotations`, a document in the network format,
 * from the file `annotations_name`, used in messages) over `network` (a
 * network JSON document): people matched by id; fields, events and
 * connections the network lacks added; people it lacks added whole; where
 * both give a field different values the user's is kept and the conflict
 * reported through opts->warning.  Merging the same annotations twice
 * changes nothing.  *out receives the merged network, checked by the
 * network loader (ADVISOR_EDATA, for either document invalid or the merged
 * network failing the loader's checks, names the JSON path of what is
 * wrong; ADVISOR_EINVAL, ADVISOR_ENOMEM).  Only opts' warning fields are
 * used; opts may be NULL.  With summary not NULL, *summary receives what
 * the merge did (NULL on failure); free it with
 * advisor_import_summary_free().  Free *out with advisor_string_free().
 */
ADVISOR_API int advisor_network_merge(char **out, const char *network,
	size_t network_len, const char *annotations, size_t annotations_len,
	const char *annotations_name, const advisor_import_options *opts,
	advisor_import_summary **summary, advisor_error *err);

/**
 * Replace the file at path with data[0..len) atomically: a temporary file
 * in the same folder, fsync, rename, fsync of the folder; a crash leaves
 * the old file or the new one, never half of either.  ADVISOR_EIO names
 * the path and the reason; ADVISOR_EINVAL for NULL arguments.
 */
ADVISOR_API int advisor_file_write(const char *path, const char *data,
	size_t len, advisor_error *err);

/* ------------------------------------------------------------------------
 * The user's annotations: facts edited in place
 * ------------------------------------------------------------------------ */

/**
 * The user's own facts about people (how you met, a job together, an
 * introduction, fields the export lacks, who knows whom), as a document in
 * the network format ("advisor-network/1", docs/data-format.md) that is
 * merged over every import by person id (advisor_network_merge()).  This
 * is the annotations.json of the data folder, edited through calls instead
 * of by hand, so that the command and embedders edit it the same way.
 *
 * People are named by id.  A person the annotations do not hold yet is
 * added by the first call that gives them a fact: with only an id when the
 * network the annotations go over has them, or whole, with a name, when it
 * does not.  A person left with nothing but an id (their last fact
 * removed) leaves the document.  Whatever the document holds that these
 * calls do not edit (me, fields of your own, other top-level members) is
 * kept as it is.  One thread at a time.
 */
typedef struct advisor_annotations advisor_annotations;

/**
 * An empty document.  `name` stands for it in messages, as a file name
 * would; NULL means "annotations".  ADVISOR_EINVAL for a NULL out,
 * ADVISOR_ENOMEM.  Free it with advisor_annotations_free().
 */
ADVISOR_API int advisor_annotations_new(advisor_annotations **out,
	const char *name, advisor_error *err);

/**
 * Read a document from text[0..len), strictly: JSON as the network loader
 * reads it (valid UTF-8, no duplicate key, finite numbers), an object whose
 * "format", if present, is "advisor-network/1", "me" an object, "people"
 * an array of objects each with a non-empty string "id" (no id twice),
 * their "events" arrays of objects with a non-empty string "type" and
 * their "connections" arrays of non-empty strings.  Values (a tone, a
 * date) are checked when the document is merged.  ADVISOR_EDATA names
 * `name` (NULL: "annotations") and the line and column or the JSON path,
 * which err->path and err->field hold too; ADVISOR_EINVAL for a NULL out
 * or text; ADVISOR_ENOMEM.  On failure *out is NULL.  Free the document
 * with advisor_annotations_free().
 */
ADVISOR_API int advisor_annotations_parse(advisor_annotations **out,
	const char *text, size_t len, const char *name, advisor_error *err);

/** Release a document.  NULL is ignored. */
ADVISOR_API void advisor_annotations_free(advisor_annotations *notes);

/**
 * The document as JSON text, indented, members in a stable order (the
 * order they were read or first added in), so that an edit changes only
 * the lines it concerns; the text ends in a newline.  ADVISOR_EINVAL for
 * a NULL out or notes, ADVISOR_ENOMEM.  Free *out with
 * advisor_string_free().
 */
ADVISOR_API int advisor_annotations_to_json(char **out,
	const advisor_annotations *notes, advisor_error *err);

/** How many people the document holds facts about; 0 for NULL. */
ADVISOR_API size_t advisor_annotations_person_count(
	const advisor_annotations *notes);

/** The id of the i-th person, in document order; NULL past the end or for
 * NULL.  Belongs to the document; valid until it changes. */
ADVISOR_API const char *advisor_annotations_person_id(
	const advisor_annotations *notes, size_t i);

/**
 * Add an event to the person `id`: its type ("met", "worked_together",
 * ...) and its fields (NULL for none; "type" is not one of them).  A
 * person the document lacks is added, with `name` if it is not NULL (a
 * person the network does not have needs one).  An event equal to one the
 * person has (the same fields with the same values, in any order) is not
 * added twice: *added (which may be NULL) is 1 if the event was added,
 * 0 if it was there already.  ADVISOR_EINVAL for a NULL notes, an empty
 * id, name or type, or a field named "type" (err->field); ADVISOR_ENOMEM.
 * On failure the document is unchanged.
 */
ADVISOR_API int advisor_annotations_add_event(int *added,
	advisor_annotations *notes, const char *id, const char *name,
	const char *type, const advisor_fields *fields, advisor_error *err);

/** How many events the document gives the person `id` (0 if none). */
ADVISOR_API size_t advisor_annotations_event_count(
	const advisor_annotations *notes, const char *id);

/** The type of the person's i-th event (from 0, in document order); NULL
 * past the end or for an unknown person. */
ADVISOR_API const char *advisor_annotations_event_type(
	const advisor_annotations *notes, const char *id, size_t i);

/**
 * The value of a string field of the person's i-th event ("date",
 * "context", ...); NULL when the event has no such field, it is not a
 * string, or there is no such event.  Belongs to the document; valid until
 * it changes.
 */
ADVISOR_API const char *advisor_annotations_event_string(
	const advisor_annotations *notes, const char *id, size_t i,
	const char *field);

/**
 * Remove the person's i-th event (from 0).  ADVISOR_ENOTFOUND, naming the
 * person and how many events they have, when there is no such event;
 * ADVISOR_EINVAL for a NULL notes or an empty id.
 */
ADVISOR_API int advisor_annotations_remove_event(advisor_annotations *notes,
	const char *id, size_t i, advisor_error *err);

/**
 * Remove every event of this type from the person; *removed (which may be
 * NULL) receives how many.  Removing none is not an error.  ADVISOR_EINVAL
 * for a NULL notes or an empty id or type.
 */
ADVISOR_API int advisor_annotations_remove_events(size_t *removed,
	advisor_annotations *notes, const char *id, const char *type,
	advisor_error *err);

/**
 * Set fields of the person `id` (their "company", "industry", "seniority",
 * "influencer", a field of your own...), each replacing an earlier value;
 * a person the document lacks is added, with `name` if it is not NULL.
 * "id", "events" and "connections" have their own calls: ADVISOR_EINVAL
 * (err->field names it), as for a NULL notes or an empty id or name;
 * ADVISOR_ENOMEM.  On failure nothing is set.  Whether a value suits its
 * field is checked when the document is merged.
 */
ADVISOR_API int advisor_annotations_set_fields(advisor_annotations *notes,
	const char *id, const char *name, const advisor_fields *fields,
	advisor_error *err);

/**
 * Remove the field `field` from the person; *cleared (which may be NULL)
 * is 1 if it was there.  "id", "events" and "connections" are
 * ADVISOR_EINVAL, as are a NULL notes and an empty id or field.
 */
ADVISOR_API int advisor_annotations_clear_field(int *cleared,
	advisor_annotations *notes, const char *id, const char *field,
	advisor_error *err);

/**
 * Record that `a` and `b` know each other (links are undirected): b joins
 * a's "connections".  *added (which may be NULL) is 0 if the document
 * holds the link already (either way round), else 1.  ADVISOR_EINVAL for
 * a NULL notes, an empty id or a == b; ADVISOR_ENOMEM.
 */
ADVISOR_API int advisor_annotations_link(int *added,
	advisor_annotations *notes, const char *a, const char *b,
	advisor_error *err);

/**
 * Remove the link between `a` and `b` (either way round) from the
 * document; *removed (which may be NULL) is 1 if it was there.  A link the
 * network itself has (from the export) is not in the document and stays.
 * ADVISOR_EINVAL as for advisor_annotations_link().
 */
ADVISOR_API int advisor_annotations_unlink(int *removed,
	advisor_annotations *notes, const char *a, const char *b,
	advisor_error *err);

/**
 * Remove the person `id` and every fact about them from the document;
 * *removed (which may be NULL) is 1 if they were there.  The inverse of
 * adding a person whole; links to them that other people hold stay.
 * ADVISOR_EINVAL for a NULL notes or an empty id.
 */
ADVISOR_API int advisor_annotations_remove_person(int *removed,
	advisor_annotations *notes, const char *id, advisor_error *err);

/**
 * Add a person the network does not have (someone met yesterday, not in
 * the export): an entry {"id", "name", "added": true, and the fields}.
 * The id is made from the name as the import makes ids from names
 * (docs/linkedin-import.md: "Noa Levi" is noa-levi), with "-2", "-3"...
 * when a person of the document or of `network` (the JSON text of the
 * network the annotations go over, network_len bytes; NULL for none) has
 * it or lists it among their connections; *id receives it (it belongs to
 * the document, valid until the document changes).
 *
 * Someone who is there already is refused rather than added twice: a
 * "profile_url" that is a person's (compared as profile URLs are, scheme,
 * "www." and a trailing slash aside), or a name that is a person's (case
 * and accents aside) unless both have profile URLs and they differ.  That
 * is ADVISOR_EINVAL, err->field "profile_url" or "name", the message
 * naming who (their name, id and company).  So are a NULL id or notes, an
 * empty name, a name or text value with a line break or another control
 * character, and a field named "id", "name", "added", "events" or
 * "connections" (err->field names it).  A `network` that does not parse is
 * ADVISOR_EDATA; ADVISOR_ENOMEM.  On failure the document is unchanged.
 * Whether a value suits its field is checked when the document is merged.
 */
ADVISOR_API int advisor_annotations_add_person(const char **id,
	advisor_annotations *notes, const char *name,
	const advisor_fields *fields, const char *network, size_t network_len,
	advisor_error *err);

/** 1 if the person `id` is one added with advisor_annotations_add_person()
 * (their entry has "added": true), else 0 (also for NULL). */
ADVISOR_API unsigned int advisor_annotations_person_added(
	const advisor_annotations *notes, const char *id);

/**
 * Rebuild: the document merged over `network` (a network JSON document,
 * the import), exactly as advisor_network_merge() merges annotations text,
 * and checked by the network loader: a bad value is ADVISOR_EDATA with the
 * JSON path in the merged network ("the merged network:
 * people[11].events[1].tone: ..."; err->path and err->field).  Conflicts
 * go to opts->warning (only its warning fields are used); opts may be
 * NULL; summary as for advisor_network_merge().  A network that does not parse is ADVISOR_EDATA
 * too; ADVISOR_EINVAL for a NULL out, notes or network, or a bad
 * opts->version; ADVISOR_ENOMEM.  On failure *out is NULL.  The document
 * is not changed.  Free *out with advisor_string_free().
 */
ADVISOR_API int advisor_annotations_merge(char **out,
	const advisor_annotations *notes, const char *network,
	size_t network_len, const advisor_import_options *opts,
	advisor_import_summary **summary, advisor_error *err);

/* ------------------------------------------------------------------------
 * The data folder: one lock, changes made whole
 * ------------------------------------------------------------------------ */

/**
 * The user's data folder (the command's is $XDG_DATA_HOME/advisor), open
 * for changing: base.json (the network as imported), annotations.json (the
 * user's facts), network.json (the two merged: what is read to advise),
 * and the folder's own files: "format" (the layout's version,
 * "advisor-data/1", written when a writer first opens the folder; a folder
 * of another version is refused), "lock" (held by the open folder) and,
 * only while a change is being written, "journal".
 *
 * One writer at a time: opening takes the folder's lock (flock(2) on
 * "lock") and holds it until advisor_folder_free(), so that two programs
 * changing the user's facts at once cannot lose one of them.  Readers
 * (loading network.json) need no lock.  A change is made whole by
 * advisor_folder_commit(): the files of a change are all old or all new,
 * even if the process is killed or the disk fills half-way.  POSIX only.
 * One thread at a time.
 */
typedef struct advisor_folder advisor_folder;

/** How to open a data folder. */
typedef struct advisor_folder_options {
	unsigned int version;
	/** Non-zero: make the folder (and its parents, mode 0700) if absent. */
	int create;
	/**
	 * How long to wait for another writer to close the folder, in
	 * milliseconds; 0 fails at once if it is open elsewhere.
	 */
	unsigned int lock_wait_ms;
} advisor_folder_options;

/** The current version of advisor_folder_options, and its defaults. */
#define ADVISOR_FOLDER_OPTIONS_VERSION 1
#define ADVISOR_FOLDER_OPTIONS_INIT { ADVISOR_FOLDER_OPTIONS_VERSION, 0, 0 }

/** Set *opts to ADVISOR_FOLDER_OPTIONS_INIT, for callers that cannot use
 * the macro.  NULL is ignored. */
ADVISOR_API void advisor_folder_options_init(advisor_folder_options *opts);

/**
 * Open the data folder `dir` for changing: take its lock (waiting up to
 * opts->lock_wait_ms for another writer), check or write its format, and
 * finish a change that a writer killed after its commit point left in the
 * journal.  opts may be NULL (no creating, no waiting).  ADVISOR_EIO for a
 * folder that does not exist or cannot be made, a lock held elsewhere
 * past the wait (the message names the process holding it), or a file
 * that cannot be read or written; ADVISOR_EDATA for a folder of another
 * format or a damaged journal (both named); ADVISOR_EINVAL for a NULL out,
 * an empty dir or a bad opts->version; ADVISOR_ENOMEM.  On failure *out is
 * NULL and the lock is not held.  Free the folder (which releases the
 * lock) with advisor_folder_free().
 */
ADVISOR_API int advisor_folder_open(advisor_folder **out, const char *dir,
	const advisor_folder_options *opts, advisor_error *err);

/** Release the folder and its lock.  NULL is ignored. */
ADVISOR_API void advisor_folder_free(advisor_folder *folder);

/** The folder's path, as given to advisor_folder_open(); NULL for NULL. */
ADVISOR_API const char *advisor_folder_dir(const advisor_folder *folder);

/**
 * The folder's annotations.json, read by advisor_annotations_parse() (its
 * path names it in messages), or an empty document if there is none yet.
 * Errors as for advisor_annotations_parse(), and ADVISOR_EIO for a file
 * that cannot be read.  Free *out with advisor_annotations_free().
 */
ADVISOR_API int advisor_folder_annotations(advisor_annotations **out,
	const advisor_folder *folder, advisor_error *err);

/**
 * Change the folder as one: `base` (base_len bytes, a network JSON
 * document, the new import; NULL keeps base.json) and `notes` (the new
 * annotations; NULL keeps annotations.json) are merged as
 * advisor_annotations_merge() does, and only if that succeeds are the
 * given files and network.json written (with no fact to merge,
 * network.json is the import byte for byte).  They are written through a
 * journal: if the process dies or the disk fills half-way, either no file
 * has changed or the next advisor_folder_open() completes the change.
 * Conflicts go to opts->warning; opts may be NULL; summary as for
 * advisor_network_merge() (NULL when not wanted).  Errors as
 * for advisor_annotations_merge() (nothing is written then), ADVISOR_EIO
 * for a file that cannot be read or written (naming it), ADVISOR_EINVAL
 * for a NULL folder.
 */
ADVISOR_API int advisor_folder_commit(advisor_folder *folder,
	const char *base, size_t base_len, const advisor_annotations *notes,
	const advisor_import_options *opts, advisor_import_summary **summary,
	advisor_error *err);

/**
 * Import a new export into the folder, keeping what earlier imports saw:
 * `base` (base_len bytes, the network document advisor_import_linkedin()
 * made) is accumulated with the previous base.json when that came from an
 * import too: people, fields and events only the earlier exports listed
 * are kept, events are not repeated, and an invitation the new export no
 * longer lists is marked "status": "accepted" (they are a connection now)
 * or "ended" with "last_seen" (docs/data-format.md, "Re-imports").  The
 * result is stamped "imported" (today's date) and committed as
 * advisor_folder_commit() does, with the annotations.json of the folder,
 * and in the same transaction history.json gets the record of what this
 * export showed (docs/data-format.md, "History"); the summary also counts
 * what was kept.  Errors as for advisor_folder_commit(), and ADVISOR_EDATA
 * when base, the previous base.json or history.json is not what it should
 * be (nothing is written then).
 */
ADVISOR_API int advisor_folder_import(advisor_folder *folder,
	const char *base, size_t base_len, const advisor_import_options *opts,
	advisor_import_summary **summary, advisor_error *err);

/* ------------------------------------------------------------------------
 * Outcomes: what became of the invitations you sent
 * ------------------------------------------------------------------------ */

/** What became of one invitation you sent (docs/planning.md, "Outcomes"). */
typedef enum advisor_outcome_state {
	/** Still waiting on the day of the last import (or recorded since):
	 * censored, neither a success nor a failure. */
	ADVISOR_OUTCOME_PENDING = 0,
	/** They are a connection now. */
	ADVISOR_OUTCOME_ACCEPTED,
	/** Gone without a connection: withdrawn, ignored or expired, which an
	 * export does not say (a withdrawal you recorded does:
	 * advisor_outcome.withdrawn). */
	ADVISOR_OUTCOME_ENDED
} advisor_outcome_state;

/** "pending", "accepted", "ended"; "unknown" for anything else. */
ADVISOR_API const char *advisor_outcome_state_name(advisor_outcome_state s);

/** Where an outcome's verdict and rules come from. */
typedef enum advisor_outcome_basis {
	/** The decision log's advice on the person, given on or before the
	 * day the invitation was sent (the latest such line). */
	ADVISOR_OUTCOME_LOGGED = 0,
	/** No such line: advised again now, as of the day it was sent, with
	 * the invitation itself and the connection it led to set aside. */
	ADVISOR_OUTCOME_REJUDGED
} advisor_outcome_basis;

/** "logged", "rejudged"; "unknown" for anything else. */
ADVISOR_API const char *advisor_outcome_basis_name(advisor_outcome_basis b);

/**
 * One invitation you sent, from advisor_outcomes_get(): what became of it
 * and what the policy said of it.  Read-only, owned by the outcomes (its
 * strings too) and valid until advisor_outcomes_free(); members may be
 * added at the end (see the conventions at the top).
 */
typedef struct advisor_outcome {
	/** The person's id in the network. */
	const char *person;
	/** The day it was sent, "YYYY-MM-DD". */
	const char *sent;
	/** Non-zero when it carried a note (the export's message, or
	 * `advisor sent --note`). */
	int with_note;
	advisor_outcome_state state;
	/** Accepted: days from sending to the connection's Connected On, or
	 * -1 when that date is unknown or earlier.  Pending: days it has
	 * waited by the options' as_of.  Ended: days from sending to the day
	 * it was last seen listed (or withdrawn), -1 when unknown. */
	int days;
	/** Non-zero for an ended one you recorded withdrawing. */
	int withdrawn;
	/** Ended: the day it was last seen listed, or withdrawn; else NULL. */
	const char *ended_on;
	/** The verdict the features come from (logged or re-judged). */
	advisor_verdict verdict;
	advisor_outcome_basis basis;
	/** ADVISOR_OUTCOME_LOGGED: the day of the log's line; else NULL. */
	const char *logged;
	/** The scores of the rules that fired, added up (re-judged: the
	 * result's score; logged: the rules' scores as advisor_outcome_rule()
 * gives them). */
	double score;
} advisor_outcome;

/** How many rules fired for the outcome; 0 for NULL. */
ADVISOR_API size_t advisor_outcome_rule_count(const advisor_outcome *o);

/**
 * Rule i that fired, the deciding one first, as an advisor_reason: its
 * name, what it added to the score (re-judged: as advised; logged: as the
 * log's line says, or for a line written before the log kept scores, the
 * rule's score in the engine now, 0 for a veto or a rule the policy no
 * longer has), its detail (re-judged only, else NULL) and whether its veto
 * decided.  NULL when i is out of range or
 * o is NULL.  Owned by the outcomes.
 */
ADVISOR_API const advisor_reason *advisor_outcome_rule(
	const advisor_outcome *o, size_t i);

/** What a group of outcomes shares. */
typedef enum advisor_outcome_group_kind {
	ADVISOR_GROUP_ALL = 0,  /**< every outcome: the name is "all" */
	ADVISOR_GROUP_RULE,     /**< a rule that fired: its name */
	ADVISOR_GROUP_VERDICT,  /**< a verdict: its name ("connect", ...) */
	ADVISOR_GROUP_NOTE      /**< "note" or "no_note" */
} advisor_outcome_group_kind;

/**
 * The counts of a group of outcomes, from advisor_outcomes_group().
 * Pending ones are counted but censored: the rate is accepted over
 * accepted + ended, with its 95% Wilson score interval.  Read-only, owned
 * by the outcomes; members may be added at the end.
 */
typedef struct advisor_outcome_group {
	advisor_outcome_group_kind kind;
	const char *name;
	size_t sent, accepted, pending, ended;
	/** accepted / (accepted + ended); 0 when neither. */
	double rate;
	/** The 95% Wilson interval of the rate; 0 and 1 when neither. */
	double low, high;
	/** Of the accepted ones whose days are known: how many, and their
	 * median days to accept (0 when none). */
	size_t days_known;
	double median_days;
} advisor_outcome_group;

/** An opaque list of outcomes and their groups, made by
 * advisor_outcomes_new(), released by advisor_outcomes_free(). */
typedef struct advisor_outcomes advisor_outcomes;

/** How to infer outcomes. */
typedef struct advisor_outcomes_options {
	unsigned int version;
	/** The day they are counted on, "YYYY-MM-DD"; NULL for today.
	 * Invitations sent after it are left out; a pending one's days are
	 * counted to it. */
	const char *as_of;
	/** The decision log to take features from (decisions.ndjson, as
	 * advisor_result_log() writes it), or NULL to re-judge every
	 * invitation.  A file that does not exist is an empty log. */
	const char *decision_log;
	/** Called for each line of the log that is not one of its lines
	 * (skipped), or NULL. */
	advisor_warning_cb warning;
	void *warning_payload;
} advisor_outcomes_options;

/** The current version of advisor_outcomes_options, and its defaults. */
#define ADVISOR_OUTCOMES_OPTIONS_VERSION 1
#define ADVISOR_OUTCOMES_OPTIONS_INIT \
	{ ADVISOR_OUTCOMES_OPTIONS_VERSION, NULL, NULL, NULL, NULL }

/** Set *opts to ADVISOR_OUTCOMES_OPTIONS_INIT, for callers that cannot use
 * the macro.  NULL is ignored. */
ADVISOR_API void advisor_outcomes_options_init(advisor_outcomes_options *opts);

/**
 * What became of every invitation you sent that net holds (an export's
 * outgoing invitations, as re-imports marked them, and those recorded with
 * `advisor sent` and `advisor withdrew`), each with the features the
 * engine's policy gave it (docs/planning.md, "Outcomes", says how each is
 * inferred and what cannot be known).  Outcomes are ordered by the day
 * sent, then by person; groups are: all, each rule that fired (by name),
 * each verdict (in the enumeration's order), then note and no_note, each
 * only when it has an outcome (all is always there).  opts may be NULL.
 * The engine is used during the call only; net is not kept either.
 * Errors: ADVISOR_EINVAL for NULL arguments, an options version outside 1
 * to ADVISOR_OUTCOMES_OPTIONS_VERSION or an as_of that is not a day;
 * ADVISOR_EIO naming the log when it cannot be read; the failures of
 * advisor_advise() while re-judging (the message names the person and the
 * day); ADVISOR_ENOMEM.  Free *out with advisor_outcomes_free().
 */
ADVISOR_API int advisor_outcomes_new(advisor_outcomes **out,
	advisor_engine *engine, const advisor_network *net,
	const advisor_outcomes_options *opts, advisor_error *err);

/** How many outcomes; 0 for NULL. */
ADVISOR_API size_t advisor_outcomes_count(const advisor_outcomes *o);

/** Outcome i; NULL when i is not below advisor_outcomes_count() or o is
 * NULL. */
ADVISOR_API const advisor_outcome *advisor_outcomes_get(
	const advisor_outcomes *o, size_t i);

/** How many groups; 0 for NULL (else at least 1: all). */
ADVISOR_API size_t advisor_outcomes_group_count(const advisor_outcomes *o);

/** Group i; NULL when i is not below advisor_outcomes_group_count() or o
 * is NULL. */
ADVISOR_API const advisor_outcome_group *advisor_outcomes_group(
	const advisor_outcomes *o, size_t i);

/**
 * The outcomes as one JSON document (docs/planning.md, "Outcomes"):
 * {"as_of", "groups": [...], "outcomes": [...]}, each group and outcome
 * an object of the members above.  ADVISOR_EINVAL for NULL arguments,
 * ADVISOR_ENOMEM.  Free *out with advisor_string_free().
 */
ADVISOR_API int advisor_outcomes_to_json(char **out,
	const advisor_outcomes *o, advisor_error *err);

/** Release the outcomes, their groups and strings.  NULL is ignored. */
ADVISOR_API void advisor_outcomes_free(advisor_outcomes *o);

/* ------------------------------------------------------------------------
 * Tuning: the rules' scores fitted to what became of your invitations
 * ------------------------------------------------------------------------ */

/**
 * A rule of the policy as a tuning sees it, from advisor_tuning_rule().
 * Read-only, owned by the tuning (its name too) and valid until
 * advisor_tuning_free(); members may be added at the end.
 */
typedef struct advisor_tuned_rule {
	const char *name;
	/** Non-zero for a rule whose score is fitted: one that adds the score
	 * it declares (known, introduced, learn...).  0 for a rule whose
	 * check gives its own score (mutuals) or adds nothing (stranger):
	 * what it added is kept as it was. */
	int tuned;
	/** Its score in the engine now, and the one proposed, rounded to 0.01
	 * (the current one when not tuned or when there were too few
	 * outcomes). */
	double current;
	double proposed;
	/** Of the resolved outcomes fitted on (accepted or ended): how many it
	 * fired on, and of those how many were accepted. */
	size_t fired;
	size_t accepted;
} advisor_tuned_rule;

/**
 * An invitation whose verdict the proposed scores would change, from
 * advisor_tuning_change(): its outcome, its score before and after, the
 * verdict it had, and the one the proposed scores give: connect when the
 * score reaches the threshold, else dont_connect (whether a note goes with
 * it, advice given afresh says).  Read-only, owned by the tuning; members
 * may be added at the end.
 */
typedef struct advisor_verdict_change {
	const char *person;
	const char *sent;
	advisor_outcome_state state;
	double score_before;
	double score_after;
	advisor_verdict before;
	advisor_verdict after;
} advisor_verdict_change;

/** An opaque tuning, made by advisor_tuning_new(), released by
 * advisor_tuning_free(). */
typedef struct advisor_tuning advisor_tuning;

/** How to tune.  Zero fields take the policy's settings
 * (docs/planning.md, "Tuning"). */
typedef struct advisor_tuning_options {
	unsigned int version;
	/** The fewest resolved outcomes (accepted or ended, scored by the
	 * rules rather than decided by a veto) to fit on; 0 for the setting
	 * tune_min_outcomes. */
	size_t min_outcomes;
	/** The strength of the pull toward the current scores (the inverse
	 * variance of a Gaussian prior centred on them, per point squared);
	 * 0 for the setting tune_penalty. */
	double penalty;
} advisor_tuning_options;

/** The current version of advisor_tuning_options, and its defaults. */
#define ADVISOR_TUNING_OPTIONS_VERSION 1
#define ADVISOR_TUNING_OPTIONS_INIT { ADVISOR_TUNING_OPTIONS_VERSION, 0, 0.0 }

/** Set *opts to ADVISOR_TUNING_OPTIONS_INIT, for callers that cannot use
 * the macro.  NULL is ignored. */
ADVISOR_API void advisor_tuning_options_init(advisor_tuning_options *opts);

/**
 * Fit the engine's rule scores to outcomes (advisor_outcomes_new() on the
 * same engine): a logistic regression of accepted against ended on the
 * rules that fired, pending ones left out (censored), on the policy's
 * scale: an invitation scoring s is taken to be accepted with probability
 * 1 / (1 + exp(-tune_scale * (s - threshold))), so the threshold, which
 * stays as it is, is even odds.  The fit is anchored at the current scores
 * by a penalty on the squared distance from them (in the spirit of
 * SpamAssassin's perceptron and rspamd's rescore): with few outcomes the
 * scores move little.  Veto rules are not scored, and outcomes a veto
 * decided are left out.  The tuning proposes a score per tuned rule, the
 * agreement before and after (how many resolved outcomes the verdict got
 * right: connect for an accepted one, not for an ended one), and the
 * invitations whose verdict would change.  With fewer resolved outcomes
 * than the minimum, it fits nothing (advisor_tuning_fitted() is 0), and
 * advisor_tuning_needed() says how many it needs.  opts may be NULL.
 * Neither engine nor outcomes is kept.  ADVISOR_EINVAL for NULL arguments
 * or an options version outside 1 to ADVISOR_TUNING_OPTIONS_VERSION or a
 * negative penalty; ADVISOR_EPOLICY when the policy lacks a tune_ setting
 * or has one that is not a positive number; ADVISOR_ENOMEM.  Free *out with
 * advisor_tuning_free().
 */
ADVISOR_API int advisor_tuning_new(advisor_tuning **out,
	const advisor_engine *engine, const advisor_outcomes *outcomes,
	const advisor_tuning_options *opts, advisor_error *err);

/** Non-zero when the scores were fitted; 0 when there were too few
 * resolved outcomes (or for NULL). */
ADVISOR_API unsigned int advisor_tuning_fitted(const advisor_tuning *t);

/** The resolved outcomes fitted on (accepted + ended, scored); 0 for NULL. */
ADVISOR_API size_t advisor_tuning_resolved(const advisor_tuning *t);

/** The fewest resolved outcomes it fits on (the minimum used); 0 for NULL. */
ADVISOR_API size_t advisor_tuning_needed(const advisor_tuning *t);

/** The policy's threshold (unchanged by tuning); 0 for NULL. */
ADVISOR_API double advisor_tuning_threshold(const advisor_tuning *t);

/** Of the resolved outcomes, how many the current scores get right:
 * connect for an accepted one, another verdict for an ended one; 0 for
 * NULL. */
ADVISOR_API size_t advisor_tuning_agreement_before(const advisor_tuning *t);

/** Of the resolved outcomes, how many the proposed scores get right (the
 * same as before when not fitted); 0 for NULL. */
ADVISOR_API size_t advisor_tuning_agreement_after(const advisor_tuning *t);

/** How many rules: every rule that is not a veto and not switched off, in
 * the engine's order; 0 for NULL. */
ADVISOR_API size_t advisor_tuning_rule_count(const advisor_tuning *t);

/** Rule i; NULL when i is not below advisor_tuning_rule_count() or t is
 * NULL. */
ADVISOR_API const advisor_tuned_rule *advisor_tuning_rule(
	const advisor_tuning *t, size_t i);

/** How many outcomes (resolved or pending) the proposed scores would give
 * another verdict, in the outcomes' order; 0 for NULL or when not fitted. */
ADVISOR_API size_t advisor_tuning_change_count(const advisor_tuning *t);

/** Change i; NULL when i is not below advisor_tuning_change_count() or t
 * is NULL. */
ADVISOR_API const advisor_verdict_change *advisor_tuning_change(
	const advisor_tuning *t, size_t i);

/**
 * The tuning as one JSON document (docs/planning.md, "Tuning"):
 * {"fitted", "resolved", "needed", "threshold", "scale", "penalty",
 * "agreement": {"before", "after", "of"}, "rules": [...], "changes":
 * [...]}.  ADVISOR_EINVAL for NULL arguments, ADVISOR_ENOMEM.  Free *out
 * with advisor_string_free().
 */
ADVISOR_API int advisor_tuning_to_json(char **out, const advisor_tuning *t,
	advisor_error *err);

/**
 * The proposed scores as a settings.json document (docs/policy.md,
 * "Settings without Lua"): {"rules": {"known": {"score": 3.62}, ...}}, one
 * member per tuned rule that fired on a resolved outcome (the others have
 * no evidence to move them), merged over `current` (len bytes, a settings.json
 * already there, or NULL): its other fields and the other members of its
 * rules are kept, only each tuned rule's "score" is set.  ADVISOR_EINVAL
 * for NULL arguments or a tuning not fitted; ADVISOR_EDATA (with the JSON
 * path) when current is not a JSON object or its "rules" not an object;
 * ADVISOR_ENOMEM.  Free *out with advisor_string_free().
 */
ADVISOR_API int advisor_tuning_settings_json(char **out,
	const advisor_tuning *t, const char *current, size_t len,
	advisor_error *err);

/** Release a tuning and everything it holds.  NULL is ignored. */
ADVISOR_API void advisor_tuning_free(advisor_tuning *t);

/* ------------------------------------------------------------------------
 * Workers: the policy in a separate process with OS limits
 * ------------------------------------------------------------------------ */

/**
 * An engine in a child process.  The in-process limits (instructions,
 * memory, time) are only as complete as the paths they meter; a worker adds
 * limits the operating system enforces whatever the policy makes C do: an
 * address-space limit (RLIMIT_AS), a CPU-time limit per request
 * (RLIMIT_CPU) and a wall-clock watchdog that kills the worker when a
 * request runs past its limit.  A request whose worker dies is
 * ADVISOR_ELIMIT with a message saying why ("the policy's worker was
 * killed: over the time limit of 11000 ms"), and the next request is
 * answered by a fresh worker, forked from the policy loaded once by
 * advisor_worker_new() (a replacement costs a fork, not a policy load).
 * POSIX only (fork, setrlimit).
 *
 * One thread at a time, like an engine.  The worker is forked from the
 * calling process, so it shares the network copy-on-write: the network
 * must outlive the worker and must not be freed while it runs.
 */
typedef struct advisor_worker advisor_worker;

/** The OS limits of a worker; ADVISOR_WORKER_OPTIONS_INIT sets defaults. */
typedef struct advisor_worker_options {
	unsigned int version;
	/**
	 * Address space the worker may map beyond what the process had mapped
	 * when the worker started (which includes the network), in bytes;
	 * 0 means the default: 1 GiB, or twice the engine's memory limit when
	 * that is more.
	 */
	size_t address_space_limit;
	/** CPU seconds per request; 0 means the wall-clock limit rounded up
	 * to seconds, plus one. */
	uint64_t cpu_seconds;
	/**
	 * Wall-clock milliseconds per request before the watchdog kills the
	 * worker; 0 means the engine's time limit plus one second, so that the
	 * engine's own limit answers first whenever it can.
	 */
	uint64_t time_limit_ms;
} advisor_worker_options;

/** The current version of advisor_worker_options, and its defaults. */
#define ADVISOR_WORKER_OPTIONS_VERSION 1
#define ADVISOR_WORKER_OPTIONS_INIT { ADVISOR_WORKER_OPTIONS_VERSION, 0, 0, 0 }

/** Set *opts to ADVISOR_WORKER_OPTIONS_INIT, for callers that cannot use the macro.  NULL is
 * ignored. */
ADVISOR_API void advisor_worker_options_init(advisor_worker_options *opts);

/**
 * Load the policy (as advisor_engine_new() does with engine_opts, which may
 * be NULL; lint warnings go to its callback once, here) and start a worker
 * answering requests on net.  opts may be NULL for the defaults.  Neither
 * options struct is kept.  Errors: those of advisor_engine_new();
 * ADVISOR_EINVAL for an options version outside 1 to
 * ADVISOR_WORKER_OPTIONS_VERSION or a NULL out or net; ADVISOR_EIO if the
 * process cannot be started (fork, socketpair).  Free the worker with
 * advisor_worker_free().
 */
ADVISOR_API int advisor_worker_new(advisor_worker **out,
	const advisor_network *net, const advisor_engine_options *engine_opts,
	const advisor_worker_options *opts, advisor_error *err);

/**
 * advisor_advise_json() in the worker: the same result JSON and the same
 * errors with the same messages, plus ADVISOR_ELIMIT when the worker was
 * killed ("the policy's worker was killed: over the time limit of 11000
 * ms", "... over the CPU time limit of 12 s", "... by signal 9 (Killed)")
 * or ran out of its address space; the worker is then replaced before the
 * next request.  A worker that died between requests (killed from outside)
 * is replaced before the request is sent, and the request is answered.
 * Free *out with advisor_string_free().
 */
ADVISOR_API int advisor_worker_advise_json(char **out, advisor_worker *worker,
	const char *request, size_t len, advisor_error *err);

/**
 * advisor_worker_advise_json() for n requests, answered in order, with up to
 * 32 of them (48 KiB) sent to the worker ahead of their answers, so that the
 * round trip between the processes is paid about once per window rather
 * than once per request.  For each i, outs[i] receives the result JSON (free
 * it with advisor_string_free()) or NULL, codes[i] its status and errs[i]
 * (if errs is not NULL) its error.  Each request has its own wall-clock
 * limit, counted from when the worker can start it.  A worker that dies
 * fails only the request it was answering; the rest are sent again to a
 * fresh worker.  What `advisor batch --isolate` uses.
 * Returns ADVISOR_OK once every request has its code, or a failure (bad
 * arguments; a worker that cannot be started, which is also the code of
 * every request not answered).
 */
ADVISOR_API int advisor_worker_advise_json_many(char **outs, int *codes,
	advisor_error *errs, advisor_worker *worker, const char *const *requests,
	const size_t *lens, size_t n, advisor_error *err);

/** The process id of the running worker, or 0 if none is running (the last
 * one died and its replacement starts with the next request) or for NULL. */
ADVISOR_API long advisor_worker_pid(const advisor_worker *worker);

/** Stop the worker (SIGKILL: it is idle between requests), reap it and
 * release everything.  NULL is ignored. */
ADVISOR_API void advisor_worker_free(advisor_worker *worker);

/* ------------------------------------------------------------------------
 * The week's plan: invitations within LinkedIn's limits
 * ------------------------------------------------------------------------ */

/**
 * LinkedIn's limits on your invitations on one day, and how much of each
 * is used: the policy's allowances (the shipped lib/plan.lua reads the
 * settings invitations_a_week and notes_a_month, the latter on a Basic
 * account only) against your outgoing invitations in the network (the
 * export's and those recorded with `advisor sent`; a withdrawal is not an
 * invitation sent).  Read-only, owned by whatever handed it out
 * (advisor_limits_new(), advisor_plan_limits()); members may be added at
 * the end in later versions.
 */
typedef struct advisor_limits {
	/** The day judged on, YYYY-MM-DD. */
	const char *as_of;
	/** Invitations a week, counted over the seven days up to as_of. */
	unsigned int invitations_a_week;
	unsigned int sent_this_week;
	/** invitations_a_week less sent_this_week, 0 when that is spent. */
	unsigned int invitations_left;
	/** The day the oldest invitation of those seven days stops counting,
	 * so one more may be sent; NULL when none was sent. */
	const char *week_frees_on;
	/** Personalised notes a calendar month; -1 for no limit (Premium). */
	int notes_a_month;
	/** Invitations with a note (a message, or `sent --note`) this month,
	 * up to as_of. */
	unsigned int notes_this_month;
	/** What is left of the month's notes; -1 for no limit. */
	int notes_left;
	/** The first day of the next month, when the notes start again. */
	const char *notes_reset_on;
} advisor_limits;

/**
 * The limits on as_of (YYYY-MM-DD; NULL for today) for the owner of net
 * (net's me), with engine's policy (its advisor.plan hook's limits).
 * ADVISOR_EINVAL for NULL arguments or an as_of that is not a day;
 * ADVISOR_EPOLICY when the policy sets no plan or its limits are not whole
 * numbers from 0 (the message names the hook's file and line);
 * ADVISOR_ELIMIT, ADVISOR_ENOMEM.  Free *out with advisor_limits_free().
 */
ADVISOR_API int advisor_limits_new(advisor_limits **out, advisor_engine *engine,
	const advisor_network *net, const char *as_of, advisor_error *err);

/** Release limits from advisor_limits_new().  NULL is ignored. */
ADVISOR_API void advisor_limits_free(advisor_limits *limits);

/** How to plan: the day and what you hope for. */
typedef struct advisor_plan_options {
	unsigned int version;
	/** The day to plan on, YYYY-MM-DD; NULL means today (local time). */
	const char *as_of;
	/** The intents each candidate is advised with, as a request's. */
	const char *const *intents;
	size_t intent_count;
} advisor_plan_options;

/** The current version of advisor_plan_options, and its defaults. */
#define ADVISOR_PLAN_OPTIONS_VERSION 1
#define ADVISOR_PLAN_OPTIONS_INIT { ADVISOR_PLAN_OPTIONS_VERSION, NULL, NULL, 0 }

/** Set *opts to ADVISOR_PLAN_OPTIONS_INIT, for callers that cannot use the
 * macro.  NULL is ignored. */
ADVISOR_API void advisor_plan_options_init(advisor_plan_options *opts);

/**
 * One invitation of a plan: someone the policy advises inviting (connect
 * or connect_with_note, outgoing).  Owned by the plan, which owns its
 * strings; members may be added at the end in later versions.
 */
typedef struct advisor_plan_item {
	const char *person;      /**< their id */
	const char *name;
	advisor_verdict verdict; /**< as advised */
	double score;            /**< the advice's score */
	double rank;             /**< the policy's rank (lib/plan.lua), higher first */
	const char *rule;        /**< the rule that decided */
	/** The note to send with it; NULL: send it without one. */
	const char *note;
	/** The note the advice drafted when the month's notes went to others
	 * or are spent (send it without, or wait for notes_reset_on); NULL
	 * otherwise. */
	const char *held_note;
	/** Non-zero for someone you added by hand (`advisor add`): a prospect. */
	unsigned int added;
} advisor_plan_item;

/**
 * One invitation of yours waiting for an answer long enough for the policy
 * to advise withdrawing it (the shipped rule invited: withdraw_after_days).
 * Owned by the plan; members may be added at the end.
 */
typedef struct advisor_withdrawal {
	const char *person;
	const char *name;
	const char *invited_on;   /**< YYYY-MM-DD */
	unsigned int days;        /**< its age on the plan's day */
	/** When LinkedIn drops it unanswered (invitation_expiry_days after
	 * invited_on), YYYY-MM-DD. */
	const char *expires_on;
	const char *detail;       /**< the rule's words */
} advisor_withdrawal;

/** The week's plan, made by advisor_plan_new(), read with the functions
 * below, released with advisor_plan_free(). */
typedef struct advisor_plan advisor_plan;

/**
 * Plan the week's invitations.  Each candidate is advised on (outgoing,
 * with opts' intents, on opts' day; opts may be NULL): the connect
 * verdicts are kept, ranked best first by the policy (its advisor.plan
 * hook; the shipped lib/plan.lua), no more of them than the week has left
 * (advisor_limits' invitations_left) and the rest "later"; the month's
 * remaining notes go to those the policy says the note matters most for,
 * the others are to be sent without one.  Anyone inside the re-invite
 * block, already invited or otherwise not to invite has another verdict
 * and is not proposed.  The plan also lists your invitations old enough
 * to withdraw, of everyone in net, whichever the candidates.
 *
 * people: the candidates' ids (or profile URLs, as a request's person);
 * NULL (with people_count 0) means everyone in net you are not connected
 * to: the people you added by hand and those seen in your export.  A
 * candidate who is a connection already is counted (as
 * already_connected) and not proposed, and one whose invitation waits for
 * your answer is counted (under no verdict) and not proposed; the same
 * person given twice is planned once.  ADVISOR_EINVAL (NULL arguments, bad options or as_of),
 * ADVISOR_ENOTFOUND (a candidate not in net, named), ADVISOR_EINTENT,
 * ADVISOR_EPOLICY, ADVISOR_ELIMIT, ADVISOR_ENOMEM; the first candidate the
 * policy fails on ends the plan.  The plan is not tied to engine or net,
 * which may be freed first.  Free *out with advisor_plan_free().
 */
ADVISOR_API int advisor_plan_new(advisor_plan **out, advisor_engine *engine,
	const advisor_network *net, const char *const *people,
	size_t people_count, const advisor_plan_options *opts,
	advisor_error *err);

/** The limits the plan kept to, on its day; NULL for NULL.  Owned by the
 * plan. */
ADVISOR_API const advisor_limits *advisor_plan_limits(const advisor_plan *plan);

/** How many invitations to send this week; 0 for NULL. */
ADVISOR_API size_t advisor_plan_invitation_count(const advisor_plan *plan);
/** Invitation i of this week's, best first; NULL past the end or for NULL.
 * Owned by the plan. */
ADVISOR_API const advisor_plan_item *advisor_plan_invitation(
	const advisor_plan *plan, size_t i);

/** How many connect verdicts are beyond the week's allowance; 0 for NULL. */
ADVISOR_API size_t advisor_plan_later_count(const advisor_plan *plan);
/** Connect verdict i beyond the week's allowance, best first: next week's,
 * if nothing better comes along (their notes are all held); NULL past the
 * end or for NULL.  Owned by the plan. */
ADVISOR_API const advisor_plan_item *advisor_plan_later(
	const advisor_plan *plan, size_t i);

/** How many of your invitations to withdraw; 0 for NULL. */
ADVISOR_API size_t advisor_plan_withdrawal_count(const advisor_plan *plan);
/** Your invitation i to withdraw, oldest first; NULL past the end or for
 * NULL.  Owned by the plan. */
ADVISOR_API const advisor_withdrawal *advisor_plan_withdrawal(
	const advisor_plan *plan, size_t i);

/** How many candidates were advised on (connections given as candidates
 * counted as already_connected); 0 for NULL. */
ADVISOR_API size_t advisor_plan_candidate_count(const advisor_plan *plan);
/** How many candidates had verdict (ADVISOR_WAIT for the re-invite block,
 * ADVISOR_INVITED for one already waiting, ...); 0 for NULL or a value that
 * is not a verdict. */
ADVISOR_API size_t advisor_plan_verdict_count(const advisor_plan *plan,
	advisor_verdict verdict);

/**
 * The plan as one line of JSON (docs/planning.md), as `advisor plan
 * --json` prints it.  ADVISOR_EINVAL, ADVISOR_ENOMEM.  Free the string
 * with advisor_string_free().
 */
ADVISOR_API int advisor_plan_to_json(char **out, const advisor_plan *plan,
	advisor_error *err);

/** Release a plan and its strings.  NULL is ignored. */
ADVISOR_API void advisor_plan_free(advisor_plan *plan);

#ifdef __cplusplus
}
#endif

#endif /* ADVISOR_H */
