// Statement checks: where return/break/continue/async for/async with may appear, the
// order of except clauses, and the entry point check_module.
//
// Messages and rules are CPython 3.11's compile.c: `return` needs a function unit and
// may not carry a value in an async generator; break/continue look for the innermost loop
// frame and fail if an except* handler frame comes first (or if there is no loop in this
// unit); `async for`/`async with` need an async def.
#include "sema/checker.hpp"
#include "sema/checks.hpp"
#include "sema/walk.hpp"

namespace aioc::sema {

void check_module(const ast::Module& module, const Analysis& analysis, const SymbolTable& table,
                  DiagQueue& diags) {
  Checker(analysis, table, diags).check_module(module);
}

void Checker::check_module(const ast::Module& module) {
  ctx_ = Context{analysis_.module.get(), Unit::Module, {}};
  note_future_prefix(module);
  check_body(module.body);
}

const Scope* Checker::scope_of(const void* node) const {
  const Scope* s = analysis_.scope_of(node);
  return s ? s : ctx_.scope;
}

void Checker::check_body(const ast::Body& body) {
  for (const auto& s : body) if (s) check_stmt(*s);
}

void Checker::check_stmt(const ast::Stmt& s) {
  if (auto* f = s.as<ast::FunctionDef>()) return check_def(s, *f);
  if (auto* c = s.as<ast::ClassDef>()) return check_class(s, *c);
  if (auto* r = s.as<ast::Return>()) return check_return(s, *r);
  if (s.is<ast::Break>()) return check_jump(s, true);
  if (s.is<ast::Continue>()) return check_jump(s, false);
  if (auto* f = s.as<ast::For>()) return check_for(s, *f);
  if (auto* w = s.as<ast::While>()) return check_while(*w);
  if (auto* w = s.as<ast::With>()) return check_with(s, *w);
  if (auto* t = s.as<ast::Try>()) return check_try(*t);
  if (s.is<ast::Import>() || s.is<ast::ImportFrom>()) return check_import(s);
  if (auto* u = s.as<ast::Unsupported>()) {
    diags_.report(DiagKind::Unsupported, s.loc, u->what);
    return;
  }
  if (auto* a = s.as<ast::Assign>()) {
    if (a->value) check_expr(*a->value);
    for (const auto& t : a->targets) if (t) check_target(*t, TargetUse::Assign);
    return;
  }
  if (auto* a = s.as<ast::AugAssign>()) {
    if (a->target) check_aug_target(*a->target);
    if (a->value) check_expr(*a->value);
    return;
  }
  if (auto* d = s.as<ast::Delete>()) {
    for (const auto& t : d->targets) if (t) check_target(*t, TargetUse::Delete);
    return;
  }
  for_each_child(s, [&](const ast::Expr& e) { check_expr(e); },
                 [&](const ast::Body& b) { check_body(b); });
}

void Checker::check_def(const ast::Stmt& s, const ast::FunctionDef& f) {
  for (const auto& d : f.decorator_list) if (d) check_expr(*d);
  check_arguments(f.args.get());
  if (f.returns) check_expr(*f.returns);
  Unit unit = f.is_async ? Unit::AsyncFunction : Unit::Function;
  with_context(Context{scope_of(&s), unit, {}}, [&] { check_body(f.body); });
}

void Checker::check_class(const ast::Stmt& s, const ast::ClassDef& c) {
  for (const auto& d : c.decorator_list) if (d) check_expr(*d);
  check_elements(c.bases);
  check_keywords(c.keywords);
  check_class_keywords(c.keywords);
  with_context(Context{scope_of(&s), Unit::Class, {}}, [&] { check_body(c.body); });
}

void Checker::check_return(const ast::Stmt& s, const ast::Return& r) {
  if (r.value) check_expr(*r.value);
  if (ctx_.unit == Unit::Module || ctx_.unit == Unit::Class) {
    diags_.report(DiagKind::ReturnOutsideFunction, s.loc);
    return;
  }
  if (r.value && ctx_.unit == Unit::AsyncFunction && ctx_.scope->is_generator) {
    diags_.report(DiagKind::ReturnValueInAsyncGenerator, s.loc);
    return;
  }
  for (Frame f : ctx_.frames) {
    if (f == Frame::ExceptStar) {
      diags_.report(DiagKind::JumpInExceptStar, s.loc);
      return;
    }
  }
}

void Checker::check_jump(const ast::Stmt& s, bool is_break) {
  for (auto it = ctx_.frames.rbegin(); it != ctx_.frames.rend(); ++it) {
    if (*it == Frame::ExceptStar) {
      diags_.report(DiagKind::JumpInExceptStar, s.loc);
      return;
    }
    if (*it == Frame::Loop) return;
  }
  diags_.report(is_break ? DiagKind::BreakOutsideLoop : DiagKind::ContinueOutsideLoop, s.loc);
}

void Checker::check_loop_body(const ast::Body& body) {
  ctx_.frames.push_back(Frame::Loop);
  check_body(body);
  ctx_.frames.pop_back();
}

void Checker::check_for(const ast::Stmt& s, const ast::For& f) {
  if (f.is_async && ctx_.unit != Unit::AsyncFunction)
    diags_.report(DiagKind::AsyncForOutsideAsync, s.loc);
  if (f.iter) check_expr(*f.iter);
  if (f.target) check_target(*f.target, TargetUse::For);
  check_loop_body(f.body);
  check_body(f.orelse);
}

void Checker::check_while(const ast::While& w) {
  if (w.test) check_expr(*w.test);
  check_loop_body(w.body);
  check_body(w.orelse);
}

void Checker::check_with(const ast::Stmt& s, const ast::With& w) {
  if (w.is_async && ctx_.unit != Unit::AsyncFunction)
    diags_.report(DiagKind::AsyncWithOutsideAsync, s.loc);
  for (const auto& item : w.items) {
    if (item.context_expr) check_expr(*item.context_expr);
    if (item.optional_vars) check_target(*item.optional_vars, TargetUse::With);
  }
  check_body(w.body);
}

void Checker::check_try(const ast::Try& t) {
  check_body(t.body);
  for (std::size_t i = 0; i < t.handlers.size(); ++i) {
    const auto& h = t.handlers[i];
    if (!h.type && i + 1 < t.handlers.size())
      diags_.report(DiagKind::DefaultExceptNotLast, h.loc);
    if (h.type) check_expr(*h.type);
    if (t.is_star) ctx_.frames.push_back(Frame::ExceptStar);
    check_body(h.body);
    if (t.is_star) ctx_.frames.pop_back();
  }
  check_body(t.orelse);
  check_body(t.finalbody);
}

}  // namespace aioc::sema
