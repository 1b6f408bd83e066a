/*
 * paths.c - how you are connected to someone: the shortest chains of
 * people from you to them, the chain through whoever introduced you
 * first.
 *
 * One breadth-first search from the person gives every node's distance to
 * them; the shortest chains are then the walks from you that step to a
 * node one closer each time, enumerated depth first (in ascending node
 * order, so the same network always gives the same chains).
 */
#include <stdlib.h>
#include <string.h>

#include "network/network.h"
#include "util/error.h"
#include "util/strlist.h"

#define FAR UINT8_MAX

/* Distances to `to`, at most max steps (FAR beyond); NULL out of memory. */
static uint8_t *distances(const adv_graph *g, uint32_t to, int max)
{
	uint8_t *d = malloc(g->n ? g->n : 1);
	uint32_t *queue = malloc((g->n ? g->n : 1) * sizeof(uint32_t));
	size_t head = 0, tail = 0;

	if (!d || !queue) {
		free(d);
		free(queue);
		return NULL;
	}
	memset(d, FAR, g->n);
	d[to] = 0;
	queue[tail++] = to;
	while (head < tail) {
		uint32_t u = queue[head++];
		if (d[u] >= max)
			continue;
		for (uint32_t i = g->off[u]; i < g->off[u + 1]; i++) {
			uint32_t v = g->adj[i];
			if (d[v] != FAR)
				continue;
			d[v] = (uint8_t)(d[u] + 1);
			queue[tail++] = v;
		}
	}
	free(queue);
	return d;
}

/* Chains found so far, as node lists of the same length each. */
typedef struct chains {
	uint32_t *nodes;  /* count * len */
	size_t count, cap, len;
	size_t max;
	int nomem;
} chains;

static void add_chain(chains *c, const uint32_t *nodes, size_t len)
{
	if (c->count == c->cap) {
		size_t ncap = c->cap ? c->cap * 2 : 8;
		uint32_t *g = realloc(c->nodes, ncap * len * sizeof(uint32_t));
		if (!g) {
			c->nomem = 1;
			return;
		}
		c->nodes = g;
		c->cap = ncap;
	}
	memcpy(c->nodes + c->count * len, nodes, len * sizeof(uint32_t));
	c->count++;
}

/* Every shortest walk from walk[at] down the distances, into c. */
static void descend(const adv_graph *g, const uint8_t *d, uint32_t *walk,
	size_t at, size_t len, chains *c)
{
	uint32_t u = walk[at];
	if (d[u] == 0) {
		add_chain(c, walk, len);
		return;
	}
	for (uint32_t i = g->off[u]; i < g->off[u + 1]; i++) {
		if (c->count >= c->max || c->nomem)
			return;
		uint32_t v = g->adj[i];
		if (d[v] + 1 != d[u])
			continue;
		walk[at + 1] = v;
		descend(g, d, walk, at + 1, len, c);
	}
}

/* The first shortest walk from a to the distances' origin, into walk
 * (d[a] + 1 nodes). */
static void first_walk(const adv_graph *g, const uint8_t *d, uint32_t a,
	uint32_t *walk)
{
	size_t at = 0;
	walk[0] = a;
	while (d[walk[at]] > 0) {
		uint32_t u = walk[at];
		for (uint32_t i = g->off[u]; i < g->off[u + 1]; i++)
			if (d[g->adj[i]] + 1 == d[u]) {
				walk[++at] = g->adj[i];
				break;
			}
	}
}

/* No one twice in a chain (the way to the introducer could pass the
 * person). */
static int simple(const uint32_t *walk, size_t len)
{
	for (size_t i = 0; i < len; i++)
		for (size_t j = i + 1; j < len; j++)
			if (walk[i] == walk[j])
				return 0;
	return 1;
}

/* The introducer of the person's latest introduction, or ADV_NO_NODE. */
static uint32_t introducer(const advisor_network *net, const adv_person *p)
{
	uint32_t by = ADV_NO_NODE;
	for (uint32_t i = 0; i < p->event_count; i++) {
		const adv_event *ev = &net->events[p->first_event + i];
		if (ev->type == ADV_EV_INTRODUCED && ev->by != ADV_NO_NODE)
			by = ev->by;
	}
	return by;
}

struct advisor_paths {
	size_t count;
	advisor_path *items;
};

/* Pack chains into one block: the list, its advisor_path items, their
 * advisor_strings views, then the ids the views point at. */
