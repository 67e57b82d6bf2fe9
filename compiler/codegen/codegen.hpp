// Code generation: checked AST + scopes in, one C++20 translation unit out.
//
// The output includes <aio/python.hpp> and calls only the runtime API that
// docs/generated-code.md lists; `#line` directives map it back to the .aio file.
#pragma once

#include <string>

#include "ast/ast.hpp"
#include "sema/scope.hpp"

namespace aioc::codegen {

std::string emit_cpp(const ast::Module& module, const sema::Analysis& analysis);

}  // namespace aioc::codegen
