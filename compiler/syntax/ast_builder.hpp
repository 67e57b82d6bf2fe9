// The AST builder: ANTLR parse tree in, aioc::ast out.
//
// It walks the tree with the generated visitor, one visit method per labelled
// alternative. Visitors return antlrcpp::Any, which cannot hold move-only values, so the
// methods leave their product in a slot instead: an expression in result_, statements
// appended to *body_; expr() and statement() dispatch and collect. Pass-through levels of
// the expression grammar (a disjunction of one conjunction, ...) are skipped iteratively
// by unwrap(), so the builder recurses once per real AST level, and nesting_ caps that
// depth. The builder never sees an erroneous tree: parse_module() only builds when the
// parse succeeded, so every child the grammar requires is present.
//
// Besides shape, the builder does what CPython's grammar does with "invalid_" rules and
// the action helpers: it sets Load/Store/Del contexts and rejects invalid targets, checks
// parameter and argument order, decodes literals, and parses f-string fields (re-invoking
// the parser on each one, see build_strings.cpp). The implementation is split by
// construct: build_stmt.cpp, build_compound.cpp, build_expr.cpp, build_atom.cpp,
// build_params.cpp, build_args.cpp, build_strings.cpp, build_targets.cpp.
#pragma once

#include <string>
#include <unordered_set>
#include <vector>

#include "AioParserBaseVisitor.h"
#include "ast/ast.hpp"
#include "syntax/source_map.hpp"
#include "syntax/syntax_issues.hpp"

namespace aioc::syntax {

using P = aioc_grammar::AioParser;

// How an assignment target is used: decides the context and the error wording.
enum class TargetUse { Assign, AssignSole, For, With, Delete, AugAssign, Annotate };

// One parameter of a def or lambda, before the list is checked and arranged.
struct ParamItem {
  enum Kind { Plain, Star, DoubleStar, Slash } kind = Plain;
  ast::Loc loc;
  std::string name;          // empty for a bare `*` and for `/`
  ast::ExprPtr annotation;   // may be null
  ast::ExprPtr default_value;  // may be null
};

class AstBuilder : public aioc_grammar::AioParserBaseVisitor {
 public:
  // Expression nesting beyond which the builder gives up (deeper ASTs would strain the
  // recursion of every later stage).
  static constexpr int kMaxNesting = 1000;

  AstBuilder(SyntaxIssues& issues, const SourceMap& map, int nesting = 0)
      : issues_(issues), map_(map), nesting_(nesting) {}

  ast::Body build_file(P::File_inputContext* ctx);
  ast::ExprPtr build_fstring_field(P::Fstring_inputContext* ctx);
  bool too_deep() const { return too_deep_; }

  // ---- statements (build_stmt.cpp) ----
  antlrcpp::Any visitCompoundStatement(P::CompoundStatementContext* ctx) override;
  antlrcpp::Any visitSimpleStatements(P::SimpleStatementsContext* ctx) override;
  antlrcpp::Any visitExprOrAssignStmt(P::ExprOrAssignStmtContext* ctx) override;
  antlrcpp::Any visitReturnStmt(P::ReturnStmtContext* ctx) override;
  antlrcpp::Any visitYieldStmt(P::YieldStmtContext* ctx) override;
  antlrcpp::Any visitRaiseStmt(P::RaiseStmtContext* ctx) override;
  antlrcpp::Any visitPassStmt(P::PassStmtContext* ctx) override;
  antlrcpp::Any visitBreakStmt(P::BreakStmtContext* ctx) override;
  antlrcpp::Any visitContinueStmt(P::ContinueStmtContext* ctx) override;
  antlrcpp::Any visitDelStmt(P::DelStmtContext* ctx) override;
  antlrcpp::Any visitAssertStmt(P::AssertStmtContext* ctx) override;
  antlrcpp::Any visitGlobalStmt(P::GlobalStmtContext* ctx) override;
  antlrcpp::Any visitNonlocalStmt(P::NonlocalStmtContext* ctx) override;
  antlrcpp::Any visitImportStmt(P::ImportStmtContext* ctx) override;
  antlrcpp::Any visitImportFromStmt(P::ImportFromStmtContext* ctx) override;

  // ---- compound statements (build_compound.cpp) ----
  antlrcpp::Any visitIfStmt(P::IfStmtContext* ctx) override;
  antlrcpp::Any visitWhileStmt(P::WhileStmtContext* ctx) override;
  antlrcpp::Any visitForStmt(P::ForStmtContext* ctx) override;
  antlrcpp::Any visitWithStmt(P::WithStmtContext* ctx) override;
  antlrcpp::Any visitTryStmt(P::TryStmtContext* ctx) override;
  antlrcpp::Any visitDecoratedStmt(P::DecoratedStmtContext* ctx) override;
  antlrcpp::Any visitFunctionDefStmt(P::FunctionDefStmtContext* ctx) override;
  antlrcpp::Any visitClassDefStmt(P::ClassDefStmtContext* ctx) override;
  antlrcpp::Any visitMatchStmt(P::MatchStmtContext* ctx) override;

