// Why: the lowering of control flow that crosses cleanup code (return/break/continue
// through finally and with), of except handlers (run outside the C++ catch), of inline
// comprehension scopes and of classes is easy to break silently; these check its shape on
// parsed source.
#include <catch2/catch.hpp>

#include <cstdio>
#include <regex>
#include <string>

#include "codegen/codegen.hpp"
#include "diag/diagnostics.hpp"
#include "sema/sema.hpp"
#include "syntax/parse.hpp"

using namespace aioc;

namespace {

std::string emit_source(const std::string& source) {
  SourceFile file("t.aio", source);
  Diagnostics diags(file);
  auto module = syntax::parse_module(file, diags);
  REQUIRE_FALSE(diags.has_errors());
  auto analysis = sema::analyze(*module, diags);
  REQUIRE_FALSE(diags.has_errors());
  codegen::Options options;
  options.line_directives = false;
  return codegen::emit_cpp(*module, *analysis, options);
}

bool has(const std::string& text, const std::string& piece) {
  return text.find(piece) != std::string::npos;
}

bool matches(const std::string& text, const std::string& pattern) {
  return std::regex_search(text, std::regex(pattern));
}

}  // namespace

TEST_CASE("return inside try/finally defers through a pending action", "[codegen][control]") {
  std::string out = emit_source(
      "def f():\n"
      "    try:\n"
      "        return 1\n"
      "    finally:\n"
      "        print('cleanup')\n");
  CHECK(matches(out, R"(ret\d+ = aio::Value::from_int\(1\);\n\s*act\d+ = 2;\n\s*break;)"));
  CHECK(matches(out, R"(\} while \(false\);)"));
  CHECK(matches(out, R"(if \(act\d+ == 1\) aio::reraise\(exc\d+\);)"));
  CHECK(matches(out, R"(if \(act\d+ == 2\) \{\n\s*return ret\d+;)"));
}

TEST_CASE("break out of a with block inside a loop calls __exit__ first", "[codegen][control]") {
  std::string out = emit_source(
      "for i in range(3):\n"
      "    with open('x') as f:\n"
      "        break\n");
  CHECK(matches(out, R"(act\d+ = 3;\n\s*break;)"));
  CHECK(matches(out, R"(aioc_exit\(t\d+, exc\d+\))"));
  CHECK(matches(out, R"(if \(act\d+ == 3\) \{\n\s*break;)"));
}

TEST_CASE("except handlers run after the catch block, unmatched ones re-raise", "[codegen][control]") {
  std::string out = emit_source(
      "try:\n"
      "    x = 1\n"
      "except ValueError as e:\n"
      "    print(e)\n");
  CHECK(matches(out, R"(catch \(aio::PyException& e\) \{\n\s*e.add_traceback\(frame\);\n\s*exc\d+ = e.value\(\);\n\s*\}\n\s*if \(exc\d+.is_bound\(\)\))"));
  CHECK(matches(out, R"(aio::HandlerScope hs\{exc\d+\};)"));
  CHECK(matches(out, R"(g_e = aio::Value\(\);)"));
  CHECK(matches(out, R"(aio::reraise\(exc\d+\);)"));
}

TEST_CASE("a handler that awaits does not hold a HandlerScope", "[codegen][control]") {
  std::string out = emit_source(
      "import asyncio\n"
      "async def f():\n"
      "    try:\n"
      "        pass\n"
      "    except Exception:\n"
      "        await asyncio.sleep(0)\n");
  // (The prelude's aioc_exit has a HandlerScope of its own; the handler must not.)
  CHECK_FALSE(matches(out, R"(aio::HandlerScope hs\{)"));
  CHECK(has(out, "co_await aio::await_("));
}

TEST_CASE("except* hands each clause its match and raises the outcome", "[codegen][control]") {
  std::string out = emit_source(
      "try:\n"
      "    x = 1\n"
      "except* ValueError as eg:\n"
      "    raise\n"
      "except* TypeError:\n"
      "    pass\n");
  CHECK(matches(out, R"(aio::ExceptStar star\d+\{exc\d+\};)"));
  CHECK(matches(out, R"(aio::Value match\d+ = star\d+\.match\(t\d+\);)"));
  // A handler's raise is collected; a bare raise re-raises the clause's match.
  CHECK(matches(out, R"(aio::reraise\(match\d+\);)"));
  CHECK(matches(out, R"(star\d+\.handler_raised\(e\.value\(\)\);)"));
  CHECK(matches(out, R"(aio::Value out\d+ = star\d+\.outcome\(\);\n\s*if \(out\d+\.is_bound\(\)\) aio::reraise\(out\d+\);)"));
  CHECK(matches(out, R"(g_eg = aio::Value\(\);)"));
}

TEST_CASE("comprehensions are inline loops with their own prefixed locals", "[codegen][comprehension]") {
  std::string out = emit_source("def f(xs):\n    return [x * 2 for x in xs if x]\n");
  CHECK(matches(out, R"(aio::Value l\d+_x;)"));
  CHECK(matches(out, R"(if \(!aio::truthy\(t\d+\)\) continue;)"));
  CHECK(matches(out, R"(aio::list_append\(t\d+, t\d+\);)"));
}

TEST_CASE("classes run their body into a namespace dict; super() uses the class cell", "[codegen][class]") {
  std::string out = emit_source(
      "class A:\n"
      "    pass\n"
      "class B(A):\n"
      "    n = 1\n"
      "    def __init__(self):\n"
      "        super().__init__()\n");
  CHECK(matches(out, R"(aio::Value ns\d+ = aio::make_dict\(\);)"));
  CHECK(matches(out, R"(aio::dict_setitem\(ns\d+, k_s\d+, aio::Value::from_int\(1\)\);)"));
  CHECK(matches(out, R"(aio::make_class\(k_s\d+, t\d+, ns\d+, k_s\d+\))"));
  CHECK(has(out, "aio::super_(aioc_free(c___class__, \"__class__\"), t"));
  CHECK(matches(out, R"(aio::cell_ref\(c\d+___class__\) = t\d+;)"));
}

TEST_CASE("unbound locals raise 3.11's UnboundLocalError through aioc_local", "[codegen][names]") {
  std::string out = emit_source("def f():\n    y = x\n    x = 1\n");
  CHECK(has(out, "aioc_local(l_x, \"x\")"));
}
