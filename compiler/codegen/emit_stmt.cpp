// Simple statements: expression statements, assignments of every shape, del, imports,
// raise, assert, global/nonlocal/pass. Compound statements are in emit_control.cpp.
//
// Each statement is preceded by a `#line` directive (C++ diagnostics and debuggers map
// back to the .aio file) and `frame.line = N;` (Python tracebacks), and is wrapped in its
// own C++ block so the temporaries it creates die with it, as CPython's value stack does.
#include <fmt/format.h>

#include "ast/unparse.hpp"
#include "codegen/function_emitter.hpp"
#include "codegen/mangle.hpp"

namespace aioc::codegen {

void FunctionEmitter::body(const ast::Body& stmts) {
  for (const auto& s : stmts) stmt(*s);
}

void FunctionEmitter::mark_line(const ast::Loc& loc) {
  if (ctx_.options.line_directives) {
    w_.raw_line(fmt::format("#line {} {}", loc.line, ctx_.path_literal()));
  }
  w_.line(fmt::format("frame.line = {};", loc.line));
}

void FunctionEmitter::stmt(const ast::Stmt& s) {
  current_loc_ = s.loc;
  mark_line(s.loc);
  std::visit(
      [&](const auto& n) {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, ast::FunctionDef>) {
          w_.open();
          function_def(n, s);
          w_.close();
        } else if constexpr (std::is_same_v<T, ast::ClassDef>) {
          w_.open();
          class_def(n, s);
          w_.close();
        } else if constexpr (std::is_same_v<T, ast::Return>) {
          w_.open();
          std::string v = n.value ? expr(*n.value) : "aio::Value::none()";
          jump(Jump::Return, v, controls_.size());
          w_.close();
        } else if constexpr (std::is_same_v<T, ast::Delete>) {
          for (const auto& t : n.targets) {
            w_.open();
            delete_target(*t);
            w_.close();
          }
        } else if constexpr (std::is_same_v<T, ast::Assign>) {
          w_.open();
          std::string v = expr(*n.value);
          for (const auto& t : n.targets) assign(*t, v);
          w_.close();
        } else if constexpr (std::is_same_v<T, ast::AugAssign>) {
          w_.open();
          aug_assign(n);
          w_.close();
        } else if constexpr (std::is_same_v<T, ast::AnnAssign>) {
          w_.open();
          ann_assign(n);
          w_.close();
        } else if constexpr (std::is_same_v<T, ast::For>) {
          for_(n);
        } else if constexpr (std::is_same_v<T, ast::While>) {
          while_(n);
        } else if constexpr (std::is_same_v<T, ast::If>) {
          if_(n);
        } else if constexpr (std::is_same_v<T, ast::With>) {
          with_(n, 0);
        } else if constexpr (std::is_same_v<T, ast::Raise>) {
          w_.open();
          raise(n);
          w_.close();
        } else if constexpr (std::is_same_v<T, ast::Try>) {
          try_(n, s.loc);
        } else if constexpr (std::is_same_v<T, ast::Assert>) {
          w_.open();
          assert_(n);
          w_.close();
        } else if constexpr (std::is_same_v<T, ast::Import>) {
          w_.open();
          import(n);
          w_.close();
        } else if constexpr (std::is_same_v<T, ast::ImportFrom>) {
          w_.open();
          import_from(n, s.loc);
          w_.close();
        } else if constexpr (std::is_same_v<T, ast::ExprStmt>) {
          w_.open();
          std::string v = expr(*n.value);
          (void)v;
          w_.close();
        } else if constexpr (std::is_same_v<T, ast::Break>) {
          jump(Jump::Break, {}, controls_.size());
        } else if constexpr (std::is_same_v<T, ast::Continue>) {
          jump(Jump::Continue, {}, controls_.size());
        } else if constexpr (std::is_same_v<T, ast::Unsupported>) {
          unsupported(s.loc, n.what + " not supported by aioc");
        } else {
          // Global, Nonlocal, Pass, monostate: nothing at run time.
        }
      },
      s.node);
}

void FunctionEmitter::assign(const ast::Expr& target, const std::string& value) {
  if (const auto* n = target.as<ast::Name>()) {
    store_name(n->id, value);
  } else if (const auto* a = target.as<ast::Attribute>()) {
    std::string obj = expr(*a->value);
    w_.line(fmt::format("aio::setattr({}, {}, {});", obj, attr_name(a->attr), value));
  } else if (const auto* s = target.as<ast::Subscript>()) {
    std::string obj = expr(*s->value);
    std::string key = expr(*s->slice);
    w_.line(fmt::format("aio::setitem({}, {}, {});", obj, key, value));
  } else if (const auto* t = target.as<ast::Tuple>()) {
    assign_unpack(t->elts, value, target.loc);
  } else if (const auto* l = target.as<ast::List>()) {
    assign_unpack(l->elts, value, target.loc);
  } else {
    unsupported(target.loc, "this assignment target is not supported by aioc");
  }
}

