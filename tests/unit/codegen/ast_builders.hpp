// Terse builders for hand-made ASTs in codegen unit tests (no parser needed): each helper
// returns an owning pointer with a plausible source location on line `line`.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "ast/ast.hpp"

namespace aioc::test {

inline ast::Loc at(int line, int col = 1) { return ast::Loc{line, col, line, col + 1}; }

inline ast::ExprPtr name(const std::string& id, int line = 1, ast::Ctx ctx = ast::Ctx::Load) {
  return ast::make_expr(at(line), ast::Name{id, ctx});
}
inline ast::ExprPtr integer(std::int64_t v, int line = 1) {
  return ast::make_expr(at(line), ast::Constant{ast::IntConst{std::to_string(v), v}, ""});
}
inline ast::ExprPtr string(const std::string& s, int line = 1) {
  return ast::make_expr(at(line), ast::Constant{s, ""});
}
inline ast::ExprPtr binop(ast::ExprPtr l, ast::BinOpKind op, ast::ExprPtr r, int line = 1) {
  return ast::make_expr(at(line), ast::BinOp{std::move(l), op, std::move(r)});
}
inline ast::ExprPtr call(ast::ExprPtr f, ast::ExprList args, int line = 1) {
  return ast::make_expr(at(line), ast::Call{std::move(f), std::move(args), {}});
}
inline ast::ExprPtr attr(ast::ExprPtr v, const std::string& a, int line = 1) {
  return ast::make_expr(at(line), ast::Attribute{std::move(v), a, ast::Ctx::Load});
}
inline ast::ExprPtr await_(ast::ExprPtr v, int line = 1) {
  return ast::make_expr(at(line), ast::Await{std::move(v)});
}
template <class... E> ast::ExprList list(E... e) {
  ast::ExprList out;
  (out.push_back(std::move(e)), ...);
  return out;
}
template <class... S> ast::Body body(S... s) {
  ast::Body out;
  (out.push_back(std::move(s)), ...);
  return out;
}
inline ast::StmtPtr expr_stmt(ast::ExprPtr e, int line) {
  return ast::make_stmt(at(line), ast::ExprStmt{std::move(e)});
}
inline ast::StmtPtr assign(const std::string& target, ast::ExprPtr v, int line) {
  return ast::make_stmt(at(line), ast::Assign{list(name(target, line, ast::Ctx::Store)), std::move(v)});
}
inline ast::StmtPtr import(const std::string& module, int line) {
  return ast::make_stmt(at(line), ast::Import{{ast::Alias{at(line), module, ""}}});
}
inline ast::StmtPtr def(const std::string& fname, std::vector<std::string> params, ast::Body b,
                        bool is_async, int line) {
  auto args = std::make_unique<ast::Arguments>();
  for (auto& p : params) args->args.push_back(ast::Arg{at(line), p, nullptr});
  return ast::make_stmt(at(line), ast::FunctionDef{fname, std::move(args), std::move(b), {},
                                                   nullptr, is_async});
}

}  // namespace aioc::test
