// Code generation: checked AST + scopes in, one C++20 translation unit out.
//
// The output includes <aio/python.hpp> and calls only the runtime API that
// docs/generated-code.md lists; `#line` directives map it back to the .aio file.
//
// Anything codegen cannot translate faithfully (a construct the runtime does not support
// yet) is reported as a CodegenError carrying the source location, never as C++ that
// fails to compile: the driver prints it as `file:line:col: error: message` and exits 1.
#pragma once

#include <cstdio>
#include <stdexcept>
#include <string>

#include "ast/ast.hpp"
#include "sema/scope.hpp"

namespace aioc::codegen {

struct Options {
  // Emit `#line N "file.aio"` before each statement (off only to debug the C++ itself).
  bool line_directives = true;
};

class CodegenError : public std::runtime_error {
 public:
  CodegenError(ast::Loc loc, const std::string& message)
      : std::runtime_error(message), loc_(loc) {}
  const ast::Loc& loc() const noexcept { return loc_; }

 private:
  ast::Loc loc_;
};

// The driver's entry point: on an unsupported construct it prints the diagnostic to
// stderr (`file:line:col: error: message [Codegen]`, the source line and a caret) and
// returns an empty string.
std::string emit_cpp(const ast::Module& module, const sema::Analysis& analysis);
// Throws CodegenError instead (message lowercase, no final period).
std::string emit_cpp(const ast::Module& module, const sema::Analysis& analysis,
                     const Options& options);
// Prints `error` in the compiler's diagnostic format.
void print_error(const ast::Module& module, const CodegenError& error, std::FILE* out = stderr);

}  // namespace aioc::codegen
