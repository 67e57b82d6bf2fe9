// Decoding numeric literal tokens into AST constant values.
//
// The lexer guarantees well-formed text (malformed numbers were reported there and reach
// this point as a best-effort prefix). Integers of any size become decimal digit strings
// (IntConst.decimal) with the int64 value alongside when it fits; floats are converted
// with strtod (correctly rounded; overflow gives inf, as in CPython); a trailing j makes an
// ImagConst.
#pragma once

#include <string>
#include <string_view>

#include "ast/ast.hpp"

namespace aioc::syntax {

ast::ConstValue decode_number(std::string_view text);

// The decimal digits of an integer written in `base` (2, 8, 10 or 16), without
// underscores or prefix; "0" for empty input.
std::string to_decimal(std::string_view digits, int base);

}  // namespace aioc::syntax
