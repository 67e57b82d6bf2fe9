// Undefined names: reads that no binding anywhere in the program can satisfy.
//
// After scope resolution a read resolves as Local/Cell/Free/ClassBody (bound in a scope
// that is visible from it) or Global. A Global read is provably undefined when the module
// never binds the name (neither at module level nor through `global x` plus an assignment
// anywhere), it is not a builtin or an implicit module/class attribute, and there is no
// `from m import *` that could bind anything. Names bound only in a class body are not
// visible from its methods, so reading them there is reported, as CPython would raise
// NameError. The suggestion searches the reading scope's own names, then the module's,
// then the builtins, as CPython 3.11's NameError does.
#include <array>
#include <string_view>

#include "sema/builtin_names.hpp"
#include "sema/checks.hpp"
#include "sema/suggest.hpp"

namespace aioc::sema {
namespace {

// Module attributes that exist without being assigned (those in builtins aside).
constexpr std::array<std::string_view, 4> kModuleDunders = {
    "__file__", "__builtins__", "__cached__", "__annotations__"};
// Names a class body can read before assigning them.
constexpr std::array<std::string_view, 2> kClassDunders = {"__module__", "__qualname__"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view id) {
  for (std::string_view s : list) if (s == id) return true;
  return false;
}

bool is_defined(const SymbolTable& table, const NameUse& use) {
  if (use.scope->binding_of(use.id) != Binding::Global) return true;
  if (table.module_bound.count(use.id) || is_builtin_name(use.id)) return true;
  if (contains(kModuleDunders, use.id)) return true;
  return use.scope->kind == ScopeKind::Class && contains(kClassDunders, use.id);
}

std::string suggestion_for(const SymbolTable& table, const NameUse& use) {
  std::vector<std::string> locals;
  for (const auto& id : use.scope->names)
    if (use.scope->binding_of(id) != Binding::Global) locals.push_back(id);
  std::vector<std::string> globals(table.module_bound.begin(), table.module_bound.end());
  for (const auto* list : {&locals, &globals}) {
    if (auto s = suggest_name(use.id, *list)) return "; did you mean '" + *s + "'?";
  }
  if (auto s = suggest_name(use.id, builtin_names())) return "; did you mean '" + *s + "'?";
  return "";
}

}  // namespace

void check_undefined_names(const SymbolTable& table, DiagQueue& diags) {
  if (table.has_star_import) return;
  for (const auto& use : table.uses) {
    if (is_defined(table, use)) continue;
    diags.report(DiagKind::UndefinedName, use.loc, use.id, suggestion_for(table, use));
  }
}

}  // namespace aioc::sema
