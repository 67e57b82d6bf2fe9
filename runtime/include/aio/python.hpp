// The one header generated code includes: the object model, the coroutine machinery and
// the asyncio glue. Nothing else should be needed by compiler/codegen output.
#pragma once

#include "aio/value.hpp"
#include "aio/object.hpp"
#include "aio/exceptions.hpp"
#include "aio/exception_group.hpp"
#include "aio/str.hpp"
#include "aio/int.hpp"
#include "aio/float.hpp"
#include "aio/tuple.hpp"
#include "aio/list.hpp"
#include "aio/dict.hpp"
#include "aio/set.hpp"
#include "aio/ops.hpp"
#include "aio/call.hpp"
#include "aio/function.hpp"
#include "aio/class.hpp"
#include "aio/format.hpp"
#include "aio/print.hpp"
#include "aio/builtins.hpp"
#include "aio/module.hpp"
#include "aio/traceback.hpp"
#include "aio/generator.hpp"
#include "aio/async_generator.hpp"
#include "aio/frame_locals.hpp"

// ---- asyncio glue (owned by the event-loop engineer) -----------------------------------
#if __has_include("aio/asyncio_module.hpp")
#include "aio/asyncio_module.hpp"
#endif

// ---- standard-library modules (functools, inspect, math, itertools, collections, random)
#include "aio/stdlib.hpp"
