// The C++/PostgreSQL boundary. Two error regimes meet here and never mix (after pg_duckdb's
// InvokeCPPFunc and PostgresFunctionGuard):
//
//   C++ → PostgreSQL. Every SQL-callable function is declared with JACKPOT_SQL_FUNCTION, whose
//   body runs inside invoke_guarded(). It catches every C++ exception, keeps only plain data,
//   lets the C++ stack unwind, and only then raises the PostgreSQL error: ereport() longjmps,
//   and a longjmp across live C++ frames would skip their destructors.
//
//   PostgreSQL → C++. A PostgreSQL call made from C++ (SPI, array construction, detoasting,
//   jsonb input, CHECK_FOR_INTERRUPTS) goes through call_postgres(). It catches the longjmp in
//   its own frame, copies the ErrorData and throws it as PostgresError, so C++ destructors run on
//   the way up; invoke_guarded() re-raises it unchanged (same SQLSTATE, message, detail, hint).
//
// The SQLSTATEs of C++ exceptions are listed in docs/architecture.md.
#pragma once

#include <exception>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "pg/postgres.hpp"

namespace jackpot::pg {

// A PostgreSQL error caught beneath C++ code. The ErrorData lives in the memory context that
// was current when the failing call was made, which outlives the unwinding.
class PostgresError final : public std::exception {
 public:
  explicit PostgresError(ErrorData* data) noexcept : data_(data) {}
  const char* what() const noexcept override;
  ErrorData* data() const noexcept { return data_; }

 private:
  ErrorData* data_;
};

// An error the adapter itself raises, with the SQLSTATE (MAKE_SQLSTATE / ERRCODE_*) and hint
// it should reach the user with.
class SqlStateError final : public std::runtime_error {
 public:
  SqlStateError(int sqlstate, const std::string& message, std::string hint = {})
      : std::runtime_error(message), sqlstate_(sqlstate), hint_(std::move(hint)) {}
  int sqlstate() const noexcept { return sqlstate_; }
  const std::string& hint() const noexcept { return hint_; }

 private:
  int sqlstate_;
  std::string hint_;
};

// Runs callback(context) under PG_TRY; an ERROR it raises is copied out, PostgreSQL's error
// state is cleared, and PostgresError is thrown from this (C++) frame. The one sigsetjmp of the
// adapter lives here, in a frame that holds no C++ object.
void run_postgres(void (*callback)(void*), void* context);

// Runs fn, which calls PostgreSQL, and turns an ERROR it raises into a thrown PostgresError.
// fn must not own C++ objects with destructors itself: the longjmp skips fn's own frame (and
// PostgreSQL's C frames) and ends in run_postgres. Its result must be a plain value (Datum,
// pointer, number).
template <typename Fn>
auto call_postgres(Fn&& fn) -> std::invoke_result_t<Fn&> {
  using Result = std::invoke_result_t<Fn&>;
  if constexpr (std::is_void_v<Result>) {
    run_postgres([](void* context) { (*static_cast<std::remove_reference_t<Fn>*>(context))(); },
                 &fn);
  } else {
    static_assert(std::is_trivially_copyable_v<Result> && std::is_default_constructible_v<Result>,
                  "call_postgres returns plain values only");
    struct Call {
      std::remove_reference_t<Fn>* fn;
      Result result;
    } call{&fn, Result{}};
    run_postgres([](void* context) {
      auto* c = static_cast<Call*>(context);
      c->result = (*c->fn)();
    }, &call);
    return call.result;
  }
}

// CHECK_FOR_INTERRUPTS for C++ loops: a cancel or statement_timeout arrives as PostgresError.
// The sigsetjmp is paid only when an interrupt is actually pending.
inline void check_for_interrupts() {
  if (unlikely(InterruptPending)) call_postgres([] { CHECK_FOR_INTERRUPTS(); });
}

using SqlFunctionBody = Datum (*)(FunctionCallInfo);

// Runs body(fcinfo) with every C++ exception turned into a PostgreSQL error after unwinding.
Datum invoke_guarded(const char* sql_name, SqlFunctionBody body, FunctionCallInfo fcinfo);

}  // namespace jackpot::pg

// Declares the SQL-callable C function `sql_name` whose body is the block that follows; the body
// sees `fcinfo` and returns a Datum. Every entry point of the extension is written this way.
// PostgreSQL 15's PG_FUNCTION_INFO_V1 exports only pg_finfo_<name>, so under
// -fvisibility=hidden the function itself is declared PGDLLEXPORT here.
#define JACKPOT_SQL_FUNCTION(sql_name)                                                 \
  static Datum sql_name##_body(FunctionCallInfo fcinfo);                               \
  extern "C" {                                                                         \
  PG_FUNCTION_INFO_V1(sql_name);                                                       \
  PGDLLEXPORT Datum sql_name(PG_FUNCTION_ARGS);                                        \
  Datum sql_name(PG_FUNCTION_ARGS) {                                                   \
    return ::jackpot::pg::invoke_guarded(#sql_name, sql_name##_body, fcinfo);          \
  }                                                                                    \
  }                                                                                    \
  static Datum sql_name##_body(FunctionCallInfo fcinfo)
