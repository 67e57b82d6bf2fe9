// Pass 2 of scope analysis: decide each name's Binding (CPython's analyze_block).
//
// The block tree is walked top-down carrying `bound` (names bound in enclosing *function*
// blocks: class bodies and the module never contribute, which is why methods cannot see
// class attributes as variables) and `global` (names declared global further out).
// Bottom-up, each block returns the names its children need from outside (`free`): a free
// name a function binds itself becomes a Cell there; any other free name that is bound
// further out becomes Free in this block too, so closures pass cells through intermediate
// scopes (class bodies included). The sets are copied per child exactly as CPython does.
#include <algorithm>

#include "sema/symtable.hpp"

namespace aioc::sema {
namespace {

using NameSet = std::set<std::string>;

enum class Res { Local, GlobalExplicit, GlobalImplicit, Free, Cell };

class Resolver {
 public:
  explicit Resolver(DiagQueue& diags) : diags_(diags) {}

  // `bound` is null for the module (nonlocal is then a module-level error).
  void analyze_block(Block& b, NameSet* bound, NameSet& free, NameSet& global) {
    std::map<std::string, Res> res;
    NameSet local, newbound, newglobal, newfree;
    bool is_class = b.scope->kind == ScopeKind::Class;
    if (is_class) {
      newglobal = global;
      if (bound) newbound = *bound;
    }
    for (const auto& id : b.order)
      res[id] = analyze_name(b, id, b.flags[id], bound, local, free, global);
    if (!is_class) {
      if (b.is_function()) newbound.insert(local.begin(), local.end());
      if (bound) newbound.insert(bound->begin(), bound->end());
      newglobal.insert(global.begin(), global.end());
    } else {
      newbound.insert("__class__");
    }
    NameSet allfree;
    for (Block* child : b.children) {
      NameSet child_bound = newbound, child_free = newfree, child_global = newglobal;
      analyze_block(*child, &child_bound, child_free, child_global);
      allfree.insert(child_free.begin(), child_free.end());
    }
    newfree.insert(allfree.begin(), allfree.end());
    if (b.is_function()) analyze_cells(b, res, newfree);
    else if (is_class && newfree.erase("__class__")) b.scope->needs_class_cell = true;
    record(b, res, bound, newfree);
    free.insert(newfree.begin(), newfree.end());
  }

 private:
  Res analyze_name(Block& b, const std::string& id, unsigned flags, NameSet* bound,
                   NameSet& local, NameSet& free, NameSet& global) {
    if (flags & kDefGlobal) {
      if (flags & kDefNonlocal)
        diags_.report(DiagKind::NonlocalAndGlobal, directive(b, id), id);
      global.insert(id);
      if (bound) bound->erase(id);
      return Res::GlobalExplicit;
    }
    if (flags & kDefNonlocal) {
      if (!bound) {
        diags_.report(DiagKind::NonlocalAtModuleLevel, directive(b, id));
      } else if (!bound->count(id)) {
        diags_.report(DiagKind::NoBindingForNonlocal, directive(b, id), id);
      }
      free.insert(id);
      return Res::Free;
    }
    if (flags & kDefBound) {
      local.insert(id);
      global.erase(id);
      return Res::Local;
    }
    if (bound && bound->count(id)) {
      free.insert(id);
      return Res::Free;
    }
    return global.count(id) ? Res::GlobalExplicit : Res::GlobalImplicit;
  }

  static ast::Loc directive(const Block& b, const std::string& id) {
    auto it = b.directives.find(id);
    return it == b.directives.end() ? ast::Loc{} : it->second;
  }

  static void analyze_cells(Block& b, std::map<std::string, Res>& res, NameSet& free) {
    for (const auto& id : b.order) {
      if (res[id] != Res::Local || !free.count(id)) continue;
      res[id] = Res::Cell;
      free.erase(id);
    }
  }

  // update_symbols: store the bindings, then add names that are free below and bound
  // further out (or, for a class, also bound in the class body) as Free here.
  static void record(Block& b, std::map<std::string, Res>& res, const NameSet* bound,
                     const NameSet& free) {
    Scope& s = *b.scope;
    bool is_class = s.kind == ScopeKind::Class;
    auto add = [&](const std::string& id, Binding binding) {
      if (s.bindings.emplace(id, binding).second) s.names.push_back(id);
      if (binding == Binding::Cell) s.cellvars.push_back(id);
      if (binding == Binding::Free) s.freevars.push_back(id);
    };
    for (const auto& id : b.order) add(id, to_binding(s.kind, res[id]));
    if (is_class && s.needs_class_cell) s.cellvars.push_back("__class__");
    for (const auto& id : free) {
      auto it = res.find(id);
      if (it != res.end()) {
        bool passes_through = is_class && (b.flags[id] & (kDefBound | kDefGlobal));
        if (passes_through &&
            std::find(s.freevars.begin(), s.freevars.end(), id) == s.freevars.end())
          s.freevars.push_back(id);
        continue;
      }
      if (!bound || !bound->count(id)) continue;
      add(id, Binding::Free);
    }
  }

  static Binding to_binding(ScopeKind kind, Res r) {
    switch (r) {
      case Res::GlobalExplicit:
      case Res::GlobalImplicit: return Binding::Global;
      case Res::Free: return Binding::Free;
      case Res::Cell: return Binding::Cell;
      case Res::Local: break;
    }
    if (kind == ScopeKind::Module) return Binding::Global;
    if (kind == ScopeKind::Class) return Binding::ClassBody;
    return Binding::Local;
  }

  DiagQueue& diags_;
};

}  // namespace

void resolve_symtable(SymbolTable& table, DiagQueue& diags) {
  NameSet free, global;
  Resolver(diags).analyze_block(table.module(), nullptr, free, global);
}

}  // namespace aioc::sema
