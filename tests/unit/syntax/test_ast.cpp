// AST shape for small inputs (compared with what CPython's ast.dump prints) and the
// source ranges the builder records.
#include <catch2/catch.hpp>

#include "syntax_test_util.hpp"

using namespace aioc;

namespace {

std::string dump(const std::string& source) {
  test::ParseResult r = test::parse(source);
  INFO(r.diagnostics);
  REQUIRE(r.errors == 0);
  return r.dump;
}

// The one-line form of a dump, for compact expectations.
std::string flat(const std::string& source) {
  std::string text = dump(source), out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n') {
      out += text[i];
      continue;
    }
    while (i + 1 < text.size() && text[i + 1] == ' ') ++i;
    if (!out.empty() && out.back() == ',') out += ' ';
  }
  return out;
}

const ast::Expr& first_value(const ast::Module& m) {
  return *m.body.at(0)->as<ast::ExprStmt>()->value;
}

}  // namespace

TEST_CASE("the printer lays out nodes like ast.dump(indent=1)", "[ast]") {
  CHECK(dump("x\n") ==
        "Module(\n"
        " body=[\n"
        "  Expr(\n"
        "   value=Name(id='x', ctx=Load()))],\n"
        " type_ignores=[])");
  CHECK(dump("") == "Module(body=[], type_ignores=[])");
}

TEST_CASE("operator precedence and associativity", "[ast]") {
  CHECK(flat("a + b * c\n").find("BinOp(left=Name(id='a', ctx=Load()), op=Add(), right=BinOp(") !=
        std::string::npos);
  CHECK(flat("a - b - c\n").find("BinOp(left=BinOp(left=Name(id='a'") != std::string::npos);
  CHECK(flat("-2 ** -1\n").find("UnaryOp(op=USub(), operand=BinOp(left=Constant(value=2), op=Pow(), "
                                "right=UnaryOp(op=USub()") != std::string::npos);
  CHECK(flat("a ** b ** c\n").find("op=Pow(), right=BinOp(") != std::string::npos);
  CHECK(flat("not a == b\n").find("UnaryOp(op=Not(), operand=Compare(") != std::string::npos);
  CHECK(flat("a or b and c\n").find("BoolOp(op=Or(), values=[Name(id='a', ctx=Load()), BoolOp(op=And()") !=
        std::string::npos);
}

TEST_CASE("chained comparisons are one Compare", "[ast]") {
  CHECK(flat("a < b <= c is not d not in e\n")
            .find("ops=[Lt(), LtE(), IsNot(), NotIn()]") != std::string::npos);
}

TEST_CASE("assignment targets get Store, del targets Del", "[ast]") {
  std::string a = flat("a, [b, *c] = d.e[f] = g\n");
  CHECK(a.find("Tuple(elts=[Name(id='a', ctx=Store()), List(elts=[Name(id='b', ctx=Store()), "
               "Starred(value=Name(id='c', ctx=Store()), ctx=Store())], ctx=Store())], ctx=Store())") !=
        std::string::npos);
  CHECK(a.find("Subscript(value=Attribute(value=Name(id='d', ctx=Load()), attr='e', ctx=Load()), "
               "slice=Name(id='f', ctx=Load()), ctx=Store())") != std::string::npos);
  CHECK(flat("del x, y[0]\n").find("targets=[Name(id='x', ctx=Del()), Subscript(") != std::string::npos);
}

TEST_CASE("elif chains nest in orelse", "[ast]") {
  std::string s = flat("if a:\n  pass\nelif b:\n  pass\nelse:\n  pass\n");
  CHECK(s.find("orelse=[If(test=Name(id='b', ctx=Load()), body=[Pass()], orelse=[Pass()])]") !=
        std::string::npos);
}

