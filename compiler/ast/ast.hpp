// The aioc AST: the program as the later stages see it.
//
// It mirrors CPython's `ast` module node for node and field for field (see
// https://docs.python.org/3.11/library/ast.html), so `aioc ast FILE` can print exactly
// what `ast.dump(ast.parse(src), indent=1)` prints and the parser is tested against
// CPython itself. Nodes are closed sum types: each category (Expr, Stmt, Pattern-free)
// is a std::variant of plain structs, children are owned through unique_ptr, and the
// Module is the only owner. Every node carries a source range (1-based line, 1-based
// column in code points, end exclusive) so diagnostics can point at it. ANTLR types never
// appear here; compiler/syntax builds this from the parse tree and stops.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace aioc::ast {

// A half-open source range. Lines and columns are 1-based; columns count code points.
struct Loc {
  int line = 0;
  int col = 0;
  int end_line = 0;
  int end_col = 0;
};

struct Expr;
struct Stmt;
using ExprPtr = std::unique_ptr<Expr>;
using StmtPtr = std::unique_ptr<Stmt>;
using ExprList = std::vector<ExprPtr>;
using Body = std::vector<StmtPtr>;

// Load/Store/Del, as in CPython; set by the builder from the syntactic position.
enum class Ctx { Load, Store, Del };

enum class BoolOpKind { And, Or };
#define AIOC_BINOPS(X) \
  X(Add, "+") X(Sub, "-") X(Mult, "*") X(MatMult, "@") X(Div, "/") X(Mod, "%") \
  X(Pow, "**") X(LShift, "<<") X(RShift, ">>") X(BitOr, "|") X(BitXor, "^") \
  X(BitAnd, "&") X(FloorDiv, "//")
enum class BinOpKind {
#define X(name, text) name,
  AIOC_BINOPS(X)
#undef X
};
enum class UnaryOpKind { Invert, Not, UAdd, USub };
#define AIOC_CMPOPS(X) \
  X(Eq, "==") X(NotEq, "!=") X(Lt, "<") X(LtE, "<=") X(Gt, ">") X(GtE, ">=") \
  X(Is, "is") X(IsNot, "is not") X(In, "in") X(NotIn, "not in")
enum class CmpOpKind {
#define X(name, text) name,
  AIOC_CMPOPS(X)
#undef X
};

// ---- constants -------------------------------------------------------------------------

struct NoneConst {};
struct EllipsisConst {};
// An integer literal: `text` is its decimal digits (any size; prefixes and `_` removed by
// the builder). `small` is set when it fits in int64.
struct IntConst {
  std::string decimal;
  std::optional<std::int64_t> small;
};
struct ImagConst {  // complex literal such as 3j: parsed so sema can reject it by name
  double imag = 0;
};
struct BytesConst {
  std::string bytes;
};
using ConstValue = std::variant<NoneConst, bool, IntConst, double, ImagConst, std::string,
                                BytesConst, EllipsisConst>;

// ---- expressions -----------------------------------------------------------------------

struct Keyword {  // `arg=value` at a call or class statement; arg empty for `**value`
  Loc loc;
  std::string arg;
  ExprPtr value;
};

struct Comprehension {  // one `for target in iter if cond...` clause
  ExprPtr target;
  ExprPtr iter;
  ExprList ifs;
  bool is_async = false;
};

struct Arg {
  Loc loc;
  std::string name;
  ExprPtr annotation;  // may be null
};

struct Arguments {
  std::vector<Arg> posonlyargs;
  std::vector<Arg> args;
  std::optional<Arg> vararg;
  std::vector<Arg> kwonlyargs;
  std::vector<ExprPtr> kw_defaults;  // one per kwonlyarg; null where there is none
  std::optional<Arg> kwarg;
  ExprList defaults;  // for the last len(defaults) of posonlyargs + args
};

