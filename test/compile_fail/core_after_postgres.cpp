// Must NOT compile: ctest's core_refuses_postgres_headers expects src/core/pure_cpp.hpp's #error.
#include "postgres.h"

#include "core/settings.hpp"

int main() { return 0; }
