// The context checker: the compile-time errors CPython's compiler (not its symtable)
// reports, and aioc's unsupported-feature errors (internal to sema).
//
// CPython decides these while emitting bytecode, knowing the enclosing "compiler unit"
// (module, class body, def, async def, lambda, comprehension) and a stack of frame blocks
// (loops, except* handlers) that restarts at every unit. The Checker keeps exactly that
// context: entering a def, class, lambda or comprehension swaps in a fresh Context, and a
// loop's `else` is checked outside the loop's frame, as CPython compiles it.
// The implementation is split by construct: check_stmt.cpp, check_expr.cpp,
// check_targets.cpp, check_unsupported.cpp.
#pragma once

#include <unordered_set>

#include <vector>

#include "ast/ast.hpp"
#include "diag/diagnostics.hpp"
#include "sema/scope.hpp"
#include "sema/symtable.hpp"

namespace aioc::sema {

enum class Unit { Module, Class, Function, AsyncFunction, Lambda, Comprehension };
enum class Frame { Loop, ExceptStar };

struct Context {
  const Scope* scope = nullptr;
  Unit unit = Unit::Module;
  std::vector<Frame> frames;
};

enum class TargetUse { Assign, For, With, Delete };

class Checker {
 public:
  Checker(const Analysis& analysis, const SymbolTable& table, DiagQueue& diags)
      : analysis_(analysis), table_(table), diags_(diags) {}

  void check_module(const ast::Module& module);

  // check_stmt.cpp
  void check_body(const ast::Body& body);
  void check_stmt(const ast::Stmt& s);

  // check_expr.cpp
  void check_expr(const ast::Expr& e);

  // check_targets.cpp
  void check_target(const ast::Expr& e, TargetUse use);
  void check_aug_target(const ast::Expr& e);

  // check_unsupported.cpp
  void check_import(const ast::Stmt& s);
  void check_builtin_name(const ast::Expr& e, const ast::Name& n);  // builtins aioc lacks
  void check_class_keywords(const std::vector<ast::Keyword>& keywords);
  void check_constant(const ast::Expr& e, const ast::Constant& c);

  // check_future.cpp
  void note_future_prefix(const ast::Module& module);
  void check_future_import(const ast::Stmt& s, const ast::ImportFrom& f);

 private:
  // check_stmt.cpp
  void check_def(const ast::Stmt& s, const ast::FunctionDef& f);
  void check_class(const ast::Stmt& s, const ast::ClassDef& c);
  void check_return(const ast::Stmt& s, const ast::Return& r);
  void check_jump(const ast::Stmt& s, bool is_break);
  void check_for(const ast::Stmt& s, const ast::For& f);
  void check_while(const ast::While& w);
  void check_with(const ast::Stmt& s, const ast::With& w);
  void check_try(const ast::Try& t);
  void check_loop_body(const ast::Body& body);

  // check_expr.cpp
  void check_children(const ast::Expr& e);
  void check_elements(const ast::ExprList& elts);
  void check_await(const ast::Expr& e);
  void check_yield(const ast::Expr& e);
  void check_lambda(const ast::Expr& e, const ast::Lambda& l);
  void check_comprehension(const ast::Expr& e, const std::vector<ast::Comprehension>& gens,
                           const ast::Expr* elt, const ast::Expr* value);
  void check_call(const ast::Call& call);
  void check_keywords(const std::vector<ast::Keyword>& keywords);
  void check_arguments(const ast::Arguments* args);

  // Runs `fn` with `ctx` as the current context, then restores the previous one.
  template <class F> void with_context(Context ctx, F&& fn) {
    std::swap(ctx, ctx_);
    fn();
    std::swap(ctx, ctx_);
  }
  const Scope* scope_of(const void* node) const;

  const Analysis& analysis_;
  const SymbolTable& table_;
  DiagQueue& diags_;
  Context ctx_;
  // The `from __future__` statements at the start of the module (after its docstring).
  std::unordered_set<const ast::Stmt*> future_prefix_;
};

}  // namespace aioc::sema