TEST_CASE("async constructs print CPython's class names", "[ast]") {
  std::string s = flat(
      "async def f():\n  async for x in y:\n    pass\n  async with a as b:\n    pass\n"
      "  [z async for z in w]\n");
  CHECK(s.find("AsyncFunctionDef(name='f'") != std::string::npos);
  CHECK(s.find("AsyncFor(target=Name(id='x', ctx=Store())") != std::string::npos);
  CHECK(s.find("AsyncWith(items=[withitem(") != std::string::npos);
  CHECK(s.find("is_async=1") != std::string::npos);
}

TEST_CASE("parameters are sorted into arguments", "[ast]") {
  std::string s = flat("def f(a, b=1, /, c=2, *d, e, f=3, **g): pass\n");
  CHECK(s.find("arguments(posonlyargs=[arg(arg='a'), arg(arg='b')], args=[arg(arg='c')], "
               "vararg=arg(arg='d'), kwonlyargs=[arg(arg='e'), arg(arg='f')], "
               "kw_defaults=[None, Constant(value=3)], kwarg=arg(arg='g'), "
               "defaults=[Constant(value=1), Constant(value=2)])") != std::string::npos);
}

TEST_CASE("a sole generator argument needs no parentheses", "[ast]") {
  CHECK(flat("f(x for x in y)\n").find("args=[GeneratorExp(elt=Name(id='x'") != std::string::npos);
}

TEST_CASE("parenthesized with items and tuples", "[ast]") {
  CHECK(flat("with (a, b): pass\n").find("items=[withitem(context_expr=Name(id='a', ctx=Load())), "
                                         "withitem(context_expr=Name(id='b', ctx=Load()))]") !=
        std::string::npos);
  CHECK(flat("with (a, b) as c: pass\n").find("withitem(context_expr=Tuple(") != std::string::npos);
}

TEST_CASE("match statements become Unsupported", "[ast]") {
  CHECK(flat("match x:\n  case [1, *r] if r: pass\n  case {'k': v}: pass\n") ==
        "Module(body=[Unsupported(what=\"'match' statements\")], type_ignores=[])");
  CHECK(flat("match = 1\nmatch(x)\n").find("Assign(targets=[Name(id='match', ctx=Store())]") !=
        std::string::npos);
}

TEST_CASE("nodes carry 1-based, end-exclusive ranges", "[ast]") {
  auto m = test::module_of("x = foo(1,\n        2)\n");
  REQUIRE(m);
  const ast::Stmt& s = *m->body.at(0);
  CHECK(s.loc.line == 1);
  CHECK(s.loc.col == 1);
  CHECK(s.loc.end_line == 2);
  CHECK(s.loc.end_col == 11);
  const ast::Expr& call = *s.as<ast::Assign>()->value;
  CHECK(call.loc.col == 5);
  CHECK(call.as<ast::Call>()->args.at(1)->loc.line == 2);
  CHECK(call.as<ast::Call>()->args.at(1)->loc.col == 9);
}

TEST_CASE("columns count code points, not bytes", "[ast]") {
  auto m = test::module_of("'한국어' + 이름\n");
  REQUIRE(m);
  const ast::Expr& e = first_value(*m);
  CHECK(e.as<ast::BinOp>()->right->loc.col == 9);
  CHECK(e.as<ast::BinOp>()->right->loc.end_col == 11);
}

TEST_CASE("a compound statement spans its whole body; decorators are not included", "[ast]") {
  auto m = test::module_of("@d\ndef f():\n    a\n    b\n");
  REQUIRE(m);
  const ast::Stmt& s = *m->body.at(0);
  CHECK(s.loc.line == 2);
  CHECK(s.loc.end_line == 4);
  CHECK(s.loc.end_col == 6);
}

TEST_CASE("f-string fields are located inside the string", "[ast]") {
  auto m = test::module_of("x = f'ab{cd}'\n");
  REQUIRE(m);
  const auto* joined = m->body.at(0)->as<ast::Assign>()->value->as<ast::JoinedStr>();
  REQUIRE(joined);
  const auto* field = joined->values.at(1)->as<ast::FormattedValue>();
  REQUIRE(field);
  CHECK(field->value->loc.line == 1);
  CHECK(field->value->loc.col == 10);
  CHECK(field->value->loc.end_col == 12);
}
