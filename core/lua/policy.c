/*
 * policy.c - loading a policy: the shipped files, then each layer folder.
 *
 * Every top-level *.lua file of a layer runs, in name order, in the
 * policy's environment; files in subfolders are modules that policy files
 * load with require("lib.notes").  require looks in the layers from the
 * highest down to the shipped policy, so a layer can replace a helper too.
 */
#include <dirent.h>
#include <lauxlib.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "lua/policy_embedded.h"
#include "lua/vm.h"
#include "util/error.h"
#include "util/file.h"

#define SHIPPED_PREFIX "scripts/policy/"
#define ADV_MAX_POLICY_FILE (16u * 1024 * 1024)

/* Compile a text chunk into a function whose _ENV is the policy's. */
static int load_chunk(lua_State *L, const char *data, size_t len,
	const char *chunkname)
{
	int status = luaL_loadbufferx(L, data, len, chunkname, "t");
	if (status != LUA_OK)
		return status;
	adv_reads_note(L);
	lua_rawgeti(L, LUA_REGISTRYINDEX, adv_vm_of(L)->env_ref);
	lua_setupvalue(L, -2, 1);
	return LUA_OK;
}

static int valid_module_name(const char *s)
{
	if (!*s || *s == '.')
		return 0;
	for (const char *p = s; *p; p++) {
		if (*p == '.' && (p[1] == '.' || p[1] == '\0'))
			return 0;
		if (!(*p == '.' || *p == '_' || (*p >= 'a' && *p <= 'z') ||
		      (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
			return 0;
	}
	return 1;
}

/* Push the chunk for module `rel` ("lib/notes.lua") from the highest layer
 * that has it; 0 if found, -1 if nowhere. */
static int find_module(lua_State *L, const char *rel)
{
	adv_vm *e = adv_vm_of(L);

	for (size_t i = e->layer_count; i-- > 0;) {
		char *data;
		size_t len;
		const char *path = lua_pushfstring(L, "%s/%s", e->layers[i], rel);
		struct stat st;
		advisor_error io;
		if (lstat(path, &st) < 0) {
			lua_pop(L, 1);
			continue; /* not in this layer */
		}
		if (adv_read_plain_file(&data, &len, path, ADV_MAX_POLICY_FILE,
			    &io) < 0) {
			lua_pushstring(L, io.message);
			lua_error(L);
		}
		const char *chunk = lua_pushfstring(L, "@%s", path);
		int status = load_chunk(L, data, len, chunk);
		free(data);
		if (status != LUA_OK)
			lua_error(L);
		lua_remove(L, -2); /* chunk name */
		lua_remove(L, -2); /* path */
		return 0;
	}
	for (const adv_embedded_file *f = adv_policy_files; f->path; f++) {
		if (strcmp(f->path, rel) != 0)
			continue;
		const char *chunk = lua_pushfstring(L, "@" SHIPPED_PREFIX "%s", f->path);
		if (load_chunk(L, f->data, f->len, chunk) != LUA_OK)
			lua_error(L);
		lua_remove(L, -2);
		return 0;
	}
	return -1;
}

/** require(name) -> a module of the policy: "lib.notes" is lib/notes.lua
 * in the highest layer that has it.  Runs once; later calls return the
 * same value. */
static int policy_require(lua_State *L)
{
	const char *name = luaL_checkstring(L, 1);

	if (!valid_module_name(name))
		return luaL_error(L, "require: '%s' is not a module name (letters, digits, _ and dots)", name);
	lua_settop(L, 1);
	lua_getfield(L, LUA_REGISTRYINDEX, ADV_LOADED_KEY);
	if (lua_getfield(L, 2, name) != LUA_TNIL)
		return 1;
	lua_pop(L, 1);

	luaL_Buffer b;
	luaL_buffinit(L, &b);
	for (const char *p = name; *p; p++)
		luaL_addchar(&b, *p == '.' ? '/' : *p);
	luaL_addstring(&b, ".lua");
	luaL_pushresult(&b);
	if (find_module(L, lua_tostring(L, -1)) < 0)
		return luaL_error(L, "require: no module '%s' in the policy (looked for %s in each layer)",
			name, lua_tostring(L, -1));
	lua_pushvalue(L, 1);
	lua_call(L, 1, 1);
	if (lua_isnil(L, -1)) {
		lua_pop(L, 1);
		lua_pushboolean(L, 1);
	}
	/* Loaded while a request runs: frozen now, as the rest was. */
	if (adv_vm_of(L)->frozen) {
		lua_pushfstring(L, "module %s", name);
		adv_sandbox_freeze_value(L, -2, lua_tostring(L, -1));
		lua_pop(L, 1);
	}
	lua_pushvalue(L, -1);
	lua_setfield(L, 2, name);
	return 1;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The top-level *.lua files of a folder, sorted. */
static int list_layer(const char *dir, char ***out, size_t *count,
	advisor_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *ent;
	char **names = NULL;
	size_t n = 0, cap = 0;

	*out = NULL;
	*count = 0;
	if (!d)
		return adv_error_set(err, ADVISOR_EPOLICY,
			"policy folder %s: cannot open it", dir);
	while ((ent = readdir(d))) {
		size_t len = strlen(ent->d_name);
		if (ent->d_name[0] == '.' || len < 5 ||
		    strcmp(ent->d_name + len - 4, ".lua") != 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			char **p = realloc(names, cap * sizeof(*p));
			if (!p)
				goto nomem;
			names = p;
		}
		if (!(names[n] = strdup(ent->d_name)))
			goto nomem;
		n++;
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_str);
	*out = names;
	*count = n;
	return ADVISOR_OK;
nomem:
	closedir(d);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return adv_error_set(err, ADVISOR_ENOMEM, "out of memory listing %s", dir);
}

static int run_file(adv_vm *e, const char *data, size_t len,
	const char *path, advisor_error *err)
{
	lua_State *L = e->L;

	lua_pushfstring(L, "@%s", path);
	int status = load_chunk(L, data, len, lua_tostring(L, -1));
	lua_remove(L, -2);
	if (status != LUA_OK) {
		int rc = adv_error_set(err, status == LUA_ERRMEM ? ADVISOR_ELIMIT
			: ADVISOR_EPOLICY, "loading the policy: %s",
			lua_tostring(L, -1));
		lua_pop(L, 1);
		return rc;
	}
	int rc = adv_sandbox_call(e, 0, 0, "loading the policy", NULL, err);
	if (rc == ADVISOR_ELIMIT && err) {
		/* A limit has no line of its own to show: name the file. */
		static const char prefix[] = "loading the policy: ";
		char why[ADVISOR_ERROR_MESSAGE_MAX];
		const char *m = err->message;
		if (strncmp(m, prefix, sizeof(prefix) - 1) == 0)
			m += sizeof(prefix) - 1;
		snprintf(why, sizeof(why), "%s", m);
		rc = adv_error_set(err, rc, "loading the policy file %s: %s", path,
			why);
	}
	return rc;
}

const char *adv_layer_name(const adv_vm *e, int layer)
{
	if (layer <= 0 || (size_t)layer > e->layer_count)
		return "shipped";
	return e->layers[layer - 1];
}

/* A layer's Lua files in name order, then its settings.json; a folder
 * with neither is a mistake worth an error (a wrong path, say). */
static int load_layer(adv_vm *e, size_t i, advisor_error *err)
{
	char **names;
	size_t count;
	int rc = list_layer(e->layers[i], &names, &count, err);

	if (rc < 0)
		return rc;
	for (size_t k = 0; k < count && rc == ADVISOR_OK; k++) {
		char *path = malloc(strlen(e->layers[i]) + strlen(names[k]) + 2);
		char *data = NULL;
		size_t len;
		if (!path) {
			rc = adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
			break;
		}
		sprintf(path, "%s/%s", e->layers[i], names[k]);
		advisor_error io;
		rc = adv_read_plain_file(&data, &len, path, ADV_MAX_POLICY_FILE, &io);
		if (rc < 0)
			rc = adv_error_set(err, ADVISOR_EPOLICY, "%s", io.message);
		else
			rc = run_file(e, data, len, path, err);
		free(data);
		free(path);
	}
	for (size_t k = 0; k < count; k++)
		free(names[k]);
	free(names);
	if (rc == ADVISOR_OK)
		rc = adv_settings_load(e, e->layers[i], err);
	if (rc == 1 && count == 0)
		rc = adv_error_set(err, ADVISOR_EPOLICY,
			"policy folder %s: no .lua files and no settings.json in it",
			e->layers[i]);
	return rc < 0 ? rc : ADVISOR_OK;
}

/* The sorted union of the active rules' intents: sorted, then each kept
 * once, so that 300,000 words take n log n, not n squared. */
static int collect_intents(adv_vm *e, advisor_error *err)
{
	size_t cap = 0;
	for (size_t i = 0; i < e->rule_count; i++)
		cap += e->rules[i].intent_count;
	if (adv_sandbox_mem_charge(e, (cap + 1) * sizeof(char *)) < 0)
		return adv_error_set(err, ADVISOR_ELIMIT,
			"loading the policy: memory limit exceeded (%zu bytes)", e->mem_limit);
	e->charged += (cap + 1) * sizeof(char *);
	e->intents = calloc(cap + 1, sizeof(char *));
	if (!e->intents)
		return adv_error_set(err, ADVISOR_ENOMEM, "out of memory");
	size_t n = 0;
	for (size_t i = 0; i < e->rule_count; i++) {
		const adv_rule *r = &e->rules[i];
		for (size_t k = 0; !r->off && k < r->intent_count; k++)
			e->intents[n++] = r->intents[k];
	}
	qsort(e->intents, n, sizeof(char *), cmp_str);
	for (size_t i = 0; i < n; i++)
		if (!e->intent_count || strcmp(e->intents[e->intent_count - 1], e->intents[i]) != 0)
			e->intents[e->intent_count++] = e->intents[i];
	return ADVISOR_OK;
}

const char *adv_intent_find(const adv_vm *e, const char *word)
{
	/* The intents are lower-case words (a-z, 0-9, _), so their order by
	 * strcmp is their order with case ignored. */
	size_t lo = 0, hi = e->intent_count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcasecmp(word, e->intents[mid]);
		if (c == 0)
			return e->intents[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

int adv_policy_load(adv_vm *e, advisor_error *err)
{
	lua_State *L = e->L;
	int rc = ADVISOR_OK;

	lua_newtable(L);
	lua_setfield(L, LUA_REGISTRYINDEX, ADV_LOADED_KEY);
	lua_rawgeti(L, LUA_REGISTRYINDEX, e->env_ref);
	lua_pushcfunction(L, policy_require);
	lua_setfield(L, -2, "require");
	lua_pop(L, 1);

	e->loading_layer = 0;
	for (const adv_embedded_file *f = adv_policy_files; f->path && rc == ADVISOR_OK; f++) {
		if (strchr(f->path, '/'))
			continue; /* a module, loaded by require */
		char path[256];
		snprintf(path, sizeof(path), SHIPPED_PREFIX "%s", f->path);
		rc = run_file(e, f->data, f->len, path, err);
	}
	/* The policy's numbers have no C default: the shipped settings.lua is
	 * their one place, and a build whose shipped policy lost them fails
	 * here rather than advising on a made-up threshold. */
	if (rc == ADVISOR_OK && (isnan(e->threshold) || !e->note_limit))
		rc = adv_error_set(err, ADVISOR_EPOLICY,
			"%ssettings.lua: the shipped policy must set threshold and note_limit "
			"with advisor.settings", SHIPPED_PREFIX);
	for (size_t i = 0; i < e->layer_count && rc == ADVISOR_OK; i++) {
		e->loading_layer = (int)i + 1;
		rc = load_layer(e, i, err);
	}
	e->loading_layer = -1;
	if (rc == ADVISOR_OK)
		rc = collect_intents(e, err);
	if (rc == ADVISOR_OK)
		adv_lint(e);
	return rc;
}

/* Warnings while loading (the policy's own, and lint's) go to the
 * embedder's callback, if it gave one. */
void adv_warn(const adv_vm *e, const char *fmt, ...)
{
	char msg[ADVISOR_ERROR_MESSAGE_MAX];
	va_list ap;

	if (!e->warning)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	e->warning(e->warning_payload, msg);
}
