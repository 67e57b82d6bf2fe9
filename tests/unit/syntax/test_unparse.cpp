// ast::unparse_annotation: the text CPython 3.11 stores for an annotation under
// `from __future__ import annotations` (expectations taken from python3's __annotations__).
#include <catch2/catch.hpp>

#include "ast/unparse.hpp"
#include "syntax_test_util.hpp"

using namespace aioc;

namespace {

// Unparses the annotation of `x: <text>`.
std::string unparse(const std::string& text) {
  auto module = test::module_of("x: " + text + "\n");
  REQUIRE(module);
  const auto* ann = module->body.at(0)->as<ast::AnnAssign>();
  REQUIRE(ann);
  return ast::unparse_annotation(*ann->annotation);
}

}  // namespace

TEST_CASE("unparse: names, subscripts and unions keep canonical spacing") {
  CHECK(unparse("int") == "int");
  CHECK(unparse("dict[ str,tuple[int, ...] ]") == "dict[str, tuple[int, ...]]");
  CHECK(unparse("int|None") == "int | None");
  CHECK(unparse("typing . Optional[ Node ]") == "typing.Optional[Node]");
}

TEST_CASE("unparse: parentheses only where precedence needs them") {
  CHECK(unparse("(-x) ** -(y ** z) - (a - (b - c))") == "(-x) ** (-y ** z) - (a - (b - c))");
  CHECK(unparse("(a + b) * c") == "(a + b) * c");
  CHECK(unparse("a + (b * c)") == "a + b * c");
  CHECK(unparse("not a and b or c if d else e") == "not a and b or c if d else e");
  CHECK(unparse("(a if b else c) if d else e") == "(a if b else c) if d else e");
  CHECK(unparse("lambda: 0") == "lambda: 0");
  CHECK(unparse("lambda x, *ys, k=1, **kw: x") == "lambda x, *ys, k=1, **kw: x");
}

TEST_CASE("unparse: constants by repr, f-strings re-quoted") {
  CHECK(unparse("'quoted'") == "'quoted'");
  CHECK(unparse("\"it's\"") == "\"it's\"");
  CHECK(unparse("1e400") == "1e309");
  CHECK(unparse("1 .real") == "1 .real");
  CHECK(unparse("(1,)") == "(1,)");
  CHECK(unparse("()") == "()");
  CHECK(unparse("f'{x!r:>{w}} {{lit}}'") == "f'{x!r:>{w}} {{lit}}'");
}

TEST_CASE("unparse: comprehensions and calls") {
  CHECK(unparse("[x for x in y if x]") == "[x for x in y if x]");
  CHECK(unparse("f(x for x in y)") == "f(x for x in y)");
  CHECK(unparse("f(*a, k=2, **kw)[1:2, ::3]") == "f(*a, k=2, **kw)[1:2, ::3]");
  CHECK(unparse("{1: 2, **m} | {3, 4}") == "{1: 2, **m} | {3, 4}");
}
