// Diagnostics: every error, warning and note the compiler reports, printed the way clang
// prints them:
//
//   app.aio:12:9: error: 'await' outside async function [AwaitOutsideAsync]
//       x = await fetch()
//           ^~~~~
//
// Each diagnostic kind is registered once, with its severity and fmt format string, in
// the .def file of the stage that emits it (syntax/syntax_diags.def, sema/sema_diags.def).
// Reporting never stops compilation: stages keep going so one run shows many errors.
#pragma once

#include <fmt/format.h>

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "ast/ast.hpp"

namespace aioc {

enum class Severity { Error, Warning, Note };

enum class DiagKind {
#define AIOC_DIAG(kind, severity, format) kind,
#include "diag/diag_kinds.def"
#undef AIOC_DIAG
};

// The text of one source file, with fast access to its lines.
class SourceFile {
 public:
  SourceFile(std::string path, std::string text);
  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  int line_count() const { return static_cast<int>(line_starts_.size()); }
  // Line `n` (1-based) without its newline; empty past the end.
  std::string_view line(int n) const;

 private:
  std::string path_;
  std::string text_;
  std::vector<std::size_t> line_starts_;
};

class Diagnostics {
 public:
  // Diagnostics are written to `out` (stderr by default) as they are reported.
  explicit Diagnostics(const SourceFile& file, std::FILE* out = stderr);

  template <class... Args>
  void report(DiagKind kind, const ast::Loc& loc, Args&&... args) {
    emit(kind, loc, fmt::format(fmt::runtime(format_of(kind)), std::forward<Args>(args)...));
  }
  // A note attached to the previous diagnostic ("note: enclosing function is here").
  void note(const ast::Loc& loc, std::string_view message);

  int error_count() const { return errors_; }
  bool has_errors() const { return errors_ > 0; }
  const SourceFile& file() const { return file_; }

  static const char* name_of(DiagKind kind);
  static const char* format_of(DiagKind kind);
  static Severity severity_of(DiagKind kind);

 private:
  void emit(DiagKind kind, const ast::Loc& loc, const std::string& message);
  void print(Severity severity, const ast::Loc& loc, std::string_view message,
             const char* kind_name);

  const SourceFile& file_;
  std::FILE* out_;
  int errors_ = 0;
};

}  // namespace aioc
