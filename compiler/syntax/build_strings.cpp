// AST builder: string literals, implicit concatenation and f-strings.
//
// Adjacent literals are concatenated as CPython's string parser does: all bytes give one
// bytes Constant, plain strings one str Constant (kind 'u' when the first is written
// u'...'), and as soon as one is an f-string the result is a JoinedStr whose literal
// runs — across token boundaries — are merged into single Constants, empty ones dropped.
// Each replacement field's expression text is parsed by a fresh ParseSession with the
// grammar's fstring_input rule, wrapped in parentheses as CPython does, its positions
// mapped back into the file.
#include "syntax/ast_builder.hpp"
#include "syntax/fstring_scanner.hpp"
#include "syntax/parse_session.hpp"
#include "syntax/string_literal.hpp"

namespace aioc::syntax {

using namespace ast;

namespace {

// Source position of byte `offset` of a token's text, starting from `start`.
void advance(std::string_view text, std::size_t offset, int& line, int& col) {
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      col = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++col;
    }
  }
}

// One STRING token: its text and where it starts.
struct Literal {
  std::string text;
  Loc loc;
  StringParts parts;

  Loc at(std::size_t begin, std::size_t end) const {
    Loc out{loc.line, loc.col, loc.line, loc.col};
    advance(text, begin, out.line, out.col);
    out.end_line = out.line;
    out.end_col = out.col;
    advance(text.substr(begin), end - begin, out.end_line, out.end_col);
    return out;
  }
};

bool is_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

// Builds the JoinedStr of one implicit concatenation (or of a format spec).
class JoinedStrBuilder {
 public:
  explicit JoinedStrBuilder(std::string kind) : kind_(std::move(kind)) {}
  void add_text(const std::string& text, const Loc& where) {
    if (text.empty()) return;
    if (pending_.empty()) pending_loc_ = where;
    pending_ += text;
    pending_loc_.end_line = where.end_line;
    pending_loc_.end_col = where.end_col;
  }
  void add_value(ExprPtr value) {
    flush();
    values_.push_back(std::move(value));
  }
  ExprPtr finish(const Loc& where) {
    flush();
    return make_expr(where, JoinedStr{std::move(values_)});
  }

 private:
  void flush() {
    if (pending_.empty()) return;
    values_.push_back(make_expr(pending_loc_, Constant{std::move(pending_), kind_}));
    pending_.clear();
  }
  std::string kind_;
  std::string pending_;
  Loc pending_loc_;
  ExprList values_;
};

class StringsBuilder {
 public:
  StringsBuilder(AstBuilder& b, std::vector<Literal> literals)
      : b_(b), literals_(std::move(literals)) {}

  ExprPtr build(const Loc& whole);

 private:
  EscapeSink escapes(const Literal& lit);
  std::string plain_value(const Literal& lit);
  void add_fstring(const Literal& lit, JoinedStrBuilder& out);
  void add_pieces(const Literal& lit, std::vector<FStringPiece>& pieces, JoinedStrBuilder& out);
  ExprPtr field(const Literal& lit, FStringPiece& piece);
  ExprPtr parse_field(const Literal& lit, const FStringPiece& piece);

  AstBuilder& b_;
  std::vector<Literal> literals_;
};

EscapeSink StringsBuilder::escapes(const Literal& lit) {
  return [this, &lit](const EscapeProblem& p) {
    Loc where = lit.at(p.offset, p.offset + 1);
    SyntaxIssues& issues = b_.issues();
    switch (p.issue) {
      case EscapeIssue::InvalidEscape:
        return issues.add(IssueSource::Builder, DiagKind::InvalidEscape, where, p.detail);
      case EscapeIssue::InvalidOctal:
        return issues.add(IssueSource::Builder, DiagKind::InvalidOctalEscape, where, p.detail);
      case EscapeIssue::NameEscape:
        return issues.add(IssueSource::Builder, DiagKind::NameEscapeUnsupported, where);
      case EscapeIssue::Malformed:
        return issues.add(IssueSource::Builder, DiagKind::BadEscape, where, p.detail);
    }
  };
}

std::string StringsBuilder::plain_value(const Literal& lit) {
  std::string_view body = std::string_view(lit.text).substr(
      lit.parts.body_begin, lit.parts.body_end - lit.parts.body_begin);
  if (lit.parts.bytes && !is_ascii(body))
    b_.issues().add(IssueSource::Builder, DiagKind::NonAsciiBytes, lit.loc);
  if (lit.parts.raw) return std::string(body);
  EscapeSink sink = escapes(lit);
  EscapeSink shifted = [&](const EscapeProblem& p) {
    sink({p.issue, p.offset + lit.parts.body_begin, p.detail});
  };
  return lit.parts.bytes ? decode_bytes(body, shifted) : decode_str(body, shifted);
}

