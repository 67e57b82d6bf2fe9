#include "syntax/string_literal.hpp"

#include <cctype>

#include "ast/utf8.hpp"

namespace aioc::syntax {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_octal(char c) { return c >= '0' && c <= '7'; }

// Reports only the first invalid escape of a literal, as CPython does.
class EscapeReporter {
 public:
  explicit EscapeReporter(const EscapeSink& sink) : sink_(sink) {}
  void warn(EscapeIssue issue, std::size_t offset, std::string detail) {
    if (warned_ || !sink_) return;
    warned_ = true;
    sink_({issue, offset, std::move(detail)});
  }
  void error(EscapeIssue issue, std::size_t offset, std::string detail) {
    if (sink_) sink_({issue, offset, std::move(detail)});
  }

 private:
  const EscapeSink& sink_;
  bool warned_ = false;
};

std::string unicode_error(std::size_t start, std::size_t last, const char* what) {
  return "(unicode error) 'unicodeescape' codec can't decode bytes in position " +
         std::to_string(start) + "-" + std::to_string(last) + ": " + what;
}

// Up to three octal digits at body[i...]; advances i.
unsigned octal_escape(std::string_view body, std::size_t& i, EscapeReporter& report,
                      std::size_t backslash) {
  std::size_t start = i;
  unsigned value = 0;
  while (i < body.size() && i - start < 3 && is_octal(body[i])) value = value * 8 + (body[i++] - '0');
  if (value > 0377) report.warn(EscapeIssue::InvalidOctal, backslash, std::string(body.substr(start, 3)));
  return value;
}

// `count` hex digits at body[i...]; advances i past the digits it consumed. Returns -1
// when fewer are present.
long hex_escape(std::string_view body, std::size_t& i, int count) {
  long value = 0;
  for (int k = 0; k < count; ++k) {
    if (i >= body.size() || hex_value(body[i]) < 0) return -1;
    value = value * 16 + hex_value(body[i++]);
  }
  return value;
}

char simple_escape(char c) {
  switch (c) {
    case '\\': return '\\';
    case '\'': return '\'';
    case '"': return '"';
    case 'a': return '\a';
    case 'b': return '\b';
    case 'f': return '\f';
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    case 'v': return '\v';
    default: return 0;
  }
}

// \N{NAME}: skipped (reported unsupported); returns false when malformed.
bool skip_name_escape(std::string_view body, std::size_t& i) {
  if (i >= body.size() || body[i] != '{') return false;
  std::size_t close = body.find('}', i);
  if (close == std::string_view::npos || close == i + 1) return false;
  i = close + 1;
  return true;
}

// One escape of a str literal starting at the backslash body[i]; appends its value.
void str_escape(std::string_view body, std::size_t& i, std::string& out,
                EscapeReporter& report) {
  std::size_t backslash = i++;
  char e = body[i];
  if (static_cast<unsigned char>(e) >= 0x80) {  // "\한": a backslash, then the character
    out += '\\';
    return;
  }
  ++i;
  if (e == '\n') return;
  if (char simple = simple_escape(e)) {
    out += simple;
    return;
  }
  if (is_octal(e)) {
    --i;
    ast::append_utf8(out, octal_escape(body, i, report, backslash));
    return;
  }
  if (e == 'x' || e == 'u' || e == 'U') {
    int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
    long value = hex_escape(body, i, digits);
    const char* truncated = e == 'x'   ? "truncated \\xXX escape"
                            : e == 'u' ? "truncated \\uXXXX escape"
                                       : "truncated \\UXXXXXXXX escape";
    if (value < 0) {
      report.error(EscapeIssue::Malformed, backslash, unicode_error(backslash, i - 1, truncated));
    } else if (value > 0x10FFFF) {
      report.error(EscapeIssue::Malformed, backslash,
                   unicode_error(backslash, i - 1, "illegal Unicode character"));
    } else {
      ast::append_utf8(out, static_cast<char32_t>(value));
    }
    return;
  }
  if (e == 'N') {
    if (skip_name_escape(body, i)) {
      report.error(EscapeIssue::NameEscape, backslash, {});
    } else {
      report.error(EscapeIssue::Malformed, backslash,
                   unicode_error(backslash, i - 1, "malformed \\N character escape"));
    }
    return;
  }
  report.warn(EscapeIssue::InvalidEscape, backslash, std::string(1, e));
  out += '\\';
  out += e;
}

void bytes_escape(std::string_view body, std::size_t& i, std::string& out,
                  EscapeReporter& report) {
  std::size_t backslash = i++;
  char e = body[i++];
  if (e == '\n') return;
  if (char simple = simple_escape(e)) {
    out += simple;
    return;
  }
  if (is_octal(e)) {
    --i;
    out += static_cast<char>(octal_escape(body, i, report, backslash) & 0xFF);
    return;
  }
  if (e == 'x') {
    long value = hex_escape(body, i, 2);
    if (value < 0) {
      report.error(EscapeIssue::Malformed, backslash,
                   "(value error) invalid \\x escape at position " + std::to_string(backslash));
    } else {
      out += static_cast<char>(value);
    }
    return;
  }
  report.warn(EscapeIssue::InvalidEscape, backslash, std::string(1, e));
  out += '\\';
  out += e;
}

}  // namespace

StringParts split_string(std::string_view text) {
  StringParts parts;
  std::size_t i = 0;
  for (; i < text.size() && std::isalpha(static_cast<unsigned char>(text[i])); ++i) {
    char c = static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
    parts.raw |= c == 'r';
    parts.bytes |= c == 'b';
    parts.fstring |= c == 'f';
  }
  parts.u_prefix = !text.empty() && text[0] == 'u';
  if (i >= text.size()) {
    parts.body_begin = parts.body_end = text.size();
    return parts;
  }
  char quote = text[i];
  parts.triple = text.size() - i >= 3 && text[i + 1] == quote && text[i + 2] == quote;
  std::size_t width = parts.triple ? 3 : 1;
  parts.body_begin = i + width;
  parts.body_end = text.size();
  bool closed = text.size() >= parts.body_begin + width &&
                text.substr(text.size() - width) == std::string(width, quote);
  if (closed) parts.body_end -= width;
  return parts;
}

std::string decode_str(std::string_view body, const EscapeSink& sink) {
  EscapeReporter report(sink);
  std::string out;
  out.reserve(body.size());
  for (std::size_t i = 0; i < body.size();) {
    if (body[i] != '\\') {
      out += body[i++];
    } else if (i + 1 >= body.size()) {
      out += body[i++];  // a trailing backslash (an f-string chunk before "\{")
    } else {
      str_escape(body, i, out, report);
    }
  }
  return out;
}

std::string decode_bytes(std::string_view body, const EscapeSink& sink) {
  EscapeReporter report(sink);
  std::string out;
  out.reserve(body.size());
  for (std::size_t i = 0; i < body.size();) {
    if (body[i] != '\\' || i + 1 >= body.size()) {
      out += body[i++];
    } else {
      bytes_escape(body, i, out, report);
    }
  }
  return out;
}

}  // namespace aioc::syntax
