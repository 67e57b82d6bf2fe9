// Scope analysis against CPython's symtable: each case states the Python it stands for
// and the bindings, qualnames and kinds CPython computes for it (checked with the
// `symtable` module and __qualname__ under python3.11).
#include <catch2/catch.hpp>

#include "ast_build.hpp"

using namespace aioc::sema;
using namespace aioc::sema::test;

TEST_CASE("module names are global; a def is a Function scope keyed by its Stmt", "[sema][scope]") {
  // x = 1
  // def f(a, b): c = a; return x
  auto m = module(assign(store("x"), int_(1)),
                  def("f", {"a", "b"}, body(assign(store("c"), name("a")), ret(name("x")))));
  auto r = run(*m);
  REQUIRE(r.errors == 0);
  const Scope& mod = r.module();
  CHECK(mod.kind == ScopeKind::Module);
  CHECK(mod.node == m.get());
  CHECK(r.analysis->scope_of(m.get()) == &mod);
  CHECK(mod.binding_of("x") == Binding::Global);
  CHECK(mod.binding_of("f") == Binding::Global);
  const Scope& f = child(mod);
  CHECK(f.kind == ScopeKind::Function);
  CHECK(f.node == m->body[1].get());
  CHECK(r.analysis->scope_of(m->body[1].get()) == &f);
  CHECK(f.qualname == "f");
  CHECK(f.params == std::vector<std::string>{"a", "b"});
  CHECK(f.binding_of("a") == Binding::Local);
  CHECK(f.binding_of("c") == Binding::Local);
  CHECK(f.binding_of("x") == Binding::Global);
  CHECK_FALSE(f.is_async);
  CHECK_FALSE(f.is_generator);
}

TEST_CASE("closures: Cell in the owner, Free in every scope in between", "[sema][scope]") {
  // def outer():
  //     v = 1
  //     def mid():
  //         def inner(): return v
  auto m = module(def("outer", {}, body(assign(store("v"), int_(1)),
      def("mid", {}, body(def("inner", {}, body(ret(name("v")))))))));
  auto r = run(*m);
  REQUIRE(r.errors == 0);
  const Scope& outer = child(r.module());
  const Scope& mid = child(outer);
  const Scope& inner = child(mid);
  CHECK(outer.binding_of("v") == Binding::Cell);
  CHECK(outer.cellvars == std::vector<std::string>{"v"});
  CHECK(mid.binding_of("v") == Binding::Free);
  CHECK(mid.freevars == std::vector<std::string>{"v"});
  CHECK(inner.binding_of("v") == Binding::Free);
  CHECK(mid.qualname == "outer.<locals>.mid");
  CHECK(inner.qualname == "outer.<locals>.mid.<locals>.inner");
  CHECK(outer.binding_of("mid") == Binding::Local);
}

TEST_CASE("global and nonlocal declarations", "[sema][scope]") {
  // def f():
  //     global g; g = 1; n = 0
  //     def h(): nonlocal n; n += 1
  auto m = module(def("f", {}, body(global({"g"}), assign(store("g"), int_(1)),
      assign(store("n"), int_(0)),
      def("h", {}, body(nonlocal({"n"}), assign(store("n"), name("n")))))));
  auto r = run(*m);
  REQUIRE(r.errors == 0);
  const Scope& f = child(r.module());
  CHECK(f.binding_of("g") == Binding::Global);
  CHECK(f.binding_of("n") == Binding::Cell);
  CHECK(child(f).binding_of("n") == Binding::Free);
}

TEST_CASE("a global declaration hides an outer local from nested scopes", "[sema][scope]") {
  // def f():
  //     x = 1
  //     def g():
  //         global x
  //         def h(): return x
  auto m = module(def("f", {}, body(assign(store("x"), int_(1)),
      def("g", {}, body(global({"x"}), def("h", {}, body(ret(name("x")))))))));
  auto r = run(*m);
  const Scope& f = child(r.module());
  CHECK(f.binding_of("x") == Binding::Local);
  CHECK(child(child(f)).binding_of("x") == Binding::Global);
}

TEST_CASE("class scopes: ClassBody names, skipped for methods, __class__ cell", "[sema][scope]") {
  // def f():
  //     y = 0
  //     class C:
  //         a = 1
  //         y = 2
  //         def m(self): return a, y, super()
  ExprList elts = exprs(name("a"), name("y"), call(name("super")));
  auto m = module(def("f", {}, body(assign(store("y"), int_(0)),
      cls("C", body(assign(store("a"), int_(1)), assign(store("y"), int_(2)),
          def("m", {"self"}, body(ret(tuple(std::move(elts), Ctx::Load)))))))));
  auto r = run(*m);
  const Scope& f = child(r.module());
  const Scope& c = child(f);
  const Scope& meth = child(c);
  CHECK(c.kind == ScopeKind::Class);
  CHECK(c.qualname == "f.<locals>.C");
  CHECK(meth.qualname == "f.<locals>.C.m");
  CHECK(c.binding_of("a") == Binding::ClassBody);
  CHECK(c.binding_of("y") == Binding::ClassBody);
  CHECK(meth.binding_of("a") == Binding::Global);  // class names are not visible
  CHECK(meth.binding_of("y") == Binding::Free);    // the function's y, through the class
  CHECK(f.binding_of("y") == Binding::Cell);
  CHECK(std::count(c.freevars.begin(), c.freevars.end(), "y") == 1);  // passed through
  CHECK(meth.binding_of("__class__") == Binding::Free);
  CHECK(c.needs_class_cell);
  CHECK(std::count(c.cellvars.begin(), c.cellvars.end(), "__class__") == 1);
  // `a` is read in the method but bound only in the class body: undefined.
  CHECK(r.has("name 'a' is not defined"));
}

