// Every sema diagnostic, once each, on the smallest AST that triggers it; the Python each
// AST stands for is in the comment, and CPython 3.11 gives the same message for it.
#include <catch2/catch.hpp>

#include "ast_build.hpp"

using namespace aioc::sema;
using namespace aioc::sema::test;

namespace {

// Runs `m`, requires exactly one error, and returns the output for further checks.
std::string only_error(const Module& m, const std::string& text) {
  auto r = run(m);
  INFO(r.output);
  CHECK(r.errors == 1);
  CHECK(r.has(text));
  return r.output;
}

}  // namespace

TEST_CASE("await placement", "[sema][diag]") {
  SECTION("await x  (module)") {
    auto m = module(expr(await_(name("print"))));
    only_error(*m, "error: 'await' outside function [AwaitOutsideFunction]");
  }
  SECTION("class C: await x") {
    auto m = module(cls("C", body(expr(await_(name("print"))))));
    only_error(*m, "'await' outside function");
  }
  SECTION("def f(): x = await g()  -- with the location") {
    auto m = module(def("f", {}, body(assign(store("x"), await_(call(name("f")), at(2, 9))))));
    only_error(*m, "t.aio:2:9: error: 'await' outside async function [AwaitOutsideAsync]");
  }
  SECTION("async def f(): g = lambda: await x") {
    auto m = module(async_def("f", {}, body(expr(lambda({}, await_(name("f")))))));
    only_error(*m, "'await' outside async function");
  }
  SECTION("async def f(): return [await x for x in y]  is fine") {
    auto m = module(async_def("f", {"y"}, body(ret(listcomp(await_(name("x")),
        gens(gen(store("x"), name("y"))))))));
    CHECK(run(*m).errors == 0);
  }
  SECTION("def f(): return (await x for x in y)  is an async genexp, fine") {
    auto m = module(def("f", {"y"}, body(ret(genexp(await_(name("x")),
        gens(gen(store("x"), name("y"))))))));
    CHECK(run(*m).errors == 0);
  }
  SECTION("def f(): return [await x for x in y]") {
    auto m = module(def("f", {"y"}, body(ret(listcomp(await_(name("x")),
        gens(gen(store("x"), name("y"))))))));
    only_error(*m, "asynchronous comprehension outside of an asynchronous function "
                   "[AsyncComprehensionOutsideAsync]");
  }
  SECTION("[x async for x in y]  at module level") {
    auto m = module(expr(listcomp(name("x"), gens(gen(store("x"), name("print"), true)))));
    only_error(*m, "asynchronous comprehension outside of an asynchronous function");
  }
}

TEST_CASE("async for / async with outside async def", "[sema][diag]") {
  SECTION("def f(): async for x in y: pass") {
    auto m = module(def("f", {"y"}, body(for_(store("x"), name("y"), body(pass()), {}, true))));
    only_error(*m, "'async for' outside async function [AsyncForOutsideAsync]");
  }
  SECTION("def f(): async with y: pass") {
    auto m = module(def("f", {"y"}, body(with_(name("y"), nullptr, body(pass()), true))));
    only_error(*m, "'async with' outside async function [AsyncWithOutsideAsync]");
  }
}

TEST_CASE("yield and return placement", "[sema][diag]") {
  SECTION("yield 1  (module)") {
    auto m = module(expr(yield_(int_(1))));
    only_error(*m, "'yield' outside function [YieldOutsideFunction]");
  }
  SECTION("return 1  (module)") {
    auto m = module(ret(int_(1)));
    only_error(*m, "'return' outside function [ReturnOutsideFunction]");
  }
  SECTION("async def f(): yield 1; return 2") {
    auto m = module(async_def("f", {}, body(expr(yield_(int_(1))), ret(int_(2)))));
    only_error(*m, "'return' with value in async generator [ReturnValueInAsyncGenerator]");
  }
  SECTION("async def f(): yield 1; return  is fine") {
    auto m = module(async_def("f", {}, body(expr(yield_(int_(1))), ret())));
    CHECK(run(*m).errors == 0);
  }
  SECTION("async def f(): yield from g") {
    auto m = module(async_def("f", {}, body(expr(yield_from(name("f"))))));
    only_error(*m, "'yield from' inside async function [YieldFromInsideAsync]");
  }
  SECTION("def f(y): return [(yield x) for x in y]") {
    auto m = module(def("f", {"y"}, body(ret(listcomp(yield_(name("x")),
        gens(gen(store("x"), name("y"))))))));
    only_error(*m, "'yield' inside list comprehension [YieldInComprehension]");
  }
  SECTION("def f(y): return ((yield x) for x in y)") {
    auto m = module(def("f", {"y"}, body(ret(genexp(yield_(name("x")),
        gens(gen(store("x"), name("y"))))))));
    only_error(*m, "'yield' inside generator expression");
  }
}

