// Source positions of tokens and parse-tree nodes, as ast::Loc.
//
// ANTLR positions are (1-based line, 0-based column in code points); ast::Loc columns
// are 1-based with an exclusive end. A SourceMap also knows where the text ANTLR parsed
// sits in the file: the whole file for the module, or a slice of an f-string for each
// replacement field, which the builder parses separately (see fstring_scanner.hpp). On
// the first line of such a slice columns are shifted by the slice's start column; later
// lines are whole source lines and keep their columns.
#pragma once

#include <cstddef>

#include "antlr4-runtime.h"
#include "ast/ast.hpp"

namespace aioc::syntax {

struct TextOrigin {
  int line = 1;  // source line of the text's first line
  int col = 0;   // 0-based source column of the text's first character
};

class SourceMap {
 public:
  explicit SourceMap(TextOrigin origin = {}) : origin_(origin) {}

  const TextOrigin& origin() const { return origin_; }

  // A 1-based source position from an ANTLR (line, 0-based column) position.
  void map(std::size_t line, std::size_t col, int& out_line, int& out_col) const;
  ast::Loc range(std::size_t line, std::size_t col, std::size_t end_line,
                 std::size_t end_col) const;

  ast::Loc token(const antlr4::Token* token) const;
  ast::Loc span(const antlr4::Token* first, const antlr4::Token* last) const;
  ast::Loc node(antlr4::ParserRuleContext* ctx) const;
  ast::Loc node(antlr4::tree::TerminalNode* terminal) const { return token(terminal->getSymbol()); }

 private:
  TextOrigin origin_;
};

// Joins two ranges: from the start of `a` to the end of `b`.
ast::Loc join(const ast::Loc& a, const ast::Loc& b);

}  // namespace aioc::syntax
