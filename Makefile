# jackpot: a PostgreSQL extension in C++, built with PGXS.
#   make && make install            build and install the extension
#   make installcheck               pg_regress (sql/ + expected/) against a running server
#   make unit                       C++ unit tests of src/core (CMake + GoogleTest + ctest)
#   make pgtap                      pgTAP suites under test/pgtap against a running server
#   make bench / make demo          benchmark harness / the main job (see README.md)
# Set WERROR=1 to turn warnings into errors (CI does).

EXTENSION    = jackpot
EXTVERSION   = $(shell sed -n "s/^default_version *= *'\(.*\)'/\1/p" jackpot.control)
MODULE_big   = jackpot
CORE_OBJS    = $(patsubst %.cpp,%.o,$(sort $(wildcard src/core/*.cpp)))
ADAPTER_OBJS = $(patsubst %.cpp,%.o,$(sort $(wildcard src/pg/*.cpp)))
OBJS         = $(CORE_OBJS) $(ADAPTER_OBJS)

# The SQL, as pgvector and pg_duckdb keep it: the area files src/sql/*.sql hold the current
# definition of every object, once, and are concatenated in name order into the install script
# of the current version. Each upgrade script jackpot--A--B.sql is a hand-written delta kept in
# src/sql/upgrades/; every release adds one. (0.1.2, the oldest version an upgrade is tested
# from, is kept frozen in test/operations/, outside the shipped files.)
SQL_PARTS    = $(sort $(wildcard src/sql/*.sql))
DATA_built   = jackpot--$(EXTVERSION).sql
DATA         = $(sort $(wildcard src/sql/upgrades/jackpot--*--*.sql))

REGRESS      = $(patsubst sql/%.sql,%,$(sort $(wildcard sql/*.sql)))
REGRESS_OPTS = --load-extension=jackpot --encoding=UTF8 --no-locale

PG_CONFIG   ?= pg_config
EIGEN_INCLUDE ?= /usr/include/eigen3

PG_INCLUDEDIR_SERVER := $(shell $(PG_CONFIG) --includedir-server)
# PostgreSQL's headers are system headers to us: -isystem keeps their warnings out of -Werror
# (GCC drops the plain -I PGXS also passes for the same directory).
PG_CPPFLAGS  = -Isrc -isystem $(PG_INCLUDEDIR_SERVER) -isystem $(EIGEN_INCLUDE)
# PGXS trap 3: -fvisibility=hidden keeps Eigen's and Boost's instances private to jackpot.so;
# src/pg/postgres.hpp defines PGDLLEXPORT so the fmgr entry points stay exported.
JACKPOT_CXXFLAGS = -std=c++17 -fvisibility=hidden -fvisibility-inlines-hidden -Wall -Wextra \
                   -Wno-missing-field-initializers
ifeq ($(WERROR),1)
JACKPOT_CXXFLAGS += -Werror
endif
PG_CXXFLAGS  = $(JACKPOT_CXXFLAGS)
# PGXS trap 1: PGXS links the module with gcc, which does not add the C++ runtime.
SHLIB_LINK  += -lstdc++ -lm

# (PG_CPPFLAGS and PG_CXXFLAGS are read when PGXS is included, so they are set before it.)

# PGXS trap 2: with_llvm=yes makes PGXS compile every .cpp to LLVM bitcode with clang and its
# own flags (no -std=c++17, none of ours), for JIT inlining. Inlining Eigen and Boost into
# JIT-compiled expressions buys nothing, so no bitcode is built or installed.
override with_llvm = no

PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# The core is compiled without any PostgreSQL include directory: a PostgreSQL header cannot
# even be found from src/core (and src/core/pure_cpp.hpp refuses one included before it).
$(CORE_OBJS): override CPPFLAGS = -Isrc -isystem $(EIGEN_INCLUDE) -D_FORTIFY_SOURCE=2

$(OBJS): $(wildcard src/core/*.hpp src/pg/*.hpp)

jackpot--$(EXTVERSION).sql: $(SQL_PARTS)
	cat $(SQL_PARTS) > $@

.PHONY: unit pgtap bench demo test
unit:
	cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DJACKPOT_WERROR=$(or $(WERROR),0) >/dev/null
	cmake --build build -j$(shell nproc)
	cd build && ctest --output-on-failure -j$(shell nproc)

pgtap:
	scripts/run-pgtap

bench:
	bench/run

demo:
	scripts/demo

test:
	scripts/test-all