void FunctionEmitter::assign_unpack(const ast::ExprList& elts, const std::string& value,
                                    const ast::Loc& loc) {
  std::size_t star = elts.size();
  for (std::size_t i = 0; i < elts.size(); ++i) {
    if (elts[i]->is<ast::Starred>()) {
      if (star != elts.size()) unsupported(loc, "multiple starred expressions in assignment");
      star = i;
    }
  }
  bool starred = star != elts.size();
  std::size_t before = starred ? star : elts.size();
  std::size_t after = starred ? elts.size() - star - 1 : 0;
  std::string parts = new_name("u");
  w_.line(fmt::format("std::vector<aio::Value> {} = aio::unpack({}, {}, {}, {});", parts, value,
                      before, starred ? "true" : "false", after));
  for (std::size_t i = 0; i < elts.size(); ++i) {
    const ast::Expr* t = elts[i].get();
    if (const auto* st = t->as<ast::Starred>()) t = st->value.get();
    assign(*t, fmt::format("{}[{}]", parts, i));
  }
}

void FunctionEmitter::delete_target(const ast::Expr& target) {
  if (const auto* n = target.as<ast::Name>()) {
    VarRef v = resolve(n->id);
    std::string id = cpp_string_literal(n->id);
    switch (v.kind) {
      case VarRef::Local:
        w_.line(fmt::format("aioc_local({}, {});", v.cpp, id));
        w_.line(fmt::format("{} = aio::Value();", v.cpp));
        break;
      case VarRef::Cell:
      case VarRef::Free:
        w_.line(fmt::format("aioc_{}({}, {});", v.kind == VarRef::Cell ? "cell" : "free", v.cpp, id));
        w_.line(fmt::format("aio::cell_ref({}) = aio::Value();", v.cpp));
        break;
      case VarRef::Global:
        w_.line(fmt::format("if ({}.is_unbound()) aio::raise_name_error({});", v.cpp, id));
        w_.line(fmt::format("{} = aio::Value();", v.cpp));
        break;
      case VarRef::ClassNs:
        w_.line(fmt::format("if (!aio::dict_del({}, {})) aio::raise_name_error({});", v.cpp,
                            attr_name(n->id), id));
        break;
    }
  } else if (const auto* a = target.as<ast::Attribute>()) {
    std::string obj = expr(*a->value);
    w_.line(fmt::format("aio::delattr({}, {});", obj, attr_name(a->attr)));
  } else if (const auto* s = target.as<ast::Subscript>()) {
    std::string obj = expr(*s->value);
    std::string key = expr(*s->slice);
    w_.line(fmt::format("aio::delitem({}, {});", obj, key));
  } else if (const auto* t = target.as<ast::Tuple>()) {
    for (const auto& e : t->elts) delete_target(*e);
  } else if (const auto* l = target.as<ast::List>()) {
    for (const auto& e : l->elts) delete_target(*e);
  } else {
    unsupported(target.loc, "this del target is not supported by aioc");
  }
}

namespace {
const char* inplace_fn(ast::BinOpKind op) {
  switch (op) {
    case ast::BinOpKind::Add: return "aio::iadd";
    case ast::BinOpKind::Sub: return "aio::isub";
    case ast::BinOpKind::Mult: return "aio::imul";
    case ast::BinOpKind::MatMult: return "aio::imatmul";
    case ast::BinOpKind::Div: return "aio::itruediv";
    case ast::BinOpKind::Mod: return "aio::imod";
    case ast::BinOpKind::Pow: return "aio::ipow";
    case ast::BinOpKind::LShift: return "aio::ilshift";
    case ast::BinOpKind::RShift: return "aio::irshift";
    case ast::BinOpKind::BitOr: return "aio::ibitor";
    case ast::BinOpKind::BitXor: return "aio::ibitxor";
    case ast::BinOpKind::BitAnd: return "aio::ibitand";
    case ast::BinOpKind::FloorDiv: return "aio::ifloordiv";
  }
  return "aio::iadd";
}
}  // namespace

