// Assignment-target checks: starred targets and targets that cannot be assigned to.
//
// CPython's compiler rejects a bare `*a = ...` ("must be in a list or tuple"), two
// starred names in one unpacking, and more than 255 names before the star (the
// UNPACK_EX argument limit). Invalid targets (`f() = 1`, `del f()`, `f() += 1`) are
// normally rejected by the parser; checking them here too costs little and keeps the
// message CPython's, whichever stage meets them first.
#include <string>

#include "sema/checker.hpp"
#include "sema/walk.hpp"

namespace aioc::sema {
namespace {

// UNPACK_EX encodes the counts before and after the star in one oparg: 8 bits before.
constexpr std::size_t kMaxBeforeStar = (1u << 8) - 1;

// What CPython's parser calls an expression in "cannot assign to X" messages.
std::string expr_name(const ast::Expr& e) {
  if (const auto* c = e.as<ast::Constant>()) {
    if (std::holds_alternative<ast::NoneConst>(c->value)) return "None";
    if (const bool* b = std::get_if<bool>(&c->value)) return *b ? "True" : "False";
    if (std::holds_alternative<ast::EllipsisConst>(c->value)) return "ellipsis";
    return "literal";
  }
  if (e.is<ast::Call>()) return "function call";
  if (e.is<ast::Attribute>()) return "attribute";
  if (e.is<ast::Subscript>()) return "subscript";
  if (e.is<ast::Starred>()) return "starred";
  if (e.is<ast::Name>()) return "name";
  if (e.is<ast::List>()) return "list";
  if (e.is<ast::Tuple>()) return "tuple";
  if (e.is<ast::Lambda>()) return "lambda";
  if (e.is<ast::BoolOp>() || e.is<ast::BinOp>() || e.is<ast::UnaryOp>()) return "expression";
  if (e.is<ast::GeneratorExp>()) return "generator expression";
  if (e.is<ast::Yield>() || e.is<ast::YieldFrom>()) return "yield expression";
  if (e.is<ast::Await>()) return "await expression";
  if (e.is<ast::ListComp>()) return "list comprehension";
  if (e.is<ast::SetComp>()) return "set comprehension";
  if (e.is<ast::DictComp>()) return "dict comprehension";
  if (e.is<ast::Dict>()) return "dict literal";
  if (e.is<ast::Set>()) return "set display";
  if (e.is<ast::JoinedStr>() || e.is<ast::FormattedValue>()) return "f-string expression";
  if (e.is<ast::Compare>()) return "comparison";
  if (e.is<ast::IfExp>()) return "conditional expression";
  if (e.is<ast::NamedExpr>()) return "named expression";
  return "expression";
}

const ast::ExprList* sequence_elts(const ast::Expr& e) {
  if (const auto* t = e.as<ast::Tuple>()) return &t->elts;
  if (const auto* l = e.as<ast::List>()) return &l->elts;
  return nullptr;
}

}  // namespace

void Checker::check_target(const ast::Expr& e, TargetUse use) {
  if (e.is<ast::Name>()) return;
  if (e.is<ast::Attribute>() || e.is<ast::Subscript>()) return check_children(e);
  if (const auto* s = e.as<ast::Starred>()) {
    if (use == TargetUse::Delete) {
      diags_.report(DiagKind::InvalidDeleteTarget, e.loc, "starred");
    } else {
      diags_.report(DiagKind::StarredTargetAlone, e.loc);
    }
    if (s->value) check_target(*s->value, use);
    return;
  }
  if (const auto* elts = sequence_elts(e)) {
    std::size_t starred = 0, before = 0;
    for (const auto& p : *elts) {
      if (!p) continue;
      if (const auto* s = p->as<ast::Starred>(); s && use != TargetUse::Delete) {
        ++starred;
        if (s->value) check_target(*s->value, use);
      } else {
        if (starred == 0) ++before;
        check_target(*p, use);
      }
    }
    if (starred > 1) diags_.report(DiagKind::MultipleStarredTargets, e.loc);
    else if (starred == 1 && before > kMaxBeforeStar)
      diags_.report(DiagKind::TooManyStarredExpressions, e.loc);
    return;
  }
  std::string what = expr_name(e);
  if (use == TargetUse::Delete) diags_.report(DiagKind::InvalidDeleteTarget, e.loc, what);
  else if (use == TargetUse::Assign)
    diags_.report(DiagKind::InvalidAssignTarget, e.loc,
                  what + " here. Maybe you meant '==' instead of '='?");
  else diags_.report(DiagKind::InvalidAssignTarget, e.loc, what);
  check_expr(e);
}

void Checker::check_aug_target(const ast::Expr& e) {
  if (e.is<ast::Name>() || e.is<ast::Attribute>() || e.is<ast::Subscript>())
    return check_children(e);
  diags_.report(DiagKind::InvalidAugAssignTarget, e.loc, expr_name(e));
  check_expr(e);
}

}  // namespace aioc::sema
