// Python 3.11's builtin names, for the undefined-name pass and its suggestions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace aioc::sema {

bool is_builtin_name(std::string_view name);
std::vector<std::string> builtin_names();  // dir(builtins) order (sorted)

}  // namespace aioc::sema