void FunctionEmitter::aug_assign(const ast::AugAssign& s) {
  const char* fn = inplace_fn(s.op);
  if (const auto* n = s.target->as<ast::Name>()) {
    std::string old = load_name(n->id);
    std::string rhs = expr(*s.value);
    store_name(n->id, temp(fmt::format("{}({}, {})", fn, old, rhs)));
  } else if (const auto* a = s.target->as<ast::Attribute>()) {
    std::string obj = expr(*a->value);
    std::string old = temp(fmt::format("aio::getattr({}, {})", obj, attr_name(a->attr)));
    std::string rhs = expr(*s.value);
    std::string res = temp(fmt::format("{}({}, {})", fn, old, rhs));
    w_.line(fmt::format("aio::setattr({}, {}, {});", obj, attr_name(a->attr), res));
  } else if (const auto* sub = s.target->as<ast::Subscript>()) {
    std::string obj = expr(*sub->value);
    std::string key = expr(*sub->slice);
    std::string old = temp(fmt::format("aio::getitem({}, {})", obj, key));
    std::string rhs = expr(*s.value);
    std::string res = temp(fmt::format("{}({}, {})", fn, old, rhs));
    w_.line(fmt::format("aio::setitem({}, {}, {});", obj, key, res));
  } else {
    unsupported(s.target->loc, "this augmented assignment target is not supported by aioc");
  }
}

void FunctionEmitter::ann_assign(const ast::AnnAssign& s) {
  // Annotations of simple names in a class body are recorded in __annotations__
  // (dataclasses read them); elsewhere they are not evaluated, as in a function body.
  // Under `from __future__ import annotations` the record is the annotation's source text.
  const auto* n = s.target->as<ast::Name>();
  if (scope_->kind == sema::ScopeKind::Class && n && s.simple) {
    std::string ann = ast::has_future_import(ctx_.module, "annotations")
                          ? str(ast::unparse_annotation(*s.annotation))
                          : expr(*s.annotation);
    VarRef ns = resolve(n->id);
    if (ns.kind == VarRef::ClassNs) {
      w_.line(fmt::format("aio::setitem(aio::dict_get({}, {}), {}, {});", ns.cpp,
                          str("__annotations__"), attr_name(n->id), ann));
    }
  }
  if (s.value) {
    std::string v = expr(*s.value);
    assign(*s.target, v);
  }
}

void FunctionEmitter::import(const ast::Import& s) {
  for (const auto& alias : s.names) {
    std::string mod = temp(fmt::format("aio::import_module({})", str(alias.name)));
    if (!alias.asname.empty()) {
      store_name(alias.asname, mod);
    } else {
      auto dot = alias.name.find('.');
      if (dot == std::string::npos) {
        store_name(alias.name, mod);
      } else {
        std::string top = alias.name.substr(0, dot);
        store_name(top, temp(fmt::format("aio::import_module({})", str(top))));
      }
    }
  }
}

void FunctionEmitter::import_from(const ast::ImportFrom& s, const ast::Loc& loc) {
  if (s.level > 0) unsupported(loc, "relative imports are not supported by aioc");
  std::string mod = temp(fmt::format("aio::import_module({})", str(s.module)));
  for (const auto& alias : s.names) {
    if (alias.name == "*") unsupported(alias.loc, "'from ... import *' is not supported by aioc");
    std::string v = temp(fmt::format("aio::import_from({}, {})", mod, str(alias.name)));
    store_name(alias.asname.empty() ? alias.name : alias.asname, v);
  }
}

void FunctionEmitter::raise(const ast::Raise& s) {
  if (!s.exc) {
    if (!handlers_.empty()) {
      w_.line(fmt::format("aio::reraise({});", handlers_.back()));
    } else {
      w_.line("aio::reraise_current();");
    }
    return;
  }
  std::string exc = expr(*s.exc);
  if (s.cause) {
    std::string cause = expr(*s.cause);
    w_.line(fmt::format("aio::raise_from({}, {});", exc, cause));
  } else {
    w_.line(fmt::format("aio::raise({});", exc));
  }
}

void FunctionEmitter::assert_(const ast::Assert& s) {
  std::string test = expr(*s.test);
  w_.open(fmt::format("if (!aio::truthy({}))", test));
  if (s.msg) {
    std::string msg = expr(*s.msg);
    w_.line(fmt::format("aio::raise(aio::call(aio::Value::borrowed(aio::exc::AssertionError), {{{}}}));", msg));
  } else {
    w_.line("aio::raise(aio::Value::borrowed(aio::exc::AssertionError));");
  }
  w_.close();
}

}  // namespace aioc::codegen
