// The `contextlib` module (see docs/stdlib.md): assembled from contextlib_generator_cm.cpp,
// contextlib_simple.cpp and contextlib_exit_stack.cpp.
#include "aio/module.hpp"
#include "contextlib_internal.hpp"

namespace aio {

Value create_contextlib() {
  Value m = make_module("contextlib");
  contextlib::add_generator_managers(m);
  contextlib::add_simple_managers(m);
  contextlib::add_exit_stacks(m);
  return m;
}

}  // namespace aio
