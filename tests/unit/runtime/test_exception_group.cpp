// Exception groups and except* (aio/exception_group.hpp) through the C++ API: construction
// rules, split keeping the nesting, and ExceptStar's outcome for the cases CPython's
// PREP_RERAISE_STAR distinguishes (expected reprs taken from python3).
#include <catch2/catch.hpp>

#include "aio/python.hpp"

using namespace aio;

namespace {

Value error(TypeObject* type, int n) { return make_exception(type, {Value::from_int(n)}); }
std::string repr_of(const Value& v) { return v.is_bound() ? repr_std(v) : "<unbound>"; }
Value type_value(TypeObject* t) { return Value::borrowed(t); }

// ExceptionGroup("g", [ValueError(1), TypeError(2), KeyError(3)])
Value three() {
  runtime_init();
  return make_exception_group(make_str("g"), {error(exc::ValueError, 1), error(exc::TypeError, 2),
                                              error(exc::KeyError, 3)});
}

}  // namespace

TEST_CASE("BaseExceptionGroup of Exceptions is an ExceptionGroup", "[exception_group]") {
  runtime_init();
  Value eg = make_exception_group(make_str("m"), {error(exc::ValueError, 1)});
  CHECK(type_of(eg) == exc::ExceptionGroup);
  Value base = make_exception_group(make_str("m"), {make_exception(exc::KeyboardInterrupt, {})});
  CHECK(type_of(base) == exc::BaseExceptionGroup);
  CHECK(str_data(str(eg)) == "m (1 sub-exception)");
}

TEST_CASE("split keeps the nesting and copies the chain", "[exception_group]") {
  runtime_init();
  Value inner = make_exception_group(make_str("inner"), {error(exc::TypeError, 2), error(exc::ValueError, 3)});
  Value eg = make_exception_group(make_str("msg"), {error(exc::ValueError, 1), inner});
  Value cause = error(exc::KeyError, 0);
  as_exception(eg)->cause = cause;
  auto [match, rest] = exception_group_split(eg, type_value(exc::ValueError));
  CHECK(repr_of(match) == "ExceptionGroup('msg', [ValueError(1), ExceptionGroup('inner', [ValueError(3)])])");
  CHECK(repr_of(rest) == "ExceptionGroup('msg', [ExceptionGroup('inner', [TypeError(2)])])");
  CHECK(as_exception(match)->cause.object() == cause.object());
  CHECK(as_exception(match)->suppress_context);
  auto [none, all] = exception_group_split(eg, type_value(exc::OSError));
  CHECK_FALSE(none.is_bound());
  CHECK(repr_of(all) == repr_of(eg));  // a derived copy, as in CPython
}

TEST_CASE("except*: handled parts vanish, the rest keeps the original's shape", "[except_star]") {
  Value eg = three();
  ExceptStar star(eg);
  Value m = star.match(type_value(exc::ValueError));
  CHECK(repr_of(m) == "ExceptionGroup('g', [ValueError(1)])");
  CHECK(star.match(type_value(exc::ValueError)).is_bound() == false);  // nothing left to match
  CHECK(repr_of(star.outcome()) == "ExceptionGroup('g', [TypeError(2), KeyError(3)])");
}

TEST_CASE("except*: a re-raised part merges with the rest; a new exception joins a new group",
          "[except_star]") {
  Value eg = three();
  ExceptStar star(eg);
  Value values = star.match(type_value(exc::ValueError));
  star.handler_raised(make_exception(exc::RuntimeError, "r"));
  Value types = star.match(type_value(exc::TypeError));
  star.handler_raised(types);  // a bare `raise`
  CHECK(repr_of(star.outcome()) ==
        "ExceptionGroup('', [RuntimeError('r'), ExceptionGroup('g', [TypeError(2), KeyError(3)])])");
}

TEST_CASE("except*: a naked exception is wrapped, and raised unwrapped when unmatched",
          "[except_star]") {
  runtime_init();
  Value naked = error(exc::ValueError, 1);
  ExceptStar unmatched(naked);
  CHECK_FALSE(unmatched.match(type_value(exc::TypeError)).is_bound());
  CHECK(unmatched.outcome().object() == naked.object());

  ExceptStar matched(naked);
  Value m = matched.match(type_value(exc::ValueError));
  CHECK(repr_of(m) == "ExceptionGroup('', (ValueError(1),))");
  CHECK_FALSE(matched.outcome().is_bound());
}

TEST_CASE("except* refuses group classes", "[except_star]") {
  Value eg = three();
  ExceptStar star(eg);
  try {
    star.match(type_value(exc::ExceptionGroup));
    FAIL("no TypeError");
  } catch (PyException& e) {
    CHECK(std::string(e.what()) ==
          "TypeError: catching ExceptionGroup with except* is not allowed. Use except instead.");
    CHECK(as_exception(e.value())->context.object() == eg.object());
  }
}
