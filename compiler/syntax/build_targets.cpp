// AST builder: assignment and deletion targets.
//
// The grammar parses targets as ordinary expressions (as CPython's older parser did);
// here they get their Store/Del context, or CPython's message naming the first part that
// cannot be a target ("cannot assign to function call", "cannot delete literal").
#include "syntax/ast_builder.hpp"

namespace aioc::syntax {

using namespace ast;

namespace {

// How CPython's error messages name an expression (_PyPegen_get_expr_name).
std::string kind_name(const Expr& e) {
  if (auto* c = e.as<Constant>()) {
    if (std::holds_alternative<NoneConst>(c->value)) return "None";
    if (auto* b = std::get_if<bool>(&c->value)) return *b ? "True" : "False";
    if (std::holds_alternative<EllipsisConst>(c->value)) return "ellipsis";
    return "literal";
  }
  if (e.is<Attribute>()) return "attribute";
  if (e.is<Subscript>()) return "subscript";
  if (e.is<Starred>()) return "starred";
  if (e.is<Name>()) return "name";
  if (e.is<List>()) return "list";
  if (e.is<Tuple>()) return "tuple";
  if (e.is<Lambda>()) return "lambda";
  if (e.is<Call>()) return "function call";
  if (e.is<BoolOp>() || e.is<BinOp>() || e.is<UnaryOp>()) return "expression";
  if (e.is<GeneratorExp>()) return "generator expression";
  if (e.is<Yield>() || e.is<YieldFrom>()) return "yield expression";
  if (e.is<Await>()) return "await expression";
  if (e.is<ListComp>()) return "list comprehension";
  if (e.is<SetComp>()) return "set comprehension";
  if (e.is<DictComp>()) return "dict comprehension";
  if (e.is<Dict>()) return "dict literal";
  if (e.is<Set>()) return "set display";
  if (e.is<JoinedStr>() || e.is<FormattedValue>()) return "f-string expression";
  if (e.is<Compare>()) return "comparison";
  if (e.is<IfExp>()) return "conditional expression";
  if (e.is<NamedExpr>()) return "named expression";
  return "expression";
}

// The first part of `e` that cannot be a target, or null (_PyPegen_get_invalid_target).
const Expr* invalid_part(const Expr& e, TargetUse use) {
  if (e.is<Name>() || e.is<Attribute>() || e.is<Subscript>()) return nullptr;
  if (auto* s = e.as<Starred>()) return use == TargetUse::Delete ? &e : invalid_part(*s->value, use);
  const ExprList* elts = nullptr;
  if (auto* t = e.as<Tuple>()) elts = &t->elts;
  if (auto* l = e.as<List>()) elts = &l->elts;
  if (!elts) return &e;
  for (const ExprPtr& elt : *elts)
    if (const Expr* bad = invalid_part(*elt, use)) return bad;
  return nullptr;
}

// Whether CPython's `invalid_named_expression` rule would match `target = value`: a
// single assignment whose target is no list/tuple/genexp/True/False/None and parses as
// a bitwise_or (an operand, or anything in parentheses).
bool looks_like_comparison_typo(const Expr& e, bool parenthesized) {
  if (e.is<List>() || e.is<Tuple>() || e.is<GeneratorExp>()) return false;
  if (auto* c = e.as<Constant>())
    return !std::holds_alternative<NoneConst>(c->value) && !std::holds_alternative<bool>(c->value);
  if (parenthesized) return true;
  if (auto* u = e.as<UnaryOp>()) return u->op != UnaryOpKind::Not;
  return !(e.is<BoolOp>() || e.is<Compare>() || e.is<IfExp>() || e.is<Lambda>() ||
           e.is<NamedExpr>() || e.is<Yield>() || e.is<YieldFrom>());
}

void apply_context(Expr& e, Ctx ctx) {
  if (auto* n = e.as<Name>()) n->ctx = ctx;
  if (auto* a = e.as<Attribute>()) a->ctx = ctx;
  if (auto* s = e.as<Subscript>()) s->ctx = ctx;
  if (auto* s = e.as<Starred>()) {
    s->ctx = ctx;
    apply_context(*s->value, ctx);
  }
  if (auto* t = e.as<Tuple>()) {
    t->ctx = ctx;
    for (ExprPtr& elt : t->elts) apply_context(*elt, ctx);
  }
  if (auto* l = e.as<List>()) {
    l->ctx = ctx;
    for (ExprPtr& elt : l->elts) apply_context(*elt, ctx);
  }
}

std::string target_message(const Expr& target, const Expr& bad, TargetUse use,
                           bool parenthesized) {
  std::string what = kind_name(bad);
  switch (use) {
    case TargetUse::Delete:
      return "cannot delete " + what;
    case TargetUse::AugAssign:
      return "'" + kind_name(target) + "' is an illegal expression for augmented assignment";
    case TargetUse::Annotate:
      if (target.is<Tuple>()) return "only single target (not tuple) can be annotated";
      if (target.is<List>()) return "only single target (not list) can be annotated";
      return "illegal target for annotation";
    case TargetUse::AssignSole:
      if (&bad == &target && looks_like_comparison_typo(target, parenthesized))
        return "cannot assign to " + what + " here. Maybe you meant '==' instead of '='?";
      [[fallthrough]];
    default:
      if (bad.is<Yield>() || bad.is<YieldFrom>()) return "assignment to yield expression not possible";
      return "cannot assign to " + what;
  }
}

}  // namespace

bool AstBuilder::set_target(Expr& e, TargetUse use) {
  const Expr* bad = nullptr;
  if (use == TargetUse::AugAssign || use == TargetUse::Annotate) {
    if (!(e.is<Name>() || e.is<Attribute>() || e.is<Subscript>())) bad = &e;
  } else {
    bad = invalid_part(e, use);
  }
  if (bad) {
    issues_.add(IssueSource::Builder, DiagKind::InvalidTarget, bad->loc,
                target_message(e, *bad, use, is_parenthesized(e)));
    return false;
  }
  apply_context(e, use == TargetUse::Delete ? Ctx::Del : Ctx::Store);
  return true;
}

}  // namespace aioc::syntax
