// Pass 1 of scope analysis: one walk over the AST that creates a Scope per block and
// records what each block does with each name (CPython's symtable_visit_* functions).
//
// The visiting order follows CPython's where it matters: a def's defaults, annotations and
// decorators belong to the enclosing block; a comprehension's first iterable is visited in
// the enclosing block (with comp_iter_expr raised, which forbids walrus there) and the rest
// in the comprehension's own block; a walrus target inside a comprehension binds in the
// nearest enclosing function (or module). Errors are reported and the walk continues.
// Annotations: under `from __future__ import annotations` they are never evaluated, so
// they are not visited at all; without it, a local variable's annotation in a function is
// visited for its flags (as CPython does) but its reads are not remembered as uses, since
// CPython never evaluates it either.
#include <string>

#include "sema/symtable.hpp"
#include "sema/walk.hpp"

namespace aioc::sema {
namespace {

const char* comp_scope_name(CompKind k) {
  switch (k) {
    case CompKind::List: return "<listcomp>";
    case CompKind::Set: return "<setcomp>";
    case CompKind::Dict: return "<dictcomp>";
    case CompKind::Generator: return "<genexpr>";
    case CompKind::None: break;
  }
  return "<module>";
}

const char* comp_description(CompKind k) {
  switch (k) {
    case CompKind::List: return "list comprehension";
    case CompKind::Set: return "set comprehension";
    case CompKind::Dict: return "dict comprehension";
    case CompKind::Generator: return "generator expression";
    case CompKind::None: break;
  }
  return "comprehension";
}

class Builder {
 public:
  Builder(SymbolTable& table, Analysis& analysis, DiagQueue& diags)
      : table_(table), analysis_(analysis), diags_(diags) {}

  void run(const ast::Module& m) {
    future_annotations_ = ast::has_future_import(m, "annotations");
    analysis_.module = std::make_unique<Scope>();
    Scope* s = analysis_.module.get();
    s->kind = ScopeKind::Module;
    s->node = &m;
    s->name = "<module>";
    analysis_.scope_of_node[&m] = s;
    auto block = std::make_unique<Block>();
    block->scope = s;
    cur_ = block.get();
    table_.blocks.push_back(std::move(block));
    visit_body(m.body);
  }

 private:
  // ---- blocks --------------------------------------------------------------------------

  Block* enter(ScopeKind kind, const void* node, std::string name) {
    auto scope = std::make_unique<Scope>();
    scope->kind = kind;
    scope->node = node;
    scope->parent = cur_->scope;
    scope->qualname = qualname_for(kind, name);
    scope->name = std::move(name);
    Scope* raw = scope.get();
    cur_->scope->children.push_back(std::move(scope));
    analysis_.scope_of_node[node] = raw;
    auto block = std::make_unique<Block>();
    block->scope = raw;
    block->parent = cur_;
    cur_->children.push_back(block.get());
    cur_ = block.get();
    table_.blocks.push_back(std::move(block));
    return cur_;
  }

  void leave() {
    if (cur_->comp == CompKind::None) cur_->scope->is_generator = cur_->generator;
    cur_ = cur_->parent;
  }

  // CPython's compiler_set_qualname: a def/class declared `global` in its parent gets its
  // bare name; inside a function the parent's qualname gains ".<locals>".
  std::string qualname_for(ScopeKind kind, const std::string& name) const {
    const Scope* parent = cur_->scope;
    if (parent->kind == ScopeKind::Module) return name;
    if (kind == ScopeKind::Function || kind == ScopeKind::Class) {
      auto it = cur_->flags.find(name);
      if (it != cur_->flags.end() && (it->second & kDefGlobal)) return name;
    }
    if (parent->kind == ScopeKind::Function || parent->kind == ScopeKind::Lambda)
      return parent->qualname + ".<locals>." + name;
    return parent->qualname + "." + name;
  }

  // ---- names ---------------------------------------------------------------------------

  void add_def(Block& b, const std::string& id, unsigned flag, const ast::Loc& loc) {
    auto [it, inserted] = b.flags.try_emplace(id, 0u);
    if (inserted) b.order.push_back(id);
    if ((flag & kDefParam) && (it->second & kDefParam))
      diags_.report(DiagKind::DuplicateArgument, loc, id);
    if (b.comp_iter_target && (flag & kDefLocal)) flag |= kDefCompIter;
    it->second |= flag;
    if (flag & kDefParam) b.scope->params.push_back(id);
  }
  void add_def(const std::string& id, unsigned flag, const ast::Loc& loc) {
    add_def(*cur_, id, flag, loc);
  }
  void add_directive(Block& b, const std::string& id, const ast::Loc& loc) {
    b.directives.try_emplace(id, loc);
  }

