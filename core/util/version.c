/*
 * version.c - the library's version, for embedders who check at run time
 * that the library they loaded is the one they were built against.
 */
#include "advisor.h"

const char *advisor_version(void)
{
	return ADVISOR_VERSION_STRING;
}
