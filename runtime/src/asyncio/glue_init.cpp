// The glue's process-wide setup: asyncio's exception classes, the Python ErrorFactory (so
// the core raises asyncio.CancelledError & co. as PyException), and the loop exception
// handler that prints CPython's "Exception in callback ..." report with a traceback.
#include <cstdio>

#include "aio/asyncio_module.hpp"
#include "aio/exceptions.hpp"
#include "aio/print.hpp"
#include "aio/str.hpp"
#include "aio/traceback.hpp"
#include "glue_internal.hpp"

namespace aio {
namespace exc {
TypeObject* CancelledError = nullptr;
TypeObject* InvalidStateError = nullptr;
}  // namespace exc

namespace {

std::exception_ptr wrap(Value e) { return std::make_exception_ptr(PyException(std::move(e))); }

std::exception_ptr py_cancelled(const std::optional<std::string>& msg) {
  return wrap(msg ? make_exception(exc::CancelledError, *msg) : make_exception(exc::CancelledError, {}));
}
std::exception_ptr py_invalid_state(const std::string& msg) {
  return wrap(make_exception(exc::InvalidStateError, msg));
}
std::exception_ptr py_runtime_error(const std::string& msg) {
  return wrap(make_exception(exc::RuntimeError, msg));
}
std::exception_ptr py_timeout() { return wrap(make_exception(exc::TimeoutError, {})); }

bool py_is_type(const std::exception_ptr& e, TypeObject* t) {
  try {
    std::rethrow_exception(e);
  } catch (const PyException& p) {
    return isinstance_of(p.value(), t);
  } catch (const aio::CancelledError&) {
    return t == exc::CancelledError;
  } catch (...) {
    return false;
  }
}
bool py_is_cancelled(const std::exception_ptr& e) { return py_is_type(e, exc::CancelledError); }
bool py_is_fatal(const std::exception_ptr& e) {
  return py_is_type(e, exc::SystemExit) || py_is_type(e, exc::KeyboardInterrupt);
}

std::string strip_newline(std::string s) {
  while (!s.empty() && s.back() == '\n') s.pop_back();
  return s;
}

std::string py_describe(const std::exception_ptr& e) {
  Value v = exception_value(e);
  if (v.is_bound()) return strip_newline(format_traceback(v));
  return default_error_factory().describe(e);
}

// BaseEventLoop.default_exception_handler: the message, the context keys in sorted order,
// then the traceback (logging's lastResort handler prints to stderr).
void py_exception_handler(EventLoop&, const ExceptionContext& ctx) {
  std::string text = ctx.message.empty() ? "Unhandled exception in event loop" : ctx.message;
  std::string fut_line;
  if (ctx.future) fut_line = std::string(ctx.future_key) + ": " + future_repr(*ctx.future);
  if (ctx.future && std::string(ctx.future_key) < "handle") text += "\n" + fut_line;
  if (ctx.handle) text += "\nhandle: " + ctx.handle->repr();
  if (ctx.future && std::string(ctx.future_key) >= "handle") text += "\n" + fut_line;
  if (ctx.exception) text += "\n" + py_describe(ctx.exception);
  text += "\n";
  stdout_flush();
  stderr_write(text);
}

}  // namespace

Value exception_value(const std::exception_ptr& e) {
  if (!e) return Value::none();
  try {
    std::rethrow_exception(e);
  } catch (const PyException& p) {
    return p.value();
  } catch (const aio::CancelledError& c) {
    return make_exception(exc::CancelledError, std::string(c.what()));
  } catch (const std::exception& x) {
    return make_exception(exc::RuntimeError, std::string(x.what()));
  } catch (...) {
    return make_exception(exc::RuntimeError, std::string("unknown C++ exception"));
  }
}

void install_asyncio_glue() {
  static bool done = false;
  if (done) {
    // Lets a process that also ran typed-core code with C++ exceptions switch back. Called
    // for every coroutine object, so only when another factory is installed.
    if (error_factory().cancelled != &py_cancelled)
      set_error_factory({py_cancelled, py_invalid_state, py_runtime_error, py_timeout, py_is_cancelled,
                         py_is_fatal, py_describe});
    return;
  }
  done = true;
  runtime_init();
  exc::CancelledError = make_exception_type("CancelledError", exc::BaseException, "asyncio.exceptions");
  exc::InvalidStateError = make_exception_type("InvalidStateError", exc::Exception, "asyncio.exceptions");
  set_error_factory({py_cancelled, py_invalid_state, py_runtime_error, py_timeout, py_is_cancelled,
                     py_is_fatal, py_describe});
  EventLoop::set_default_exception_handler(&py_exception_handler);
  init_coroutine_type();
  init_future_types();
  init_loop_types();
  init_executor_glue();
  install_yield_from_awaitable();
  install_asyncgen_hooks();
}

}  // namespace aio
