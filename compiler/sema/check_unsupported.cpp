// Features outside the aioc subset, each rejected by name so the user knows what to change.
//
// aioc compiles ahead of time to C++, so anything that needs a compiler at run time
// (exec, eval, compile, __import__) or a frame's namespace as a dict (globals, locals) is
// rejected, as are complex numbers, metaclasses, wildcard and relative imports and
// modules the runtime does not provide. Parsed-but-unsupported statements (ast::Unsupported,
// e.g. `match`) are reported in check_stmt.cpp with the same diagnostic kind.
#include <array>
#include <string_view>

#include "sema/checker.hpp"
#include "sema/supported_modules.hpp"

namespace aioc::sema {
namespace {

// Builtins aioc does not provide: those that need a run-time compiler or frame namespaces,
// and the types and interactive helpers outside the subset.
constexpr std::array<std::string_view, 15> kUnsupportedBuiltins = {
    "exec",       "eval",   "compile",    "globals", "locals",    "__import__", "__build_class__",
    "bytearray", "memoryview", "complex", "breakpoint", "help", "copyright", "credits", "license"};

}  // namespace

void Checker::check_import(const ast::Stmt& s) {
  if (const auto* i = s.as<ast::Import>()) {
    for (const auto& a : i->names)
      if (!is_supported_module(a.name)) diags_.report(DiagKind::UnsupportedModule, a.loc, a.name);
    return;
  }
  const auto* f = s.as<ast::ImportFrom>();
  if (!f) return;
  if (f->level > 0) {
    diags_.report(DiagKind::Unsupported, s.loc, "relative imports");
    return;
  }
  for (const auto& a : f->names) {
    if (a.name == "*") diags_.report(DiagKind::Unsupported, a.loc, "wildcard imports");
  }
  if (f->module == "__future__") check_future_import(s, *f);
  if (!is_supported_module(f->module)) diags_.report(DiagKind::UnsupportedModule, s.loc, f->module);
}

void Checker::check_builtin_name(const ast::Expr& e, const ast::Name& n) {
  if (ctx_.scope->binding_of(n.id) != Binding::Global) return;
  if (table_.module_bound.count(n.id)) return;  // the program defines its own
  for (std::string_view b : kUnsupportedBuiltins)
    if (n.id == b) diags_.report(DiagKind::UnsupportedBuiltin, e.loc, n.id);
}

void Checker::check_class_keywords(const std::vector<ast::Keyword>& keywords) {
  for (const auto& k : keywords)
    if (k.arg == "metaclass") diags_.report(DiagKind::Unsupported, k.loc, "metaclasses");
}

void Checker::check_constant(const ast::Expr& e, const ast::Constant& c) {
  if (std::holds_alternative<ast::ImagConst>(c.value))
    diags_.report(DiagKind::Unsupported, e.loc, "complex numbers");
}

}  // namespace aioc::sema
