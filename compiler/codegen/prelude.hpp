// The prelude: small inline helpers every generated translation unit starts with.
//
// They are built only from the public runtime API (docs/generated-code.md) and cover what
// the contract leaves to codegen: CPython's exact messages for unbound locals and free
// variables, the class-body name lookup (namespace dict, then globals, then builtins),
// and the context-manager and async-iterator protocols. Keeping them in the generated
// file rather than the runtime lets codegen evolve them without a runtime rebuild.
#pragma once

namespace aioc::codegen {

const char* prelude_text();

}  // namespace aioc::codegen