TEST_CASE("comprehensions: own scope, first iterable outside, .0 parameter", "[sema][scope]") {
  // def f(xs): return [x + y for x in xs for y in x]
  ExprPtr elt = make_expr(kL, BinOp{name("x"), BinOpKind::Add, name("y")});
  auto m = module(def("f", {"xs"}, body(ret(listcomp(std::move(elt),
      gens(gen(store("x"), name("xs")), gen(store("y"), name("x"))))))));
  auto r = run(*m);
  REQUIRE(r.errors == 0);
  const Scope& f = child(r.module());
  const Scope& comp = child(f);
  CHECK(comp.kind == ScopeKind::Comprehension);
  CHECK(comp.name == "<listcomp>");
  CHECK(comp.qualname == "f.<locals>.<listcomp>");
  CHECK(comp.params == std::vector<std::string>{".0"});
  CHECK(f.binding_of("xs") == Binding::Local);  // first iterable evaluated in f
  CHECK(comp.bindings.count("xs") == 0);
  CHECK(comp.binding_of("x") == Binding::Local);
  CHECK(comp.binding_of("y") == Binding::Local);
  const auto* ret_stmt = m->body[0]->as<FunctionDef>()->body[0]->as<Return>();
  CHECK(r.analysis->scope_of(ret_stmt->value.get()) == &comp);
}

TEST_CASE("walrus in a comprehension binds in the enclosing function", "[sema][scope]") {
  // def f(xs): [(last := x) for x in xs]; return last
  auto m = module(def("f", {"xs"}, body(
      expr(listcomp(walrus("last", name("x")), gens(gen(store("x"), name("xs"))))),
      ret(name("last")))));
  auto r = run(*m);
  REQUIRE(r.errors == 0);
  const Scope& f = child(r.module());
  CHECK(f.binding_of("last") == Binding::Cell);
  CHECK(child(f).binding_of("last") == Binding::Free);
}

TEST_CASE("lambdas and generator expressions: names and kinds", "[sema][scope]") {
  // async def main():
  //     k = lambda n: n
  //     g = (await t for t in ts)
  //     yield 1
  auto m = module(async_def("main", {}, body(
      assign(store("k"), lambda({"n"}, name("n"))),
      assign(store("g"), genexp(await_(name("t")), gens(gen(store("t"), name("ts"))))),
      expr(yield_(int_(1))))));
  auto r = run(*m);
  const Scope& main = child(r.module());
  CHECK(main.is_async);
  CHECK(main.is_generator);
  const Scope& lam = child(main, 0);
  CHECK(lam.kind == ScopeKind::Lambda);
  CHECK(lam.qualname == "main.<locals>.<lambda>");
  CHECK(lam.params == std::vector<std::string>{"n"});
  const Scope& ge = child(main, 1);
  CHECK(ge.name == "<genexpr>");
  CHECK(ge.is_generator);
  CHECK(ge.is_async);
}

TEST_CASE("nested comprehension qualnames and async list comprehension", "[sema][scope]") {
  // async def f(): return [lambda: 0 for _ in [x async for x in a]]
  auto inner = listcomp(name("x"), gens(gen(store("x"), name("a"), true)));
  auto m = module(async_def("f", {}, body(ret(listcomp(lambda({}, int_(0)),
      gens(gen(store("_"), std::move(inner))))))));
  auto r = run(*m);
  const Scope& f = child(r.module());
  const Scope& inner_comp = child(f, 0);  // the first iterable is visited first, in f
  const Scope& outer_comp = child(f, 1);
  CHECK(inner_comp.is_async);
  CHECK_FALSE(outer_comp.is_async);
  CHECK(child(outer_comp).qualname == "f.<locals>.<listcomp>.<lambda>");
}

TEST_CASE("a def declared global gets its bare qualname", "[sema][scope]") {
  // class C:
  //     def m(self):
  //         global g
  //         def g(): pass
  auto m = module(cls("C", body(def("m", {"self"}, body(global({"g"}),
      def("g", {}, body(pass())))))));
  auto r = run(*m);
  const Scope& meth = child(child(r.module()));
  CHECK(meth.qualname == "C.m");
  CHECK(child(meth).qualname == "g");
}

TEST_CASE("params follow scope.hpp's order; names are in first-seen order", "[sema][scope]") {
  auto args = std::make_unique<Arguments>();
  args->posonlyargs.push_back(Arg{kL, "p", nullptr});
  args->args.push_back(Arg{kL, "a", nullptr});
  args->vararg = Arg{kL, "rest", nullptr};
  args->kwonlyargs.push_back(Arg{kL, "k", nullptr});
  args->kw_defaults.push_back(nullptr);
  args->kwarg = Arg{kL, "kw", nullptr};
  FunctionDef f;
  f.name = "f";
  f.args = std::move(args);
  f.body = body(assign(store("z"), name("a")));
  auto m = module(make_stmt(kL, std::move(f)));
  auto r = run(*m);
  const Scope& fs = child(r.module());
  CHECK(fs.params == std::vector<std::string>{"p", "a", "rest", "k", "kw"});
  CHECK(fs.names.front() == "p");
  CHECK(fs.names.back() == "z");
}