TEST_CASE("break and continue", "[sema][diag]") {
  SECTION("break  (module)") {
    only_error(*module(brk()), "'break' outside loop [BreakOutsideLoop]");
  }
  SECTION("continue  (module)") {
    only_error(*module(cont()), "'continue' not properly in loop [ContinueOutsideLoop]");
  }
  SECTION("for-else: break in else is outside the loop") {
    auto m = module(for_(store("x"), name("range"), body(pass()), body(brk())));
    only_error(*m, "'break' outside loop");
  }
  SECTION("while 1: class C: break") {
    auto m = module(while_(int_(1), body(cls("C", body(brk())))));
    only_error(*m, "'break' outside loop");
  }
  SECTION("while 1: def f(): continue") {
    auto m = module(while_(int_(1), body(def("f", {}, body(cont())))));
    only_error(*m, "'continue' not properly in loop");
  }
  SECTION("for x in y: try: pass except* E: break") {
    auto m = module(for_(store("x"), name("range"), body(try_(body(pass()), true,
        handler(name("ValueError"), "", body(brk()))))));
    only_error(*m, "'break', 'continue' and 'return' cannot appear in an except* block "
                   "[JumpInExceptStar]");
  }
  SECTION("def f(): try: pass except* E: return") {
    auto m = module(def("f", {}, body(try_(body(pass()), true,
        handler(name("ValueError"), "", body(ret()))))));
    only_error(*m, "cannot appear in an except* block");
  }
  SECTION("try: pass except* E: for x in y: break  is fine") {
    auto m = module(try_(body(pass()), true, handler(name("ValueError"), "",
        body(for_(store("x"), name("range"), body(brk()))))));
    CHECK(run(*m).errors == 0);
  }
}

TEST_CASE("except clauses", "[sema][diag]") {
  // try: pass / except: pass / except ValueError: pass
  auto m = module(try_(body(pass()), false, handler(nullptr, "", body(pass()), at(3)),
                       handler(name("ValueError"), "", body(pass()), at(5))));
  auto out = only_error(*m, "t.aio:3:1: error: default 'except:' must be last [DefaultExceptNotLast]");
}

TEST_CASE("global and nonlocal errors", "[sema][diag]") {
  SECTION("nonlocal x  (module)") {
    only_error(*module(nonlocal({"x"})),
               "nonlocal declaration not allowed at module level [NonlocalAtModuleLevel]");
  }
  SECTION("def f(): nonlocal x") {
    only_error(*module(def("f", {}, body(nonlocal({"x"})))),
               "no binding for nonlocal 'x' found [NoBindingForNonlocal]");
  }
  SECTION("class C: nonlocal x") {
    only_error(*module(cls("C", body(nonlocal({"x"})))), "no binding for nonlocal 'x' found");
  }
  SECTION("def f(x): global x") {
    only_error(*module(def("f", {"x"}, body(global({"x"})))),
               "name 'x' is parameter and global [ParameterAndGlobal]");
  }
  SECTION("def f(x): nonlocal x") {
    only_error(*module(def("f", {"x"}, body(nonlocal({"x"})))), "name 'x' is parameter and nonlocal");
  }
  SECTION("def f(): print(x); global x") {
    auto m = module(assign(store("x"), int_(0)),
                    def("f", {}, body(expr(call(name("print"), exprs(name("x")))), global({"x"}))));
    only_error(*m, "name 'x' is used prior to global declaration [UsedPriorToGlobal]");
  }
  SECTION("def f(): x = 1; global x") {
    auto m = module(def("f", {}, body(assign(store("x"), int_(1)), global({"x"}))));
    only_error(*m, "name 'x' is assigned to before global declaration [AssignedBeforeGlobal]");
  }
  SECTION("nonlocal and global") {
    auto m = module(def("f", {}, body(assign(store("x"), int_(1)),
        def("g", {}, body(global({"x"}, at(4, 9)), nonlocal({"x"}, at(5, 9)))))));
    only_error(*m, "t.aio:4:9: error: name 'x' is nonlocal and global [NonlocalAndGlobal]");
  }
  SECTION("def f(a, b, a): pass") {
    auto args = params({"a", "b"});
    args->args.push_back(Arg{at(1, 13), "a", nullptr});
    FunctionDef f;
    f.name = "f";
    f.args = std::move(args);
    f.body = body(pass());
    auto m = module(make_stmt(kL, std::move(f)));
    only_error(*m, "t.aio:1:13: error: duplicate argument 'a' in function definition");
  }
  SECTION("def f(): from asyncio import *") {
    auto m = module(def("f", {}, body(from_import("asyncio", {"*"}))));
    auto r = run(*m);
    CHECK(r.has("import * only allowed at module level [ImportStarNotAtModuleLevel]"));
  }
}

