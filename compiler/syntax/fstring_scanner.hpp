// Splitting an f-string token into literal text and replacement fields.
//
// The lexer keeps an f-string as one STRING token; this scanner walks its body the way
// CPython 3.11's string parser does: literal text (with escapes decoded, "{{" and "}}"
// undoubled at the top level), and replacement fields `{expr=!r:spec}` whose expression
// end is found by tracking brackets and quotes, with an optional self-documenting `=`,
// conversion and format spec (itself literal text and fields, one nesting level deeper).
// The expression text is not parsed here: the AST builder parses each one with the
// grammar's fstring_input rule. All positions are byte offsets in the token text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "syntax/string_literal.hpp"

namespace aioc::syntax {

struct FStringPiece {
  bool is_field = false;
  std::string literal;  // literal text, decoded (when !is_field)
  // A replacement field:
  std::size_t open = 0;        // offset of '{'
  std::size_t close = 0;       // offset just past '}'
  std::size_t expr_begin = 0;  // the expression's text
  std::size_t expr_end = 0;
  int conversion = -1;  // 's', 'r', 'a' or -1
  bool has_spec = false;
  std::vector<FStringPiece> spec;
};

struct FStringProblem {
  enum Kind { General, ExpressionPart } kind = General;  // "f-string: ..." or not
  std::size_t offset = 0;
  std::string message;
};

class FStringScanner {
 public:
  // `escapes` receives escape problems with offsets in the token text.
  FStringScanner(std::string_view text, const StringParts& parts, const EscapeSink& escapes)
      : text_(text), parts_(parts), escapes_(escapes), end_(parts.body_end) {}

  // False after an error, described by problem().
  bool scan(std::vector<FStringPiece>& out);
  const FStringProblem& problem() const { return problem_; }

 private:
  bool pieces(std::size_t& pos, int level, std::vector<FStringPiece>& out);
  int literal(std::size_t& pos, int level, std::vector<FStringPiece>& out);
  bool field(std::size_t& pos, int level, FStringPiece& out);
  bool expression_end(std::size_t& pos);
  bool field_tail(std::size_t& pos, int level, FStringPiece& out, std::vector<FStringPiece>& debug);
  void add_literal(std::size_t begin, std::size_t end, std::vector<FStringPiece>& out);
  bool fail(std::size_t offset, std::string message,
            FStringProblem::Kind kind = FStringProblem::General);

  std::string_view text_;
  StringParts parts_;
  const EscapeSink& escapes_;
  std::size_t end_;
  FStringProblem problem_;
};

}  // namespace aioc::syntax
