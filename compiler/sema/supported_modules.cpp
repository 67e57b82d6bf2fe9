#include "sema/supported_modules.hpp"

#include <algorithm>
#include <array>

namespace aioc::sema {
namespace {

// Keep in step with the runtime's register_module calls; tests/unit/modules checks it.
constexpr std::array<std::string_view, 20> kSupportedModules = {
    "asyncio",   "time",    "sys",        "functools", "contextlib", "collections",
    "dataclasses", "itertools", "math",   "random",    "inspect",    "typing",
    "attr",      "gc",      "enum",       "builtins",  "__future__", "concurrent",
    "concurrent.futures", "errno"};

constexpr std::array<std::string_view, 10> kFutureFeatures = {
    "nested_scopes", "generators",     "division",       "absolute_import", "with_statement",
    "print_function", "unicode_literals", "barry_as_FLUFL", "generator_stop", "annotations"};

}  // namespace

std::span<const std::string_view> supported_modules() { return kSupportedModules; }

bool is_supported_module(std::string_view name) {
  return std::find(kSupportedModules.begin(), kSupportedModules.end(), name) !=
         kSupportedModules.end();
}

std::span<const std::string_view> future_features() { return kFutureFeatures; }

}  // namespace aioc::sema
