/*
 * The public header must compile alone, first: as C11 here (the build's
 * header_alone target), and as C99 and C++11 (tests/package/test_header.sh).
 * Every _INIT macro is used, and one function is called, so that C++ name
 * mangling would show.
 */
#include "advisor.h"

#ifdef __cplusplus
extern "C" int header_alone_compiles(void);
#else
int header_alone_compiles(void);
#endif

int header_alone_compiles(void)
{
	advisor_request req = ADVISOR_REQUEST_INIT;
	advisor_engine_options eo = ADVISOR_ENGINE_OPTIONS_INIT;
	advisor_load_options lo = ADVISOR_LOAD_OPTIONS_INIT;
	return (int)req.version + (int)eo.version + (int)lo.version +
		(advisor_version()[0] == ADVISOR_VERSION_STRING[0]);
}
