// The `gc` module: the collector's switches (gc.hpp) with CPython's signatures and errors.
#include "aio/exceptions.hpp"
#include "aio/gc.hpp"
#include "aio/int.hpp"
#include "aio/module.hpp"
#include "aio/object.hpp"
#include "aio/tuple.hpp"

namespace aio {
namespace {

int int_arg(const Value& v) {
  if (!v.is_int() && !v.is_bool()) raise_type_error("'" + type_of(v)->name + "' object cannot be interpreted as an integer");
  return static_cast<int>(v.as_int());
}

Value gc_collect_fn(const CallArgs& a) {
  Value gen;
  parse_args(a, "collect", {"generation"}, 0, &gen);
  int g = gen.is_bound() ? int_arg(gen) : 2;
  if (g < 0 || g > 2) raise_error(exc::ValueError, "invalid generation");
  return Value::from_int(gc_collect(g));
}

Value gc_enable_fn(const CallArgs& a) {
  check_nargs(a, "gc.enable", 0, 0);
  gc_set_enabled(true);
  return Value::none();
}

Value gc_disable_fn(const CallArgs& a) {
  check_nargs(a, "gc.disable", 0, 0);
  gc_set_enabled(false);
  return Value::none();
}

Value gc_isenabled_fn(const CallArgs& a) {
  check_nargs(a, "gc.isenabled", 0, 0);
  return Value(gc_enabled());
}

Value triple(const int v[3]) {
  return make_tuple({Value::from_int(v[0]), Value::from_int(v[1]), Value::from_int(v[2])});
}

Value gc_get_threshold_fn(const CallArgs& a) {
  check_nargs(a, "gc.get_threshold", 0, 0);
  int t[3];
  gc_get_threshold(t);
  return triple(t);
}

// set_threshold(threshold0[, threshold1[, threshold2]]): omitted ones keep their value.
Value gc_set_threshold_fn(const CallArgs& a) {
  no_kwargs(a, "set_threshold");
  if (a.npos < 1) raise_type_error("set_threshold() takes at least 1 argument (0 given)");
  if (a.npos > 3) raise_type_error("set_threshold() takes at most 3 arguments (" + std::to_string(a.npos) + " given)");
  int t[3];
  gc_get_threshold(t);
  for (std::size_t i = 0; i < a.npos; ++i) t[i] = int_arg(a[i]);
  gc_set_threshold(t[0], t[1], t[2]);
  return Value::none();
}

Value gc_get_count_fn(const CallArgs& a) {
  check_nargs(a, "gc.get_count", 0, 0);
  int c[3];
  gc_get_count(c);
  return triple(c);
}

}  // namespace

Value create_gc() {
  Value m = make_module("gc");
  module_add_function(m, "collect", &gc_collect_fn);
  module_add_function(m, "enable", &gc_enable_fn);
  module_add_function(m, "disable", &gc_disable_fn);
  module_add_function(m, "isenabled", &gc_isenabled_fn);
  module_add_function(m, "get_threshold", &gc_get_threshold_fn);
  module_add_function(m, "set_threshold", &gc_set_threshold_fn);
  module_add_function(m, "get_count", &gc_get_count_fn);
  return m;
}

}  // namespace aio
