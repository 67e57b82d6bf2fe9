// `from __future__ import ...`, checked as CPython's future.c does: such imports may only
// come first in the module (after its docstring), and each name must be a known feature
// ("braces" gets CPython's joke answer). aioc accepts every feature whose meaning it
// implements or that is already the Python 3 default; `barry_as_FLUFL` (the `<>` operator)
// is rejected by name.
#include <algorithm>

#include "sema/checker.hpp"
#include "sema/supported_modules.hpp"

namespace aioc::sema {
namespace {

bool is_docstring(const ast::Stmt& s) {
  const auto* e = s.as<ast::ExprStmt>();
  if (!e || !e->value) return false;
  const auto* c = e->value->as<ast::Constant>();
  return c && std::holds_alternative<std::string>(c->value);
}

bool is_future_import(const ast::Stmt& s) {
  const auto* f = s.as<ast::ImportFrom>();
  return f && f->level == 0 && f->module == "__future__";
}

}  // namespace

void Checker::note_future_prefix(const ast::Module& module) {
  future_prefix_.clear();
  std::size_t i = 0;
  if (!module.body.empty() && module.body[0] && is_docstring(*module.body[0])) i = 1;
  for (; i < module.body.size() && module.body[i] && is_future_import(*module.body[i]); ++i)
    future_prefix_.insert(module.body[i].get());
}

void Checker::check_future_import(const ast::Stmt& s, const ast::ImportFrom& f) {
  if (f.level != 0) return;
  if (!future_prefix_.count(&s)) {
    diags_.report(DiagKind::FutureImportNotFirst, s.loc);
    return;
  }
  auto features = future_features();
  for (const auto& a : f.names) {
    if (a.name == "braces") {
      diags_.report(DiagKind::FutureBraces, s.loc);
    } else if (a.name == "barry_as_FLUFL") {
      diags_.report(DiagKind::Unsupported, a.loc, "'barry_as_FLUFL' future imports");
    } else if (std::find(features.begin(), features.end(), a.name) == features.end()) {
      diags_.report(DiagKind::FutureFeatureUndefined, s.loc, a.name);
    }
  }
}

}  // namespace aioc::sema
