// The checking passes that run after scope analysis (internal to sema).
//
// check_module walks statements and expressions with the context CPython's compiler has
// while emitting code (which kind of function encloses them, which loops and except*
// handlers), and reports what the compiler rejects there, plus aioc's unsupported
// features. check_undefined_names proves reads of names nothing binds.
#pragma once

#include "ast/ast.hpp"
#include "diag/diagnostics.hpp"
#include "sema/scope.hpp"
#include "sema/symtable.hpp"

namespace aioc::sema {

void check_module(const ast::Module& module, const Analysis& analysis, const SymbolTable& table,
                  DiagQueue& diags);
void check_undefined_names(const SymbolTable& table, DiagQueue& diags);

}  // namespace aioc::sema
