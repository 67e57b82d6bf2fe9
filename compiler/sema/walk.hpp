// Generic traversal of AST children, shared by every sema pass.
//
// Each pass handles the few node kinds it cares about (scopes, loops, targets...) and
// hands everything else to these helpers, which call back once per direct child in
// source evaluation order. Keeping the child lists in one place means a new node kind is
// traversed by every pass as soon as it is added here. Null children are skipped.
#pragma once

#include <type_traits>

#include "ast/ast.hpp"

namespace aioc::sema {

template <class F>
void for_each_arguments_expr(const ast::Arguments& a, F&& on_expr) {
  for (const auto& d : a.defaults) if (d) on_expr(*d);
  for (const auto& d : a.kw_defaults) if (d) on_expr(*d);
  auto annot = [&](const ast::Arg& arg) { if (arg.annotation) on_expr(*arg.annotation); };
  for (const auto& arg : a.posonlyargs) annot(arg);
  for (const auto& arg : a.args) annot(arg);
  if (a.vararg) annot(*a.vararg);
  for (const auto& arg : a.kwonlyargs) annot(arg);
  if (a.kwarg) annot(*a.kwarg);
}

// Calls on_expr(const ast::Expr&) for every direct child expression of `e`.
template <class F>
void for_each_child(const ast::Expr& e, F&& on_expr) {
  auto one = [&](const ast::ExprPtr& p) { if (p) on_expr(*p); };
  auto many = [&](const ast::ExprList& list) { for (const auto& p : list) one(p); };
  auto gens = [&](const std::vector<ast::Comprehension>& gs) {
    for (const auto& g : gs) { one(g.target); one(g.iter); many(g.ifs); }
  };
  std::visit([&](const auto& n) {
    using T = std::decay_t<decltype(n)>;
    if constexpr (std::is_same_v<T, ast::BoolOp>) many(n.values);
    else if constexpr (std::is_same_v<T, ast::NamedExpr>) { one(n.value); one(n.target); }
    else if constexpr (std::is_same_v<T, ast::BinOp>) { one(n.left); one(n.right); }
    else if constexpr (std::is_same_v<T, ast::UnaryOp>) one(n.operand);
    else if constexpr (std::is_same_v<T, ast::Lambda>) {
      if (n.args) for_each_arguments_expr(*n.args, on_expr);
      one(n.body);
    }
    else if constexpr (std::is_same_v<T, ast::IfExp>) { one(n.test); one(n.body); one(n.orelse); }
    else if constexpr (std::is_same_v<T, ast::Dict>) {
      for (std::size_t i = 0; i < n.values.size(); ++i) {
        if (i < n.keys.size()) one(n.keys[i]);
        one(n.values[i]);
      }
    }
    else if constexpr (std::is_same_v<T, ast::Set>) many(n.elts);
    else if constexpr (std::is_same_v<T, ast::ListComp> || std::is_same_v<T, ast::SetComp> ||
                       std::is_same_v<T, ast::GeneratorExp>) { gens(n.generators); one(n.elt); }
    else if constexpr (std::is_same_v<T, ast::DictComp>) {
      gens(n.generators); one(n.key); one(n.value);
    }
    else if constexpr (std::is_same_v<T, ast::Await> || std::is_same_v<T, ast::Yield> ||
                       std::is_same_v<T, ast::YieldFrom>) one(n.value);
    else if constexpr (std::is_same_v<T, ast::Compare>) { one(n.left); many(n.comparators); }
    else if constexpr (std::is_same_v<T, ast::Call>) {
      one(n.func); many(n.args);
      for (const auto& k : n.keywords) one(k.value);
    }
    else if constexpr (std::is_same_v<T, ast::FormattedValue>) { one(n.value); one(n.format_spec); }
    else if constexpr (std::is_same_v<T, ast::JoinedStr>) many(n.values);
    else if constexpr (std::is_same_v<T, ast::Attribute>) one(n.value);
    else if constexpr (std::is_same_v<T, ast::Subscript>) { one(n.value); one(n.slice); }
    else if constexpr (std::is_same_v<T, ast::Starred>) one(n.value);
    else if constexpr (std::is_same_v<T, ast::List> || std::is_same_v<T, ast::Tuple>) many(n.elts);
    else if constexpr (std::is_same_v<T, ast::Slice>) { one(n.lower); one(n.upper); one(n.step); }
  }, e.node);
}

// Calls on_expr for every direct child expression of `s` and on_body(const ast::Body&) for
// every nested statement list (bodies, else-blocks, handler bodies, finally).
template <class FE, class FB>
void for_each_child(const ast::Stmt& s, FE&& on_expr, FB&& on_body) {
  auto one = [&](const ast::ExprPtr& p) { if (p) on_expr(*p); };
  auto many = [&](const ast::ExprList& list) { for (const auto& p : list) one(p); };
  std::visit([&](const auto& n) {
    using T = std::decay_t<decltype(n)>;
    if constexpr (std::is_same_v<T, ast::FunctionDef>) {
      many(n.decorator_list);
      if (n.args) for_each_arguments_expr(*n.args, on_expr);
      one(n.returns);
      on_body(n.body);
    }
    else if constexpr (std::is_same_v<T, ast::ClassDef>) {
      many(n.decorator_list); many(n.bases);
      for (const auto& k : n.keywords) one(k.value);
      on_body(n.body);
    }
    else if constexpr (std::is_same_v<T, ast::Return>) one(n.value);
    else if constexpr (std::is_same_v<T, ast::Delete>) many(n.targets);
    else if constexpr (std::is_same_v<T, ast::Assign>) { one(n.value); many(n.targets); }
    else if constexpr (std::is_same_v<T, ast::AugAssign>) { one(n.target); one(n.value); }
    else if constexpr (std::is_same_v<T, ast::AnnAssign>) {
      one(n.annotation); one(n.value); one(n.target);
    }
    else if constexpr (std::is_same_v<T, ast::For>) {
      one(n.iter); one(n.target); on_body(n.body); on_body(n.orelse);
    }
    else if constexpr (std::is_same_v<T, ast::While> || std::is_same_v<T, ast::If>) {
      one(n.test); on_body(n.body); on_body(n.orelse);
    }
    else if constexpr (std::is_same_v<T, ast::With>) {
      for (const auto& item : n.items) { one(item.context_expr); one(item.optional_vars); }
      on_body(n.body);
    }
    else if constexpr (std::is_same_v<T, ast::Raise>) { one(n.exc); one(n.cause); }
    else if constexpr (std::is_same_v<T, ast::Try>) {
      on_body(n.body);
      for (const auto& h : n.handlers) { one(h.type); on_body(h.body); }
      on_body(n.orelse); on_body(n.finalbody);
    }
    else if constexpr (std::is_same_v<T, ast::Assert>) { one(n.test); one(n.msg); }
    else if constexpr (std::is_same_v<T, ast::ExprStmt>) one(n.value);
  }, s.node);
}

}  // namespace aioc::sema
