/*
 * small_network.h - the network the request and policy harnesses advise
 * on: you, Ann (met at PyCon, cordial) and Bob (a connection of both).
 */
#ifndef ADV_FUZZ_SMALL_NETWORK_H
#define ADV_FUZZ_SMALL_NETWORK_H

static const char NETWORK[] =
	"{\"format\":\"advisor-network/1\",\"me\":{\"id\":\"me\",\"name\":\"Me\"},"
	"\"people\":["
	"{\"id\":\"ann\",\"name\":\"Ann Lee\",\"company\":\"Foo\",\"connections\":[\"bob\"],"
	"\"events\":[{\"type\":\"met\",\"date\":\"2025-05-03\",\"context\":\"PyCon\",\"tone\":\"cordial\"}]},"
	"{\"id\":\"bob\",\"name\":\"Bob\",\"connected\":true,\"connections\":[\"me\",\"ann\"]}]}";

#endif
