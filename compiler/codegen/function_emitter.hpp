// FunctionEmitter: translates one Python code body (module body, def, async def, lambda)
// into the statements of one C++ function.
//
// Expressions are lowered to three-address form: `expr()` writes the statements that
// compute a value into named temporaries and returns a C++ expression naming the result.
// That one rule gives Python's left-to-right evaluation order (C++ leaves argument order
// unspecified), lets `await` appear anywhere (`co_await` only ever sees a named local, as
// the GCC 12 temporaries bug requires) and lets short-circuit operators become plain `if`s.
//
// Class bodies and comprehensions are emitted inline into the enclosing C++ function with
// their own sema::Scope (names resolve through `resolve()`), which keeps comprehension
// loops free of call overhead and lets `await` inside them suspend the enclosing coroutine.
//
// Python control flow that crosses a `finally` or `with` (return/break/continue) goes
// through the `controls_` stack: the jump records a pending action, leaves the protected
// `do { try {...} } while (false)` region with `break`, the cleanup runs, and the action
// is re-dispatched in the enclosing context. Except handlers run after the C++ catch
// block has been left, so they may `co_await`.
#pragma once

#include <string>
#include <vector>

#include "ast/ast.hpp"
#include "codegen/module_context.hpp"
#include "codegen/writer.hpp"
#include "sema/scope.hpp"

namespace aioc::codegen {

// Where a Python name lives in the generated C++.
struct VarRef {
  enum Kind { Local, Cell, Free, Global, ClassNs } kind;
  std::string cpp;       // the C++ variable (l_x, c_x, g_x, or the class namespace dict)
  std::string name;      // the Python name
  std::string fallback;  // ClassNs only: the g_ slot consulted when the dict lacks the name
};

class FunctionEmitter {
 public:
  FunctionEmitter(ModuleContext& ctx, const sema::Scope& scope, bool coroutine);

  // Emits the module body function `module_body`.
  void emit_module(const ast::Module& module);
  // Emits the C++ for a def/async def/lambda scope and returns the CodeInfo variable name.
  // `body` is either a statement list or (for lambdas) a single expression.
  std::string emit_function(const ast::Arguments& args, const ast::Body* body,
                            const ast::Expr* lambda_body, int first_line);

 private:
  friend class ScopeSwitch;
  enum class Jump { Return, Break, Continue };
  struct Control {
    enum Kind { Loop, Finally } kind;
    std::string flag;    // Loop: the broke-out flag for `else` (may be empty)
    std::string action;  // Finally: pending-action int variable
    std::string retval;  // Finally: pending return value
    bool used[3] = {false, false, false};  // Finally: which jumps were deferred
  };

  // ---- statements (emit_stmt.cpp, emit_control.cpp) ----
  void body(const ast::Body& stmts);
  void stmt(const ast::Stmt& s);
  void mark_line(const ast::Loc& loc);
  void assign(const ast::Expr& target, const std::string& value);
  void assign_unpack(const ast::ExprList& elts, const std::string& value, const ast::Loc& loc);
  void store_name(const std::string& id, const std::string& value);
  void delete_target(const ast::Expr& target);
  void aug_assign(const ast::AugAssign& s);
  void ann_assign(const ast::AnnAssign& s);
  void import(const ast::Import& s);
  void import_from(const ast::ImportFrom& s, const ast::Loc& loc);
  void raise(const ast::Raise& s);
  void assert_(const ast::Assert& s);
  void if_(const ast::If& s);
  void while_(const ast::While& s);
  void for_(const ast::For& s);
  void try_(const ast::Try& s, const ast::Loc& loc);
  void try_except(const ast::Try& s);
  // Closes the open `if` block, adding `else { ORELSE }` when there is one.
  void close_with_else(const ast::Body& orelse);
  // `aio::Value excN; try { BODY } catch (...) { excN = exception; }`; returns excN.
  std::string catching_body(const ast::Body& protected_body);
  void try_except_star(const ast::Try& s);  // emit_except_star.cpp
  void try_finally(const ast::Try& s);
  // An except handler's body, run while `handled` is the exception being handled.
  void handler_body(const ast::Body& body, const std::string& handled);
  // Unbinds `except ... as name` after its handler.
  void unbind_handler_name(const std::string& name);
  void with_(const ast::With& s, std::size_t item);
  void jump(Jump kind, const std::string& value, std::size_t depth);
  void finally_epilogue(const Control& c, std::size_t depth);
  void open_protected(Control& c);
  void close_protected(const std::string& caught);
  // Loop head helpers: `while (true) { Value x; if (!next(it, x)) break; ...`.
  // `pre_iterated`: `iterable` is already the iterator (a generator expression's ".0").
  std::string open_iteration(const std::string& iterable, bool is_async, bool pre_iterated = false);

