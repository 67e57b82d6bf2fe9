// The syntax stage: source text in, AST out.
//
// parse_module() lexes and parses a whole file with the ANTLR grammar in grammar/, reports
// every syntax error it can recover from as file:line:col diagnostics, and builds the AST
// (compiler/ast) from the parse tree. ANTLR's types never leave this folder.
#pragma once

#include <memory>

#include "ast/ast.hpp"
#include "diag/diagnostics.hpp"

namespace aioc::syntax {

// Always returns a module; when diags.has_errors() it may be partial and must not be
// compiled further.
std::unique_ptr<ast::Module> parse_module(const SourceFile& file, Diagnostics& diags);

}  // namespace aioc::syntax
