// AST builder: operators, comprehensions, slices and the expression helpers.
#include "syntax/ast_builder.hpp"

namespace aioc::syntax {

using namespace ast;

namespace {

BinOpKind binop_of(std::size_t token) {
  switch (token) {
    case P::STAR: return BinOpKind::Mult;
    case P::SLASH: return BinOpKind::Div;
    case P::DOUBLESLASH: return BinOpKind::FloorDiv;
    case P::PERCENT: return BinOpKind::Mod;
    case P::AT: return BinOpKind::MatMult;
    case P::PLUS: return BinOpKind::Add;
    case P::MINUS: return BinOpKind::Sub;
    case P::LEFTSHIFT: return BinOpKind::LShift;
    case P::RIGHTSHIFT: return BinOpKind::RShift;
    case P::AMPER: return BinOpKind::BitAnd;
    case P::CIRCUMFLEX: return BinOpKind::BitXor;
    default: return BinOpKind::BitOr;
  }
}

CmpOpKind cmpop_of(P::Comp_opContext* ctx) {
  if (dynamic_cast<P::NotInCompOpContext*>(ctx)) return CmpOpKind::NotIn;
  if (dynamic_cast<P::IsNotCompOpContext*>(ctx)) return CmpOpKind::IsNot;
  switch (static_cast<P::SimpleCompOpContext*>(ctx)->op->getType()) {
    case P::EQEQUAL: return CmpOpKind::Eq;
    case P::NOTEQUAL: return CmpOpKind::NotEq;
    case P::LESS: return CmpOpKind::Lt;
    case P::LESSEQUAL: return CmpOpKind::LtE;
    case P::GREATER: return CmpOpKind::Gt;
    case P::GREATEREQUAL: return CmpOpKind::GtE;
    case P::IN: return CmpOpKind::In;
    default: return CmpOpKind::Is;
  }
}

// One step down a pass-through level of the expression grammar, or null.
antlr4::tree::ParseTree* pass_through(antlr4::tree::ParseTree* t) {
  if (auto* c = dynamic_cast<P::PlainStarExpressionContext*>(t)) return c->expression();
  if (auto* c = dynamic_cast<P::PlainStarNamedExpressionContext*>(t)) return c->named_expression();
  if (auto* c = dynamic_cast<P::PlainNamedExpressionContext*>(t)) return c->expression();
  if (auto* c = dynamic_cast<P::ConditionalExpressionContext*>(t))
    return c->IF() ? nullptr : c->disjunction(0);
  if (auto* c = dynamic_cast<P::DisjunctionContext*>(t))
    return c->conjunction().size() == 1 ? c->conjunction(0) : nullptr;
  if (auto* c = dynamic_cast<P::ConjunctionContext*>(t))
    return c->inversion().size() == 1 ? c->inversion(0) : nullptr;
  if (auto* c = dynamic_cast<P::ComparisonExpressionContext*>(t)) return c->comparison();
  if (auto* c = dynamic_cast<P::ComparisonContext*>(t))
    return c->comp_op().empty() ? c->bitwise_or(0) : nullptr;
  if (auto* c = dynamic_cast<P::FactorExpressionContext*>(t)) return c->factor();
  if (auto* c = dynamic_cast<P::PowerExpressionContext*>(t)) return c->power();
  if (auto* c = dynamic_cast<P::PowerContext*>(t))
    return c->DOUBLESTAR() ? nullptr : c->await_primary();
  if (auto* c = dynamic_cast<P::PrimaryExpressionContext*>(t)) return c->primary();
  if (auto* c = dynamic_cast<P::AtomExpressionContext*>(t)) return c->atom();
  if (auto* c = dynamic_cast<P::YieldRhsContext*>(t)) return c->yield_expr();
  return nullptr;
}

}  // namespace

antlr4::tree::ParseTree* AstBuilder::unwrap(antlr4::tree::ParseTree* tree) const {
  while (antlr4::tree::ParseTree* next = pass_through(tree)) tree = next;
  return tree;
}

ExprPtr AstBuilder::expr(antlr4::tree::ParseTree* tree) {
  tree = unwrap(tree);
  if (auto* list = dynamic_cast<P::Star_expressionsContext*>(tree)) return star_expressions(list);
  if (auto* rhs = dynamic_cast<P::ExpressionsRhsContext*>(tree))
    return star_expressions(rhs->star_expressions());
  auto* rule = dynamic_cast<antlr4::ParserRuleContext*>(tree);
  Loc where = rule ? loc(rule) : Loc{};
  if (nesting_ >= kMaxNesting) {
    if (!too_deep_) issues_.add(IssueSource::Builder, DiagKind::TooDeeplyNested, where);
    too_deep_ = true;
    return make_expr(where, Constant{NoneConst{}, {}});
  }
  ++nesting_;
  result_.reset();
  tree->accept(this);
  --nesting_;
  ExprPtr out = std::move(result_);
  return out ? std::move(out) : make_expr(where, Constant{NoneConst{}, {}});
}

template <class Item>
ExprPtr AstBuilder::sequence(const std::vector<Item*>& items, bool has_comma, const Loc& where) {
  if (items.size() == 1 && !has_comma) return expr(items[0]);
  ExprList elts;
  for (Item* item : items) elts.push_back(expr(item));
  return make_expr(where, Tuple{std::move(elts), Ctx::Load});
}

template ExprPtr AstBuilder::sequence(const std::vector<P::Star_expressionContext*>&, bool,
                                      const Loc&);
template ExprPtr AstBuilder::sequence(const std::vector<P::Star_named_expressionContext*>&,
                                      bool, const Loc&);

ExprPtr AstBuilder::star_expressions(P::Star_expressionsContext* ctx) {
  return sequence(ctx->star_expression(), !ctx->COMMA().empty(), loc(ctx));
}

ExprPtr AstBuilder::star_target(P::Star_targetContext* ctx) {
  ExprPtr value = expr(ctx->bitwise_or());
  if (!ctx->STAR()) return value;
  return make_expr(loc(ctx), Starred{std::move(value), Ctx::Load});
}

ExprPtr AstBuilder::star_targets(P::Star_targetsContext* ctx) {
  std::vector<P::Star_targetContext*> items = ctx->star_target();
  if (items.size() == 1 && ctx->COMMA().empty()) return star_target(items[0]);
  ExprList elts;
  for (auto* item : items) elts.push_back(star_target(item));
  return make_expr(loc(ctx), Tuple{std::move(elts), Ctx::Load});
}

std::vector<Comprehension> AstBuilder::comprehension(P::Comp_forContext* ctx) {
  std::vector<Comprehension> generators;
  for (auto* clause : ctx->comp_clause()) {
    Comprehension c;
    c.target = star_targets(clause->star_targets());
    set_target(*c.target, TargetUse::For);
    std::vector<P::DisjunctionContext*> parts = clause->disjunction();
    c.iter = expr(parts[0]);
    for (std::size_t i = 1; i < parts.size(); ++i) c.ifs.push_back(expr(parts[i]));
    c.is_async = clause->ASYNC() != nullptr;
    generators.push_back(std::move(c));
  }
  return generators;
}

namespace {

// The lower/upper/step parts of `a:b:c`, told apart by the colons before them.
Slice slice_parts(AstBuilder& builder, P::ProperSliceContext* ctx) {
  Slice slice;
  int colons = 0;
  for (antlr4::tree::ParseTree* child : ctx->children) {
    if (auto* t = dynamic_cast<antlr4::tree::TerminalNode*>(child)) {
      colons += t->getSymbol()->getType() == P::COLON;
      continue;
    }
    ExprPtr part = builder.expr(child);
    (colons == 0 ? slice.lower : colons == 1 ? slice.upper : slice.step) = std::move(part);
  }
  return slice;
}

ExprPtr slice_item(AstBuilder& builder, P::SliceContext* ctx) {
  if (auto* proper = dynamic_cast<P::ProperSliceContext*>(ctx))
    return make_expr(builder.loc(ctx), slice_parts(builder, proper));
  if (auto* starred = dynamic_cast<P::StarredSliceContext*>(ctx))
    return make_expr(builder.loc(ctx), Starred{builder.expr(starred->expression()), Ctx::Load});
  return builder.expr(static_cast<P::IndexSliceContext*>(ctx)->named_expression());
}

}  // namespace

ExprPtr AstBuilder::slices(P::SlicesContext* ctx) {
  std::vector<P::SliceContext*> items = ctx->slice();
  // A lone `*x` still makes a tuple: x[*a] is x[(*a,)], as in CPython.
  bool lone = items.size() == 1 && ctx->COMMA().empty() &&
              !dynamic_cast<P::StarredSliceContext*>(items[0]);
  if (lone) return slice_item(*this, items[0]);
  ExprList elts;
  for (auto* item : items) elts.push_back(slice_item(*this, item));
  return make_expr(loc(ctx), Tuple{std::move(elts), Ctx::Load});
}

// ---- visitors ----------------------------------------------------------------------------

antlrcpp::Any AstBuilder::visitStarredExpression(P::StarredExpressionContext* ctx) {
  result_ = make_expr(loc(ctx), Starred{expr(ctx->bitwise_or()), Ctx::Load});
  return {};
}

antlrcpp::Any AstBuilder::visitStarredNamedExpression(P::StarredNamedExpressionContext* ctx) {
  result_ = make_expr(loc(ctx), Starred{expr(ctx->bitwise_or()), Ctx::Load});
  return {};
}

antlrcpp::Any AstBuilder::visitWalrusExpression(P::WalrusExpressionContext* ctx) {
  ExprPtr target = make_expr(loc(ctx->name()), Name{name_of(ctx->name()), Ctx::Store});
  result_ = make_expr(loc(ctx), NamedExpr{std::move(target), expr(ctx->expression())});
  return {};
}

antlrcpp::Any AstBuilder::visitConditionalExpression(P::ConditionalExpressionContext* ctx) {
  ExprPtr body = expr(ctx->disjunction(0));
  ExprPtr test = expr(ctx->disjunction(1));
  result_ = make_expr(loc(ctx), IfExp{std::move(test), std::move(body), expr(ctx->expression())});
  return {};
}

antlrcpp::Any AstBuilder::visitLambdaExpression(P::LambdaExpressionContext* ctx) {
  std::unique_ptr<Arguments> args = lambda_parameters(ctx->lambda_parameters());
  result_ = make_expr(loc(ctx), Lambda{std::move(args), expr(ctx->expression())});
  return {};
}

antlrcpp::Any AstBuilder::visitYieldFromExpression(P::YieldFromExpressionContext* ctx) {
  result_ = make_expr(loc(ctx), YieldFrom{expr(ctx->expression())});
  return {};
}

antlrcpp::Any AstBuilder::visitYieldExpression(P::YieldExpressionContext* ctx) {
  ExprPtr value = ctx->star_expressions() ? star_expressions(ctx->star_expressions()) : nullptr;
  result_ = make_expr(loc(ctx), Yield{std::move(value)});
  return {};
}

antlrcpp::Any AstBuilder::visitDisjunction(P::DisjunctionContext* ctx) {
  ExprList values;
  for (auto* part : ctx->conjunction()) values.push_back(expr(part));
  result_ = make_expr(loc(ctx), BoolOp{BoolOpKind::Or, std::move(values)});
  return {};
}

antlrcpp::Any AstBuilder::visitConjunction(P::ConjunctionContext* ctx) {
  ExprList values;
  for (auto* part : ctx->inversion()) values.push_back(expr(part));
  result_ = make_expr(loc(ctx), BoolOp{BoolOpKind::And, std::move(values)});
  return {};
}

antlrcpp::Any AstBuilder::visitNotExpression(P::NotExpressionContext* ctx) {
  result_ = make_expr(loc(ctx), UnaryOp{UnaryOpKind::Not, expr(ctx->inversion())});
  return {};
}

antlrcpp::Any AstBuilder::visitComparison(P::ComparisonContext* ctx) {
  Compare compare;
  compare.left = expr(ctx->bitwise_or(0));
  std::vector<P::Comp_opContext*> ops = ctx->comp_op();
  for (std::size_t i = 0; i < ops.size(); ++i) {
    compare.ops.push_back(cmpop_of(ops[i]));
    compare.comparators.push_back(expr(ctx->bitwise_or(i + 1)));
  }
  result_ = make_expr(loc(ctx), std::move(compare));
  return {};
}

// `a + b - c` nests to the left; the left spine is walked iteratively so long chains
// cost no recursion (they still count towards the nesting limit: the AST is that deep).
antlrcpp::Any AstBuilder::visitBinaryExpression(P::BinaryExpressionContext* ctx) {
  std::vector<P::BinaryExpressionContext*> spine{ctx};
  while (auto* left = dynamic_cast<P::BinaryExpressionContext*>(spine.back()->bitwise_or(0)))
    spine.push_back(left);
  int saved = nesting_;
  nesting_ += static_cast<int>(spine.size());
  ExprPtr left = expr(spine.back()->bitwise_or(0));
  for (std::size_t i = spine.size(); i-- > 0;) {
    P::BinaryExpressionContext* node = spine[i];
    ExprPtr right = expr(node->bitwise_or(1));
    left = make_expr(loc(node), BinOp{std::move(left), binop_of(node->op->getType()),
                                      std::move(right)});
  }
  nesting_ = saved;
  result_ = std::move(left);
  return {};
}

antlrcpp::Any AstBuilder::visitUnaryExpression(P::UnaryExpressionContext* ctx) {
  std::size_t op = ctx->op->getType();
  UnaryOpKind kind = op == P::PLUS ? UnaryOpKind::UAdd
                     : op == P::MINUS ? UnaryOpKind::USub
                                      : UnaryOpKind::Invert;
  result_ = make_expr(loc(ctx), UnaryOp{kind, expr(ctx->factor())});
  return {};
}

antlrcpp::Any AstBuilder::visitPower(P::PowerContext* ctx) {
  ExprPtr base = expr(ctx->await_primary());
  result_ = make_expr(loc(ctx), BinOp{std::move(base), BinOpKind::Pow, expr(ctx->factor())});
  return {};
}

antlrcpp::Any AstBuilder::visitAwaitExpression(P::AwaitExpressionContext* ctx) {
  result_ = make_expr(loc(ctx), Await{expr(ctx->primary())});
  return {};
}

antlrcpp::Any AstBuilder::visitAttributeRef(P::AttributeRefContext* ctx) {
  ExprPtr value = expr(ctx->primary());
  result_ = make_expr(loc(ctx), Attribute{std::move(value), name_of(ctx->name()), Ctx::Load});
  return {};
}

antlrcpp::Any AstBuilder::visitCallExpression(P::CallExpressionContext* ctx) {
  Call call;
  call.func = expr(ctx->primary());
  arguments(ctx->arguments(), map_.span(ctx->LPAR()->getSymbol(), ctx->RPAR()->getSymbol()),
            call.args, call.keywords);
  result_ = make_expr(loc(ctx), std::move(call));
  return {};
}

antlrcpp::Any AstBuilder::visitSubscriptExpression(P::SubscriptExpressionContext* ctx) {
  ExprPtr value = expr(ctx->primary());
  result_ = make_expr(loc(ctx), Subscript{std::move(value), slices(ctx->slices()), Ctx::Load});
  return {};
}

}  // namespace aioc::syntax
