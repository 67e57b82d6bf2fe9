// The standard-library modules aioc provides beyond sys/time/asyncio: functools, inspect,
// math, itertools, collections, random.
//
// Design: each module lives in its own source file under runtime/src/objects/ and exposes
// one `create_<module>` function; stdlib_modules.cpp registers them all with the module
// registry. Generated code includes this header (through python.hpp), whose inline
// variable references `stdlib_modules_anchor()`, so the linker keeps the registering object
// file (and with it every module) even in a program that only does `import math`.
//
// Thread model: as module.hpp (runtime lock held).
#pragma once

namespace aio {

void stdlib_modules_anchor();
inline const bool stdlib_modules_linked = (stdlib_modules_anchor(), true);

}  // namespace aio
