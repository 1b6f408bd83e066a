/*
 * vm.h - the sandboxed Lua state a policy runs in, and the policy it holds.
 *
 * An adv_vm owns one lua_State: its counting allocator, its instruction and
 * time budget, the policy's rules (declared from Lua by module.c into C
 * records here, so that evaluating a request walks a C array and calls each
 * rule's check through a registry reference) and the request being
 * evaluated.  The engine (engine/) wraps one with the public API.
 */
#ifndef ADV_VM_H
#define ADV_VM_H

#include <lua.h>
#include <stdint.h>

#include "advisor.h"
#include "network/events.h"
#include "network/graph.h"
#include "network/network.h"
#include "util/date.h"

/* The sandbox's bounds when the embedder's options leave them 0.  They are
 * the embedder's, not the policy's: the policy's numbers (threshold, note
 * limit) have no C default, the shipped settings.lua sets them. */
#define ADV_DEFAULT_MEMORY (64u * 1024 * 1024)
#define ADV_DEFAULT_INSTRUCTIONS 50000000ULL
#define ADV_DEFAULT_TIME_MS 10000ULL

/* What a policy may set its note limit to (advisor.settings, settings.json). */
#define ADV_NOTE_LIMIT_MIN 20
#define ADV_NOTE_LIMIT_MAX 10000

typedef enum adv_veto_when {
	ADV_VETO_BOTH = 0,
	ADV_VETO_OUTGOING,
	ADV_VETO_INCOMING
} adv_veto_when;

/* One field a rule's what-if matches: the event's value of `field` (as
 * written) is one of values. */
typedef struct adv_what_if_match {
	char *field;
	char **values;
	size_t value_count;
} adv_what_if_match;

/* A change a rule asks an explanation to try (its `what_if`): the person's
 * events of `type` whose fields match all of matches, hidden together
 * (`hide`); or a fact of `type` added (`add`), its fields those of
 * matches, one value each, and the `by` of each connection you share with
 * the person in turn when by_mutual is set. */
typedef struct adv_rule_what_if {
	char *change;         /* in words: "once the hiring decision is made",
				 "if {by} introduced you" */
	char *subject;        /* what it is about; the type unless given */
	char *type;
	adv_what_if_match *matches;
	size_t match_count;
	int adds;             /* 1: `add`, 0: `hide` */
	int by_mutual;        /* `add`: by = "{mutual}" */
} adv_rule_what_if;

/* Non-zero if the rule's what-if w hides ev (of net); a what-if that adds
 * hides nothing. */
int adv_what_if_hides(const advisor_network *net, const adv_rule_what_if *w,
	const adv_event *ev);

typedef struct adv_rule {
	char *name;
	char *description;
	double score;
	double max_score;     /* the most its check returns as its score, */
	int has_max_score;    /* when it declares it (max_score) */
	int check_ref;        /* the check function, in the registry */
	int has_veto;
	advisor_verdict veto_verdict;
	adv_veto_when veto_when;
	double veto_priority;
	int fallback;         /* runs after the others and sees what fired */
	int signal;           /* adds to the score but is no reason on its own */
	char *why_not;        /* what its condition needs, in words, or NULL */
	int why_not_ref;      /* or a function(person, request) saying it, in
				 the registry; LUA_NOREF if none */
	adv_rule_what_if *what_ifs; /* the changes it asks an explanation to try */
	size_t what_if_count;
	int off;              /* switched off by a layer */
	char **intents;
	size_t intent_count;
	char *file;           /* where it was declared */
	int line;
	int layer;            /* 0 = shipped, then e->layers[layer - 1] */
	char *replaced;       /* "file:line" of the lower layer's rule it replaced */
	char *off_where;      /* "file:line" (or settings path) that switched it off */
	char *score_where;    /* the settings file that set its score */
	size_t charged;       /* bytes of the above charged to the memory cap */
} adv_rule;

/* A setting of the policy beyond threshold and note_limit (an age in days,
 * say): the shipped settings.lua declares it with advisor.settings, a
 * layer (advisor.settings or settings.json) may change its value but not
 * its kind, and the rules read it with advisor.setting(name). */
typedef enum adv_setting_kind {
	ADV_SETTING_NUMBER = 1,
	ADV_SETTING_STRING,
	ADV_SETTING_BOOLEAN
} adv_setting_kind;

typedef struct adv_setting {
	char *name;
	adv_setting_kind kind;
	double number;
	char *string;
	int boolean;
	char *where;          /* the file that last set it */
} adv_setting;

/* Blocks of up to ADV_SMALL_CLASSES x 16 bytes are kept for reuse. */
#define ADV_SMALL_CLASSES 16

