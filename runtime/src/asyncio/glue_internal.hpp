// Shared declarations between the asyncio glue's source files (not a public header).
#pragma once

#include <exception>
#include <string>

#include "aio/asyncio_objects.hpp"

namespace aio {

// The Python exception object carried by `e` (C++ exceptions become RuntimeError).
Value exception_value(const std::exception_ptr& e);
// CPython's reprs, computed without creating new references to the object (safe in
// destructors).
std::string future_repr(FutureBase& f);
std::string coroutine_repr_inner(const CoroutineObject& c);  // "f() running at x.aio:3"

void init_coroutine_type();
void init_future_types();
void init_loop_types();
void init_executor_glue();                     // executor.cpp: run_in_executor & co
void install_asyncgen_hooks();                 // asyncgen_hooks.cpp: firstiter/finalizer/shutdown
void add_executor_attributes(const Value& m);  // executor.cpp: asyncio.to_thread

// ensure_future(obj, loop): futures unchanged, coroutines wrapped in a Task on `loop`
// (null: the running loop, else get_event_loop()).
Value ensure_future(const Value& obj, EventLoop* loop);
// concurrent_futures.cpp: asyncio.wrap_future(source, loop) (null loop: get_event_loop());
// executor.submit(fn, *args) for a ThreadPoolExecutor or any object with a submit method.
Value wrap_future(const Value& source, EventLoop* loop);
Value executor_submit(const Value& executor, const Value& fn, Value args);
void add_wrap_future_attribute(const Value& asyncio_module);
// For a task ensure_future just made from a coroutine its caller cannot hold: no "Task was
// destroyed but it is pending!" (Task._log_destroy_pending = False).
void quiet_destroy_pending(const Value& fut);
Value new_task(EventLoop& loop, const Value& coro, const Value& name);
bool is_coroutine(const Value& v) noexcept;

// iterator_awaitable.cpp: a coroutine object (claimed) that drives the iterator `it` as a
// Task drives a generator-based coroutine, or that runs `body` when given one.
Value wrap_iterator_coroutine(const Value& it, const CodeInfo* code, Coro<Value>&& body);
// v itself if it is a coroutine; a wrapping coroutine for a generator-based coroutine or an
// object with __await__; Unbound for anything else (futures included).
Value awaitable_as_coroutine(const Value& v);
// What a Task runs for `v`: generator-based coroutines wrapped, anything else unchanged.
Value coroutine_for_task(const Value& v);
void install_yield_from_awaitable();
// asyncio.coroutine (old_style_coroutine.cpp).
Value f_asyncio_coroutine(const CallArgs& a);
bool is_old_style_coroutine_function(const Value& f) noexcept;
// asyncio.get_event_loop() as a core loop.
EventLoop& event_loop_for_call();
// repr of a callback and its arguments as asyncio's format_helpers write it.
std::string format_callback(const Value& fn, const std::vector<Value>& args);

}  // namespace aio
