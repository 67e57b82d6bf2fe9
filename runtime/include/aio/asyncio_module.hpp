// The asyncio glue as generated code sees it: Python `coroutine` objects made from
// Coro<Value> bodies, `co_await aio::await_(v)`, and the `asyncio` module (registered with
// the module registry; `import asyncio` finds it).
//
// Design: a coroutine object owns its Coro<Value> chain root. It is driven either by
// send()/throw()/close() (its own Runner: CPython's coroutine protocol, StopIteration
// carrying the return value), by a Task (the task's Runner), or inline by an enclosing
// coroutine's await_ (symmetric transfer: the chain grows, no loop involved). await_ of a
// Future/Task suspends the whole chain on it (the leaf records it in the Runner); a done
// future does not suspend. Exceptions are the object model's PyException; the core's
// CancelledError/InvalidStateError/TimeoutError become asyncio's Python classes once the
// glue is initialised (install_asyncio_glue(), done by make_coroutine and the module).
//
// Thread model: the runtime lock (one thread runs Python code at a time).
#pragma once

#include "aio/asyncio_objects.hpp"

namespace aio {

// The `coroutine` object for a fresh async-def body (`entry` of a Coroutine CodeInfo).
Value make_coroutine(Coro<Value>&& coro, const CodeInfo* code);

// co_await aio::await_(v): v is a coroutine object, an asyncio Future/Task, a generator-based
// coroutine (@asyncio.coroutine), or an object whose __await__ returns an iterator (see
// iterator_awaitable.cpp); anything else raises CPython's TypeError. Hoist it into a named
// local first.
[[nodiscard]] AwaitValue await_(const Value& v);

// Installs the Python ErrorFactory and exception handler (idempotent).
void install_asyncio_glue();

// Forces the asyncio module's object file (and its registration with the module registry)
// into every program that includes this header, even one that only does `import asyncio`.
void asyncio_module_anchor();
inline const bool asyncio_module_linked = (asyncio_module_anchor(), true);

}  // namespace aio
