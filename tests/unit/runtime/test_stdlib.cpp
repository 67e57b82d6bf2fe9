// The standard-library modules (functools, inspect, math, itertools, collections) driven
// from C++; every expected string is CPython 3.11's output for the same calls.
#include <catch2/catch.hpp>

#include "aio/python.hpp"

using namespace aio;

namespace {
Value S(const char* t) { return make_str(std::string_view(t)); }
Value I(std::int64_t i) { return Value::from_int(i); }
Value M(const char* module, const char* name) { return getattr(import_module(module), name); }
std::string R(const Value& v) { return repr_std(v); }
Value L(std::initializer_list<Value> items) { return make_list(items); }

Value add3_entry(FunctionObject*, Value* s) { return add(add(mul(s[0], I(100)), mul(s[1], I(10))), s[2]); }
const CodeInfo add3_code{"add3", "add3", "t.aio", 1, CodeInfo::Plain, {"a", "b", "c"}, 0, 3, 0, nullptr, nullptr, &add3_entry};
Value coro_entry(FunctionObject*, Value*) { return Value::none(); }
const CodeInfo coro_code{"co", "co", "t.aio", 1, CodeInfo::Coroutine, {}, 0, 0, 0, nullptr, nullptr, &coro_entry};
}  // namespace

TEST_CASE("stdlib modules are importable", "[stdlib]") {
  runtime_init();
  for (const char* m : {"functools", "inspect", "math", "itertools", "collections"})
    CHECK(R(import_module(m)) == std::string("<module '") + m + "' (built-in)>");
}

TEST_CASE("functools.partial binds, merges keywords and flattens", "[stdlib][functools]") {
  Value f = make_function(&add3_code, Value(), Value(), {});
  Value partial = M("functools", "partial");
  Value p = call_kw(partial, {f, I(1)}, {{S("c"), I(3)}});
  CHECK(R(call(p, {I(2)})) == "123");
  CHECK(R(call_kw(p, {I(2)}, {{S("c"), I(9)}})) == "129");
  Value q = call(partial, {p, I(4)});
  CHECK(getattr(q, "func").same(f));
  CHECK(R(getattr(q, "args")) == "(1, 4)");
  CHECK(R(getattr(q, "keywords")) == "{'c': 3}");
  CHECK(R(q).rfind("functools.partial(<function add3 at 0x", 0) == 0);
  CHECK(R(q).find(">, 1, 4, c=3)") != std::string::npos);
  CHECK(R(Value::borrowed(type_of(q))) == "<class 'functools.partial'>");
}

TEST_CASE("functools.reduce, wraps and lru_cache", "[stdlib][functools]") {
  Value reduce = M("functools", "reduce");
  CHECK(R(call(reduce, {lookup_builtin("max"), L({I(3), I(9), I(2)})})) == "9");
  CHECK_THROWS_WITH(call(reduce, {lookup_builtin("max"), L({})}),
                    "TypeError: reduce() of empty iterable with no initial value");
  Value f = make_function(&add3_code, Value(), Value(), {});
  Value g = make_function(&coro_code, Value(), Value(), {});
  call(call(M("functools", "wraps"), {f}), {g});
  CHECK(R(getattr(g, "__name__")) == "'add3'");
  CHECK(getattr(g, "__wrapped__").same(f));
  Value cached = call(M("functools", "cache"), {f});
  call(cached, {I(1), I(2), I(3)});
  call(cached, {I(1), I(2), I(3)});
  CHECK(R(call_method(cached, S("cache_info"), {})) == "CacheInfo(hits=1, misses=1, maxsize=None, currsize=1)");
  CHECK(R(getattr(cached, "__name__")) == "'add3'");
}

TEST_CASE("inspect predicates", "[stdlib][inspect]") {
  Value f = make_function(&add3_code, Value(), Value(), {});
  Value co = make_function(&coro_code, Value(), Value(), {});
  CHECK(!truthy(call(M("inspect", "iscoroutinefunction"), {f})));
  CHECK(truthy(call(M("inspect", "iscoroutinefunction"), {co})));
  CHECK(truthy(call(M("inspect", "isfunction"), {f})));
  CHECK(truthy(call(M("inspect", "isclass"), {Value::borrowed(int_type)})));
  CHECK(!truthy(call(M("inspect", "isclass"), {I(1)})));
}

