// An expression back to source text, exactly as CPython 3.11 stringifies annotations under
// `from __future__ import annotations` (Python/ast_unparse.c): canonical spacing, the
// fewest parentheses that keep the meaning, constants by repr.
#pragma once

#include <string>

#include "ast/ast.hpp"

namespace aioc::ast {

std::string unparse_annotation(const Expr& e);

}  // namespace aioc::ast
