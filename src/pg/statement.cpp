#include "pg/statement.hpp"

#include <cctype>
#include <cstring>
#include <string>
#include <vector>

namespace jackpot::pg {
namespace {

// The prepared plans, one per statement description, kept for the backend's life. A plain array
// in TopMemoryContext that grows as statements are first used (static state must be trivial).
struct KeptPlan {
  const StatementDescription* statement;
  SPIPlanPtr plan;
};
KeptPlan* kept_plans = nullptr;
int kept_plan_count = 0;
int kept_plan_capacity = 0;

[[noreturn]] void description_mismatch(const StatementDescription& statement, const std::string& what) {
  throw std::logic_error(std::string("statement ") + statement.name() + " does not match its description: " + what);
}

// The text with each $(name) replaced by $k, k the parameter's position in the description.
std::string positional_text(const StatementDescription& statement) {
  const std::string_view sql = statement.sql();
  std::string text;
  text.reserve(sql.size());
  std::vector<bool> referenced(statement.parameter_count(), false);
  for (std::size_t i = 0; i < sql.size(); ++i) {
    if (sql[i] != '$') {
      text += sql[i];
      continue;
    }
    if (i + 1 < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i + 1])))
      description_mismatch(statement, "its text uses a positional parameter; name it $(name)");
    if (i + 1 >= sql.size() || sql[i + 1] != '(') {  // a dollar quote or a name containing '$'
      text += sql[i];
      continue;
    }
    const std::size_t close = sql.find(')', i);
    if (close == std::string_view::npos) description_mismatch(statement, "an unclosed $( in its text");
    const std::string_view name = sql.substr(i + 2, close - i - 2);
    std::size_t k = 0;
    while (k < statement.parameter_count() && name != statement.parameter(k).name) ++k;
    if (k == statement.parameter_count())
      description_mismatch(statement, "its text uses $(" + std::string(name) + "), which the description does not list");
    referenced[k] = true;
    text += '$' + std::to_string(k + 1);
    i = close;
  }
  for (std::size_t k = 0; k < referenced.size(); ++k)
    if (!referenced[k])
      description_mismatch(statement, std::string("the description lists parameter ") + statement.parameter(k).name +
                                          ", which its text never uses");
  return text;
}

// The planned result's columns against the description's.
void check_result(const StatementDescription& statement, SPIPlanPtr plan) {
  const TupleDesc result = call_postgres([plan] {
    List* sources = SPI_plan_get_plan_sources(plan);
    return sources == NIL ? TupleDesc(nullptr) : static_cast<CachedPlanSource*>(llast(sources))->resultDesc;
  });
  if (statement.shape() == ResultShape::none) return;
  if (result == nullptr) description_mismatch(statement, "it returns no rows, and its description reads a result");
  if (statement.shape() == ResultShape::whole_row) return;
  if (static_cast<std::size_t>(result->natts) != statement.column_count())
    description_mismatch(statement, "it returns " + std::to_string(result->natts) + " column(s), its description names " +
                                        std::to_string(statement.column_count()));
  for (int i = 0; i < result->natts; ++i) {
    const char* planned = NameStr(TupleDescAttr(result, i)->attname);
    if (std::strcmp(planned, statement.column_name(static_cast<std::size_t>(i))) != 0)
      description_mismatch(statement, "result column " + std::to_string(i + 1) + " is " + planned +
                                          ", its description says " + statement.column_name(static_cast<std::size_t>(i)));
  }
}

SPIPlanPtr prepare(const StatementDescription& statement) {
  const std::string text = positional_text(statement);
  std::vector<Oid> types(statement.parameter_count());
  for (std::size_t k = 0; k < types.size(); ++k) types[k] = statement.parameter(k).type;
  const int options = statement.plan() == PlanChoice::generic  ? CURSOR_OPT_GENERIC_PLAN
                      : statement.plan() == PlanChoice::custom ? CURSOR_OPT_CUSTOM_PLAN
                                                               : 0;
  SPIPlanPtr plan = call_postgres([&] {
    SPIPlanPtr prepared = SPI_prepare_cursor(text.c_str(), static_cast<int>(types.size()), types.data(), options);
    if (prepared == nullptr) elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
    return prepared;
  });
  check_result(statement, plan);  // before keeping it: a mismatch is refused at every use
  call_postgres([&] {
    if (SPI_keepplan(plan) != 0) elog(ERROR, "SPI_keepplan failed");
    if (kept_plan_count == kept_plan_capacity) {
      const int capacity = kept_plan_capacity == 0 ? 32 : 2 * kept_plan_capacity;
      kept_plans = static_cast<KeptPlan*>(
          kept_plans == nullptr ? MemoryContextAlloc(TopMemoryContext, sizeof(KeptPlan) * capacity)
                                : repalloc(kept_plans, sizeof(KeptPlan) * capacity));
      kept_plan_capacity = capacity;
    }
  });
  kept_plans[kept_plan_count++] = {&statement, plan};
  return plan;
}

SPIPlanPtr plan_for(const StatementDescription& statement) {
  for (int i = 0; i < kept_plan_count; ++i)
    if (kept_plans[i].statement == &statement) return kept_plans[i].plan;
  return prepare(statement);
}

constexpr std::size_t kMaxArguments = 64;

struct BoundArguments {
  int n = 0;
  Datum values[kMaxArguments];
  char nulls[kMaxArguments];
};

BoundArguments bind(const StatementDescription& statement, std::initializer_list<Argument> arguments) {
  if (arguments.size() != statement.parameter_count())
    description_mismatch(statement, std::to_string(arguments.size()) + " arguments given for " +
                                        std::to_string(statement.parameter_count()) + " parameters");
  if (arguments.size() > kMaxArguments) description_mismatch(statement, "more than 64 parameters");
  BoundArguments bound;
  for (const Argument& argument : arguments) {
    const char* expected = statement.parameter(static_cast<std::size_t>(bound.n)).name;
    if (std::strcmp(argument.name, expected) != 0)
      description_mismatch(statement, "argument " + std::to_string(bound.n + 1) + " is " + argument.name +
                                          ", its description says " + expected);
    bound.values[bound.n] = argument.value;
    bound.nulls[bound.n] = argument.is_null ? 'n' : ' ';
    ++bound.n;
  }
  return bound;
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

}  // namespace

std::uint64_t spi_execute(const StatementDescription& statement, std::initializer_list<Argument> arguments) {
  BoundArguments bound = bind(statement, arguments);
  SPIPlanPtr plan = plan_for(statement);
  return call_postgres([&]() -> std::uint64_t {
    const int status = SPI_execute_plan(plan, bound.values, bound.nulls, false, 0);
    if (status < 0) elog(ERROR, "SPI_execute_plan failed: %s", SPI_result_code_string(status));
    return SPI_processed;
  });
}

std::uint64_t spi_stream(const StatementDescription& statement, std::initializer_list<Argument> arguments,
                         RowSink sink, void* context) {
  const BoundArguments bound = bind(statement, arguments);
  SPIPlanPtr plan = plan_for(statement);
  return call_postgres([&]() -> std::uint64_t {
    ParamListInfo params = makeParamList(bound.n);
    for (int i = 0; i < bound.n; ++i) {
      params->params[i].value = bound.values[i];
      params->params[i].isnull = bound.nulls[i] == 'n';
      params->params[i].pflags = PARAM_FLAG_CONST;
      params->params[i].ptype = statement.parameter(static_cast<std::size_t>(i)).type;
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

}  // namespace jackpot::pg