TEST_CASE("walrus restrictions", "[sema][diag]") {
  SECTION("def f(z): [(x := 1) for x in z]") {
    auto m = module(def("f", {"z"}, body(expr(listcomp(walrus("x", int_(1)),
        gens(gen(store("x"), name("z"))))))));
    only_error(*m, "assignment expression cannot rebind comprehension iteration variable 'x'");
  }
  SECTION("class C: [(y := 1) for x in z]") {
    auto m = module(cls("C", body(expr(listcomp(walrus("y", int_(1)),
        gens(gen(store("x"), name("range"))))))));
    only_error(*m, "assignment expression within a comprehension cannot be used in a class body");
  }
  SECTION("[x for x in (y := z)]") {
    auto m = module(expr(listcomp(name("x"), gens(gen(store("x"), walrus("y", name("range")))))));
    only_error(*m, "assignment expression cannot be used in a comprehension iterable expression");
  }
}

TEST_CASE("assignment targets", "[sema][diag]") {
  SECTION("*a = x") {
    auto m = module(assign(starred(store("a")), name("range")));
    only_error(*m, "starred assignment target must be in a list or tuple [StarredTargetAlone]");
  }
  SECTION("a, *b, *c = x") {
    auto m = module(assign(tuple(exprs(store("a"), starred(store("b")), starred(store("c")))),
                           name("range")));
    only_error(*m, "multiple starred expressions in assignment [MultipleStarredTargets]");
  }
  SECTION("a, *b = x  is fine") {
    auto m = module(assign(tuple(exprs(store("a"), starred(store("b")))), name("range")));
    CHECK(run(*m).errors == 0);
  }
  SECTION("256 names before the star") {
    ExprList elts;
    for (int i = 0; i < 256; ++i) elts.push_back(store("v" + std::to_string(i)));
    elts.push_back(starred(store("rest")));
    auto m = module(assign(tuple(std::move(elts)), name("range")));
    only_error(*m, "too many expressions in star-unpacking assignment");
  }
  SECTION("x = *a") {
    auto m = module(assign(store("x"), starred(name("range"), Ctx::Load)));
    only_error(*m, "can't use starred expression here [StarredNotAllowed]");
  }
  SECTION("f() = 1") {
    auto m = module(assign(call(name("print")), int_(1)));
    only_error(*m, "cannot assign to function call here. Maybe you meant '==' instead of '='?");
  }
  SECTION("del f()") {
    auto m = module(make_stmt(kL, Delete{exprs(call(name("print")))}));
    only_error(*m, "cannot delete function call [InvalidDeleteTarget]");
  }
}

TEST_CASE("keyword argument repeated", "[sema][diag]") {
  std::vector<Keyword> kws;
  kws.push_back(kw("x", int_(1), at(1, 3)));
  kws.push_back(kw("x", int_(2), at(1, 8)));
  auto m = module(expr(call(name("print"), {}, std::move(kws))));
  only_error(*m, "t.aio:1:8: error: keyword argument repeated: x [KeywordArgumentRepeated]");
}

TEST_CASE("unsupported features", "[sema][diag]") {
  SECTION("match statement") {
    auto m = module(make_stmt(kL, Unsupported{"'match' statements"}));
    only_error(*m, "'match' statements are not supported by aioc [Unsupported]");
  }
  SECTION("complex literal") {
    only_error(*module(expr(imag(3))), "complex numbers are not supported by aioc");
  }
  SECTION("eval(...)") {
    only_error(*module(expr(call(name("eval")))), "'eval' is not supported by aioc [UnsupportedBuiltin]");
  }
  SECTION("bytearray referenced without a call") {
    only_error(*module(expr(name("bytearray"))), "'bytearray' is not supported by aioc [UnsupportedBuiltin]");
  }
  SECTION("a program's own eval is fine") {
    auto m = module(def("eval", {}, body(pass())), expr(call(name("eval"))));
    CHECK(run(*m).errors == 0);
  }
  SECTION("metaclass=") {
    std::vector<Keyword> kws;
    kws.push_back(kw("metaclass", name("type")));
    only_error(*module(cls("C", body(pass()), std::move(kws))),
               "metaclasses are not supported by aioc");
  }
  SECTION("from asyncio import *") {
    auto r = run(*module(from_import("asyncio", {"*"})));
    CHECK(r.has("wildcard imports are not supported by aioc"));
  }
  SECTION("import numpy") {
    only_error(*module(import_("numpy")), "module 'numpy' is not supported by aioc [UnsupportedModule]");
  }
  SECTION("supported modules and submodules") {
    auto m = module(import_("asyncio"), import_("concurrent.futures"),
                    from_import("concurrent", {"futures"}), from_import("collections", {"deque"}));
    CHECK(run(*m).errors == 0);
  }
  SECTION("import os.path: a module the runtime does not provide") {
    only_error(*module(import_("os.path")), "module 'os.path' is not supported by aioc [UnsupportedModule]");
  }
}

