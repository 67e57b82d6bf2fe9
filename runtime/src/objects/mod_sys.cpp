// The `sys` module: argv, exit, stdout/stderr writers, version_info, maxsize, modules.
#include "aio/builtins.hpp"
#include "aio/exceptions.hpp"
#include "aio/function.hpp"
#include "aio/int.hpp"
#include "aio/list.hpp"
#include "aio/module.hpp"
#include "aio/ops.hpp"
#include "aio/print.hpp"
#include "aio/str.hpp"
#include "aio/tuple.hpp"

namespace aio {

Value sys_modules_dict();

static Value sys_exit(const CallArgs& a) {
  check_nargs(a, "exit", 0, 1);
  raise(make_exception(exc::SystemExit, a.npos ? std::initializer_list<Value>{a[0]} : std::initializer_list<Value>{}));
}

struct StreamObject : Object {
  int fd;
  StreamObject(TypeObject* t, int f) : Object(t), fd(f) {}
};
static TypeObject* stream_type;

static Value stream_write(const CallArgs& a) {
  check_nargs(a, "write", 2, 2);
  if (!is_str_like(a[1])) raise_type_error("write() argument must be str, not " + type_of(a[1])->name);
  auto* s = static_cast<StreamObject*>(a[0].object());
  if (s->fd == 1) stdout_write(str_data(a[1]));
  else stderr_write(str_data(a[1]));
  return Value::from_int(as_str(a[1])->length);
}
static Value stream_flush(const CallArgs& a) {
  if (static_cast<StreamObject*>(a[0].object())->fd == 1) stdout_flush();
  return Value::none();
}
static Value stream_isatty(const CallArgs&) { return Value(false); }

static Value sys_getrecursionlimit(const CallArgs& a) {
  check_nargs(a, "getrecursionlimit", 0, 0);
  return Value::from_int(recursion_limit());
}
static Value sys_setrecursionlimit(const CallArgs& a) {
  check_nargs(a, "setrecursionlimit", 1, 1);
  if (!is_int_like(a[0])) raise_type_error("'" + type_of(a[0])->name + "' object cannot be interpreted as an integer");
  std::int64_t n = to_i64(a[0]);
  if (n < 1) raise_value_error("recursion limit must be greater or equal than 1");
  if (n <= recursion_depth())
    raise_error(exc::RecursionError, "cannot set the recursion limit to " + std::to_string(n) +
                                         " at the recursion depth " + std::to_string(recursion_depth()) +
                                         ": the limit is too low");
  set_recursion_limit(static_cast<int>(n));
  return Value::none();
}

static Value create_sys() {
  Value m = make_module("sys");
  module_add(m, "argv", make_list({}));
  module_add_function(m, "exit", &sys_exit);
  module_add_function(m, "getrecursionlimit", &sys_getrecursionlimit);
  module_add_function(m, "setrecursionlimit", &sys_setrecursionlimit);
  stream_type = make_builtin_type("TextIOWrapper", object_type, "_io");
  add_method(stream_type, "write", &stream_write);
  add_method(stream_type, "flush", &stream_flush);
  add_method(stream_type, "isatty", &stream_isatty);
  module_add(m, "stdout", Value(new StreamObject(stream_type, 1)));
  module_add(m, "stderr", Value(new StreamObject(stream_type, 2)));
  module_add(m, "__stdout__", getattr(m, "stdout"));
  module_add(m, "__stderr__", getattr(m, "stderr"));
  module_add(m, "version_info", make_tuple({Value::from_int(3), Value::from_int(11), Value::from_int(0),
                                            str_lit("final", 5), Value::from_int(0)}));
  module_add(m, "version", str_lit("3.11.0 (aioc)", 13));
  module_add(m, "platform", str_lit("linux", 5));
  module_add(m, "maxsize", Value::from_int(INT64_MAX));
  module_add(m, "modules", sys_modules_dict());
  return m;
}

void init_sys_module() { register_module("sys", &create_sys); }

}  // namespace aio
