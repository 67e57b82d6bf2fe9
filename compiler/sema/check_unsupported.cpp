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

namespace aioc::sema {
namespace {

// Modules the runtime provides (see DESIGN.md); submodules of these are accepted too.
constexpr std::array<std::string_view, 35> kSupportedModules = {
    "asyncio", "time", "sys", "functools", "contextlib", "collections", "dataclasses",
    "itertools", "math", "random", "inspect", "typing", "attr", "threading",
    "concurrent.futures", "queue", "heapq", "os", "gc", "socket", "signal", "logging",
    "warnings", "weakref", "enum", "abc", "types", "operator", "string", "re", "json", "copy",
    "__future__", "builtins", "errno"};

// Builtins that need a run-time compiler or frame namespaces.
constexpr std::array<std::string_view, 6> kUnsupportedBuiltins = {
    "exec", "eval", "compile", "globals", "locals", "__import__"};

bool is_supported_module(std::string_view name) {
  for (std::string_view m : kSupportedModules) {
    if (name == m) return true;
    if (name.size() > m.size() && name.substr(0, m.size()) == m && name[m.size()] == '.')
      return true;
  }
  return false;
}

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
  if (is_supported_module(f->module)) return;
  // `from concurrent import futures` names a supported submodule through its package.
  bool all_submodules = !f->names.empty();
  for (const auto& a : f->names)
    all_submodules = all_submodules && is_supported_module(f->module + "." + a.name);
  if (!all_submodules) diags_.report(DiagKind::UnsupportedModule, s.loc, f->module);
}

void Checker::check_call_target(const ast::Expr& func) {
  const auto* n = func.as<ast::Name>();
  if (!n || ctx_.scope->binding_of(n->id) != Binding::Global) return;
  if (table_.module_bound.count(n->id)) return;  // the program defines its own
  for (std::string_view b : kUnsupportedBuiltins)
    if (n->id == b) diags_.report(DiagKind::UnsupportedBuiltin, func.loc, n->id);
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
