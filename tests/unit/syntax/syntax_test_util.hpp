// Helpers for the syntax stage's unit tests: run the lexer or the whole stage on a
// string and get back plain strings (token names, the AST dump, diagnostic text).
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "ast/ast_printer.hpp"
#include "diag/diagnostics.hpp"
#include "syntax/parse.hpp"
#include "syntax/token_dump.hpp"

namespace aioc::test {

// Everything written to a temporary FILE*, read back as a string.
class CapturedOutput {
 public:
  CapturedOutput() : file_(std::tmpfile()) {}
  ~CapturedOutput() {
    if (file_) std::fclose(file_);
  }
  CapturedOutput(const CapturedOutput&) = delete;
  CapturedOutput& operator=(const CapturedOutput&) = delete;

  std::FILE* file() { return file_; }
  std::string text() {
    std::fflush(file_);
    std::rewind(file_);
    std::string out;
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, file_)) > 0) out.append(buf, n);
    return out;
  }

 private:
  std::FILE* file_;
};

struct ParseResult {
  std::string dump;         // empty when there were errors
  std::string diagnostics;  // everything reported, as printed
  int errors = 0;
};

inline ParseResult parse(const std::string& source, const std::string& path = "t.aio") {
  SourceFile file(path, source);
  CapturedOutput out;
  Diagnostics diags(file, out.file());
  auto module = syntax::parse_module(file, diags);
  ParseResult result;
  if (!diags.has_errors()) result.dump = ast::dump(*module);
  result.diagnostics = out.text();
  result.errors = diags.error_count();
  return result;
}

// The module itself, for checks of node kinds and locations; null on errors.
inline std::unique_ptr<ast::Module> module_of(const std::string& source) {
  SourceFile file("t.aio", source);
  CapturedOutput out;
  Diagnostics diags(file, out.file());
  auto module = syntax::parse_module(file, diags);
  return diags.has_errors() ? nullptr : std::move(module);
}

// The first line of the diagnostics ("t.aio:1:5: error: invalid syntax [SyntaxError]").
inline std::string first_diagnostic(const std::string& source) {
  std::string text = parse(source).diagnostics;
  return text.substr(0, text.find('\n'));
}

// Token names, space separated ("NAME EQUAL NUMBER NEWLINE EOF").
inline std::string token_names(const std::string& source) {
  SourceFile file("t.aio", source);
  CapturedOutput out;
  Diagnostics diags(file, out.file());
  std::string names;
  for (const syntax::TokenInfo& t : syntax::tokenize(file, diags))
    names += (names.empty() ? "" : " ") + t.type;
  return names;
}

inline std::vector<syntax::TokenInfo> tokens(const std::string& source) {
  SourceFile file("t.aio", source);
  CapturedOutput out;
  Diagnostics diags(file, out.file());
  return syntax::tokenize(file, diags);
}

}  // namespace aioc::test
