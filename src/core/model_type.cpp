#include "core/model_type.hpp"

#include <stdexcept>
#include <string>

namespace jackpot::core {

std::string_view model_type_name(ModelType type) {
  return type == ModelType::market_implied ? "market-implied" : "dixon-coles";
}

ModelType parse_model_type(std::string_view name) {
  if (name == "dixon-coles") return ModelType::dixon_coles;
  if (name == "market-implied") return ModelType::market_implied;
  throw std::invalid_argument("unknown model type \"" + std::string(name) +
                              "\": expected 'dixon-coles' or 'market-implied'");
}

}  // namespace jackpot::core