  // ---- expressions (emit_expr.cpp, emit_call.cpp, emit_comprehension.cpp) ----
  std::string expr(const ast::Expr& e);
  std::string temp(const std::string& init);  // declares `aio::Value tN = init;`
  std::string new_name(const char* prefix);
  std::string constant(const ast::Constant& c, const ast::Loc& loc);
  std::string load_name(const std::string& id);
  std::string bool_op(const ast::BoolOp& e);
  std::string compare(const ast::Compare& e);
  std::string if_exp(const ast::IfExp& e);
  std::string call(const ast::Call& e, const ast::Loc& loc);
  // A kwargs dict from `name=value` and `**mapping` keywords, evaluated left to right;
  // `callee` (C++ expression) names the function in duplicate/non-mapping errors.
  std::string kwargs_dict(const std::vector<ast::Keyword>& keywords, const std::string& callee);
  std::string await_(const std::string& awaitable);
  std::string yield_(const std::string& value);       // emit_generator.cpp
  std::string yield_expr(const ast::Expr* value);     // `yield value` (null: bare yield)
  std::string yield_from(const std::string& iterable);
  std::string generator_expression(const ast::GeneratorExp& e, const ast::Expr& node);
  std::string emit_genexpr(const ast::GeneratorExp& e, const ast::Expr& node);
  std::string sequence(const ast::ExprList& elts, const char* kind);  // list/tuple
  std::string set_display(const ast::Set& s);                         // emit_set_display.cpp
  std::string dict(const ast::Dict& e);
  std::string joined_str(const ast::JoinedStr& e);
  std::string formatted_value(const ast::FormattedValue& e);
  std::string comprehension(const ast::Expr& e);
  void comprehension_loops(const std::vector<ast::Comprehension>& gens, std::size_t i,
                           const std::string& first_iter, const std::string& result,
                           const ast::Expr& e);
  std::string lambda(const ast::Lambda& e, const ast::Expr& node);
  std::string super_call(const ast::Loc& loc);

  // ---- definitions (emit_def.cpp) ----
  std::string make_function(const sema::Scope& inner, const ast::Arguments& args,
                            const ast::Body* body, const ast::Expr* lambda_body, int line);
  void function_def(const ast::FunctionDef& s, const ast::Stmt& node);
  void class_def(const ast::ClassDef& s, const ast::Stmt& node);
  std::string closure_list(const sema::Scope& inner);

  // ---- names ----
  VarRef resolve(const std::string& id) const;
  VarRef resolve_in(const std::string& id, const sema::Scope* scope) const;
  std::string local_prefix(const sema::Scope* scope, bool cell) const;
  void declare_locals(const sema::Scope& scope, const std::vector<std::string>& skip);
  // The C++ names declare_locals declares.
  std::vector<std::string> local_names(const sema::Scope& scope, const std::vector<std::string>& skip) const;
  // Coroutine/generator bodies, after the locals: registers `names` with the cycle collector
  // (runtime frame_locals.hpp) on the first call, then points the promise at `frame`.
  void track_frame(const std::string& code, const std::vector<std::string>& names);
  [[noreturn]] void unsupported(const ast::Loc& loc, const std::string& what) const;
  std::string str(std::string_view s) { return ctx_.str_const(s); }
  // The str constant for an attribute or class-namespace key, with CPython's private name
  // mangling (`__x` inside class C is `_C__x`).
  std::string attr_name(const std::string& id);

  ModuleContext& ctx_;
  const sema::Scope* scope_;      // current scope (switches for inline class/comprehension)
  const sema::Scope* function_;   // the scope of the C++ function being emitted
  bool coroutine_;
  bool generator_ = false;  // a sync generator body (returns aio::Gen, yields with co_yield)
  bool async_generator_ = false;  // an async def body with yield (returns aio::AGen)
  CodeWriter w_;
  int temps_ = 0;
  std::vector<Control> controls_;
  std::vector<std::string> handlers_;  // caught-exception variables of running handlers
  std::vector<std::pair<const sema::Scope*, std::string>> inline_scopes_;  // scope -> prefix/ns
  std::string first_param_;  // for zero-argument super()
  ast::Loc current_loc_;     // the statement being emitted (for diagnostics)
};

}  // namespace aioc::codegen
