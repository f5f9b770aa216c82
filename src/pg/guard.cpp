#include <cstdio>
#include <new>
#include <stdexcept>

#include "core/eigen.hpp"
#include "core/input_format_error.hpp"
#include "pg/guard.hpp"

namespace jackpot::pg {

namespace {

// What invoke_guarded keeps of a caught exception: plain data only, so nothing needs a
// destructor when ereport() longjmps out of the guard's frame.
struct PendingError {
  ErrorData* postgres = nullptr;  // set: re-raise this PostgreSQL error unchanged
  int sqlstate = 0;
  bool internal = false;          // a bug rather than bad input: say so in the DETAIL
  char message[2048];             // written only when an exception is caught
  char hint[512];
  bool has_hint = false;
};

void keep_message(PendingError& pending, int sqlstate, const char* message) {
  pending.sqlstate = sqlstate;
  snprintf(pending.message, sizeof pending.message, "%s", message);
}

[[noreturn]] void raise_pending(const char* sql_name, const PendingError& pending) {
  if (pending.postgres != nullptr) ReThrowError(pending.postgres);
  if (pending.has_hint)
    ereport(ERROR, (errcode(pending.sqlstate), errmsg("%s", pending.message), errhint("%s", pending.hint)));
  if (pending.internal)
    ereport(ERROR, (errcode(pending.sqlstate), errmsg("%s", pending.message),
                    errdetail("Internal error (an uncaught C++ exception) in %s.", sql_name)));
  ereport(ERROR, (errcode(pending.sqlstate), errmsg("%s", pending.message)));
  pg_unreachable();
}

}  // namespace

const char* PostgresError::what() const noexcept {
  return data_ != nullptr && data_->message != nullptr ? data_->message : "PostgreSQL error";
}

void run_postgres(void (*callback)(void*), void* context) {
  const MemoryContext caller_context = CurrentMemoryContext;
  ErrorData* volatile caught = nullptr;  // assigned after the longjmp, read after PG_END_TRY
  PG_TRY();
  { callback(context); }
  PG_CATCH();
  {
    // CopyErrorData must not run in ErrorContext; the copy lives in the caller's context, which
    // outlives the unwinding up to invoke_guarded.
    MemoryContextSwitchTo(caller_context);
    caught = CopyErrorData();
    FlushErrorState();
  }
  PG_END_TRY();
  if (caught != nullptr) throw PostgresError(caught);
}

Datum invoke_guarded(const char* sql_name, SqlFunctionBody body, FunctionCallInfo fcinfo) {
  PendingError pending;
  try {
    return body(fcinfo);
  } catch (const PostgresError& error) {
    pending.postgres = error.data();
  } catch (const std::bad_alloc&) {
    keep_message(pending, ERRCODE_OUT_OF_MEMORY, "out of memory");
  } catch (const SqlStateError& error) {
    keep_message(pending, error.sqlstate(), error.what());
    if (!error.hint().empty()) {
      snprintf(pending.hint, sizeof pending.hint, "%s", error.hint().c_str());
      pending.has_hint = true;
    }
  } catch (const core::InputFormatError& error) {
    keep_message(pending, ERRCODE_BAD_COPY_FILE_FORMAT, error.what());
  } catch (const core::AssertionFailure& error) {
    keep_message(pending, ERRCODE_INTERNAL_ERROR, error.what());
    pending.internal = true;
  } catch (const std::invalid_argument& error) {
    keep_message(pending, ERRCODE_INVALID_PARAMETER_VALUE, error.what());
  } catch (const std::domain_error& error) {  // Boost.Math: an argument outside a function's domain
    keep_message(pending, ERRCODE_INVALID_PARAMETER_VALUE, error.what());
  } catch (const std::overflow_error& error) {
    keep_message(pending, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, error.what());
  } catch (const std::range_error& error) {
    keep_message(pending, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, error.what());
  } catch (const std::exception& error) {
    keep_message(pending, ERRCODE_INTERNAL_ERROR, error.what());
    pending.internal = true;
  } catch (...) {
    keep_message(pending, ERRCODE_INTERNAL_ERROR, "unknown C++ exception");
    pending.internal = true;
  }
  // The exception object is destroyed and every C++ frame below has unwound: raising is safe.
  raise_pending(sql_name, pending);
}

}  // namespace jackpot::pg
