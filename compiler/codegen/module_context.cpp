// ModuleContext implementation: see module_context.hpp.
#include "codegen/module_context.hpp"

#include <fmt/format.h>

#include "codegen/mangle.hpp"

namespace aioc::codegen {

std::string ModuleContext::str_const(std::string_view utf8) {
  auto [it, inserted] = strs_.try_emplace(std::string(utf8));
  if (inserted) {
    it->second = fmt::format("k_s{}", strs_.size());
    constants.line(fmt::format("static const aio::Value {} = aio::str_lit({}, {});", it->second,
                               cpp_string_literal(utf8), utf8.size()));
  }
  return it->second;
}

std::string ModuleContext::bytes_const(std::string_view bytes) {
  auto [it, inserted] = bytes_.try_emplace(std::string(bytes));
  if (inserted) {
    it->second = fmt::format("k_b{}", bytes_.size());
    constants.line(fmt::format("static const aio::Value {} = aio::bytes_lit({}, {});",
                               it->second, cpp_string_literal(bytes), bytes.size()));
  }
  return it->second;
}

std::string ModuleContext::big_int_const(const std::string& decimal) {
  auto [it, inserted] = ints_.try_emplace(decimal);
  if (inserted) {
    it->second = fmt::format("k_i{}", ints_.size());
    constants.line(fmt::format("static const aio::Value {} = aio::int_lit({});", it->second,
                               cpp_string_literal(decimal)));
  }
  return it->second;
}

std::string ModuleContext::global_slot(const std::string& name) {
  std::string slot = mangle("g_", name);
  if (globals_.insert(name).second) {
    globals.line(fmt::format("static aio::Value {};", slot));
    global_order_.push_back(slot);
  }
  return slot;
}

std::string ModuleContext::path_literal() const { return cpp_string_literal(module.path); }

}  // namespace aioc::codegen