TEST_CASE("undefined names", "[sema][diag]") {
  SECTION("prnt('hi') suggests print") {
    auto m = module(expr(call(name("prnt", at(1, 1, 5)))));
    only_error(*m, "t.aio:1:1: error: name 'prnt' is not defined; did you mean 'print'? [UndefinedName]");
  }
  SECTION("a local is suggested before a builtin") {
    auto m = module(def("f", {"counter"}, body(ret(name("countr")))));
    only_error(*m, "name 'countr' is not defined; did you mean 'counter'?");
  }
  SECTION("no suggestion when nothing is close") {
    auto r = run(*module(expr(name("zzqqx"))));
    CHECK(r.has("name 'zzqqx' is not defined [UndefinedName]"));
  }
  SECTION("a global assigned inside a function counts as bound") {
    auto m = module(def("f", {}, body(global({"g"}), assign(store("g"), int_(1)))),
                    expr(call(name("print"), exprs(name("g")))));
    CHECK(run(*m).errors == 0);
  }
  SECTION("every builtin is defined") {
    auto m = module(expr(name("ascii")), expr(name("__debug__")), expr(name("aiter")),
                    expr(name("__name__")), expr(name("__file__")), expr(name("BaseExceptionGroup")));
    CHECK(run(*m).errors == 0);
  }
  SECTION("an unprovided builtin is unsupported, not undefined") {
    auto r = run(*module(expr(name("memoryview"))));
    CHECK(r.has("'memoryview' is not supported by aioc"));
    CHECK_FALSE(r.has("is not defined"));
  }
  SECTION("a module-level name defined later is defined") {
    auto m = module(def("f", {}, body(ret(name("later")))), assign(store("later"), int_(1)));
    CHECK(run(*m).errors == 0);
  }
  SECTION("from m import * disables the check (and is itself rejected)") {
    auto r = run(*module(from_import("asyncio", {"*"}), expr(name("sleeep"))));
    CHECK_FALSE(r.has("UndefinedName"));
  }
}

TEST_CASE("several errors in one run", "[sema][diag]") {
  auto m = module(brk(at(1)), expr(await_(name("print")), at(2)), ret(nullptr, at(3)),
                  expr(name("prnt", at(4))));
  auto r = run(*m);
  CHECK(r.errors == 4);
  CHECK(r.has("t.aio:1:1: error: 'break' outside loop"));
  CHECK(r.has("'await' outside function"));
  CHECK(r.has("t.aio:3:1: error: 'return' outside function"));
  CHECK(r.has("t.aio:4:1: error: name 'prnt' is not defined"));
  // Printed in source order, whichever pass found each error.
  CHECK(r.output.find("t.aio:1:1") < r.output.find("t.aio:3:1"));
  CHECK(r.output.find("t.aio:3:1") < r.output.find("t.aio:4:1"));
}

TEST_CASE("annotations: evaluated ones are checked, others are not", "[sema][diag]") {
  SECTION("def f(x: Undef): pass  -- evaluated at def time") {
    auto args = params({});
    args->args.push_back(Arg{kL, "x", name("Undef")});
    FunctionDef f;
    f.name = "f";
    f.args = std::move(args);
    f.body = body(pass());
    CHECK(run(*module(make_stmt(kL, std::move(f)))).has("name 'Undef' is not defined"));
  }
  SECTION("def f(): x: Undef = 1  -- never evaluated") {
    auto ann = make_stmt(kL, AnnAssign{store("x"), name("Undef"), int_(1), true});
    CHECK(run(*module(def("f", {}, body(std::move(ann))))).errors == 0);
  }
  SECTION("from __future__ import annotations turns evaluation off") {
    auto args = params({});
    args->args.push_back(Arg{kL, "x", name("Undef")});
    FunctionDef f;
    f.name = "f";
    f.args = std::move(args);
    f.body = body(pass());
    auto m = module(from_import("__future__", {"annotations"}), make_stmt(kL, std::move(f)));
    CHECK(run(*m).errors == 0);
  }
}
