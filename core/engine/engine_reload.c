/*
 * engine_reload.c - reloading an engine's policy without a gap in service.
 *
 * The new policy is loaded into a complete second engine first; only when
 * it has loaded (and been frozen) do the two engines trade insides, so a
 * policy that fails leaves the old one serving, untouched.
 */
#include <lauxlib.h>
#include <string.h>

#include "engine/engine.h"
#include "util/error.h"

/* A Lua state finds its engine through its extra space and its allocator's
 * user data; after a swap both must point at the struct that now owns it. */
static void rebind(advisor_engine *e)
{
	lua_Alloc f = lua_getallocf(e->vm.L, NULL);

	lua_setallocf(e->vm.L, f, e);
	*(advisor_engine **)lua_getextraspace(e->vm.L) = e;
}

static int reload(advisor_engine *e, const advisor_engine_options *opts,
	advisor_error *err)
{
	advisor_engine_options same = ADVISOR_ENGINE_OPTIONS_INIT;
	advisor_engine *fresh;
	int rc;

	adv_error_clear(err);
	if (!e)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_engine_reload: engine is NULL");
	if (!opts) {
		/* The engine's own settings, as it was created with. */
		same.user_policy = e->vm.user_layer ? e->vm.layers[0] : NULL;
		same.policy_layers = (const char *const *)e->vm.layers + e->vm.user_layer;
		same.policy_layer_count = e->vm.layer_count - (size_t)e->vm.user_layer;
		same.warning = e->vm.warning;
		same.warning_payload = e->vm.warning_payload;
		same.note_limit = e->vm.note_limit_option;
		same.memory_limit = e->vm.mem_limit;
		same.instruction_limit = e->vm.budget_limit;
		same.time_limit_ms = e->vm.time_limit_ns / 1000000ULL;
		opts = &same;
	}
	if ((rc = advisor_engine_new(&fresh, opts, err)) < 0) {
		advisor_error inner = *err;
		return adv_error_set(err, rc,
			"reload failed, the old policy is kept: %s", inner.message);
	}

	advisor_engine old = *e;
	*e = *fresh;
	*fresh = old;
	rebind(e);
	rebind(fresh);
	advisor_engine_free(fresh);
	return ADVISOR_OK;
}

int advisor_engine_reload(advisor_engine *engine,
	const advisor_engine_options *opts, advisor_error *err)
{
	advisor_error mine;
	advisor_error *use = err ? err : &mine;

	return reload(engine, opts, use);
}
