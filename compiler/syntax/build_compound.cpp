// AST builder: compound statements — if/while/for/with/try, def, class, match.
//
// A compound statement's range starts at its keyword (after any decorators, as in
// CPython) and ends with the last statement of its last block: the block's closing
// DEDENT token has no position of its own.
#include "syntax/ast_builder.hpp"

namespace aioc::syntax {

using namespace ast;

namespace {

// The range from `first` to the end of the last statement of `bodies`.
Loc through(Loc first, std::initializer_list<const Body*> bodies) {
  for (const Body* body : bodies)
    if (body && !body->empty()) {
      first.end_line = body->back()->loc.end_line;
      first.end_col = body->back()->loc.end_col;
    }
  return first;
}

Loc header(AstBuilder& b, antlr4::Token* first, antlr4::Token* last) {
  return b.map().span(first, last);
}

ExceptHandler handler(AstBuilder& b, P::Except_clauseContext* ctx, bool& is_star) {
  ExceptHandler h;
  P::ExpressionContext* type = nullptr;
  P::NameContext* name = nullptr;
  P::BlockContext* body = nullptr;
  if (auto* plain = dynamic_cast<P::ExceptClauseContext*>(ctx)) {
    type = plain->expression();
    name = plain->name();
    body = plain->block();
    is_star = false;
  } else {
    auto* star = static_cast<P::ExceptStarClauseContext*>(ctx);
    type = star->expression();
    name = star->name();
    body = star->block();
    is_star = true;
  }
  h.type = b.expr_or_null(type);
  if (name) h.name = b.name_of(name);
  h.body = b.block(body);
  h.loc = through(b.loc(ctx->getStart()), {&h.body});
  return h;
}

StmtPtr function(AstBuilder& b, P::Function_defContext* ctx, ExprList decorators) {
  FunctionDef def;
  def.name = b.name_of(ctx->name());
  def.args = b.parameters(ctx->parameters());
  def.returns = b.expr_or_null(ctx->expression());
  def.body = b.block(ctx->block());
  def.decorator_list = std::move(decorators);
  def.is_async = ctx->ASYNC() != nullptr;
  Loc where = through(b.loc(ctx->getStart()), {&def.body});
  return make_stmt(where, std::move(def));
}

StmtPtr class_def(AstBuilder& b, P::Class_defContext* ctx, ExprList decorators) {
  ClassDef cls;
  cls.name = b.name_of(ctx->name());
  Loc parens = ctx->LPAR() ? header(b, ctx->LPAR()->getSymbol(), ctx->RPAR()->getSymbol()) : Loc{};
  b.arguments(ctx->arguments(), parens, cls.bases, cls.keywords);
  cls.body = b.block(ctx->block());
  cls.decorator_list = std::move(decorators);
  Loc where = through(b.loc(ctx->getStart()), {&cls.body});
  return make_stmt(where, std::move(cls));
}

}  // namespace

antlrcpp::Any AstBuilder::visitIfStmt(P::IfStmtContext* ctx) {
  // `elif` chains nest: the last clause is built first and becomes the previous orelse.
  Body orelse = ctx->else_clause() ? block(ctx->else_clause()->block()) : Body{};
  std::vector<P::Elif_clauseContext*> elifs = ctx->elif_clause();
  for (std::size_t i = elifs.size(); i-- > 0;) {
    ExprPtr test = expr(elifs[i]->named_expression());
    Body body = block(elifs[i]->block());
    Loc where = through(loc(elifs[i]->getStart()), {&body, &orelse});
    Body nested;
    nested.push_back(make_stmt(where, If{std::move(test), std::move(body), std::move(orelse)}));
    orelse = std::move(nested);
  }
  ExprPtr test = expr(ctx->named_expression());
  Body body = block(ctx->block());
  Loc where = through(loc(ctx->getStart()), {&body, &orelse});
  emit(make_stmt(where, If{std::move(test), std::move(body), std::move(orelse)}));
  return {};
}

antlrcpp::Any AstBuilder::visitWhileStmt(P::WhileStmtContext* ctx) {
  ExprPtr test = expr(ctx->named_expression());
  Body body = block(ctx->block());
  Body orelse = ctx->else_clause() ? block(ctx->else_clause()->block()) : Body{};
  Loc where = through(loc(ctx->getStart()), {&body, &orelse});
  emit(make_stmt(where, While{std::move(test), std::move(body), std::move(orelse)}));
  return {};
}

antlrcpp::Any AstBuilder::visitForStmt(P::ForStmtContext* ctx) {
  For loop;
  loop.target = star_targets(ctx->star_targets());
  set_target(*loop.target, TargetUse::For);
  loop.iter = star_expressions(ctx->star_expressions());
  loop.body = block(ctx->block());
  if (ctx->else_clause()) loop.orelse = block(ctx->else_clause()->block());
  loop.is_async = ctx->ASYNC() != nullptr;
  Loc where = through(loc(ctx->getStart()), {&loop.body, &loop.orelse});
  emit(make_stmt(where, std::move(loop)));
  return {};
}

antlrcpp::Any AstBuilder::visitWithStmt(P::WithStmtContext* ctx) {
  With with;
  P::With_itemsContext* items = ctx->with_items();
  std::vector<P::With_itemContext*> list =
      dynamic_cast<P::ParenWithItemsContext*>(items)
          ? static_cast<P::ParenWithItemsContext*>(items)->with_item()
          : static_cast<P::PlainWithItemsContext*>(items)->with_item();
  for (auto* item : list) {
    WithItem w;
    w.context_expr = expr(item->expression());
    if (item->star_target()) {
      w.optional_vars = star_target(item->star_target());
      set_target(*w.optional_vars, TargetUse::With);
    }
    with.items.push_back(std::move(w));
  }
  with.body = block(ctx->block());
  with.is_async = ctx->ASYNC() != nullptr;
  Loc where = through(loc(ctx->getStart()), {&with.body});
  emit(make_stmt(where, std::move(with)));
  return {};
}

antlrcpp::Any AstBuilder::visitTryStmt(P::TryStmtContext* ctx) {
  Try t;
  t.body = block(ctx->block());
  bool reported_mix = false;
  for (auto* clause : ctx->except_clause()) {
    bool is_star = false;
    t.handlers.push_back(handler(*this, clause, is_star));
    if (t.handlers.size() == 1) t.is_star = is_star;
    if (is_star != t.is_star && !reported_mix) {
      reported_mix = true;
      issues_.add(IssueSource::Builder, DiagKind::SyntaxError, loc(clause->getStart()),
                  std::string("cannot have both 'except' and 'except*' on the same 'try'"));
    }
  }
  if (ctx->else_clause()) t.orelse = block(ctx->else_clause()->block());
  if (ctx->finally_clause()) t.finalbody = block(ctx->finally_clause()->block());
  const Body* last_handler = t.handlers.empty() ? nullptr : &t.handlers.back().body;
  Loc where = through(loc(ctx->getStart()), {&t.body, last_handler, &t.orelse, &t.finalbody});
  emit(make_stmt(where, std::move(t)));
  return {};
}

antlrcpp::Any AstBuilder::visitDecoratedStmt(P::DecoratedStmtContext* ctx) {
  ExprList decorators;
  for (auto* d : ctx->decorator()) decorators.push_back(expr(d->named_expression()));
  if (ctx->function_def()) {
    emit(function(*this, ctx->function_def(), std::move(decorators)));
  } else {
    emit(class_def(*this, ctx->class_def(), std::move(decorators)));
  }
  return {};
}

antlrcpp::Any AstBuilder::visitFunctionDefStmt(P::FunctionDefStmtContext* ctx) {
  emit(function(*this, ctx->function_def(), {}));
  return {};
}

antlrcpp::Any AstBuilder::visitClassDefStmt(P::ClassDefStmtContext* ctx) {
  emit(class_def(*this, ctx->class_def(), {}));
  return {};
}

// `match` is outside the subset: the whole statement becomes Unsupported, which sema
// reports by name.
antlrcpp::Any AstBuilder::visitMatchStmt(P::MatchStmtContext* ctx) {
  Loc where = loc(ctx->getStart());
  std::vector<P::Case_blockContext*> cases = ctx->case_block();
  if (!cases.empty()) {
    Body last = block(cases.back()->block());
    where = through(where, {&last});
  }
  emit(make_stmt(where, Unsupported{"'match' statements"}));
  return {};
}

}  // namespace aioc::syntax