static advisor_paths *pack(const advisor_network *net, const chains *list,
	size_t n)
{
	size_t ids = 0, paths = 0;
	for (size_t k = 0; k < n; k++) {
		ids += list[k].len * list[k].count;
		paths += list[k].count;
	}
	advisor_paths *out = malloc(sizeof(advisor_paths) +
		paths * (sizeof(advisor_path) + sizeof(advisor_strings)) +
		ids * sizeof(const char *));
	if (!out)
		return NULL;
	out->count = paths;
	out->items = (advisor_path *)(out + 1);
	advisor_strings *views = (advisor_strings *)(out->items + paths);
	const char **slot = (const char **)(views + paths);
	size_t at = 0;
	for (size_t k = 0; k < n; k++) {
		for (size_t i = 0; i < list[k].count; i++) {
			const uint32_t *nodes = list[k].nodes + i * list[k].len;
			adv_strings_view(&views[at], slot, list[k].len);
			out->items[at].ids = &views[at];
			out->items[at].introducer = NULL;
			for (size_t j = 0; j < list[k].len; j++)
				*slot++ = adv_node_id(net, nodes[j]);
			at++;
		}
	}
	return out;
}

int advisor_network_paths(advisor_paths **out, const advisor_network *net,
	const char *id, const advisor_path_options *opts, advisor_error *err)
{
	advisor_path_options defaults = ADVISOR_PATH_OPTIONS_INIT;
	chains found = { 0 }, intro = { 0 };
	uint8_t *d = NULL, *dx = NULL;
	uint32_t *walk = NULL;
	int rc = ADVISOR_OK;

	if (out)
		*out = NULL;
	if (!out || !net || !id)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_network_paths: out, network and id are required");
	if (!opts)
		opts = &defaults;
	int vrc = adv_check_version(err, "advisor_path_options", opts->version,
		ADVISOR_PATH_OPTIONS_VERSION);
	if (vrc < 0)
		return vrc;
	if (opts->max_length < 1 || opts->max_length > 32)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_network_paths: max_length must be 1 to 32, not %d",
			opts->max_length);
	uint32_t to = adv_network_find(net, id), me = net->me.node;
	if (to == ADV_NO_NODE)
		return adv_error_set(err, ADVISOR_ENOTFOUND,
			"%s: no person with id \"%s\"", net->source, id);
	if (to == me)
		return adv_error_set(err, ADVISOR_EINVAL,
			"\"%s\" is you (me); a path leads to someone else", id);
	adv_error_clear(err);

	const adv_graph *g = &net->graph;
	if (!(d = distances(g, to, opts->max_length)) ||
	    !(walk = malloc(((size_t)opts->max_length * 2 + 2) * sizeof(uint32_t))))
		goto nomem;
	if (d[me] != FAR) {
		found.len = (size_t)d[me] + 1;
		found.max = opts->max_paths ? opts->max_paths : SIZE_MAX;
		walk[0] = me;
		descend(g, d, walk, 0, found.len, &found);
		if (found.nomem)
			goto nomem;
	}

	/* The chain through the introducer: you to them, then them to the
	 * person, each the first shortest walk. */
	const adv_person *p = adv_network_node_person(net, to);
	uint32_t by = p ? introducer(net, p) : ADV_NO_NODE;
	if (by != ADV_NO_NODE && by != me && d[by] != FAR) {
		if (!(dx = distances(g, by, opts->max_length)))
			goto nomem;
		if (dx[me] != FAR) {
			first_walk(g, dx, me, walk);
			first_walk(g, d, by, walk + dx[me]);
			intro.len = (size_t)dx[me] + d[by] + 1;
			intro.max = 1;
			if (simple(walk, intro.len))
				add_chain(&intro, walk, intro.len);
			if (intro.nomem)
				goto nomem;
		}
	}

	/* The introducer's chain first, and not again among the others. */
	if (intro.count && found.count && intro.len == found.len) {
		for (size_t i = 0; i < found.count; i++) {
			if (memcmp(found.nodes + i * found.len, intro.nodes,
				   found.len * sizeof(uint32_t)) == 0) {
				memmove(found.nodes + i * found.len,
					found.nodes + (i + 1) * found.len,
					(found.count - i - 1) * found.len * sizeof(uint32_t));
				found.count--;
				break;
			}
		}
	}
	if (intro.count && opts->max_paths && found.count >= opts->max_paths)
		found.count = opts->max_paths - 1;
	chains both[2] = { intro, found };
	if (!(*out = pack(net, both, 2)))
		goto nomem;
	if (intro.count)
		(*out)->items[0].introducer = adv_node_id(net, by);
	goto done;
nomem:
	rc = adv_error_set(err, ADVISOR_ENOMEM,
		"out of memory finding paths to \"%s\"", id);
done:
	free(d);
	free(dx);
	free(walk);
	free(found.nodes);
	free(intro.nodes);
	return rc;
}

size_t advisor_paths_count(const advisor_paths *paths)
{
	return paths ? paths->count : 0;
}

const advisor_path *advisor_paths_get(const advisor_paths *paths, size_t i)
{
	return paths && i < paths->count ? &paths->items[i] : NULL;
}

void advisor_paths_free(advisor_paths *paths)
{
	free(paths);
}

void advisor_path_options_init(advisor_path_options *opts)
{
	static const advisor_path_options init = ADVISOR_PATH_OPTIONS_INIT;

	if (opts)
		*opts = init;
}