TEST_CASE("math functions and errors", "[stdlib][math]") {
  CHECK(R(M("math", "pi")) == "3.141592653589793");
  CHECK(R(call(M("math", "sqrt"), {I(2)})) == "1.4142135623730951");
  CHECK_THROWS_WITH(call(M("math", "sqrt"), {I(-1)}), "ValueError: math domain error");
  CHECK_THROWS_WITH(call(M("math", "exp"), {I(1000)}), "OverflowError: math range error");
  CHECK(R(call(M("math", "floor"), {Value(-2.5)})) == "-3");
  CHECK(R(call(M("math", "ceil"), {Value(1e20)})) == "100000000000000000000");
  CHECK(R(call(M("math", "factorial"), {I(25)})) == "15511210043330985984000000");
  CHECK(R(call(M("math", "gcd"), {I(12), I(18)})) == "6");
  CHECK(R(call(M("math", "comb"), {I(10), I(3)})) == "120");
  CHECK(R(call(M("math", "isqrt"), {I(17)})) == "4");
  Value tenths = L({Value(0.1), Value(0.1), Value(0.1), Value(0.1), Value(0.1), Value(0.1), Value(0.1),
                    Value(0.1), Value(0.1), Value(0.1)});
  CHECK(R(call(M("math", "fsum"), {tenths})) == "1.0");
  CHECK(R(call(M("math", "log"), {I(8), I(2)})) == "3.0");
}

TEST_CASE("itertools iterators", "[stdlib][itertools]") {
  Value list = lookup_builtin("list");
  auto run = [&](const Value& it) { return R(call(list, {it})); };
  CHECK(run(call(M("itertools", "islice"), {call(M("itertools", "count"), {I(5)}), I(3)})) == "[5, 6, 7]");
  CHECK(run(call(M("itertools", "chain"), {L({I(1)}), S("ab")})) == "[1, 'a', 'b']");
  CHECK(run(call(M("itertools", "permutations"), {S("abc"), I(2)})) ==
        "[('a', 'b'), ('a', 'c'), ('b', 'a'), ('b', 'c'), ('c', 'a'), ('c', 'b')]");
  CHECK(run(call(M("itertools", "combinations"), {S("abcd"), I(3)})) ==
        "[('a', 'b', 'c'), ('a', 'b', 'd'), ('a', 'c', 'd'), ('b', 'c', 'd')]");
  CHECK(run(call(M("itertools", "product"), {S("ab"), L({I(1), I(2)})})) ==
        "[('a', 1), ('a', 2), ('b', 1), ('b', 2)]");
  CHECK(run(call(M("itertools", "accumulate"), {L({I(1), I(2), I(3)})})) == "[1, 3, 6]");
  CHECK(run(call_kw(M("itertools", "zip_longest"), {S("ab"), L({I(1)})}, {{S("fillvalue"), I(0)}})) ==
        "[('a', 1), ('b', 0)]");
}

TEST_CASE("collections containers", "[stdlib][collections]") {
  Value d = call_kw(M("collections", "deque"), {L({I(1), I(2), I(3)})}, {{S("maxlen"), I(2)}});
  CHECK(R(d) == "deque([2, 3], maxlen=2)");
  call_method(d, S("appendleft"), {I(0)});
  CHECK(R(d) == "deque([0, 2], maxlen=2)");
  CHECK_THROWS_WITH(call_method(call(M("collections", "deque"), {}), S("pop"), {}),
                    "IndexError: pop from an empty deque");
  Value dd = call(M("collections", "defaultdict"), {lookup_builtin("list")});
  call_method(getitem(dd, S("k")), S("append"), {I(1)});
  CHECK(R(dd) == "defaultdict(<class 'list'>, {'k': [1]})");
  Value c = call(M("collections", "Counter"), {S("abracadabra")});
  CHECK(R(c) == "Counter({'a': 5, 'b': 2, 'r': 2, 'c': 1, 'd': 1})");
  CHECK(R(call_method(c, S("most_common"), {I(1)})) == "[('a', 5)]");
  Value od = call(M("collections", "OrderedDict"), {L({make_tuple({S("a"), I(1)})})});
  CHECK(R(od) == "OrderedDict([('a', 1)])");
  Value point = call(M("collections", "namedtuple"), {S("Point"), S("x y")});
  Value p = call_kw(point, {I(1)}, {{S("y"), I(2)}});
  CHECK(R(p) == "Point(x=1, y=2)");
  CHECK(R(getattr(p, "y")) == "2");
  CHECK(R(call_method(p, S("_asdict"), {})) == "{'x': 1, 'y': 2}");
  CHECK(eq_bool(p, make_tuple({I(1), I(2)})));
}
