/* The public header must compile alone, first, under -std=c11 -pedantic. */
#include "advisor.h"

int header_alone_compiles(void);
int header_alone_compiles(void)
{
	advisor_request req = ADVISOR_REQUEST_INIT;
	advisor_engine_options eo = ADVISOR_ENGINE_OPTIONS_INIT;
	advisor_load_options lo = ADVISOR_LOAD_OPTIONS_INIT;
	return (int)req.version + (int)eo.version + (int)lo.version;
}
