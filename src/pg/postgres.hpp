// The only way src/pg includes PostgreSQL. Include it after every std, Eigen, Boost and core
// header: PostgreSQL's headers define macros (Min, Max, gettext, printf → pg_printf …) that would
// otherwise rewrite the C++ headers parsed after them.
#pragma once

// Debian's PostgreSQL 15 defines PGDLLEXPORT as nothing on Linux, and we compile with
// -fvisibility=hidden (so Eigen's and Boost's template instances stay private to the .so).
// Defining it here first exports exactly the fmgr entry points, Pg_magic_func and _PG_init,
// which PostgreSQL looks up with dlsym.
#ifndef PGDLLEXPORT
#define PGDLLEXPORT __attribute__((visibility("default")))
#endif

extern "C" {
#include "postgres.h"

#include "fmgr.h"
#include "access/htup_details.h"
#include "commands/trigger.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "catalog/pg_collation_d.h"
#include "catalog/pg_type_d.h"
#include "common/cryptohash.h"
#include "common/sha2.h"
#include "executor/spi.h"
#include "mb/pg_wchar.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/datum.h"
#include "utils/guc.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/numeric.h"
#include "utils/plancache.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"
#include "utils/typcache.h"
#include "utils/uuid.h"
}
