// parse_module(): the syntax stage's entry point (see parse.hpp).
//
// Source text is checked to be UTF-8 and normalized (BOM, line endings), lexed and parsed
// by one ParseSession, and built into the AST only when the parse succeeded. All
// diagnostics are collected and reported at the end, in source order (syntax_issues.hpp).
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <string>

#include "syntax/ast_builder.hpp"
#include "syntax/parse.hpp"
#include "syntax/parse_session.hpp"

namespace aioc::syntax {

namespace {

// Length of the valid UTF-8 sequence at s[i], or 0. Surrogates, overlong forms and code
// points past U+10FFFF are invalid, as in CPython's decoder.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return 1;
  std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
  if (n == 0 || c > 0xF4 || i + n > s.size()) return 0;
  char32_t cp = c & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  bool overlong = (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000);
  if (overlong || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return 0;
  return n;
}

// Reports the first byte that is not valid UTF-8, or a NUL byte (CPython refuses both);
// false if there is one.
bool check_text(std::string_view text, SyntaxIssues& issues) {
  int line = 1, col = 1;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = utf8_sequence(text, i);
    if (text[i] == '\0') {
      issues.add(IssueSource::Lexer, DiagKind::SyntaxError, ast::Loc{line, col, line, col + 1},
                 std::string("source code cannot contain null bytes"));
      return false;
    }
    if (n == 0) {
      char byte[8];
      std::snprintf(byte, sizeof byte, "0x%02x", static_cast<unsigned char>(text[i]));
      issues.add(IssueSource::Lexer, DiagKind::SyntaxError, ast::Loc{line, col, line, col + 1},
                 "(unicode error) 'utf-8' codec can't decode byte " + std::string(byte) +
                     " in position " + std::to_string(i) + ": invalid utf-8");
      return false;
    }
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
    i += n;
  }
  return true;
}

// The encoding named by a PEP 263 declaration ("# -*- coding: latin-1 -*-") on line 1,
// or on line 2 after a comment or blank line 1; empty if there is none.
std::string declared_encoding(std::string_view text, int& line) {
  for (line = 1; line <= 2 && !text.empty(); ++line) {
    std::string_view row = text.substr(0, text.find('\n'));
    std::size_t hash = row.find_first_not_of(" \t\f");
    if (hash == std::string_view::npos || row[hash] != '#') {
      if (hash != std::string_view::npos) break;  // code: no declaration below it
    } else if (std::size_t at = row.find("coding", hash); at != std::string_view::npos &&
               at + 6 < row.size() && (row[at + 6] == ':' || row[at + 6] == '=')) {
      std::size_t begin = row.find_first_not_of(" \t", at + 7);
      std::size_t end = begin;
      while (end < row.size() && (std::isalnum(static_cast<unsigned char>(row[end])) ||
                                  row[end] == '-' || row[end] == '_' || row[end] == '.'))
        ++end;
      if (begin != std::string_view::npos) return std::string(row.substr(begin, end - begin));
    }
    if (row.size() == text.size()) break;
    text.remove_prefix(row.size() + 1);
  }
  return {};
}

bool is_utf8_name(std::string name) {
  for (char& c : name) c = static_cast<char>(c == '_' ? '-' : std::tolower(static_cast<unsigned char>(c)));
  return name == "utf-8" || name == "utf8" || name.rfind("utf-8-", 0) == 0;
}

// aioc reads UTF-8 only: a file declaring another encoding is refused when that matters,
// that is when it is not plain ASCII.
bool check_encoding(std::string_view text, SyntaxIssues& issues) {
  int line = 0;
  std::string name = declared_encoding(text, line);
  if (name.empty() || is_utf8_name(name)) return true;
  bool ascii = std::all_of(text.begin(), text.end(),
                           [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) return true;
  issues.add(IssueSource::Lexer, DiagKind::SyntaxError, ast::Loc{line, 1, line, 2},
             "encoding declaration '" + name + "' is not supported: aioc reads source files as UTF-8");
  return false;
}

}  // namespace

std::unique_ptr<ast::Module> parse_module(const SourceFile& file, Diagnostics& diags) {
  auto module = std::make_unique<ast::Module>();
  module->path = file.path();
  module->source = file.text();
  SyntaxIssues issues;
  if (check_encoding(file.text(), issues) && check_text(file.text(), issues)) {
    ParseSession session(normalize_source(file.text()), TextOrigin{}, issues);
    P::File_inputContext* tree = session.parse_file();
    if (tree && !session.failed()) {
      AstBuilder builder(issues, session.map());
      ast::Body body = builder.build_file(tree);
      if (!builder.too_deep()) module->body = std::move(body);
    }
  }
  issues.flush(diags);
  return module;
}

}  // namespace aioc::syntax