struct BoolOp { BoolOpKind op; ExprList values; };
struct NamedExpr { ExprPtr target; ExprPtr value; };
struct BinOp { ExprPtr left; BinOpKind op; ExprPtr right; };
struct UnaryOp { UnaryOpKind op; ExprPtr operand; };
struct Lambda { std::unique_ptr<Arguments> args; ExprPtr body; };
struct IfExp { ExprPtr test; ExprPtr body; ExprPtr orelse; };
struct Dict { ExprList keys; ExprList values; };  // a null key means `**value`
struct Set { ExprList elts; };
struct ListComp { ExprPtr elt; std::vector<Comprehension> generators; };
struct SetComp { ExprPtr elt; std::vector<Comprehension> generators; };
struct DictComp { ExprPtr key; ExprPtr value; std::vector<Comprehension> generators; };
struct GeneratorExp { ExprPtr elt; std::vector<Comprehension> generators; };
struct Await { ExprPtr value; };
struct Yield { ExprPtr value; };  // value may be null
struct YieldFrom { ExprPtr value; };
struct Compare { ExprPtr left; std::vector<CmpOpKind> ops; ExprList comparators; };
struct Call { ExprPtr func; ExprList args; std::vector<Keyword> keywords; };
// conversion: -1 none, 's', 'r', 'a'. format_spec is a JoinedStr or null.
struct FormattedValue { ExprPtr value; int conversion = -1; ExprPtr format_spec; };
struct JoinedStr { ExprList values; };  // Constant(str) and FormattedValue parts
// `kind` is "u" for a u-prefixed string, as CPython records it; otherwise empty.
struct Constant { ConstValue value; std::string kind; };
struct Attribute { ExprPtr value; std::string attr; Ctx ctx = Ctx::Load; };
struct Subscript { ExprPtr value; ExprPtr slice; Ctx ctx = Ctx::Load; };
struct Starred { ExprPtr value; Ctx ctx = Ctx::Load; };
struct Name { std::string id; Ctx ctx = Ctx::Load; };
struct List { ExprList elts; Ctx ctx = Ctx::Load; };
struct Tuple { ExprList elts; Ctx ctx = Ctx::Load; };
struct Slice { ExprPtr lower; ExprPtr upper; ExprPtr step; };  // each may be null

// The X-macro lists each expression kind once; the variant, kind names and the printer
// are generated from it, so adding a node is one line here plus its handling.
#define AIOC_EXPR_KINDS(X)                                                                \
  X(BoolOp) X(NamedExpr) X(BinOp) X(UnaryOp) X(Lambda) X(IfExp) X(Dict) X(Set)           \
  X(ListComp) X(SetComp) X(DictComp) X(GeneratorExp) X(Await) X(Yield) X(YieldFrom)     \
  X(Compare) X(Call) X(FormattedValue) X(JoinedStr) X(Constant) X(Attribute)            \
  X(Subscript) X(Starred) X(Name) X(List) X(Tuple) X(Slice)

#define X(name) name,
using ExprNode = std::variant<AIOC_EXPR_KINDS(X) std::monostate>;
#undef X

struct Expr {
  Loc loc;
  ExprNode node;

  template <class T> T* as() { return std::get_if<T>(&node); }
  template <class T> const T* as() const { return std::get_if<T>(&node); }
  template <class T> bool is() const { return std::holds_alternative<T>(node); }
};

// ---- statements ------------------------------------------------------------------------

struct Alias { Loc loc; std::string name; std::string asname; };  // asname empty if none
struct WithItem { ExprPtr context_expr; ExprPtr optional_vars; };  // vars may be null
struct ExceptHandler {
  Loc loc;
  ExprPtr type;      // may be null (bare except)
  std::string name;  // empty if no `as`
  Body body;
};

