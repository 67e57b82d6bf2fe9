// Registers the standard-library modules with the module registry (see aio/stdlib.hpp).
#include "aio/module.hpp"
#include "aio/stdlib.hpp"
#include "aio/object.hpp"

namespace aio {

Value create_functools();
Value create_inspect();
Value create_math();
Value create_itertools();
Value create_collections();
Value create_random();
Value create_typing();  // typing_module.cpp
Value create_contextlib();  // contextlib_module.cpp
Value create_dataclasses();
Value create_attr();
Value create_enum();
Value create_gc();      // gc_module.cpp
Value create_future_module();  // future_module.cpp
Value create_errno();   // errno_module.cpp
void install_open_builtin();     // file_object.cpp
void install_bytes_behaviour();  // bytes_object.cpp

static bool register_stdlib() {
  runtime_init();
  install_open_builtin();
  install_bytes_behaviour();
  register_module("functools", &create_functools);
  register_module("inspect", &create_inspect);
  register_module("math", &create_math);
  register_module("itertools", &create_itertools);
  register_module("collections", &create_collections);
  register_module("random", &create_random);
  register_module("typing", &create_typing);
  register_module("contextlib", &create_contextlib);
  register_module("dataclasses", &create_dataclasses);
  register_module("attr", &create_attr);
  register_module("enum", &create_enum);
  register_module("gc", &create_gc);
  register_module("__future__", &create_future_module);
  register_module("errno", &create_errno);
  return true;
}

static const bool g_stdlib_registered = register_stdlib();

void stdlib_modules_anchor() { (void)g_stdlib_registered; }

}  // namespace aio
