// Why: emitted C++ must compile warning-free (-Wall -Wextra -Werror) against the runtime
// headers; this runs g++ -fsyntax-only on the output for small hand-built modules, so a
// contract mismatch shows up here before any end-to-end test.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "ast_builders.hpp"
#include "codegen/codegen.hpp"
#include "diag/diagnostics.hpp"
#include "sema/sema.hpp"

using namespace aioc;
using namespace aioc::test;

namespace {

const std::filesystem::path kRuntimeInclude = AIOC_TEST_RUNTIME_INCLUDE;

// Emits `m` and compiles it with -fsyntax-only; returns the compiler's exit status.
int compile(ast::Module& m, const std::string& stem) {
  SourceFile file(m.path, m.source);
  std::FILE* sink = std::fopen("/dev/null", "w");
  Diagnostics diags(file, sink);
  auto analysis = sema::analyze(m, diags);
  std::fclose(sink);
  std::string cpp = codegen::emit_cpp(m, *analysis);
  auto path = std::filesystem::temp_directory_path() / (stem + ".cpp");
  std::ofstream(path) << cpp;
  std::string cmd = "g++ -std=c++20 -fsyntax-only -Wall -Wextra -Werror -I" +
                    kRuntimeInclude.string() + " " + path.string() + " 2>" + path.string() +
                    ".log";
  return std::system(cmd.c_str());
}

}  // namespace

TEST_CASE("a module with arithmetic, calls and a plain def compiles", "[codegen][compile]") {
  ast::Module m;
  m.path = "c1.aio";
  m.source = "def add(a, b):\n    return a + b\nx = add(1, 2)\nprint(x)\n";
  m.body = body(def("add", {"a", "b"},
                    body(ast::make_stmt(at(2), ast::Return{binop(name("a", 2), ast::BinOpKind::Add,
                                                                 name("b", 2), 2)})),
                    false, 1),
                assign("x", call(name("add", 3), list(integer(1, 3), integer(2, 3)), 3), 3),
                expr_stmt(call(name("print", 4), list(name("x", 4)), 4), 4));
  CHECK(compile(m, "aioc_codegen_c1") == 0);
}

TEST_CASE("an async def with await compiles", "[codegen][compile]") {
  if (!std::filesystem::exists(kRuntimeInclude / "aio/asyncio_module.hpp")) {
    WARN("runtime has no asyncio_module.hpp yet; skipped");
    return;
  }
  ast::Module m;
  m.path = "c2.aio";
  m.source = "import asyncio\nasync def main(d):\n    await asyncio.sleep(d)\n";
  m.body = body(import("asyncio", 1),
                def("main", {"d"},
                    body(expr_stmt(await_(call(attr(name("asyncio", 3), "sleep", 3),
                                               list(name("d", 3)), 3), 3), 3)),
                    true, 2));
  CHECK(compile(m, "aioc_codegen_c2") == 0);
}