  // ---- expressions (build_expr.cpp) ----
  antlrcpp::Any visitStarredExpression(P::StarredExpressionContext* ctx) override;
  antlrcpp::Any visitStarredNamedExpression(P::StarredNamedExpressionContext* ctx) override;
  antlrcpp::Any visitWalrusExpression(P::WalrusExpressionContext* ctx) override;
  antlrcpp::Any visitConditionalExpression(P::ConditionalExpressionContext* ctx) override;
  antlrcpp::Any visitLambdaExpression(P::LambdaExpressionContext* ctx) override;
  antlrcpp::Any visitYieldFromExpression(P::YieldFromExpressionContext* ctx) override;
  antlrcpp::Any visitYieldExpression(P::YieldExpressionContext* ctx) override;
  antlrcpp::Any visitDisjunction(P::DisjunctionContext* ctx) override;
  antlrcpp::Any visitConjunction(P::ConjunctionContext* ctx) override;
  antlrcpp::Any visitNotExpression(P::NotExpressionContext* ctx) override;
  antlrcpp::Any visitComparison(P::ComparisonContext* ctx) override;
  antlrcpp::Any visitBinaryExpression(P::BinaryExpressionContext* ctx) override;
  antlrcpp::Any visitUnaryExpression(P::UnaryExpressionContext* ctx) override;
  antlrcpp::Any visitPower(P::PowerContext* ctx) override;
  antlrcpp::Any visitAwaitExpression(P::AwaitExpressionContext* ctx) override;
  antlrcpp::Any visitAttributeRef(P::AttributeRefContext* ctx) override;
  antlrcpp::Any visitCallExpression(P::CallExpressionContext* ctx) override;
  antlrcpp::Any visitSubscriptExpression(P::SubscriptExpressionContext* ctx) override;

  // ---- atoms (build_atom.cpp) ----
  antlrcpp::Any visitNameAtom(P::NameAtomContext* ctx) override;
  antlrcpp::Any visitTrueAtom(P::TrueAtomContext* ctx) override;
  antlrcpp::Any visitFalseAtom(P::FalseAtomContext* ctx) override;
  antlrcpp::Any visitNoneAtom(P::NoneAtomContext* ctx) override;
  antlrcpp::Any visitNumberAtom(P::NumberAtomContext* ctx) override;
  antlrcpp::Any visitEllipsisAtom(P::EllipsisAtomContext* ctx) override;
  antlrcpp::Any visitStringsAtom(P::StringsAtomContext* ctx) override;
  antlrcpp::Any visitParenAtom(P::ParenAtomContext* ctx) override;
  antlrcpp::Any visitListAtom(P::ListAtomContext* ctx) override;
  antlrcpp::Any visitBraceAtom(P::BraceAtomContext* ctx) override;

  // ---- helpers shared by the build_*.cpp files ----
  ast::ExprPtr expr(antlr4::tree::ParseTree* tree);
  ast::ExprPtr expr_or_null(antlr4::tree::ParseTree* tree) { return tree ? expr(tree) : nullptr; }
  void statement(P::StmtContext* ctx, ast::Body& out);
  ast::Body block(P::BlockContext* ctx);
  void emit(ast::StmtPtr stmt) { body_->push_back(std::move(stmt)); }
  ast::Loc loc(antlr4::ParserRuleContext* ctx) const { return map_.node(ctx); }
  ast::Loc loc(antlr4::Token* token) const { return map_.token(token); }
  ast::Loc loc(antlr4::tree::TerminalNode* node) const { return map_.token(node->getSymbol()); }
  std::string name_of(P::NameContext* ctx) const { return ctx->getText(); }

  // A tuple for `a, b` / `a,`, the element itself for a lone `a` (build_expr.cpp).
  template <class Item>
  ast::ExprPtr sequence(const std::vector<Item*>& items, bool has_comma, const ast::Loc& loc);
  ast::ExprPtr star_expressions(P::Star_expressionsContext* ctx);
  ast::ExprPtr star_targets(P::Star_targetsContext* ctx);
  ast::ExprPtr star_target(P::Star_targetContext* ctx);
  std::vector<ast::Comprehension> comprehension(P::Comp_forContext* ctx);
  ast::ExprPtr slices(P::SlicesContext* ctx);
  bool is_parenthesized(const ast::Expr& e) const { return parenthesized_.count(&e) != 0; }

  // Targets (build_targets.cpp): sets the context, or reports why `e` is no target.
  bool set_target(ast::Expr& e, TargetUse use);

  // Parameters (build_params.cpp).
  std::unique_ptr<ast::Arguments> parameters(P::ParametersContext* ctx);
  std::unique_ptr<ast::Arguments> lambda_parameters(P::Lambda_parametersContext* ctx);

  // Call and class arguments (build_args.cpp).
  void arguments(P::ArgumentsContext* ctx, const ast::Loc& parens, ast::ExprList& args,
                 std::vector<ast::Keyword>& keywords);

  // String literals (build_strings.cpp).
  ast::ExprPtr strings(const std::vector<antlr4::tree::TerminalNode*>& tokens);

  SyntaxIssues& issues() { return issues_; }
  const SourceMap& map() const { return map_; }
  int nesting() const { return nesting_; }

 private:
  antlr4::tree::ParseTree* unwrap(antlr4::tree::ParseTree* tree) const;
  std::unique_ptr<ast::Arguments> arrange(std::vector<ParamItem> items);

  SyntaxIssues& issues_;
  const SourceMap& map_;
  int nesting_ = 0;
  bool too_deep_ = false;
  ast::ExprPtr result_;
  ast::Body* body_ = nullptr;
  std::unordered_set<const ast::Expr*> parenthesized_;
};

}  // namespace aioc::syntax
