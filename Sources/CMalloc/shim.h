#ifndef GLEANER_CMALLOC_SHIM_H
#define GLEANER_CMALLOC_SHIM_H
/// glibc's allocator tuning (`mallopt`), which the Glibc module does not import.
#include <malloc.h>
#endif
