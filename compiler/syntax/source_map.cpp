#include "syntax/source_map.hpp"

#include "AioLexer.h"

namespace aioc::syntax {

namespace {

using L = aioc_grammar::AioLexer;

bool has_text(const antlr4::Token* token) {
  std::size_t type = token->getType();
  return type != antlr4::Token::EOF && type != L::INDENT && type != L::DEDENT &&
         type != L::NEWLINE;
}

// ANTLR position just past the end of the token's text.
void token_end(const antlr4::Token* token, std::size_t& line, std::size_t& col) {
  line = token->getLine();
  col = token->getCharPositionInLine();
  if (!has_text(token)) {
    if (token->getType() == L::NEWLINE && token->getStopIndex() >= token->getStartIndex()) ++col;
    return;
  }
  for (unsigned char c : token->getText()) {
    if (c == '\n') {
      ++line;
      col = 0;
    } else if ((c & 0xC0) != 0x80) {
      ++col;
    }
  }
}

}  // namespace

void SourceMap::map(std::size_t line, std::size_t col, int& out_line, int& out_col) const {
  out_line = origin_.line + static_cast<int>(line) - 1;
  out_col = static_cast<int>(col) + 1 + (line == 1 ? origin_.col : 0);
}

ast::Loc SourceMap::range(std::size_t line, std::size_t col, std::size_t end_line,
                          std::size_t end_col) const {
  ast::Loc loc;
  map(line, col, loc.line, loc.col);
  map(end_line, end_col, loc.end_line, loc.end_col);
  return loc;
}

ast::Loc SourceMap::token(const antlr4::Token* token) const { return span(token, token); }

ast::Loc SourceMap::span(const antlr4::Token* first, const antlr4::Token* last) const {
  if (!first) return {};
  if (!last || last->getTokenIndex() < first->getTokenIndex()) last = first;
  std::size_t end_line = 0, end_col = 0;
  token_end(last, end_line, end_col);
  return range(first->getLine(), first->getCharPositionInLine(), end_line, end_col);
}

ast::Loc SourceMap::node(antlr4::ParserRuleContext* ctx) const {
  return span(ctx->getStart(), ctx->getStop());
}

ast::Loc join(const ast::Loc& a, const ast::Loc& b) {
  return {a.line, a.col, b.end_line, b.end_col};
}

}  // namespace aioc::syntax
