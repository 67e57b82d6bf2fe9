// The token stream of a source text, as plain data: for unit tests of the lexer (which
// must not see ANTLR types) and for debugging the INDENT/DEDENT logic.
#pragma once

#include <string>
#include <vector>

#include "diag/diagnostics.hpp"

namespace aioc::syntax {

struct TokenInfo {
  std::string type;  // the grammar's token name: "NAME", "INDENT", "EOF", ...
  std::string text;
  int line = 0;  // 1-based
  int col = 0;   // 1-based, in code points
};

// Lexes `file` completely (the parser is not run); lexer errors go to `diags`.
std::vector<TokenInfo> tokenize(const SourceFile& file, Diagnostics& diags);

}  // namespace aioc::syntax
