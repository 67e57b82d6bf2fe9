// Set displays. Their element order decides the table layout, and python3 builds them
// in three different ways, which aioc mirrors so iteration order matches:
//   {*a, x}        -> adds for plain items, set.update for starred ones;
//   {1, 2, 3}      -> (>= 3 items, all constant after folding) a frozenset constant
//                     merged into the new set: aio::make_set_const;
//   anything else  -> one add per item.
#include <fmt/format.h>

#include "codegen/function_emitter.hpp"

namespace aioc::codegen {

namespace {

// What CPython's AST optimizer turns into a constant: literals, unary and binary
// operators over constants, tuples of constants.
bool is_folded_constant(const ast::Expr& e) {
  if (e.is<ast::Constant>()) return true;
  if (const auto* u = e.as<ast::UnaryOp>()) return is_folded_constant(*u->operand);
  if (const auto* b = e.as<ast::BinOp>()) return is_folded_constant(*b->left) && is_folded_constant(*b->right);
  if (const auto* t = e.as<ast::Tuple>()) {
    for (const auto& el : t->elts)
      if (!is_folded_constant(*el)) return false;
    return true;
  }
  return false;
}

}  // namespace

std::string FunctionEmitter::set_display(const ast::Set& s) {
  bool starred = false, all_const = true;
  for (const auto& el : s.elts) {
    starred = starred || el->is<ast::Starred>();
    all_const = all_const && is_folded_constant(*el);
  }
  if (!starred) {
    std::vector<std::string> vals;
    for (const auto& el : s.elts) vals.push_back(expr(*el));
    const char* make = s.elts.size() > 2 && all_const ? "make_set_const" : "make_set";
    return temp(fmt::format("aio::{}({{{}}})", make, fmt::join(vals, ", ")));
  }
  std::string set = temp("aio::make_set({})");
  for (const auto& el : s.elts) {
    if (const auto* st = el->as<ast::Starred>()) {
      std::string v = expr(*st->value);
      w_.line(fmt::format("aio::set_update({}, {});", set, v));
    } else {
      std::string v = expr(*el);
      w_.line(fmt::format("aio::set_add({}, {});", set, v));
    }
  }
  return set;
}

}  // namespace aioc::codegen
