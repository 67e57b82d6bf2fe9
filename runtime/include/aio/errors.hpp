// The typed core's exceptions, and the hook that lets the asyncio glue substitute Python ones.
//
// Design: the core raises a handful of asyncio exceptions (CancelledError, InvalidStateError,
// TimeoutError, RuntimeError). A C++ user catches the C++ types below. A .aio program must see
// Python exception objects instead (`except asyncio.CancelledError`), carried by the object
// model's PyException. The core therefore never throws these directly: it asks the process-wide
// ErrorFactory, whose defaults build the C++ types and which the asyncio glue replaces when the
// `asyncio` module is first used. Cancellation travels as future state and only becomes an
// exception where a coroutine can observe it (at its current await).
//
// Thread model: install the factory before starting loops; it is read-only afterwards.
#pragma once

#include <exception>
#include <optional>
#include <stdexcept>
#include <string>

namespace aio {

// asyncio.CancelledError (a BaseException in Python: deliberately not a std::runtime_error).
class CancelledError : public std::exception {
 public:
  explicit CancelledError(std::string msg = {}) : msg_(std::move(msg)) {}
  const char* what() const noexcept override { return msg_.c_str(); }

 private:
  std::string msg_;
};

// asyncio.InvalidStateError
class InvalidStateError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

// asyncio.TimeoutError (wait_for)
class TimeoutError : public std::runtime_error {
 public:
  TimeoutError() : std::runtime_error("") {}
};

struct ErrorFactory {
  std::exception_ptr (*cancelled)(const std::optional<std::string>& msg);
  std::exception_ptr (*invalid_state)(const std::string& msg);
  std::exception_ptr (*runtime_error)(const std::string& msg);
  std::exception_ptr (*timeout)();
  bool (*is_cancelled)(const std::exception_ptr& e);
  // SystemExit/KeyboardInterrupt: escape callbacks and tasks instead of being logged.
  bool (*is_fatal)(const std::exception_ptr& e);
  // One line describing an exception for the default exception handler.
  std::string (*describe)(const std::exception_ptr& e);
};

const ErrorFactory& error_factory() noexcept;
void set_error_factory(const ErrorFactory& f) noexcept;
const ErrorFactory& default_error_factory() noexcept;

inline std::exception_ptr make_cancelled_error(const std::optional<std::string>& msg = {}) {
  return error_factory().cancelled(msg);
}
inline bool is_cancelled_error(const std::exception_ptr& e) {
  return e && error_factory().is_cancelled(e);
}
inline bool is_fatal_error(const std::exception_ptr& e) { return e && error_factory().is_fatal(e); }
[[noreturn]] inline void throw_invalid_state(const std::string& msg) {
  std::rethrow_exception(error_factory().invalid_state(msg));
}
[[noreturn]] inline void throw_runtime_error(const std::string& msg) {
  std::rethrow_exception(error_factory().runtime_error(msg));
}

}  // namespace aio
