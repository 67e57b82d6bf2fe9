// Pieces of the `contextlib` module (contextlib_*.cpp), assembled by contextlib_module.cpp.
#pragma once

#include "aio/value.hpp"

namespace aio::contextlib {

// The file CPython's tracebacks and coroutine reprs name for contextlib frames.
inline constexpr const char* kContextlibPy = "/usr/lib/python3.11/contextlib.py";

void add_generator_managers(const Value& module);  // contextmanager, asynccontextmanager
void add_simple_managers(const Value& module);     // suppress, closing, aclosing, nullcontext
void add_exit_stacks(const Value& module);         // ExitStack, AsyncExitStack

}  // namespace aio::contextlib