typedef struct adv_vm {
	lua_State *L;
	int env_ref;          /* the policy's _ENV table */

	/* The counting allocator's state, and its free lists of small
	 * blocks (sandbox.c). */
	size_t mem_used, mem_limit;
	/* Of mem_used, what the policy's C records hold (the rules array, the
	 * note composer's file); each rule counts its own (adv_rule.charged). */
	size_t charged;
	struct adv_free_block *small_free[ADV_SMALL_CLASSES + 1];
	unsigned small_kept[ADV_SMALL_CLASSES + 1];

	/* The instruction budget of the current call. */
	uint64_t budget_limit, budget_used;
	int budget_blown;     /* 1: instructions, 2: time */
	/* The wall-clock backstop, in CLOCK_MONOTONIC nanoseconds. */
	uint64_t time_limit_ns, deadline_ns;
	/* What runs under the request's one protected call (a rule, the
	 * note composer), for the message if it fails; NULL otherwise. */
	const char *call_what, *call_name;

	/* The policy. */
	adv_rule *rules;
	size_t rule_count, rule_cap;
	/* The rules by name: an open-addressing table of rule index + 1 (0 is
	 * a free slot), a power of two at most half full, so that declaring
	 * n rules is linear, not n squared (adv_rule_find). */
	uint32_t *rule_slots;
	size_t slot_count;
	double threshold;               /* NaN until the policy sets it */
	/* The note limit.  The shipped policy's note_limit is only the most a
	 * note may have when nothing sets a limit (the policy keeps notes
	 * within the account's own); a layer's (advisor.settings or
	 * settings.json) or the embedder's is the limit, and the request's
	 * note_limit.  0 = not set. */
	unsigned int note_limit;        /* the shipped policy's; 0 until set */
	unsigned int note_limit_layer;  /* the layers', 0 = none */
	unsigned int note_limit_option; /* the embedder's, 0 = none */
	adv_setting *settings;          /* the policy's own settings */
	size_t setting_count, setting_cap;
	int note_ref;                   /* the note composer, or LUA_NOREF */
	char *note_file;                /* where advisor.note set it */
	int note_line;
	int suggest_ref;                /* the suggestion hook, or LUA_NOREF */
	char *suggest_file;             /* where advisor.suggest set it */
	int suggest_line;
	int plan_ref;                   /* the week's plan (advisor.plan): a
					   table of functions, or LUA_NOREF */
	char *plan_file;                /* where advisor.plan set it */
	int plan_line;
	char **intents;                 /* sorted union of the rules' intents */
	size_t intent_count;
	char *policy_name;
	char **layers;                  /* the policy folders over the shipped one */
	size_t layer_count;
	int loading_layer;
	int frozen;                     /* adv_sandbox_freeze() has run */
	int user_layer;                 /* layers[0] is the user's folder */
	advisor_warning_cb warning;     /* lint warnings while loading */
	void *warning_payload;

	/* The request being evaluated; person userdata made for an earlier
	 * request see another generation and refuse to be read. */
	const advisor_network *net;
	/* A person given inline whom net does not have (engine/inline.h):
	 * their record, reached as the person one past net's people; NULL
	 * when the request is about someone in net. */
	const adv_person *transient;
	adv_date as_of;
	/* What-ifs of an explanation (explain.c): events the person view
	 * treats as absent, or as the person's own, for this request; empty
	 * when advising. */
	adv_event_overlay overlay;
	uint32_t generation;
	adv_walk walk;

} adv_vm;

/* The vm that owns a state (kept in the state's extra space). */
static inline adv_vm *adv_vm_of(lua_State *L)
{
	return *(adv_vm **)lua_getextraspace(L);
}

/* sandbox.c */
int adv_sandbox_open(adv_vm *e, advisor_error *err);
void adv_sandbox_budget(adv_vm *e, uint64_t limit);
/* Free the blocks the allocator keeps for reuse (after lua_close). */
void adv_sandbox_release_blocks(adv_vm *e);
/* Charge n bytes the engine copies out of the state with malloc (a rule's
 * texts and lists, a result's details and notes) to the state's memory
 * cap, as if Lua held them, and to the instruction budget as Lua's own
 * growth is: 0, or -1 if they do not fit even after a full collection
 * (then nothing is charged).  Release gives them back. */
int adv_sandbox_mem_charge(adv_vm *e, size_t n);
void adv_sandbox_mem_release(adv_vm *e, size_t n);
/* Raise Lua's own memory error (LUA_ERRMEM, reported as "memory limit
 * exceeded"), from a C function the policy called: a charge that failed
 * ends the call as an allocation over the cap would.  Does not return. */
