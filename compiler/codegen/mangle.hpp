// Mangling: Python identifiers and strings into C++ identifiers and literals.
//
// A Python name becomes `<prefix><name>` where the prefix says what it is (`l_` local,
// `c_` cell, `g_` module global), so no Python name can collide with a C++ keyword, a
// runtime name or an emitter temporary (temporaries never contain such a prefix). Bytes
// outside [A-Za-z0-9_] (non-ASCII identifiers) are escaped as `Z<hex>_`, and a literal
// `Z` is doubled, which keeps the mapping injective.
#pragma once

#include <string>
#include <string_view>

namespace aioc::codegen {

std::string mangle(std::string_view prefix, std::string_view name);

// A C++ string literal (with quotes) for arbitrary bytes: printable ASCII stays readable,
// everything else becomes a three-digit octal escape so the next character can never
// extend it.
std::string cpp_string_literal(std::string_view bytes);

// An exact C++ spelling of a double (hex float, or a builtin for inf/nan).
std::string cpp_double_literal(double d);

}  // namespace aioc::codegen
