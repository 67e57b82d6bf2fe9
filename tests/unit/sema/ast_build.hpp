// A terse AST builder for sema's unit tests, so each test reads like the Python it stands
// for without depending on the parser. Every helper takes an optional Loc (default: line
// 1, column 1) for tests that check where a diagnostic points; `run` analyzes a module
// and captures the printed diagnostics.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "ast/ast.hpp"
#include "diag/diagnostics.hpp"
#include "sema/sema.hpp"

namespace aioc::sema::test {

using namespace aioc::ast;

inline Loc at(int line, int col = 1, int end_col = 0) {
  return Loc{line, col, line, end_col ? end_col : col + 1};
}
inline const Loc kL = at(1);

template <class... T> Body body(T&&... s) {
  Body b;
  (b.push_back(std::forward<T>(s)), ...);
  return b;
}
template <class... T> ExprList exprs(T&&... e) {
  ExprList l;
  (l.push_back(std::forward<T>(e)), ...);
  return l;
}

// ---- expressions ----
inline ExprPtr name(std::string id, Loc l = kL) { return make_expr(l, Name{std::move(id), Ctx::Load}); }
inline ExprPtr store(std::string id, Loc l = kL) { return make_expr(l, Name{std::move(id), Ctx::Store}); }
inline ExprPtr del_name(std::string id, Loc l = kL) { return make_expr(l, Name{std::move(id), Ctx::Del}); }
inline ExprPtr int_(std::int64_t v, Loc l = kL) {
  return make_expr(l, Constant{ConstValue{IntConst{std::to_string(v), v}}, ""});
}
inline ExprPtr imag(double v, Loc l = kL) { return make_expr(l, Constant{ConstValue{ImagConst{v}}, ""}); }
inline ExprPtr call(ExprPtr f, ExprList args = {}, std::vector<Keyword> kws = {}, Loc l = kL) {
  return make_expr(l, Call{std::move(f), std::move(args), std::move(kws)});
}
inline Keyword kw(std::string arg, ExprPtr v, Loc l = kL) { return Keyword{l, std::move(arg), std::move(v)}; }
inline ExprPtr await_(ExprPtr v, Loc l = kL) { return make_expr(l, Await{std::move(v)}); }
inline ExprPtr yield_(ExprPtr v = nullptr, Loc l = kL) { return make_expr(l, Yield{std::move(v)}); }
inline ExprPtr yield_from(ExprPtr v, Loc l = kL) { return make_expr(l, YieldFrom{std::move(v)}); }
inline ExprPtr walrus(std::string id, ExprPtr v, Loc l = kL) {
  return make_expr(l, NamedExpr{store(std::move(id), l), std::move(v)});
}
inline ExprPtr starred(ExprPtr v, Ctx c = Ctx::Store, Loc l = kL) {
  return make_expr(l, Starred{std::move(v), c});
}
inline ExprPtr tuple(ExprList elts, Ctx c = Ctx::Store, Loc l = kL) {
  return make_expr(l, Tuple{std::move(elts), c});
}
inline ExprPtr attr(ExprPtr v, std::string a, Ctx c = Ctx::Load, Loc l = kL) {
  return make_expr(l, Attribute{std::move(v), std::move(a), c});
}

inline std::unique_ptr<Arguments> params(std::vector<std::string> names) {
  auto a = std::make_unique<Arguments>();
  int col = 1;
  for (auto& n : names) a->args.push_back(Arg{at(1, col++), std::move(n), nullptr});
  return a;
}
inline ExprPtr lambda(std::vector<std::string> ps, ExprPtr body_, Loc l = kL) {
  return make_expr(l, Lambda{params(std::move(ps)), std::move(body_)});
}
inline Comprehension gen(ExprPtr target, ExprPtr iter, bool is_async = false) {
  return Comprehension{std::move(target), std::move(iter), {}, is_async};
}
template <class... G> std::vector<Comprehension> gens(G&&... g) {
  std::vector<Comprehension> v;
  (v.push_back(std::forward<G>(g)), ...);
  return v;
}
inline ExprPtr listcomp(ExprPtr elt, std::vector<Comprehension> g, Loc l = kL) {
  return make_expr(l, ListComp{std::move(elt), std::move(g)});
}
inline ExprPtr genexp(ExprPtr elt, std::vector<Comprehension> g, Loc l = kL) {
  return make_expr(l, GeneratorExp{std::move(elt), std::move(g)});
}

// ---- statements ----
inline StmtPtr def(std::string n, std::vector<std::string> ps, Body b, bool is_async = false,
                   Loc l = kL) {
  FunctionDef f;
  f.name = std::move(n);
  f.args = params(std::move(ps));
  f.body = std::move(b);
  f.is_async = is_async;
  return make_stmt(l, std::move(f));
}
inline StmtPtr async_def(std::string n, std::vector<std::string> ps, Body b, Loc l = kL) {
  return def(std::move(n), std::move(ps), std::move(b), true, l);
}
inline StmtPtr cls(std::string n, Body b, std::vector<Keyword> kws = {}, Loc l = kL) {
  ClassDef c;
  c.name = std::move(n);
  c.body = std::move(b);
  c.keywords = std::move(kws);
  return make_stmt(l, std::move(c));
}
inline StmtPtr assign(ExprPtr t, ExprPtr v, Loc l = kL) {
  return make_stmt(l, Assign{exprs(std::move(t)), std::move(v)});
}
inline StmtPtr expr(ExprPtr e, Loc l = kL) { return make_stmt(l, ExprStmt{std::move(e)}); }
inline StmtPtr ret(ExprPtr v = nullptr, Loc l = kL) { return make_stmt(l, Return{std::move(v)}); }
inline StmtPtr global(std::vector<std::string> ns, Loc l = kL) { return make_stmt(l, Global{std::move(ns)}); }
inline StmtPtr nonlocal(std::vector<std::string> ns, Loc l = kL) {
  return make_stmt(l, Nonlocal{std::move(ns)});
}
inline StmtPtr pass(Loc l = kL) { return make_stmt(l, Pass{}); }
inline StmtPtr brk(Loc l = kL) { return make_stmt(l, Break{}); }
inline StmtPtr cont(Loc l = kL) { return make_stmt(l, Continue{}); }
inline StmtPtr for_(ExprPtr t, ExprPtr it, Body b, Body orelse = {}, bool is_async = false,
                    Loc l = kL) {
  return make_stmt(l, For{std::move(t), std::move(it), std::move(b), std::move(orelse), is_async});
}
inline StmtPtr while_(ExprPtr test, Body b, Loc l = kL) {
  return make_stmt(l, While{std::move(test), std::move(b), {}});
}
inline StmtPtr with_(ExprPtr cm, ExprPtr var, Body b, bool is_async = false, Loc l = kL) {
  With w;
  w.items.push_back(WithItem{std::move(cm), std::move(var)});
  w.body = std::move(b);
  w.is_async = is_async;
  return make_stmt(l, std::move(w));
}
inline ExceptHandler handler(ExprPtr type, std::string as, Body b, Loc l = kL) {
  return ExceptHandler{l, std::move(type), std::move(as), std::move(b)};
}
template <class... H> StmtPtr try_(Body b, bool is_star, H&&... hs) {
  Try t;
  t.body = std::move(b);
  (t.handlers.push_back(std::forward<H>(hs)), ...);
  t.is_star = is_star;
  return make_stmt(kL, std::move(t));
}
inline StmtPtr import_(std::string m, std::string as = "", Loc l = kL) {
  return make_stmt(l, Import{{Alias{l, std::move(m), std::move(as)}}});
}
inline StmtPtr from_import(std::string m, std::vector<std::string> names, Loc l = kL) {
  ImportFrom f;
  f.module = std::move(m);
  for (auto& n : names) f.names.push_back(Alias{l, std::move(n), ""});
  return make_stmt(l, std::move(f));
}

template <class... T> std::unique_ptr<Module> module(T&&... stmts) {
  auto m = std::make_unique<Module>();
  m->path = "t.aio";
  m->body = body(std::forward<T>(stmts)...);
  return m;
}

// Analyzes `m` (kept alive by the caller) and captures what Diagnostics prints.
struct Run {
  std::unique_ptr<Analysis> analysis;
  std::string output;
  int errors = 0;

  bool has(const std::string& text) const { return output.find(text) != std::string::npos; }
  int count(const std::string& text) const {
    int n = 0;
    for (auto p = output.find(text); p != std::string::npos; p = output.find(text, p + 1)) ++n;
    return n;
  }
  const Scope& module() const { return *analysis->module; }
};

inline Run run(const Module& m) {
  SourceFile file(m.path, m.source);
  std::FILE* out = std::tmpfile();
  Diagnostics diags(file, out);
  Run r;
  r.analysis = analyze(m, diags);
  r.errors = diags.error_count();
  std::fflush(out);
  std::rewind(out);
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, out)) > 0) r.output.append(buf, n);
  std::fclose(out);
  return r;
}

inline const Scope& child(const Scope& s, std::size_t i = 0) { return *s.children.at(i); }

}  // namespace aioc::sema::test
