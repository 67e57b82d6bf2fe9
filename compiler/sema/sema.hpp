// Semantic analysis: checked AST in, scopes and diagnostics out.
//
// analyze() reports every error CPython reports at compile time (and more: names a static
// pass can prove undefined, features outside the aioc subset), keeps going after each one,
// and returns the scope analysis codegen needs. The result is complete even when errors
// were reported, but codegen must not run unless diags.has_errors() is false.
#pragma once

#include <memory>

#include "ast/ast.hpp"
#include "diag/diagnostics.hpp"
#include "sema/scope.hpp"

namespace aioc::sema {

std::unique_ptr<Analysis> analyze(const ast::Module& module, Diagnostics& diags);

}  // namespace aioc::sema
