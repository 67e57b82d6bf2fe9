// AST builder: atoms — names, constants, and the bracketed displays and comprehensions.
#include "syntax/ast_builder.hpp"
#include "syntax/number_literal.hpp"

namespace aioc::syntax {

using namespace ast;

namespace {

bool is_starred(const Expr& e) { return e.is<Starred>(); }

}  // namespace

antlrcpp::Any AstBuilder::visitNameAtom(P::NameAtomContext* ctx) {
  result_ = make_expr(loc(ctx), Name{name_of(ctx->name()), Ctx::Load});
  return {};
}

antlrcpp::Any AstBuilder::visitTrueAtom(P::TrueAtomContext* ctx) {
  result_ = make_expr(loc(ctx), Constant{true, {}});
  return {};
}

antlrcpp::Any AstBuilder::visitFalseAtom(P::FalseAtomContext* ctx) {
  result_ = make_expr(loc(ctx), Constant{false, {}});
  return {};
}

antlrcpp::Any AstBuilder::visitNoneAtom(P::NoneAtomContext* ctx) {
  result_ = make_expr(loc(ctx), Constant{NoneConst{}, {}});
  return {};
}

antlrcpp::Any AstBuilder::visitNumberAtom(P::NumberAtomContext* ctx) {
  result_ = make_expr(loc(ctx), Constant{decode_number(ctx->NUMBER()->getText()), {}});
  return {};
}

antlrcpp::Any AstBuilder::visitEllipsisAtom(P::EllipsisAtomContext* ctx) {
  result_ = make_expr(loc(ctx), Constant{EllipsisConst{}, {}});
  return {};
}

antlrcpp::Any AstBuilder::visitStringsAtom(P::StringsAtomContext* ctx) {
  result_ = strings(ctx->STRING());
  return {};
}

// (...): the empty tuple, a yield, a generator expression, a group or a tuple.
antlrcpp::Any AstBuilder::visitParenAtom(P::ParenAtomContext* ctx) {
  P::Paren_bodyContext* body = ctx->paren_body();
  if (!body) {
    result_ = make_expr(loc(ctx), Tuple{{}, Ctx::Load});
    return {};
  }
  if (auto* yield = dynamic_cast<P::YieldParenBodyContext*>(body)) {
    result_ = expr(yield->yield_expr());
    parenthesized_.insert(result_.get());
    return {};
  }
  auto* items = static_cast<P::ExprParenBodyContext*>(body);
  std::vector<P::Star_named_expressionContext*> elts = items->star_named_expression();
  if (P::Comp_forContext* comp = items->comp_for()) {
    ExprPtr elt = expr(elts[0]);
    if (is_starred(*elt))
      issues_.add(IssueSource::Builder, DiagKind::SyntaxError, elt->loc,
                  std::string("iterable unpacking cannot be used in comprehension"));
    result_ = make_expr(loc(ctx), GeneratorExp{std::move(elt), comprehension(comp)});
    return {};
  }
  if (elts.size() == 1 && items->COMMA().empty()) {
    ExprPtr group = expr(elts[0]);
    if (is_starred(*group))
      issues_.add(IssueSource::Builder, DiagKind::SyntaxError, group->loc,
                  std::string("cannot use starred expression here"));
    parenthesized_.insert(group.get());
    result_ = std::move(group);
    return {};
  }
  ExprList values;
  for (auto* elt : elts) values.push_back(expr(elt));
  result_ = make_expr(loc(ctx), Tuple{std::move(values), Ctx::Load});
  return {};
}

antlrcpp::Any AstBuilder::visitListAtom(P::ListAtomContext* ctx) {
  auto* body = static_cast<P::ExprListBodyContext*>(ctx->list_body());
  if (!body) {
    result_ = make_expr(loc(ctx), List{{}, Ctx::Load});
    return {};
  }
  std::vector<P::Star_named_expressionContext*> elts = body->star_named_expression();
  if (P::Comp_forContext* comp = body->comp_for()) {
    ExprPtr elt = expr(elts[0]);
    if (is_starred(*elt))
      issues_.add(IssueSource::Builder, DiagKind::SyntaxError, elt->loc,
                  std::string("iterable unpacking cannot be used in comprehension"));
    result_ = make_expr(loc(ctx), ListComp{std::move(elt), comprehension(comp)});
    return {};
  }
  ExprList values;
  for (auto* elt : elts) values.push_back(expr(elt));
  result_ = make_expr(loc(ctx), List{std::move(values), Ctx::Load});
  return {};
}

namespace {

ExprPtr dict_display(AstBuilder& builder, P::DictBodyContext* body, const Loc& where) {
  Dict dict;
  for (auto* item : body->dict_item()) {
    if (auto* kv = dynamic_cast<P::KeyValueItemContext*>(item)) {
      dict.keys.push_back(builder.expr(kv->expression(0)));
      dict.values.push_back(builder.expr(kv->expression(1)));
    } else {
      dict.keys.push_back(nullptr);
      dict.values.push_back(builder.expr(static_cast<P::UnpackItemContext*>(item)->bitwise_or()));
    }
  }
  return make_expr(where, std::move(dict));
}

ExprPtr dict_comprehension(AstBuilder& builder, P::DictBodyContext* body, const Loc& where) {
  auto* kv = dynamic_cast<P::KeyValueItemContext*>(body->dict_item(0));
  if (!kv) {
    builder.issues().add(IssueSource::Builder, DiagKind::SyntaxError, builder.loc(body->dict_item(0)),
                         std::string("dict unpacking cannot be used in dict comprehension"));
    return make_expr(where, Dict{});
  }
  ExprPtr key = builder.expr(kv->expression(0));
  ExprPtr value = builder.expr(kv->expression(1));
  return make_expr(where, DictComp{std::move(key), std::move(value),
                                   builder.comprehension(body->comp_for())});
}

}  // namespace

// {...}: a dict or set display or comprehension.
antlrcpp::Any AstBuilder::visitBraceAtom(P::BraceAtomContext* ctx) {
  P::Brace_bodyContext* body = ctx->brace_body();
  if (!body) {
    result_ = make_expr(loc(ctx), Dict{});
    return {};
  }
  if (auto* dict = dynamic_cast<P::DictBodyContext*>(body)) {
    result_ = dict->comp_for() ? dict_comprehension(*this, dict, loc(ctx))
                               : dict_display(*this, dict, loc(ctx));
    return {};
  }
  auto* set = static_cast<P::SetBodyContext*>(body);
  std::vector<P::Star_named_expressionContext*> elts = set->star_named_expression();
  if (P::Comp_forContext* comp = set->comp_for()) {
    ExprPtr elt = expr(elts[0]);
    if (is_starred(*elt))
      issues_.add(IssueSource::Builder, DiagKind::SyntaxError, elt->loc,
                  std::string("iterable unpacking cannot be used in comprehension"));
    result_ = make_expr(loc(ctx), SetComp{std::move(elt), comprehension(comp)});
    return {};
  }
  ExprList values;
  for (auto* elt : elts) values.push_back(expr(elt));
  result_ = make_expr(loc(ctx), Set{std::move(values)});
  return {};
}

}  // namespace aioc::syntax
