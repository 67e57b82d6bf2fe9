// The sema entry point: runs the passes in order over one module.
//
// Scope analysis first (symtable build, then resolution), because every later check asks
// how names and blocks resolve; then the statement/expression checks that CPython's
// compiler makes while emitting code (context of await/yield/return/break, targets,
// calls, aioc's unsupported features); then the undefined-name pass, which needs the final
// bindings. Every pass reports and continues, so one run shows every error; the reports
// are queued and printed in source order (diag_queue.hpp).
#include "sema/sema.hpp"

#include "sema/checks.hpp"
#include "sema/symtable.hpp"

namespace aioc::sema {

std::unique_ptr<Analysis> analyze(const ast::Module& module, Diagnostics& diags) {
  auto analysis = std::make_unique<Analysis>();
  DiagQueue queue;
  SymbolTable table = build_symtable(module, *analysis, queue);
  resolve_symtable(table, queue);
  check_module(module, *analysis, table, queue);
  check_undefined_names(table, queue);
  queue.flush(diags);
  return analysis;
}

}  // namespace aioc::sema