ExprPtr StringsBuilder::parse_field(const Literal& lit, const FStringPiece& piece) {
  Loc brace = lit.at(piece.open, piece.open + 1);
  std::string text = "(" + lit.text.substr(piece.expr_begin, piece.expr_end - piece.expr_begin) + ")";
  ParseSession session(text, TextOrigin{brace.line, brace.col - 1}, b_.issues(), "f-string: ");
  P::Fstring_inputContext* tree = session.parse_fstring_field();
  if (!tree || session.failed()) return make_expr(brace, Constant{NoneConst{}, {}});
  AstBuilder sub(b_.issues(), session.map(), b_.nesting() + 1);
  return sub.build_fstring_field(tree);
}

ExprPtr StringsBuilder::field(const Literal& lit, FStringPiece& piece) {
  FormattedValue value;
  value.value = parse_field(lit, piece);
  value.conversion = piece.conversion;
  Loc where = lit.at(piece.open, piece.close);
  if (piece.has_spec) {
    JoinedStrBuilder spec("");
    add_pieces(lit, piece.spec, spec);
    value.format_spec = spec.finish(where);
  }
  return make_expr(where, std::move(value));
}

void StringsBuilder::add_pieces(const Literal& lit, std::vector<FStringPiece>& pieces,
                                JoinedStrBuilder& out) {
  for (FStringPiece& piece : pieces) {
    if (piece.is_field) {
      out.add_value(field(lit, piece));
    } else {
      out.add_text(piece.literal, lit.loc);
    }
  }
}

void StringsBuilder::add_fstring(const Literal& lit, JoinedStrBuilder& out) {
  EscapeSink sink = escapes(lit);
  FStringScanner scanner(lit.text, lit.parts, sink);
  std::vector<FStringPiece> pieces;
  if (!scanner.scan(pieces)) {
    const FStringProblem& problem = scanner.problem();
    Loc where = lit.at(problem.offset, problem.offset + 1);
    if (problem.kind == FStringProblem::ExpressionPart) {
      b_.issues().add(IssueSource::Builder, DiagKind::FStringExprError, where, problem.message);
    } else {
      b_.issues().add(IssueSource::Builder, DiagKind::FStringError, where, problem.message);
    }
    return;
  }
  add_pieces(lit, pieces, out);
}

ExprPtr StringsBuilder::build(const Loc& whole) {
  bool any_bytes = false, any_str = false, any_f = false;
  for (const Literal& lit : literals_) {
    (lit.parts.bytes ? any_bytes : any_str) = true;
    any_f |= lit.parts.fstring;
  }
  if (any_bytes && any_str) {
    b_.issues().add(IssueSource::Builder, DiagKind::MixedBytes, whole);
    return make_expr(whole, Constant{std::string(), {}});
  }
  std::string kind = literals_.front().parts.u_prefix ? "u" : "";
  if (!any_f) {
    std::string value;
    for (const Literal& lit : literals_) value += plain_value(lit);
    if (any_bytes) return make_expr(whole, Constant{BytesConst{std::move(value)}, {}});
    return make_expr(whole, Constant{std::move(value), kind});
  }
  JoinedStrBuilder joined(kind);
  for (const Literal& lit : literals_) {
    if (lit.parts.fstring) {
      add_fstring(lit, joined);
    } else {
      joined.add_text(plain_value(lit), lit.loc);
    }
  }
  return joined.finish(whole);
}

}  // namespace

ExprPtr AstBuilder::strings(const std::vector<antlr4::tree::TerminalNode*>& tokens) {
  std::vector<Literal> literals;
  for (auto* token : tokens) {
    std::string text = token->getText();
    StringParts parts = split_string(text);
    literals.push_back(Literal{std::move(text), loc(token), parts});
  }
  Loc whole = map_.span(tokens.front()->getSymbol(), tokens.back()->getSymbol());
  return StringsBuilder(*this, std::move(literals)).build(whole);
}

ExprPtr AstBuilder::build_fstring_field(P::Fstring_inputContext* ctx) {
  return star_expressions(ctx->star_expressions());
}

}  // namespace aioc::syntax
