#include "pg/result_row.hpp"

#include <cstring>
#include <string>

namespace jackpot::pg {

void check_result_row(const RowDescription& description, TupleDesc type) {
  const auto mismatch = [&](const std::string& what) {
    throw std::logic_error(std::string("the result row of ") + description.function() +
                           " does not match its description: " + what);
  };
  if (static_cast<std::size_t>(type->natts) != description.size())
    mismatch("it has " + std::to_string(type->natts) + " column(s), its description names " +
             std::to_string(description.size()));
  for (int i = 0; i < type->natts; ++i) {
    const char* declared = NameStr(TupleDescAttr(type, i)->attname);
    if (std::strcmp(declared, description.column(static_cast<std::size_t>(i))) != 0)
      mismatch("column " + std::to_string(i + 1) + " is " + declared + ", its description says " +
               description.column(static_cast<std::size_t>(i)));
  }
}

}  // namespace jackpot::pg
