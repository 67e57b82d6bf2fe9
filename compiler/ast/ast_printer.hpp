// Prints an AST in exactly the text CPython 3.11's `ast.dump(ast.parse(src), indent=1)`
// prints, so `aioc ast FILE` can be diffed against CPython in tests.
#pragma once

#include <string>

#include "ast/ast.hpp"

namespace aioc::ast {

std::string dump(const Module& module);

}  // namespace aioc::ast
