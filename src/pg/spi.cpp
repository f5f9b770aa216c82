#include "pg/spi.hpp"

namespace jackpot::pg {

SpiConnection::SpiConnection() {
  call_postgres([] {
    if (SPI_connect() != SPI_OK_CONNECT) elog(ERROR, "SPI_connect failed");
  });
}

void SpiConnection::finish() { call_postgres([] { SPI_finish(); }); }

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
