// The default ErrorFactory (C++ exception types) and the process-wide slot that holds the
// active one. See errors.hpp for why the core never throws its exceptions directly.
#include "aio/errors.hpp"

#include <atomic>
#include <typeinfo>

namespace aio {
namespace {

std::exception_ptr cxx_cancelled(const std::optional<std::string>& msg) {
  return std::make_exception_ptr(CancelledError(msg.value_or("")));
}
std::exception_ptr cxx_invalid_state(const std::string& msg) {
  return std::make_exception_ptr(InvalidStateError(msg));
}
std::exception_ptr cxx_runtime_error(const std::string& msg) {
  return std::make_exception_ptr(std::runtime_error(msg));
}
std::exception_ptr cxx_timeout() { return std::make_exception_ptr(TimeoutError()); }

bool cxx_is_cancelled(const std::exception_ptr& e) {
  try {
    std::rethrow_exception(e);
  } catch (const CancelledError&) {
    return true;
  } catch (...) {
    return false;
  }
}
bool cxx_is_fatal(const std::exception_ptr&) { return false; }

std::string cxx_describe(const std::exception_ptr& e) {
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& ex) {
    return std::string(typeid(ex).name()) + ": " + ex.what();
  } catch (...) {
    return "unknown exception";
  }
}

constexpr ErrorFactory kDefault{cxx_cancelled, cxx_invalid_state, cxx_runtime_error,
                                cxx_timeout,   cxx_is_cancelled,  cxx_is_fatal,
                                cxx_describe};
ErrorFactory g_factory = kDefault;

}  // namespace

const ErrorFactory& error_factory() noexcept { return g_factory; }
void set_error_factory(const ErrorFactory& f) noexcept { g_factory = f; }
const ErrorFactory& default_error_factory() noexcept { return kDefault; }

}  // namespace aio
