// The AST printer: aioc's AST described as CPython 3.11's ast module sees it, then laid
// out by format_dump() (dump_value.hpp), so `aioc ast` prints exactly what
// ast.dump(ast.parse(src), indent=1) prints.
//
// Field lists follow CPython's ASDL (Parser/Python.asdl) in order. Optional fields that
// are absent are left out, as ast.dump omits None for `?` fields; list fields always
// print, even empty; None inside a list (a `**` key of a dict, a missing keyword-only
// default) prints as None. aioc folds AsyncFunctionDef/AsyncFor/AsyncWith and TryStar into
// flags on the plain nodes; CPython's class names are chosen here.
#include "ast/ast_printer.hpp"

#include <variant>

#include "ast/dump_value.hpp"
#include "ast/py_repr.hpp"

namespace aioc::ast {

namespace {

using V = DumpValue;

V describe(const Expr& e);
V describe(const Stmt& s);

V str(const std::string& s) { return V::repr(py_repr_str(s)); }
V integer(long v) { return V::repr(std::to_string(v)); }
V or_none(const ExprPtr& e) { return e ? describe(*e) : V::repr("None"); }

V exprs(const ExprList& list) {
  V out = V::list();
  for (const ExprPtr& e : list) out.item(or_none(e));
  return out;
}

V body(const Body& stmts) {
  V out = V::list();
  for (const StmtPtr& s : stmts) out.item(describe(*s));
  return out;
}

V& optional(V& n, const char* name, const ExprPtr& e) { return e ? n.field(name, describe(*e)) : n; }
V& optional(V& n, const char* name, const std::string& s) {
  return s.empty() ? n : n.field(name, str(s));
}

V context(Ctx ctx) { return V::node(ctx == Ctx::Load ? "Load" : ctx == Ctx::Store ? "Store" : "Del"); }

const char* unaryop_name(UnaryOpKind op) {
  switch (op) {
    case UnaryOpKind::Invert: return "Invert";
    case UnaryOpKind::Not: return "Not";
    case UnaryOpKind::UAdd: return "UAdd";
    case UnaryOpKind::USub: return "USub";
  }
  return "?";
}

V constant_value(const ConstValue& value) {
  struct {
    V operator()(NoneConst) const { return V::repr("None"); }
    V operator()(bool b) const { return V::repr(b ? "True" : "False"); }
    V operator()(const IntConst& i) const { return V::repr(i.decimal); }
    V operator()(double d) const { return V::repr(py_repr_float(d)); }
    V operator()(const ImagConst& c) const { return V::repr(py_repr_imag(c.imag)); }
    V operator()(const std::string& s) const { return str(s); }
    V operator()(const BytesConst& b) const { return V::repr(py_repr_bytes(b.bytes)); }
    V operator()(EllipsisConst) const { return V::repr("Ellipsis"); }
  } visitor;
  return std::visit(visitor, value);
}

V arg(const Arg& a) {
  V n = V::node("arg");
  n.field("arg", str(a.name));
  return optional(n, "annotation", a.annotation);
}

V args_list(const std::vector<Arg>& args) {
  V out = V::list();
  for (const Arg& a : args) out.item(arg(a));
  return out;
}

V arguments(const Arguments& a) {
  V n = V::node("arguments");
  n.field("posonlyargs", args_list(a.posonlyargs)).field("args", args_list(a.args));
  if (a.vararg) n.field("vararg", arg(*a.vararg));
  n.field("kwonlyargs", args_list(a.kwonlyargs)).field("kw_defaults", exprs(a.kw_defaults));
  if (a.kwarg) n.field("kwarg", arg(*a.kwarg));
  return n.field("defaults", exprs(a.defaults));
}

V keywords(const std::vector<Keyword>& kws) {
  V out = V::list();
  for (const Keyword& k : kws) {
    V n = V::node("keyword");
    optional(n, "arg", k.arg).field("value", describe(*k.value));
    out.item(std::move(n));
  }
  return out;
}

V generators(const std::vector<Comprehension>& gens) {
  V out = V::list();
  for (const Comprehension& c : gens) {
    V n = V::node("comprehension");
    n.field("target", describe(*c.target)).field("iter", describe(*c.iter));
    n.field("ifs", exprs(c.ifs)).field("is_async", integer(c.is_async ? 1 : 0));
    out.item(std::move(n));
  }
  return out;
}

V aliases(const std::vector<Alias>& names) {
  V out = V::list();
  for (const Alias& a : names) {
    V n = V::node("alias");
    out.item(std::move(optional(n.field("name", str(a.name)), "asname", a.asname)));
  }
  return out;
}

V comprehension_node(const char* cls, const ExprPtr& elt, const std::vector<Comprehension>& g) {
  return std::move(V::node(cls).field("elt", describe(*elt)).field("generators", generators(g)));
}

// One overload per expression kind, in ast.hpp's order.
struct ExprDescriber {
  V operator()(const BoolOp& e) const {
    return std::move(V::node("BoolOp")
                         .field("op", V::node(e.op == BoolOpKind::And ? "And" : "Or"))
                         .field("values", exprs(e.values)));
  }
  V operator()(const NamedExpr& e) const {
    return std::move(
        V::node("NamedExpr").field("target", describe(*e.target)).field("value", describe(*e.value)));
  }
  V operator()(const BinOp& e) const {
    return std::move(V::node("BinOp")
                         .field("left", describe(*e.left))
                         .field("op", V::node(binop_name(e.op)))
                         .field("right", describe(*e.right)));
  }
  V operator()(const UnaryOp& e) const {
    return std::move(
        V::node("UnaryOp").field("op", V::node(unaryop_name(e.op))).field("operand", describe(*e.operand)));
  }
  V operator()(const Lambda& e) const {
    return std::move(V::node("Lambda").field("args", arguments(*e.args)).field("body", describe(*e.body)));
  }
  V operator()(const IfExp& e) const {
    return std::move(V::node("IfExp")
                         .field("test", describe(*e.test))
                         .field("body", describe(*e.body))
                         .field("orelse", describe(*e.orelse)));
  }
  V operator()(const Dict& e) const {
    return std::move(V::node("Dict").field("keys", exprs(e.keys)).field("values", exprs(e.values)));
  }
  V operator()(const Set& e) const { return std::move(V::node("Set").field("elts", exprs(e.elts))); }
  V operator()(const ListComp& e) const { return comprehension_node("ListComp", e.elt, e.generators); }
  V operator()(const SetComp& e) const { return comprehension_node("SetComp", e.elt, e.generators); }
  V operator()(const DictComp& e) const {
    return std::move(V::node("DictComp")
                         .field("key", describe(*e.key))
                         .field("value", describe(*e.value))
                         .field("generators", generators(e.generators)));
  }
  V operator()(const GeneratorExp& e) const {
    return comprehension_node("GeneratorExp", e.elt, e.generators);
  }
  V operator()(const Await& e) const { return std::move(V::node("Await").field("value", describe(*e.value))); }
  V operator()(const Yield& e) const {
    V n = V::node("Yield");
    return std::move(optional(n, "value", e.value));
  }
  V operator()(const YieldFrom& e) const {
    return std::move(V::node("YieldFrom").field("value", describe(*e.value)));
  }
  V operator()(const Compare& e) const {
    V ops = V::list();
    for (CmpOpKind op : e.ops) ops.item(V::node(cmpop_name(op)));
    return std::move(V::node("Compare")
                         .field("left", describe(*e.left))
                         .field("ops", std::move(ops))
                         .field("comparators", exprs(e.comparators)));
  }
  V operator()(const Call& e) const {
    return std::move(V::node("Call")
                         .field("func", describe(*e.func))
                         .field("args", exprs(e.args))
                         .field("keywords", keywords(e.keywords)));
  }
  V operator()(const FormattedValue& e) const {
    V n = V::node("FormattedValue");
    n.field("value", describe(*e.value)).field("conversion", integer(e.conversion));
    return std::move(optional(n, "format_spec", e.format_spec));
  }
  V operator()(const JoinedStr& e) const {
    return std::move(V::node("JoinedStr").field("values", exprs(e.values)));
  }
  V operator()(const Constant& e) const {
    V n = V::node("Constant");
    n.field("value", constant_value(e.value));
    return std::move(optional(n, "kind", e.kind));
  }
  V operator()(const Attribute& e) const {
    return std::move(V::node("Attribute")
                         .field("value", describe(*e.value))
                         .field("attr", str(e.attr))
                         .field("ctx", context(e.ctx)));
  }
  V operator()(const Subscript& e) const {
    return std::move(V::node("Subscript")
                         .field("value", describe(*e.value))
                         .field("slice", describe(*e.slice))
                         .field("ctx", context(e.ctx)));
  }
  V operator()(const Starred& e) const {
    return std::move(V::node("Starred").field("value", describe(*e.value)).field("ctx", context(e.ctx)));
  }
  V operator()(const Name& e) const {
    return std::move(V::node("Name").field("id", str(e.id)).field("ctx", context(e.ctx)));
  }
  V operator()(const List& e) const {
    return std::move(V::node("List").field("elts", exprs(e.elts)).field("ctx", context(e.ctx)));
  }
  V operator()(const Tuple& e) const {
    return std::move(V::node("Tuple").field("elts", exprs(e.elts)).field("ctx", context(e.ctx)));
  }
  V operator()(const Slice& e) const {
    V n = V::node("Slice");
    optional(n, "lower", e.lower);
    optional(n, "upper", e.upper);
    return std::move(optional(n, "step", e.step));
  }
  V operator()(std::monostate) const { return V::node("Invalid"); }
};

V handlers(const std::vector<ExceptHandler>& hs) {
  V out = V::list();
  for (const ExceptHandler& h : hs) {
    V n = V::node("ExceptHandler");
    optional(n, "type", h.type);
    optional(n, "name", h.name);
    out.item(std::move(n.field("body", body(h.body))));
  }
  return out;
}

V with_items(const std::vector<WithItem>& items) {
  V out = V::list();
  for (const WithItem& w : items) {
    V n = V::node("withitem");
    n.field("context_expr", describe(*w.context_expr));
    out.item(std::move(optional(n, "optional_vars", w.optional_vars)));
  }
  return out;
}

// One overload per statement kind, in ast.hpp's order.
struct StmtDescriber {
  V operator()(const FunctionDef& s) const {
    V n = V::node(s.is_async ? "AsyncFunctionDef" : "FunctionDef");
    n.field("name", str(s.name)).field("args", arguments(*s.args)).field("body", body(s.body));
    n.field("decorator_list", exprs(s.decorator_list));
    return std::move(optional(n, "returns", s.returns));
  }
  V operator()(const ClassDef& s) const {
    return std::move(V::node("ClassDef")
                         .field("name", str(s.name))
                         .field("bases", exprs(s.bases))
                         .field("keywords", keywords(s.keywords))
                         .field("body", body(s.body))
                         .field("decorator_list", exprs(s.decorator_list)));
  }
  V operator()(const Return& s) const {
    V n = V::node("Return");
    return std::move(optional(n, "value", s.value));
  }
  V operator()(const Delete& s) const { return std::move(V::node("Delete").field("targets", exprs(s.targets))); }
  V operator()(const Assign& s) const {
    return std::move(V::node("Assign").field("targets", exprs(s.targets)).field("value", describe(*s.value)));
  }
  V operator()(const AugAssign& s) const {
    return std::move(V::node("AugAssign")
                         .field("target", describe(*s.target))
                         .field("op", V::node(binop_name(s.op)))
                         .field("value", describe(*s.value)));
  }
  V operator()(const AnnAssign& s) const {
    V n = V::node("AnnAssign");
    n.field("target", describe(*s.target)).field("annotation", describe(*s.annotation));
    optional(n, "value", s.value);
    return std::move(n.field("simple", integer(s.simple ? 1 : 0)));
  }
  V operator()(const For& s) const {
    return std::move(V::node(s.is_async ? "AsyncFor" : "For")
                         .field("target", describe(*s.target))
                         .field("iter", describe(*s.iter))
                         .field("body", body(s.body))
                         .field("orelse", body(s.orelse)));
  }
  V operator()(const While& s) const {
    return std::move(V::node("While")
                         .field("test", describe(*s.test))
                         .field("body", body(s.body))
                         .field("orelse", body(s.orelse)));
  }
  V operator()(const If& s) const {
    return std::move(V::node("If")
                         .field("test", describe(*s.test))
                         .field("body", body(s.body))
                         .field("orelse", body(s.orelse)));
  }
  V operator()(const With& s) const {
    return std::move(V::node(s.is_async ? "AsyncWith" : "With")
                         .field("items", with_items(s.items))
                         .field("body", body(s.body)));
  }
  V operator()(const Raise& s) const {
    V n = V::node("Raise");
    optional(n, "exc", s.exc);
    return std::move(optional(n, "cause", s.cause));
  }
  V operator()(const Try& s) const {
    return std::move(V::node(s.is_star ? "TryStar" : "Try")
                         .field("body", body(s.body))
                         .field("handlers", handlers(s.handlers))
                         .field("orelse", body(s.orelse))
                         .field("finalbody", body(s.finalbody)));
  }
  V operator()(const Assert& s) const {
    V n = V::node("Assert");
    n.field("test", describe(*s.test));
    return std::move(optional(n, "msg", s.msg));
  }
  V operator()(const Import& s) const { return std::move(V::node("Import").field("names", aliases(s.names))); }
  V operator()(const ImportFrom& s) const {
    V n = V::node("ImportFrom");
    optional(n, "module", s.module);
    return std::move(n.field("names", aliases(s.names)).field("level", integer(s.level)));
  }
  V operator()(const Global& s) const { return std::move(V::node("Global").field("names", strings(s.names))); }
  V operator()(const Nonlocal& s) const {
    return std::move(V::node("Nonlocal").field("names", strings(s.names)));
  }
  V operator()(const ExprStmt& s) const { return std::move(V::node("Expr").field("value", describe(*s.value))); }
  V operator()(const Pass&) const { return V::node("Pass"); }
  V operator()(const Break&) const { return V::node("Break"); }
  V operator()(const Continue&) const { return V::node("Continue"); }
  V operator()(const Unsupported& s) const {
    return std::move(V::node("Unsupported").field("what", str(s.what)));
  }
  V operator()(std::monostate) const { return V::node("Invalid"); }

  static V strings(const std::vector<std::string>& names) {
    V out = V::list();
    for (const std::string& name : names) out.item(str(name));
    return out;
  }
};

V describe(const Expr& e) { return std::visit(ExprDescriber{}, e.node); }
V describe(const Stmt& s) { return std::visit(StmtDescriber{}, s.node); }

}  // namespace

std::string dump(const Module& module) {
  V n = V::node("Module");
  n.field("body", body(module.body)).field("type_ignores", V::list());
  return format_dump(n);
}

}  // namespace aioc::ast
