// AST builder: the module, blocks and simple statements.
#include "syntax/ast_builder.hpp"

namespace aioc::syntax {

using namespace ast;

namespace {

BinOpKind augassign_op(std::size_t token) {
  switch (token) {
    case P::PLUSEQUAL: return BinOpKind::Add;
    case P::MINEQUAL: return BinOpKind::Sub;
    case P::STAREQUAL: return BinOpKind::Mult;
    case P::ATEQUAL: return BinOpKind::MatMult;
    case P::SLASHEQUAL: return BinOpKind::Div;
    case P::PERCENTEQUAL: return BinOpKind::Mod;
    case P::AMPEREQUAL: return BinOpKind::BitAnd;
    case P::VBAREQUAL: return BinOpKind::BitOr;
    case P::CIRCUMFLEXEQUAL: return BinOpKind::BitXor;
    case P::LEFTSHIFTEQUAL: return BinOpKind::LShift;
    case P::RIGHTSHIFTEQUAL: return BinOpKind::RShift;
    case P::DOUBLESTAREQUAL: return BinOpKind::Pow;
    default: return BinOpKind::FloorDiv;
  }
}

std::vector<std::string> names(AstBuilder& b, const std::vector<P::NameContext*>& ctxs) {
  std::vector<std::string> out;
  for (auto* n : ctxs) out.push_back(b.name_of(n));
  return out;
}

std::string dotted(AstBuilder& b, P::Dotted_nameContext* ctx) {
  std::string out;
  for (auto* n : ctx->name()) out += (out.empty() ? "" : ".") + b.name_of(n);
  return out;
}

Alias import_alias(AstBuilder& b, P::Import_as_nameContext* ctx) {
  std::vector<P::NameContext*> parts = ctx->name();
  return Alias{b.loc(ctx), b.name_of(parts[0]), parts.size() > 1 ? b.name_of(parts[1]) : ""};
}

}  // namespace

Body AstBuilder::build_file(P::File_inputContext* ctx) {
  Body body;
  for (auto* s : ctx->stmt()) statement(s, body);
  return body;
}

void AstBuilder::statement(P::StmtContext* ctx, Body& out) {
  Body* saved = body_;
  body_ = &out;
  ctx->accept(this);
  body_ = saved;
}

Body AstBuilder::block(P::BlockContext* ctx) {
  Body body;
  if (auto* indented = dynamic_cast<P::IndentedBlockContext*>(ctx)) {
    for (auto* s : indented->stmt()) statement(s, body);
    return body;
  }
  Body* saved = body_;
  body_ = &body;
  for (auto* s : static_cast<P::InlineBlockContext*>(ctx)->simple_stmts()->simple_stmt())
    s->accept(this);
  body_ = saved;
  return body;
}

antlrcpp::Any AstBuilder::visitCompoundStatement(P::CompoundStatementContext* ctx) {
  ctx->compound_stmt()->accept(this);
  return {};
}

antlrcpp::Any AstBuilder::visitSimpleStatements(P::SimpleStatementsContext* ctx) {
  for (auto* s : ctx->simple_stmts()->simple_stmt()) s->accept(this);
  return {};
}

namespace {

void annotated(AstBuilder& b, P::ExprOrAssignStmtContext* ctx, P::AnnotationTailContext* tail,
               ExprPtr target) {
  b.set_target(*target, TargetUse::Annotate);
  bool simple = target->is<Name>() && !b.is_parenthesized(*target);
  ExprPtr annotation = b.expr(tail->expression());
  ExprPtr value = b.expr_or_null(tail->annotated_rhs());
  b.emit(make_stmt(b.loc(ctx), AnnAssign{std::move(target), std::move(annotation),
                                        std::move(value), simple}));
}

void augmented(AstBuilder& b, P::ExprOrAssignStmtContext* ctx, P::AugAssignTailContext* tail,
               ExprPtr target) {
  b.set_target(*target, TargetUse::AugAssign);
  BinOpKind op = augassign_op(tail->augassign()->op->getType());
  b.emit(make_stmt(b.loc(ctx), AugAssign{std::move(target), op, b.expr(tail->annotated_rhs())}));
}

void assignment(AstBuilder& b, P::ExprOrAssignStmtContext* ctx, P::AssignTailContext* tail,
                ExprPtr first) {
  std::vector<P::Annotated_rhsContext*> rhs = tail->annotated_rhs();
  Assign assign;
  assign.targets.push_back(std::move(first));
  for (std::size_t i = 0; i + 1 < rhs.size(); ++i) assign.targets.push_back(b.expr(rhs[i]));
  assign.value = b.expr(rhs.back());
  bool sole = assign.targets.size() == 1 && !assign.value->is<Yield>() &&
              !assign.value->is<YieldFrom>();
  for (ExprPtr& target : assign.targets)
    b.set_target(*target, sole ? TargetUse::AssignSole : TargetUse::Assign);
  b.emit(make_stmt(b.loc(ctx), std::move(assign)));
}

}  // namespace

antlrcpp::Any AstBuilder::visitExprOrAssignStmt(P::ExprOrAssignStmtContext* ctx) {
  ExprPtr first = star_expressions(ctx->star_expressions());
  P::Assignment_tailContext* tail = ctx->assignment_tail();
  if (!tail) {
    emit(make_stmt(loc(ctx), ExprStmt{std::move(first)}));
  } else if (auto* ann = dynamic_cast<P::AnnotationTailContext*>(tail)) {
    annotated(*this, ctx, ann, std::move(first));
  } else if (auto* aug = dynamic_cast<P::AugAssignTailContext*>(tail)) {
    augmented(*this, ctx, aug, std::move(first));
  } else {
    assignment(*this, ctx, static_cast<P::AssignTailContext*>(tail), std::move(first));
  }
  return {};
}

antlrcpp::Any AstBuilder::visitReturnStmt(P::ReturnStmtContext* ctx) {
  emit(make_stmt(loc(ctx), Return{expr_or_null(ctx->star_expressions())}));
  return {};
}

antlrcpp::Any AstBuilder::visitYieldStmt(P::YieldStmtContext* ctx) {
  emit(make_stmt(loc(ctx), ExprStmt{expr(ctx->yield_expr())}));
  return {};
}

antlrcpp::Any AstBuilder::visitRaiseStmt(P::RaiseStmtContext* ctx) {
  std::vector<P::ExpressionContext*> parts = ctx->expression();
  Raise raise;
  if (!parts.empty()) raise.exc = expr(parts[0]);
  if (parts.size() > 1) raise.cause = expr(parts[1]);
  emit(make_stmt(loc(ctx), std::move(raise)));
  return {};
}

antlrcpp::Any AstBuilder::visitPassStmt(P::PassStmtContext* ctx) {
  emit(make_stmt(loc(ctx), Pass{}));
  return {};
}

antlrcpp::Any AstBuilder::visitBreakStmt(P::BreakStmtContext* ctx) {
  emit(make_stmt(loc(ctx), Break{}));
  return {};
}

antlrcpp::Any AstBuilder::visitContinueStmt(P::ContinueStmtContext* ctx) {
  emit(make_stmt(loc(ctx), Continue{}));
  return {};
}

antlrcpp::Any AstBuilder::visitDelStmt(P::DelStmtContext* ctx) {
  Delete del;
  for (auto* item : ctx->star_expressions()->star_expression()) {
    del.targets.push_back(expr(item));
    set_target(*del.targets.back(), TargetUse::Delete);
  }
  emit(make_stmt(loc(ctx), std::move(del)));
  return {};
}

antlrcpp::Any AstBuilder::visitAssertStmt(P::AssertStmtContext* ctx) {
  std::vector<P::ExpressionContext*> parts = ctx->expression();
  ExprPtr test = expr(parts[0]);
  ExprPtr msg = parts.size() > 1 ? expr(parts[1]) : nullptr;
  emit(make_stmt(loc(ctx), Assert{std::move(test), std::move(msg)}));
  return {};
}

antlrcpp::Any AstBuilder::visitGlobalStmt(P::GlobalStmtContext* ctx) {
  emit(make_stmt(loc(ctx), Global{names(*this, ctx->name())}));
  return {};
}

antlrcpp::Any AstBuilder::visitNonlocalStmt(P::NonlocalStmtContext* ctx) {
  emit(make_stmt(loc(ctx), Nonlocal{names(*this, ctx->name())}));
  return {};
}

antlrcpp::Any AstBuilder::visitImportStmt(P::ImportStmtContext* ctx) {
  Import import;
  for (auto* item : ctx->dotted_as_name()) {
    std::string asname = item->name() ? name_of(item->name()) : "";
    import.names.push_back(Alias{loc(item), dotted(*this, item->dotted_name()), asname});
  }
  emit(make_stmt(loc(ctx), std::move(import)));
  return {};
}

antlrcpp::Any AstBuilder::visitImportFromStmt(P::ImportFromStmtContext* ctx) {
  ImportFrom from;
  for (auto* dots : ctx->import_dots())
    from.level += dynamic_cast<P::ThreeDotsContext*>(dots) ? 3 : 1;
  if (ctx->dotted_name()) from.module = dotted(*this, ctx->dotted_name());
  P::Import_targetsContext* targets = ctx->import_targets();
  if (auto* star = dynamic_cast<P::StarImportTargetContext*>(targets)) {
    from.names.push_back(Alias{loc(star), "*", ""});
  } else if (auto* paren = dynamic_cast<P::ParenImportTargetsContext*>(targets)) {
    for (auto* item : paren->import_as_name()) from.names.push_back(import_alias(*this, item));
  } else {
    for (auto* item : static_cast<P::PlainImportTargetsContext*>(targets)->import_as_name())
      from.names.push_back(import_alias(*this, item));
  }
  emit(make_stmt(loc(ctx), std::move(from)));
  return {};
}

}  // namespace aioc::syntax
