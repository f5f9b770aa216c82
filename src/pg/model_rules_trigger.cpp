// jackpot.enforce_model_rules(): the BEFORE UPDATE OR DELETE row trigger of jackpot.models (rules
// models.frozen_columns JP001, models.status_transition JP002, models.metrics_write_once JP003,
// models.no_delete JP004; docs/immutability.md).
//
// Every fit meets it when it archives the league's previous model. In C++ a column that did not
// change is recognised by its bytes: the parameters and team_strengths of the old and new row
// versions are then the same TOAST pointer, and nothing is fetched or decompressed. Only columns
// whose bytes differ are compared with their type's equality (IS DISTINCT FROM), as the
// PL/pgSQL trigger of release 0.1.0 did for every column.
#include <array>
#include <string>

#include "pg/guard.hpp"

namespace jackpot::pg {
namespace {

constexpr int kModelRuleCode1 = MAKE_SQLSTATE('J', 'P', '0', '0', '1');
constexpr int kModelRuleCode2 = MAKE_SQLSTATE('J', 'P', '0', '0', '2');
constexpr int kModelRuleCode3 = MAKE_SQLSTATE('J', 'P', '0', '0', '3');
constexpr int kModelRuleCode4 = MAKE_SQLSTATE('J', 'P', '0', '0', '4');

constexpr std::array<const char*, 10> kFrozenColumns = {
    "id", "version", "league_id", "model_type", "trained_at", "training_matches",
    "training_seasons", "parameters", "team_strengths", "created_at"};
constexpr std::array<const char*, 3> kWriteOnceColumns = {"brier_score", "log_loss", "calibration_error"};

struct RowPair {
  HeapTuple old_row;
  HeapTuple new_row;
  TupleDesc type;
};

int column_number(TupleDesc type, const char* name) {
  const int number = SPI_fnumber(type, name);  // a lookup that reports, never raises
  if (number <= 0) throw std::logic_error(std::string("jackpot.models has no column ") + name);
  return number;
}

struct ColumnValue {
  Datum value;
  bool is_null;
};

ColumnValue value_of(HeapTuple row, TupleDesc type, int number) {
  ColumnValue out{};
  out.value = heap_getattr(row, number, type, &out.is_null);
  return out;
}

// old IS DISTINCT FROM new, for column `number`.
bool distinct(const RowPair& rows, int number) {
  const ColumnValue a = value_of(rows.old_row, rows.type, number);
  const ColumnValue b = value_of(rows.new_row, rows.type, number);
  if (a.is_null || b.is_null) return a.is_null != b.is_null;
  const Form_pg_attribute column = TupleDescAttr(rows.type, number - 1);
  if (datumIsEqual(a.value, b.value, column->attbyval, column->attlen)) return false;
  // Different bytes can still be equal values (a varlena's header or compression, a jsonb number
  // written 1.0 or 1.00, a NaN's payload): the type's own equality decides.
  return call_postgres([&] {
    TypeCacheEntry* entry = lookup_type_cache(column->atttypid, TYPECACHE_EQ_OPR_FINFO);
    if (!OidIsValid(entry->eq_opr_finfo.fn_oid))
      elog(ERROR, "no equality operator for column %s", NameStr(column->attname));
    return !DatumGetBool(FunctionCall2Coll(&entry->eq_opr_finfo, column->attcollation, a.value, b.value));
  });
}

std::string text_of_column(HeapTuple row, TupleDesc type, int number) {
  char* text = call_postgres([&] { return SPI_getvalue(row, type, number); });
  std::string out = text == nullptr ? "NULL" : text;
  if (text != nullptr) call_postgres([&] { pfree(text); });
  return out;
}

}  // namespace
}  // namespace jackpot::pg

JACKPOT_SQL_FUNCTION(jackpot_enforce_model_rules) {
  using namespace jackpot::pg;
  if (!CALLED_AS_TRIGGER(fcinfo)) throw std::logic_error("enforce_model_rules is a trigger function");
  const auto* trigger = reinterpret_cast<TriggerData*>(fcinfo->context);
  if (!TRIGGER_FIRED_BEFORE(trigger->tg_event) || !TRIGGER_FIRED_FOR_ROW(trigger->tg_event) ||
      !(TRIGGER_FIRED_BY_UPDATE(trigger->tg_event) || TRIGGER_FIRED_BY_DELETE(trigger->tg_event)))
    throw std::logic_error("enforce_model_rules runs BEFORE UPDATE OR DELETE, FOR EACH ROW");
  const TupleDesc type = trigger->tg_relation->rd_att;
  // The model's version, for a refusal's message only: the usual update (archiving) never
  // formats it.
  const auto model = [&] { return text_of_column(trigger->tg_trigtuple, type, column_number(type, "version")); };
  if (TRIGGER_FIRED_BY_DELETE(trigger->tg_event))
    throw SqlStateError(kModelRuleCode4,
                        "models.no_delete: model " + model() + " is part of the audit trail and is never deleted",
                        "Set its status to archived instead.");
  const RowPair rows{trigger->tg_trigtuple, trigger->tg_newtuple, type};
  for (const char* name : kFrozenColumns)
    if (distinct(rows, column_number(type, name)))
      throw SqlStateError(kModelRuleCode1,
                          std::string("models.frozen_columns: column ") + name + " of model " + model() +
                              " never changes",
                          "Fit a new model version instead.");
  // A NULL status is left to the column's NOT NULL constraint, as in release 0.1.0.
  const int status = column_number(type, "status");
  if (!value_of(rows.new_row, type, status).is_null && distinct(rows, status)) {
    const std::string from = text_of_column(rows.old_row, type, status);
    const std::string to = text_of_column(rows.new_row, type, status);
    if (!(from == "active" && (to == "archived" || to == "failed")))
      throw SqlStateError(kModelRuleCode2,
                          "models.status_transition: model " + model() + " cannot move from " + from + " to " + to,
                          "A model moves only from active to archived or to failed.");
  }
  for (const char* name : kWriteOnceColumns) {
    const int number = column_number(type, name);
    if (!value_of(rows.old_row, type, number).is_null && distinct(rows, number))
      throw SqlStateError(kModelRuleCode3,
                          std::string("models.metrics_write_once: ") + name + " of model " + model() +
                              " is already recorded",
                          "Validation metrics are written once, from NULL to a value.");
  }
  return PointerGetDatum(rows.new_row);
}