int adv_sandbox_memory_error(lua_State *L);
/* What is left of the current call's instruction budget. */
uint64_t adv_sandbox_budget_left(lua_State *L);
/* Charge n instructions of work done in C; if that blows the budget, raise
 * the instruction-limit error (and keep raising it, as the hook does). */
void adv_sandbox_charge(lua_State *L, uint64_t n);

/* sandbox_pattern.c: replace find, match, gmatch and gsub of the string
 * library at index strlib by versions whose search is charged to the
 * budget before it runs. */
void adv_sandbox_meter_patterns(lua_State *L, int strlib);
/* sandbox_meter.c: replace the string, table and utf8 functions of the
 * libraries in the table at globals whose work in C grows with their
 * arguments by versions that charge it to the budget first. */
void adv_sandbox_meter_libraries(lua_State *L, int globals);
/* Make the policy's globals, library tables and modules, and every table
 * they hold, read-only (after loading). */
int adv_sandbox_freeze(adv_vm *e, advisor_error *err);
/* The same for the value at idx, if it is a table: a module that require
 * loads after the freeze. */
void adv_sandbox_freeze_value(lua_State *L, int idx, const char *what);
/* Call the function below nargs arguments under a message handler, with
 * the instruction budget armed; maps the outcome to an advisor code and a
 * message that starts with what failed: `what` and `name` ("rule" "known";
 * name may be NULL), joined only if something did fail. */
int adv_sandbox_call(adv_vm *e, int nargs, int nresults,
	const char *what, const char *name, advisor_error *err);

/* lua_person.c */
void adv_lua_open_person(lua_State *L);
void adv_lua_push_person(lua_State *L, const adv_person *p);
void adv_lua_push_event(lua_State *L, const adv_event *ev);
/* The graph node at argument i: a person, or the id of anyone in the graph
 * (bare ids included); ADV_NO_NODE for a transient person, who is in no
 * graph. */
uint32_t adv_lua_check_node(lua_State *L, int i);
/* The event at stack index i, or NULL if it is not one. */
const adv_event *adv_lua_to_event(lua_State *L, int i);
void adv_lua_push_json(lua_State *L, const cJSON *v, int depth);

/* lua_module.c */
void adv_lua_open_module(lua_State *L);
void adv_rules_free(adv_vm *e);
/* The policy's setting of that name, or NULL. */
adv_setting *adv_setting_find(adv_vm *e, const char *name);
/* The names of the policy's settings, ", "-separated, into buf. */
void adv_setting_names(const adv_vm *e, char *buf, size_t size);
/* A copy of s for rule r, charged to the memory cap (r->charged); NULL if
 * it does not fit or memory is short.  adv_rule_free_str() frees one and
 * gives its charge back (NULL is ignored). */
char *adv_rule_strdup(adv_vm *e, adv_rule *r, const char *s);
void adv_rule_free_str(adv_vm *e, adv_rule *r, char *s);
/* The same for the policy's own records (its settings' names, values and
 * where they were set), charged to e->charged. */
char *adv_vm_strdup(adv_vm *e, const char *s);
void adv_vm_free_str(adv_vm *e, char *s);

/* policy.c */
/* The registry's table of the modules require has loaded, by name; the
 * sandbox freezes them with the rest. */
#define ADV_LOADED_KEY "advisor.loaded"
int adv_policy_load(adv_vm *e, advisor_error *err);
/* The policy's spelling of an intent, ASCII case ignored ("Learn" is
 * learn); NULL if no active rule declares it.  A binary search. */
const char *adv_intent_find(const adv_vm *e, const char *word);
/* The name of layer i in messages and listings: "shipped" or the folder. */
const char *adv_layer_name(const adv_vm *e, int layer);

/* settings.c: a layer's settings.json, applied after its Lua files. */
int adv_settings_load(adv_vm *e, const char *dir, advisor_error *err);

/* lint.c: checks of the loaded policy as a whole; warnings only. */
void adv_lint(adv_vm *e);
/* reads.c: note the string constants of the functions inside the chunk at
 * the top of the stack (left there); adv_reads_has: 1 if some function of
 * a chunk noted uses `word`, 0 if none does, -1 when it cannot be known
 * (nothing noted, or a dump that could not be read). */
void adv_reads_note(lua_State *L);
int adv_reads_has(lua_State *L, const char *word);
/* policy.c: report a warning through the embedder's callback
 * (printf-like). */
void adv_warn(const adv_vm *e, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* Find a rule by name, or NULL. */
adv_rule *adv_rule_find(adv_vm *e, const char *name);

#endif