  void visit_params(const ast::Arguments& a) {
    // CPython's order (it decides where a duplicate is reported): posonly, args, kwonly,
    // then *args and **kwargs. Scope::params is reordered to scope.hpp's order after.
    for (const auto& arg : a.posonlyargs) add_def(arg.name, kDefParam, arg.loc);
    for (const auto& arg : a.args) add_def(arg.name, kDefParam, arg.loc);
    for (const auto& arg : a.kwonlyargs) add_def(arg.name, kDefParam, arg.loc);
    if (a.vararg) add_def(a.vararg->name, kDefParam, a.vararg->loc);
    if (a.kwarg) add_def(a.kwarg->name, kDefParam, a.kwarg->loc);
    auto& p = cur_->scope->params;
    p.clear();
    for (const auto& arg : a.posonlyargs) p.push_back(arg.name);
    for (const auto& arg : a.args) p.push_back(arg.name);
    if (a.vararg) p.push_back(a.vararg->name);
    for (const auto& arg : a.kwonlyargs) p.push_back(arg.name);
    if (a.kwarg) p.push_back(a.kwarg->name);
  }

  // ---- statements ----------------------------------------------------------------------

  void visit_body(const ast::Body& body) {
    for (const auto& s : body) if (s) visit_stmt(*s);
  }

  void visit_stmt(const ast::Stmt& s) {
    if (auto* f = s.as<ast::FunctionDef>()) return visit_def(s, *f);
    if (auto* c = s.as<ast::ClassDef>()) return visit_class(s, *c);
    if (auto* g = s.as<ast::Global>()) return visit_directive(s, g->names, true);
    if (auto* n = s.as<ast::Nonlocal>()) return visit_directive(s, n->names, false);
    if (auto* i = s.as<ast::Import>()) return visit_import(i->names, false);
    if (auto* i = s.as<ast::ImportFrom>()) return visit_import(i->names, true);
    if (auto* a = s.as<ast::AnnAssign>()) return visit_ann_assign(*a);
    if (auto* t = s.as<ast::Try>()) {
      visit_body(t->body);
      for (const auto& h : t->handlers) {
        if (h.type) visit_expr(*h.type);
        if (!h.name.empty()) add_def(h.name, kDefLocal, h.loc);
        visit_body(h.body);
      }
      visit_body(t->orelse);
      visit_body(t->finalbody);
      return;
    }
    if (auto* f = s.as<ast::For>(); f && f->is_async) cur_->coroutine = true;
    if (auto* w = s.as<ast::With>(); w && w->is_async) cur_->coroutine = true;
    for_each_child(s, [&](const ast::Expr& e) { visit_expr(e); },
                   [&](const ast::Body& b) { visit_body(b); });
  }

  void visit_def(const ast::Stmt& s, const ast::FunctionDef& f) {
    add_def(f.name, kDefLocal, s.loc);
    if (f.args) {
      for (const auto& d : f.args->defaults) if (d) visit_expr(*d);
      for (const auto& d : f.args->kw_defaults) if (d) visit_expr(*d);
      visit_arg_annotations(*f.args);
    }
    if (f.returns) visit_annotation(*f.returns, true);
    for (const auto& d : f.decorator_list) if (d) visit_expr(*d);
    Block* b = enter(ScopeKind::Function, &s, f.name);
    b->scope->is_async = f.is_async;
    b->coroutine = f.is_async;
    if (f.args) visit_params(*f.args);
    visit_body(f.body);
    leave();
  }

  void visit_class(const ast::Stmt& s, const ast::ClassDef& c) {
    add_def(c.name, kDefLocal, s.loc);
    for (const auto& e : c.bases) if (e) visit_expr(*e);
    for (const auto& k : c.keywords) if (k.value) visit_expr(*k.value);
    for (const auto& d : c.decorator_list) if (d) visit_expr(*d);
    enter(ScopeKind::Class, &s, c.name);
    visit_body(c.body);
    leave();
  }

  void visit_directive(const ast::Stmt& s, const std::vector<std::string>& names,
                       bool global) {
    const char* word = global ? "global" : "nonlocal";
    for (const auto& id : names) {
      unsigned cur = 0;
      if (auto it = cur_->flags.find(id); it != cur_->flags.end()) cur = it->second;
      if (cur & (kDefParam | kUse | kDefAnnot | kDefLocal)) {
        // Reported once; the declaration is then ignored so it causes no second error.
        if (cur & kDefParam) diags_.report(DiagKind::ParameterAndGlobal, s.loc, id, word);
        else if (cur & kUse) diags_.report(DiagKind::UsedPriorToGlobal, s.loc, id, word);
        else if (cur & kDefAnnot) diags_.report(DiagKind::AnnotatedGlobal, s.loc, id, word);
        else diags_.report(DiagKind::AssignedBeforeGlobal, s.loc, id, word);
        continue;
      }
      add_def(id, global ? kDefGlobal : kDefNonlocal, s.loc);
      add_directive(*cur_, id, s.loc);
    }
  }

