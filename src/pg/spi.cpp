#include "pg/spi.hpp"

namespace jackpot::pg {

SpiConnection::SpiConnection() {
  call_postgres([] {
    if (SPI_connect() != SPI_OK_CONNECT) elog(ERROR, "SPI_connect failed");
  });
}

void SpiConnection::finish() { call_postgres([] { SPI_finish(); }); }

namespace {

// Prepared plans, kept for the backend's life (SPI_keepplan) and keyed by the address of the
// statement's text: every statement is a constant of static storage. A plain array, as static
// state must be trivial; PostgreSQL's plan cache revalidates the plans after DDL.
struct KeptPlan {
  const char* sql;
  SPIPlanPtr plan;
};
constexpr int kMaxKeptPlans = 64;
KeptPlan kept_plans[kMaxKeptPlans];
int kept_plan_count = 0;

SPIPlanPtr plan_for(const char* sql, int n, Oid* types, int cursor_options) {
  for (int i = 0; i < kept_plan_count; ++i)
    if (kept_plans[i].sql == sql) return kept_plans[i].plan;
  SPIPlanPtr plan = call_postgres([&] {
    SPIPlanPtr prepared = SPI_prepare_cursor(sql, n, types, cursor_options);
    if (prepared == nullptr) elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
    if (kept_plan_count < kMaxKeptPlans && SPI_keepplan(prepared) != 0) elog(ERROR, "SPI_keepplan failed");
    return prepared;
  });
  if (kept_plan_count < kMaxKeptPlans) kept_plans[kept_plan_count++] = {sql, plan};
  return plan;
}

constexpr std::size_t kMaxArguments = 32;

struct BoundArguments {
  int n = 0;
  Oid types[kMaxArguments];
  Datum values[kMaxArguments];
  char nulls[kMaxArguments];
};

BoundArguments bind(std::initializer_list<SpiArgument> arguments) {
  if (arguments.size() > kMaxArguments) throw std::logic_error("too many SPI arguments");
  BoundArguments bound;
  for (const SpiArgument& argument : arguments) {
    bound.types[bound.n] = argument.type;
    bound.values[bound.n] = argument.value;
    bound.nulls[bound.n] = argument.is_null ? 'n' : ' ';
    ++bound.n;
  }
  return bound;
}

std::uint64_t run(SPIPlanPtr plan, BoundArguments& bound) {
  return call_postgres([&]() -> std::uint64_t {
    const int status = SPI_execute_plan(plan, bound.values, bound.nulls, false, 0);
    if (status < 0) elog(ERROR, "SPI_execute_plan failed: %s", SPI_result_code_string(status));
    return SPI_processed;
  });
}

struct SinkReceiver {
  DestReceiver receiver;  // first: the executor sees a DestReceiver*
  RowSink sink;
  void* context;
};

bool receive_slot(TupleTableSlot* slot, DestReceiver* self) {
  SinkReceiver* receiver = reinterpret_cast<SinkReceiver*>(self);
  slot_getallattrs(slot);
  return receiver->sink(slot, receiver->context);
}
void receiver_startup(DestReceiver*, int, TupleDesc) {}
void receiver_shutdown(DestReceiver*) {}
void receiver_destroy(DestReceiver*) {}

std::uint64_t stream(SPIPlanPtr plan, const BoundArguments& bound, RowSink sink, void* context) {
  return call_postgres([&]() -> std::uint64_t {
    ParamListInfo params = makeParamList(bound.n);
    for (int i = 0; i < bound.n; ++i) {
      params->params[i].value = bound.values[i];
      params->params[i].isnull = bound.nulls[i] == 'n';
      params->params[i].pflags = PARAM_FLAG_CONST;
      params->params[i].ptype = bound.types[i];
    }
    SinkReceiver receiver{{receive_slot, receiver_startup, receiver_shutdown, receiver_destroy, DestNone}, sink, context};
    SPIExecuteOptions options;
    memset(&options, 0, sizeof options);
    options.params = params;
    options.dest = &receiver.receiver;
    const int status = SPI_execute_plan_extended(plan, &options);
    if (status < 0) elog(ERROR, "SPI_execute_plan_extended failed: %s", SPI_result_code_string(status));
    return SPI_processed;
  });
}

}  // namespace

std::uint64_t spi_execute(const char* sql, std::initializer_list<SpiArgument> arguments) {
  BoundArguments bound = bind(arguments);
  return run(plan_for(sql, bound.n, bound.types, 0), bound);
}

std::uint64_t spi_stream_with_generic_plan(const char* sql, std::initializer_list<SpiArgument> arguments,
                                           RowSink sink, void* context) {
  BoundArguments bound = bind(arguments);
  return stream(plan_for(sql, bound.n, bound.types, CURSOR_OPT_GENERIC_PLAN), bound, sink, context);
}

std::uint64_t spi_stream_with_custom_plan(const char* sql, std::initializer_list<SpiArgument> arguments,
                                          RowSink sink, void* context) {
  BoundArguments bound = bind(arguments);
  return stream(plan_for(sql, bound.n, bound.types, CURSOR_OPT_CUSTOM_PLAN), bound, sink, context);
}

std::optional<Datum> spi_value(std::uint64_t row, int column) {
  bool is_null = true;
  const Datum value = SPI_getbinval(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, column, &is_null);
  if (is_null) return std::nullopt;
  return value;
}

// text in the database encoding from UTF-8 (the core's encoding); an unconvertible character
// is PostgreSQL's own error (22P05).
static text* text_from_utf8(const char* data, int length) {
  const char* converted = data;
  if (GetDatabaseEncoding() != PG_UTF8 && GetDatabaseEncoding() != PG_SQL_ASCII) {
    converted = pg_any_to_server(data, length, PG_UTF8);
    if (converted != data) length = static_cast<int>(strlen(converted));
  }
  return cstring_to_text_with_len(converted, length);
}

Datum text_datum(std::string_view value) {
  return call_postgres([value] {
    return PointerGetDatum(text_from_utf8(value.data(), static_cast<int>(value.size())));
  });
}

std::string text_of(Datum value) {
  text* t = call_postgres([value] { return DatumGetTextPP(value); });
  const char* data = VARDATA_ANY(t);
  const int length = static_cast<int>(VARSIZE_ANY_EXHDR(t));
  if (GetDatabaseEncoding() != PG_UTF8 && GetDatabaseEncoding() != PG_SQL_ASCII) {
    const char* utf8 = call_postgres([&] { return pg_server_to_any(data, length, PG_UTF8); });
    if (utf8 != data) return std::string(utf8);
  }
  return std::string(data, static_cast<std::size_t>(length));
}

namespace {

template <typename Fill>
Datum build_array(std::size_t n, Oid element_type, int element_length, bool by_value, char align,
                  Fill fill) {
  return call_postgres([&] {
    Datum* elements = static_cast<Datum*>(palloc(sizeof(Datum) * (n > 0 ? n : 1)));
    bool* nulls = static_cast<bool*>(palloc(sizeof(bool) * (n > 0 ? n : 1)));
    for (std::size_t i = 0; i < n; ++i) fill(i, elements[i], nulls[i]);
    int dims[1] = {static_cast<int>(n)};
    int lower_bounds[1] = {1};
    return PointerGetDatum(construct_md_array(elements, nulls, 1, dims, lower_bounds, element_type,
                                              element_length, by_value, align));
  });
}

}  // namespace

Datum text_array(const std::vector<std::string>& values) {
  return build_array(values.size(), TEXTOID, -1, false, TYPALIGN_INT,
                     [&](std::size_t i, Datum& element, bool& is_null) {
                       element = PointerGetDatum(
                           text_from_utf8(values[i].data(), static_cast<int>(values[i].size())));
                       is_null = false;
                     });
}

Datum int4_array(const std::vector<std::int32_t>& values) {
  return build_array(values.size(), INT4OID, 4, true, TYPALIGN_INT,
                     [&](std::size_t i, Datum& element, bool& is_null) {
                       element = Int32GetDatum(values[i]);
                       is_null = false;
                     });
}

Datum date_array(const std::vector<DateADT>& values) {
  return build_array(values.size(), DATEOID, 4, true, TYPALIGN_INT,
                     [&](std::size_t i, Datum& element, bool& is_null) {
                       element = DateADTGetDatum(values[i]);
                       is_null = false;
                     });
}

Datum int8_array(const std::vector<std::int64_t>& values) {
  return build_array(values.size(), INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
                     [&](std::size_t i, Datum& element, bool& is_null) {
                       element = Int64GetDatum(values[i]);
                       is_null = false;
                     });
}
Datum float8_array(const std::vector<std::optional<double>>& values) {
  return build_array(values.size(), FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
                     [&](std::size_t i, Datum& element, bool& is_null) {
                       is_null = !values[i].has_value();
                       element = is_null ? Datum(0) : Float8GetDatum(*values[i]);
                     });
}

DateADT date_from_ymd(int year, int month, int day) {
  return date2j(year, month, day) - POSTGRES_EPOCH_JDATE;
}

std::size_t format_date(DateADT date, char* out) {
  int year = 0, month = 0, day = 0;
  j2date(date + POSTGRES_EPOCH_JDATE, &year, &month, &day);
  if (year < 1 || year > 9999)  // outside four digits: PostgreSQL's own snprintf
    return static_cast<std::size_t>(snprintf(out, kDateTextCapacity, "%04d-%02d-%02d", year, month, day));
  // the common case by hand: PostgreSQL's snprintf (port.h's) costs more than the training
  // read's other per-row work, and it runs once per match date
  const auto digits = [](char* at, int value, int count) {
    for (int k = count - 1; k >= 0; --k, value /= 10) at[k] = static_cast<char>('0' + value % 10);
  };
  digits(out, year, 4);
  out[4] = '-';
  digits(out + 5, month, 2);
  out[7] = '-';
  digits(out + 8, day, 2);
  return 10;
}

std::string date_text(DateADT date) {
  char text[kDateTextCapacity];
  return std::string(text, format_date(date, text));
}

std::string sha256_hex(std::string_view bytes) {
  uint8 digest[PG_SHA256_DIGEST_LENGTH];
  call_postgres([&] {
    pg_cryptohash_ctx* context = pg_cryptohash_create(PG_SHA256);
    if (pg_cryptohash_init(context) < 0 ||
        pg_cryptohash_update(context, reinterpret_cast<const uint8*>(bytes.data()), bytes.size()) < 0 ||
        pg_cryptohash_final(context, digest, sizeof digest) < 0)
      elog(ERROR, "could not compute SHA-256: %s", pg_cryptohash_error(context));
    pg_cryptohash_free(context);
  });
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * sizeof digest);
  for (const uint8 b : digest) {
    hex.push_back(kHex[b >> 4]);
    hex.push_back(kHex[b & 0x0F]);
  }
  return hex;
}

}  // namespace jackpot::pg
