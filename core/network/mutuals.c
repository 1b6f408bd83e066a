/*
 * mutuals.c - the people two people both know, by id, for embedders (the
 * policy reaches the same through the graph primitives).
 */
#include <stdlib.h>

#include "network/network.h"
#include "util/error.h"

int advisor_network_mutuals(const char ***out, size_t *count,
	const advisor_network *net, const char *a, const char *b,
	advisor_error *err)
{
	if (out)
		*out = NULL;
	if (count)
		*count = 0;
	if (!out || !count || !net || !a || !b)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_network_mutuals: out, count, network and both ids are required");
	uint32_t x = adv_network_find(net, a), y = adv_network_find(net, b);
	if (x == ADV_NO_NODE || y == ADV_NO_NODE)
		return adv_error_set(err, ADVISOR_ENOTFOUND,
			"%s: no person with id \"%s\"", net->source,
			x == ADV_NO_NODE ? a : b);
	const adv_graph *g = &net->graph;
	uint32_t room = adv_graph_degree(g, x) < adv_graph_degree(g, y)
		? adv_graph_degree(g, x) : adv_graph_degree(g, y);
	uint32_t *nodes = malloc((room ? room : 1) * sizeof(uint32_t));
	const char **ids = malloc((room ? room : 1) * sizeof(char *));
	if (!nodes || !ids) {
		free(nodes);
		free(ids);
		return adv_error_set(err, ADVISOR_ENOMEM,
			"out of memory listing mutual connections");
	}
	size_t n = adv_graph_mutuals(g, x, y, nodes);
	for (size_t i = 0; i < n; i++)
		ids[i] = net->node_ids[nodes[i]];
	free(nodes);
	adv_error_clear(err);
	*out = ids;
	*count = n;
	return ADVISOR_OK;
}

void advisor_ids_free(const char **ids)
{
	free((void *)ids);
}
