// Every header of src/core includes this first. src/core is the engine's pure C++17 library
// (std, Eigen, Boost.Math): it must build, test and fuzz without a PostgreSQL server, as
// PostGIS's liblwgeom does. Two walls keep PostgreSQL out:
//   1. the core is compiled with no PostgreSQL include directory at all (Makefile, CMake);
//   2. this check fails the build if a PostgreSQL header was seen before a core header, which is
//      also why src/pg includes core headers before "pg/postgres.hpp".
#pragma once

#if defined(POSTGRES_H) || defined(C_H) || defined(PG_VERSION_NUM) || defined(FMGR_H)
#error "src/core is pure C++: a PostgreSQL header was included before a core header (include core headers first, and never include PostgreSQL from src/core)"
#endif
