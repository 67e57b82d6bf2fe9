#include "syntax/fstring_scanner.hpp"

namespace aioc::syntax {

namespace {

constexpr int kMaxSpecNesting = 2;         // CPython: "expressions nested too deeply"
constexpr std::size_t kMaxBrackets = 200;  // CPython: "too many nested parenthesis"

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool is_blank(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\f') return false;
  return true;
}

char closer_of(char open) { return open == '(' ? ')' : open == '[' ? ']' : '}'; }

}  // namespace

bool FStringScanner::fail(std::size_t offset, std::string message, FStringProblem::Kind kind) {
  problem_ = {kind, offset, std::move(message)};
  return false;
}

bool FStringScanner::scan(std::vector<FStringPiece>& out) {
  std::size_t pos = parts_.body_begin;
  return pieces(pos, 0, out);
}

void FStringScanner::add_literal(std::size_t begin, std::size_t end,
                                 std::vector<FStringPiece>& out) {
  if (begin == end) return;
  std::string_view chunk = text_.substr(begin, end - begin);
  FStringPiece piece;
  if (parts_.raw) {
    piece.literal = std::string(chunk);
  } else {
    EscapeSink shifted = [&](const EscapeProblem& p) {
      if (escapes_) escapes_({p.issue, p.offset + begin, p.detail});
    };
    piece.literal = decode_str(chunk, shifted);
  }
  out.push_back(std::move(piece));
}

// Literal text up to the next field or (in a format spec) the closing brace. Returns 1
// after a doubled brace (the caller loops), 0 at a field or the end, -1 on error.
int FStringScanner::literal(std::size_t& pos, int level, std::vector<FStringPiece>& out) {
  std::size_t start = pos;
  while (pos < end_) {
    char ch = text_[pos++];
    if (!parts_.raw && ch == '\\' && pos < end_) {
      ch = text_[pos++];
      if (ch == 'N') {  // skip the braces of \N{...}: they do not start a field
        if (pos < end_ && text_[pos++] == '{')
          while (pos < end_ && text_[pos++] != '}') {
          }
        continue;
      }
      if (ch == '{' && escapes_) escapes_({EscapeIssue::InvalidEscape, pos - 2, "{"});
    }
    if (ch != '{' && ch != '}') continue;
    if (level == 0) {
      if (pos < end_ && text_[pos] == ch) {  // "{{" or "}}": one brace of literal text
        add_literal(start, pos, out);
        ++pos;
        return 1;
      }
      if (ch == '}') {
        fail(pos - 1, "single '}' is not allowed");
        return -1;
      }
    }
    --pos;
    break;
  }
  add_literal(start, pos, out);
  return 0;
}

bool FStringScanner::pieces(std::size_t& pos, int level, std::vector<FStringPiece>& out) {
  for (;;) {
    int result = literal(pos, level, out);
    if (result < 0) return false;
    if (result == 1) continue;
    if (pos >= end_ || text_[pos] == '}') break;
    FStringPiece piece;
    std::vector<FStringPiece> debug;
    if (!field(pos, level, piece) || !field_tail(pos, level, piece, debug)) return false;
    for (FStringPiece& d : debug) out.push_back(std::move(d));
    out.push_back(std::move(piece));
  }
  if (level != 0 && (pos >= end_ || text_[pos] != '}')) return fail(pos, "expecting '}'");
  return true;
}

// The expression of a field: from after '{' to the first '!', ':', '=' or '}' outside
// brackets and strings ("!=", "==", "<=", ">=" and lone '<', '>' do not end it).
bool FStringScanner::expression_end(std::size_t& pos) {
  char quote = 0;
  int string_type = 0;
  std::vector<char> brackets;
  for (; pos < end_; ++pos) {
    char ch = text_[pos];
    if (ch == '\\')
      return fail(pos, "a backslash", FStringProblem::ExpressionPart);
    if (quote) {
      if (ch != quote) continue;
      if (string_type == 3) {
        if (pos + 2 < end_ && text_[pos + 1] == ch && text_[pos + 2] == ch) {
          pos += 2;
          quote = 0;
        }
      } else {
        quote = 0;
      }
    } else if (ch == '\'' || ch == '"') {
      bool triple = pos + 2 < end_ && text_[pos + 1] == ch && text_[pos + 2] == ch;
      string_type = triple ? 3 : 1;
      if (triple) pos += 2;
      quote = ch;
    } else if (ch == '[' || ch == '{' || ch == '(') {
      if (brackets.size() >= kMaxBrackets) return fail(pos, "too many nested parenthesis");
      brackets.push_back(ch);
    } else if (ch == '#') {
      return fail(pos, "'#'", FStringProblem::ExpressionPart);
    } else if (brackets.empty() && (ch == '!' || ch == ':' || ch == '}' || ch == '=' ||
                                    ch == '>' || ch == '<')) {
      if (pos + 1 < end_) {
        char next = text_[pos + 1];
        if (next == '=' && (ch == '!' || ch == '=' || ch == '<' || ch == '>')) {
          ++pos;
          continue;
        }
        if (ch == '>' || ch == '<') continue;
      }
      break;
    } else if (ch == ']' || ch == '}' || ch == ')') {
      if (brackets.empty()) return fail(pos, std::string("unmatched '") + ch + "'");
      char open = brackets.back();
      brackets.pop_back();
      if (closer_of(open) != ch)
        return fail(pos, std::string("closing parenthesis '") + ch +
                             "' does not match opening parenthesis '" + open + "'");
    }
  }
  if (quote) return fail(pos, "unterminated string");
  if (!brackets.empty()) return fail(pos, std::string("unmatched '") + brackets.back() + "'");
  if (pos >= end_) return fail(pos, "expecting '}'");
  return true;
}

bool FStringScanner::field(std::size_t& pos, int level, FStringPiece& out) {
  if (level >= kMaxSpecNesting) return fail(pos, "expressions nested too deeply");
  out.is_field = true;
  out.open = pos++;
  out.expr_begin = pos;
  if (!expression_end(pos)) return false;
  out.expr_end = pos;
  if (is_blank(text_.substr(out.expr_begin, out.expr_end - out.expr_begin)))
    return fail(out.expr_end, "empty expression not allowed");
  return true;
}

// After the expression: `=`, `!conversion`, `:spec`, and the closing brace. The text of
// a self-documenting `=` field becomes a literal piece placed before the field.
bool FStringScanner::field_tail(std::size_t& pos, int level, FStringPiece& out,
                                std::vector<FStringPiece>& debug) {
  bool has_debug = false;
  if (text_[pos] == '=') {
    ++pos;
    while (pos < end_ && is_space(text_[pos])) ++pos;
    if (pos >= end_) return fail(pos, "expecting '}'");
    FStringPiece text;
    text.literal = std::string(text_.substr(out.expr_begin, pos - out.expr_begin));
    debug.push_back(std::move(text));
    has_debug = true;
  }
  if (text_[pos] == '!') {
    if (++pos >= end_) return fail(pos, "expecting '}'");
    char conversion = text_[pos++];
    if (conversion != 's' && conversion != 'r' && conversion != 'a')
      return fail(pos, "invalid conversion character: expected 's', 'r', or 'a'");
    out.conversion = conversion;
  }
  if (pos >= end_) return fail(pos, "expecting '}'");
  if (text_[pos] == ':') {
    if (++pos >= end_) return fail(pos, "expecting '}'");
    out.has_spec = true;
    if (!pieces(pos, level + 1, out.spec)) return false;
  }
  if (pos >= end_ || text_[pos] != '}') return fail(pos, "expecting '}'");
  out.close = ++pos;
  if (has_debug && !out.has_spec && out.conversion == -1) out.conversion = 'r';
  return true;
}

}  // namespace aioc::syntax
