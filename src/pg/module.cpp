// The loadable module: PostgreSQL's magic block and the load-time initialisation.
#include "pg/settings_gucs.hpp"

#include "pg/postgres.hpp"

extern "C" {
PG_MODULE_MAGIC;

PGDLLEXPORT void _PG_init(void);

void _PG_init(void) { jackpot::pg::define_setting_gucs(); }
}
