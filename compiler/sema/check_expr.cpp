// Expression checks: await and yield placement, asynchronous comprehensions, starred
// expressions outside displays and calls, repeated keyword arguments.
//
// CPython 3.11's rules: `await` needs a function unit (else "'await' outside function")
// that is an async def or a comprehension (else "'await' outside async function"); a
// list/set/dict comprehension that awaits or uses `async for` is itself a coroutine and
// may only appear in an async def or another comprehension, while such a generator
// expression simply becomes an async generator. `yield` needs a function unit; `yield
// from` may not appear in an async def. A comprehension's first iterable is checked in the
// enclosing context, everything else in the comprehension's own.
#include <set>

#include "sema/checker.hpp"
#include "sema/walk.hpp"

namespace aioc::sema {

void Checker::check_expr(const ast::Expr& e) {
  if (e.is<ast::Await>()) check_await(e);
  else if (e.is<ast::Yield>() || e.is<ast::YieldFrom>()) check_yield(e);
  if (auto* l = e.as<ast::Lambda>()) return check_lambda(e, *l);
  if (auto* c = e.as<ast::ListComp>())
    return check_comprehension(e, c->generators, c->elt.get(), nullptr);
  if (auto* c = e.as<ast::SetComp>())
    return check_comprehension(e, c->generators, c->elt.get(), nullptr);
  if (auto* c = e.as<ast::GeneratorExp>())
    return check_comprehension(e, c->generators, c->elt.get(), nullptr);
  if (auto* c = e.as<ast::DictComp>())
    return check_comprehension(e, c->generators, c->key.get(), c->value.get());
  if (auto* c = e.as<ast::Call>()) return check_call(*c);
  if (auto* l = e.as<ast::List>()) return check_elements(l->elts);
  if (auto* t = e.as<ast::Tuple>()) return check_elements(t->elts);
  if (auto* s = e.as<ast::Set>()) return check_elements(s->elts);
  if (e.is<ast::Starred>()) {
    diags_.report(DiagKind::StarredNotAllowed, e.loc);
    return check_children(e);
  }
  if (auto* c = e.as<ast::Constant>()) check_constant(e, *c);
  if (auto* n = e.as<ast::Name>()) check_builtin_name(e, *n);
  check_children(e);
}

void Checker::check_children(const ast::Expr& e) {
  for_each_child(e, [&](const ast::Expr& child) { check_expr(child); });
}

// Elements of a display, call or class bases: `*x` is allowed there.
void Checker::check_elements(const ast::ExprList& elts) {
  for (const auto& p : elts) {
    if (!p) continue;
    if (p->is<ast::Starred>()) check_children(*p);
    else check_expr(*p);
  }
}

void Checker::check_await(const ast::Expr& e) {
  if (ctx_.unit == Unit::Module || ctx_.unit == Unit::Class)
    diags_.report(DiagKind::AwaitOutsideFunction, e.loc);
  else if (ctx_.unit != Unit::AsyncFunction && ctx_.unit != Unit::Comprehension)
    diags_.report(DiagKind::AwaitOutsideAsync, e.loc);
}

void Checker::check_yield(const ast::Expr& e) {
  if (ctx_.unit == Unit::Module || ctx_.unit == Unit::Class)
    diags_.report(DiagKind::YieldOutsideFunction, e.loc);
  else if (e.is<ast::YieldFrom>() && ctx_.unit == Unit::AsyncFunction)
    diags_.report(DiagKind::YieldFromInsideAsync, e.loc);
  // In a comprehension the symtable pass has already reported it.
}

void Checker::check_arguments(const ast::Arguments* args) {
  if (args) for_each_arguments_expr(*args, [&](const ast::Expr& x) { check_expr(x); });
}

void Checker::check_lambda(const ast::Expr& e, const ast::Lambda& l) {
  check_arguments(l.args.get());
  with_context(Context{scope_of(&e), Unit::Lambda, {}}, [&] {
    if (l.body) check_expr(*l.body);
  });
}

void Checker::check_comprehension(const ast::Expr& e, const std::vector<ast::Comprehension>& gens,
                                  const ast::Expr* elt, const ast::Expr* value) {
  if (gens.empty()) return;
  const Scope* scope = scope_of(&e);
  if (gens.front().iter) check_expr(*gens.front().iter);
  if (scope->is_async && !e.is<ast::GeneratorExp>() && ctx_.unit != Unit::AsyncFunction &&
      ctx_.unit != Unit::Comprehension)
    diags_.report(DiagKind::AsyncComprehensionOutsideAsync, e.loc);
  with_context(Context{scope, Unit::Comprehension, {}}, [&] {
    for (std::size_t i = 0; i < gens.size(); ++i) {
      const auto& g = gens[i];
      if (g.target) check_target(*g.target, TargetUse::For);
      if (i > 0 && g.iter) check_expr(*g.iter);
      for (const auto& cond : g.ifs) if (cond) check_expr(*cond);
    }
    if (elt) check_expr(*elt);
    if (value) check_expr(*value);
  });
}

void Checker::check_call(const ast::Call& call) {
  if (call.func) {
    check_expr(*call.func);
  }
  check_elements(call.args);
  check_keywords(call.keywords);
}

void Checker::check_keywords(const std::vector<ast::Keyword>& keywords) {
  std::set<std::string> seen;
  for (const auto& k : keywords) {
    if (!k.arg.empty() && !seen.insert(k.arg).second)
      diags_.report(DiagKind::KeywordArgumentRepeated, k.loc, k.arg);
    if (k.value) check_expr(*k.value);
  }
}

}  // namespace aioc::sema