  void visit_import(const std::vector<ast::Alias>& names, bool from) {
    for (const auto& a : names) {
      if (a.name == "*") {
        if (cur_->scope->kind != ScopeKind::Module)
          diags_.report(DiagKind::ImportStarNotAtModuleLevel, a.loc);
        else
          table_.has_star_import = true;
        continue;
      }
      std::string bound = a.asname;
      if (bound.empty()) bound = from ? a.name : a.name.substr(0, a.name.find('.'));
      add_def(bound, kDefImport, a.loc);
    }
  }

  void visit_ann_assign(const ast::AnnAssign& a) {
    if (const auto* n = a.target ? a.target->as<ast::Name>() : nullptr) {
      unsigned cur = 0;
      if (auto it = cur_->flags.find(n->id); it != cur_->flags.end()) cur = it->second;
      if ((cur & (kDefGlobal | kDefNonlocal)) && cur_->scope->kind != ScopeKind::Module &&
          a.simple)
        diags_.report(DiagKind::AnnotatedGlobal, a.target->loc, n->id,
                      (cur & kDefGlobal) ? "global" : "nonlocal");
      if (a.simple) add_def(n->id, kDefAnnot | kDefLocal, a.target->loc);
      else if (a.value) add_def(n->id, kDefLocal, a.target->loc);
    } else if (a.target) {
      visit_expr(*a.target);
    }
    if (a.annotation) visit_annotation(*a.annotation, !cur_->is_function());
    if (a.value) visit_expr(*a.value);
  }

  // ---- expressions ---------------------------------------------------------------------

  void visit_expr(const ast::Expr& e) {
    if (auto* n = e.as<ast::Name>()) return visit_name(e, *n);
    if (auto* l = e.as<ast::Lambda>()) return visit_lambda(e, *l);
    if (auto* c = e.as<ast::ListComp>())
      return visit_comp(e, CompKind::List, c->generators, c->elt.get(), nullptr);
    if (auto* c = e.as<ast::SetComp>())
      return visit_comp(e, CompKind::Set, c->generators, c->elt.get(), nullptr);
    if (auto* c = e.as<ast::GeneratorExp>())
      return visit_comp(e, CompKind::Generator, c->generators, c->elt.get(), nullptr);
    if (auto* c = e.as<ast::DictComp>())
      return visit_comp(e, CompKind::Dict, c->generators, c->key.get(), c->value.get());
    if (auto* w = e.as<ast::NamedExpr>()) return visit_walrus(e, *w);
    for_each_child(e, [&](const ast::Expr& child) { visit_expr(child); });
    if (e.is<ast::Yield>() || e.is<ast::YieldFrom>()) {
      cur_->generator = true;
      if (cur_->comp != CompKind::None)
        diags_.report(DiagKind::YieldInComprehension, e.loc, comp_description(cur_->comp));
    } else if (e.is<ast::Await>()) {
      cur_->coroutine = true;
    }
  }

  void visit_name(const ast::Expr& e, const ast::Name& n) {
    bool load = n.ctx == ast::Ctx::Load;
    add_def(n.id, load ? kUse : kDefLocal, e.loc);
    if (!load) return;
    if (record_uses_) table_.uses.push_back({cur_->scope, n.id, e.loc});
    if (n.id == "super" && cur_->is_function()) add_def("__class__", kUse, e.loc);
  }

  void visit_lambda(const ast::Expr& e, const ast::Lambda& l) {
    if (l.args) for_each_arguments_expr(*l.args, [&](const ast::Expr& x) { visit_expr(x); });
    enter(ScopeKind::Lambda, &e, "<lambda>");
    if (l.args) visit_params(*l.args);
    if (l.body) visit_expr(*l.body);
    leave();
  }