// AsyncFunctionDef/AsyncFor/AsyncWith are separate kinds in CPython's ast; here they are
// the sync node with is_async set, and the printer prints CPython's names.
struct FunctionDef {
  std::string name;
  std::unique_ptr<Arguments> args;
  Body body;
  ExprList decorator_list;
  ExprPtr returns;  // may be null
  bool is_async = false;
};
struct ClassDef {
  std::string name;
  ExprList bases;
  std::vector<Keyword> keywords;
  Body body;
  ExprList decorator_list;
};
struct Return { ExprPtr value; };  // may be null
struct Delete { ExprList targets; };
struct Assign { ExprList targets; ExprPtr value; };
struct AugAssign { ExprPtr target; BinOpKind op; ExprPtr value; };
struct AnnAssign { ExprPtr target; ExprPtr annotation; ExprPtr value; bool simple = true; };
struct For { ExprPtr target; ExprPtr iter; Body body; Body orelse; bool is_async = false; };
struct While { ExprPtr test; Body body; Body orelse; };
struct If { ExprPtr test; Body body; Body orelse; };
struct With { std::vector<WithItem> items; Body body; bool is_async = false; };
struct Raise { ExprPtr exc; ExprPtr cause; };  // each may be null
// is_star: `except*` (TryStar in CPython's ast).
struct Try {
  Body body;
  std::vector<ExceptHandler> handlers;
  Body orelse;
  Body finalbody;
  bool is_star = false;
};
struct Assert { ExprPtr test; ExprPtr msg; };
struct Import { std::vector<Alias> names; };
struct ImportFrom { std::string module; std::vector<Alias> names; int level = 0; };
struct Global { std::vector<std::string> names; };
struct Nonlocal { std::vector<std::string> names; };
struct ExprStmt { ExprPtr value; };  // `Expr` in CPython's ast
struct Pass {};
struct Break {};
struct Continue {};
// A statement the grammar accepts only so sema can reject it with a named diagnostic
// (`match`, for instance). `what` names the feature: "'match' statements".
struct Unsupported { std::string what; };

#define AIOC_STMT_KINDS(X)                                                              \
  X(FunctionDef) X(ClassDef) X(Return) X(Delete) X(Assign) X(AugAssign) X(AnnAssign)    \
  X(For) X(While) X(If) X(With) X(Raise) X(Try) X(Assert) X(Import) X(ImportFrom)       \
  X(Global) X(Nonlocal) X(ExprStmt) X(Pass) X(Break) X(Continue) X(Unsupported)

#define X(name) name,
using StmtNode = std::variant<AIOC_STMT_KINDS(X) std::monostate>;
#undef X

struct Stmt {
  Loc loc;
  StmtNode node;

  template <class T> T* as() { return std::get_if<T>(&node); }
  template <class T> const T* as() const { return std::get_if<T>(&node); }
  template <class T> bool is() const { return std::holds_alternative<T>(node); }
};

struct Module {
  std::string path;    // as given on the command line; used in diagnostics and tracebacks
  std::string source;  // the whole file, UTF-8
  Body body;
};

// Helpers to build nodes tersely: make_expr<Name>(loc, Name{"x", Ctx::Load}).
template <class T> ExprPtr make_expr(Loc loc, T node) {
  return std::make_unique<Expr>(Expr{loc, ExprNode{std::move(node)}});
}
template <class T> StmtPtr make_stmt(Loc loc, T node) {
  return std::make_unique<Stmt>(Stmt{loc, StmtNode{std::move(node)}});
}

// Names of the operator enumerators as CPython's ast prints them ("Add", "NotIn", ...)
// and as source text ("+", "not in").
const char* binop_name(BinOpKind op);
const char* binop_text(BinOpKind op);
const char* cmpop_name(CmpOpKind op);
const char* cmpop_text(CmpOpKind op);

// Whether the module has `from __future__ import <feature>` (sema rejects such imports
// anywhere but at the start, so the whole body may be searched).
bool has_future_import(const Module& module, std::string_view feature);

}  // namespace aioc::ast
