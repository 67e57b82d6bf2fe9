// The symbol table under construction: sema's internal mirror of CPython's symtable.c.
//
// Scope analysis runs in two passes, as CPython's does, because whether a name is local,
// free or a cell depends on the whole function body and on every nested scope:
//   1. build_symtable (symtable_build.cpp) walks the AST once, creates a Scope per block
//      and records raw flags per name (assigned, parameter, used, declared global...),
//      reporting the errors that need only those flags (global after use, duplicate
//      argument, yield in a comprehension, walrus misuse, import * in a function);
//   2. resolve_symtable (symtable_resolve.cpp) walks the block tree top-down with the sets
//      of names bound in enclosing functions and fills Scope::bindings, cellvars and
//      freevars, reporting nonlocal errors.
// The flags and per-block facts below exist only between the passes; Scope (scope.hpp) is
// what leaves sema.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "ast/ast.hpp"
#include "diag/diagnostics.hpp"
#include "sema/diag_queue.hpp"
#include "sema/scope.hpp"

namespace aioc::sema {

// Per-name flags, CPython's DEF_* bits.
enum SymFlag : unsigned {
  kDefGlobal = 1u << 0,    // `global x` in this block
  kDefLocal = 1u << 1,     // assigned (any binding statement or target)
  kDefParam = 1u << 2,     // a parameter
  kDefNonlocal = 1u << 3,  // `nonlocal x` (or a comprehension walrus target)
  kUse = 1u << 4,          // read
  kDefImport = 1u << 5,    // bound by import
  kDefAnnot = 1u << 6,     // annotated (`x: int`)
  kDefCompIter = 1u << 7,  // a comprehension iteration variable
};
constexpr unsigned kDefBound = kDefLocal | kDefParam | kDefImport;

enum class CompKind { None, List, Set, Dict, Generator };

// One block (CPython's symtable entry) being analysed; owns nothing, points at its Scope.
struct Block {
  Scope* scope = nullptr;
  Block* parent = nullptr;
  std::vector<Block*> children;
  std::map<std::string, unsigned> flags;
  std::map<std::string, ast::Loc> directives;  // first global/nonlocal/walrus loc per name
  std::vector<std::string> order;              // names in first-seen order
  CompKind comp = CompKind::None;
  bool coroutine = false;  // await / async for / async with seen, or async def
  bool generator = false;  // yield seen directly in this block
  int comp_iter_expr = 0;      // > 0 while visiting a comprehension iterable
  bool comp_iter_target = false;  // visiting a comprehension's for-target

  bool is_function() const { return scope->is_function_like(); }
};

// A read of a name, remembered for the undefined-name pass.
struct NameUse {
  const Scope* scope;
  std::string id;
  ast::Loc loc;
};

struct SymbolTable {
  std::vector<std::unique_ptr<Block>> blocks;  // blocks[0] is the module
  std::vector<NameUse> uses;
  // Names the module binds anywhere: module-level bindings plus `global` names bound in
  // any scope. A read of a global name outside this set (and the builtins) is undefined.
  std::set<std::string> module_bound;
  bool has_star_import = false;

  Block& module() { return *blocks.front(); }
};

// Pass 1: creates analysis.module and its tree, fills scope_of_node.
SymbolTable build_symtable(const ast::Module& module, Analysis& analysis, DiagQueue& diags);
// Pass 2: fills bindings/cellvars/freevars of every Scope.
void resolve_symtable(SymbolTable& table, DiagQueue& diags);

}  // namespace aioc::sema