  void visit_comp(const ast::Expr& e, CompKind kind, const std::vector<ast::Comprehension>& gens,
                  const ast::Expr* elt, const ast::Expr* value) {
    if (gens.empty()) return;
    const auto& outer = gens.front();
    ++cur_->comp_iter_expr;
    if (outer.iter) visit_expr(*outer.iter);
    --cur_->comp_iter_expr;
    Block* b = enter(ScopeKind::Comprehension, &e, comp_scope_name(kind));
    b->comp = kind;
    if (outer.is_async) b->coroutine = true;
    add_def(".0", kDefParam, e.loc);
    b->comp_iter_target = true;
    if (outer.target) visit_expr(*outer.target);
    b->comp_iter_target = false;
    for (const auto& cond : outer.ifs) if (cond) visit_expr(*cond);
    for (std::size_t i = 1; i < gens.size(); ++i) visit_generator(gens[i]);
    if (value) visit_expr(*value);
    if (elt) visit_expr(*elt);
    bool is_gen = kind == CompKind::Generator;
    b->generator = is_gen;
    b->scope->is_generator = is_gen;
    b->scope->is_async = b->coroutine;
    bool propagate = b->coroutine && !is_gen;
    leave();
    if (propagate) cur_->coroutine = true;
  }

  void visit_generator(const ast::Comprehension& g) {
    cur_->comp_iter_target = true;
    if (g.target) visit_expr(*g.target);
    cur_->comp_iter_target = false;
    ++cur_->comp_iter_expr;
    if (g.iter) visit_expr(*g.iter);
    --cur_->comp_iter_expr;
    for (const auto& cond : g.ifs) if (cond) visit_expr(*cond);
    if (g.is_async) cur_->coroutine = true;
  }

  void visit_walrus(const ast::Expr& e, const ast::NamedExpr& w) {
    if (cur_->comp_iter_expr > 0) {
      diags_.report(DiagKind::WalrusInComprehensionIterable, e.loc);
    } else if (cur_->comp != CompKind::None && w.target) {
      if (const auto* n = w.target->as<ast::Name>()) extend_walrus_scope(*w.target, n->id);
    }
    if (w.value) visit_expr(*w.value);
    if (w.target) visit_expr(*w.target);
  }

  // symtable_extend_namedexpr_scope: the target binds in the nearest non-comprehension
  // block; the comprehension itself sees it as nonlocal (or global at module level).
  void extend_walrus_scope(const ast::Expr& target, const std::string& id) {
    for (Block* b = cur_; b; b = b->parent) {
      if (b->comp != CompKind::None) {
        auto it = b->flags.find(id);
        if (it != b->flags.end() && (it->second & kDefCompIter)) {
          diags_.report(DiagKind::WalrusRebindsIterationVar, target.loc, id);
          return;
        }
        continue;
      }
      ScopeKind k = b->scope->kind;
      if (k == ScopeKind::Class) {
        diags_.report(DiagKind::WalrusInClassComprehension, target.loc);
        return;
      }
      if (k == ScopeKind::Module) {
        add_def(id, kDefGlobal, target.loc);
        add_directive(*cur_, id, target.loc);
        add_def(*b, id, kDefGlobal | kDefLocal, target.loc);
        return;
      }
      auto it = b->flags.find(id);
      bool global = it != b->flags.end() && (it->second & kDefGlobal);
      add_def(id, global ? kDefGlobal : kDefNonlocal, target.loc);
      add_directive(*cur_, id, target.loc);
      add_def(*b, id, kDefLocal, target.loc);
      return;
    }
  }

  // `evaluated`: CPython evaluates this annotation at run time (absent the future import).
  void visit_annotation(const ast::Expr& e, bool evaluated) {
    if (future_annotations_) return;
    bool saved = record_uses_;
    record_uses_ = record_uses_ && evaluated;
    visit_expr(e);
    record_uses_ = saved;
  }

  void visit_arg_annotations(const ast::Arguments& a) {
    auto one = [&](const ast::Arg& arg) { if (arg.annotation) visit_annotation(*arg.annotation, true); };
    for (const auto& arg : a.posonlyargs) one(arg);
    for (const auto& arg : a.args) one(arg);
    if (a.vararg) one(*a.vararg);
    for (const auto& arg : a.kwonlyargs) one(arg);
    if (a.kwarg) one(*a.kwarg);
  }

  bool future_annotations_ = false;
  bool record_uses_ = true;
  SymbolTable& table_;
  Analysis& analysis_;
  DiagQueue& diags_;
  Block* cur_ = nullptr;
};

}  // namespace

SymbolTable build_symtable(const ast::Module& module, Analysis& analysis, DiagQueue& diags) {
  SymbolTable table;
  Builder(table, analysis, diags).run(module);
  for (const auto& b : table.blocks) {
    for (const auto& [id, flags] : b->flags) {
      bool module_level = b->scope->kind == ScopeKind::Module;
      if ((flags & kDefBound) && (module_level || (flags & kDefGlobal)))
        table.module_bound.insert(id);
    }
  }
  return table;
}

}  // namespace aioc::sema
