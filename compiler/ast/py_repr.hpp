// Python's repr() of the constant values the AST holds, byte for byte as CPython 3.11
// prints them: str (quote choice, escapes, which non-ASCII characters are printable per
// Unicode 14), bytes, float (shortest round-trip digits, fixed or exponent notation by
// Python's rule) and the imaginary part of a complex literal.
#pragma once

#include <string>
#include <string_view>

namespace aioc::ast {

std::string py_repr_str(std::string_view utf8);
std::string py_repr_bytes(std::string_view bytes);
std::string py_repr_float(double value);
std::string py_repr_imag(double imag);  // repr(complex(0, imag)), e.g. "1.5j"

// Whether Python's str.isprintable() holds for the code point.
bool py_is_printable(char32_t cp);

}  // namespace aioc::ast
