/*
 * mutuals.c - the people two people both know, by id, for embedders (the
 * policy reaches the same through the graph primitives).
 */
#include <stdlib.h>

#include "network/network.h"
#include "util/error.h"
#include "util/strlist.h"

int advisor_network_mutuals(advisor_strings **out, const advisor_network *net,
	const char *a, const char *b, advisor_error *err)
{
	if (out)
		*out = NULL;
	if (!out || !net || !a || !b)
		return adv_error_set(err, ADVISOR_EINVAL,
			"advisor_network_mutuals: out, network and both ids are required");
	uint32_t x = adv_network_find(net, a), y = adv_network_find(net, b);
	if (x == ADV_NO_NODE || y == ADV_NO_NODE)
		return adv_error_set(err, ADVISOR_ENOTFOUND,
			"%s: no person with id \"%s\"", net->source,
			x == ADV_NO_NODE ? a : b);
	const adv_graph *g = &net->graph;
	uint32_t room = adv_graph_degree(g, x) < adv_graph_degree(g, y)
		? adv_graph_degree(g, x) : adv_graph_degree(g, y);
	uint32_t *nodes = malloc((room ? room : 1) * sizeof(uint32_t));
	const char **ids = NULL;
	advisor_strings *list = nodes ? adv_strings_new(room, &ids) : NULL;
	if (!list) {
		free(nodes);
		return adv_error_set(err, ADVISOR_ENOMEM,
			"out of memory listing mutual connections");
	}
	size_t n = adv_graph_mutuals(g, x, y, nodes);
	for (size_t i = 0; i < n; i++)
		ids[i] = adv_node_id(net, nodes[i]);
	list->count = n;
	free(nodes);
	adv_error_clear(err);
	*out = list;
	return ADVISOR_OK;
}
