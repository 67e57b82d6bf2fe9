// Scopes: what semantic analysis tells code generation about every name.
//
// Python decides at compile time, per function, whether each name is local, global,
// free (a variable of an enclosing function) or a cell (a local that an inner function
// captures); CPython's symtable does the same. sema::check builds one Scope per module,
// class, def/async def, lambda and comprehension (comprehensions have their own scope in
// 3.11, except that the first iterable is evaluated in the enclosing scope), and records
// the function kind that `yield`/`await` imply. Codegen reads this and never re-derives it.
//
// Keys of Analysis::scope_of_node (and the value of Scope::node) are the address of the
// node that *holds* the construct, never of the payload struct inside it:
//   - a def / async def / class:  the `const ast::Stmt*` whose node is FunctionDef/ClassDef;
//   - a lambda or comprehension:  the `const ast::Expr*` whose node is Lambda / ListComp /
//                                 SetComp / DictComp / GeneratorExp;
//   - the module:                 the `const ast::Module*`.
//
// Names are the source spelling: private names (`__x` in a class) are NOT mangled here.
// A comprehension scope has the implicit parameter ".0" (the already-evaluated first
// iterable, as in CPython) as params[0]; the first `for` target and everything after it
// belong to the comprehension scope. In a class scope, a name that is both assigned in the
// class body and free in a method stays ClassBody but is also listed in freevars (the
// class passes the enclosing cell through, CPython's DEF_FREE_CLASS).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "ast/ast.hpp"

namespace aioc::sema {

enum class ScopeKind { Module, Class, Function, Lambda, Comprehension };

// How a name used in a scope resolves, as CPython's symtable decides it.
enum class Binding {
  Local,     // assigned in this function (or a parameter), not captured: a C++ local
  Cell,      // local of this function captured by an inner scope: lives in a heap cell
  Free,      // a variable of an enclosing function: reached through this closure's cells
  Global,    // declared `global`, or module-level, or unbound everywhere: module slot or builtin
  ClassBody  // assigned in a class body: an entry of the class namespace
};

struct Scope {
  ScopeKind kind = ScopeKind::Module;
  const void* node = nullptr;  // the ast::Stmt*, ast::Expr* or ast::Module* (see above)
  Scope* parent = nullptr;
  std::string name;      // "say_after", "<lambda>", "<listcomp>", "<module>"
  std::string qualname;  // "Outer.method.<locals>.inner" as CPython computes __qualname__
  bool is_async = false;      // async def, or a comprehension containing async for/await
  bool is_generator = false;  // contains yield / yield from
  std::vector<std::string> params;          // in binding order: posonly, args, *args, kwonly, **kwargs
  std::map<std::string, Binding> bindings;  // every name used or bound in this scope
  std::vector<std::string> cellvars;        // Cell names, in first-seen order
  std::vector<std::string> freevars;        // Free names, in first-seen order
  std::vector<std::unique_ptr<Scope>> children;
  // Additions (sema): every key of `bindings`, in first-seen order (deterministic output).
  std::vector<std::string> names;
  // Class scope only: some method uses `super()` or `__class__`, so the class body creates
  // the implicit `__class__` cell (CPython's ste_needs_class_closure). Methods see
  // `__class__` as Free.
  bool needs_class_cell = false;
  bool is_lambda() const { return kind == ScopeKind::Lambda; }
  bool is_function_like() const {  // has fast locals: def, lambda, comprehension
    return kind == ScopeKind::Function || kind == ScopeKind::Lambda ||
           kind == ScopeKind::Comprehension;
  }

  Binding binding_of(const std::string& id) const {
    auto it = bindings.find(id);
    return it == bindings.end() ? Binding::Global : it->second;
  }
};

struct Analysis {
  std::unique_ptr<Scope> module;
  std::unordered_map<const void*, Scope*> scope_of_node;  // key: the ast node pointer

  Scope* scope_of(const void* node) const {
    auto it = scope_of_node.find(node);
    return it == scope_of_node.end() ? nullptr : it->second;
  }
};

}  // namespace aioc::sema
