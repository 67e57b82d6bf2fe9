// The modules a .aio program may import: exactly those the runtime registers (see
// runtime/include/aio/module.hpp). A Catch2 test (tests/unit/modules) imports each of them
// through the runtime, so this list and the runtime's registry cannot drift apart.
#pragma once

#include <span>
#include <string_view>

namespace aioc::sema {

std::span<const std::string_view> supported_modules();
bool is_supported_module(std::string_view name);

// The features `from __future__ import ...` may name (CPython 3.11's all_feature_names).
std::span<const std::string_view> future_features();

}  // namespace aioc::sema
