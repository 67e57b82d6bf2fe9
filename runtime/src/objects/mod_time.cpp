// The `time` module: time, monotonic, perf_counter, sleep, strftime, ctime, localtime.
#include <sys/time.h>
#include <time.h>

#include <cmath>
#include <thread>

#include "aio/runtime_lock.hpp"
#include "aio/builtins.hpp"
#include "aio/exceptions.hpp"
#include "aio/float.hpp"
#include "aio/int.hpp"
#include "aio/module.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"
#include "aio/tuple.hpp"

namespace aio {

static double clock_seconds(clockid_t id) {
  timespec ts;
  clock_gettime(id, &ts);
  return static_cast<double>(ts.tv_sec) + ts.tv_nsec * 1e-9;
}

static Value t_time(const CallArgs&) { return Value(clock_seconds(CLOCK_REALTIME)); }
static Value t_monotonic(const CallArgs&) { return Value(clock_seconds(CLOCK_MONOTONIC)); }
static Value t_time_ns(const CallArgs&) {
  timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return Value::from_int(static_cast<std::int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec);
}
static Value t_sleep(const CallArgs& a) {
  check_nargs(a, "sleep", 1, 1);
  double d = to_double(a[0]);
  if (d < 0) raise_value_error("sleep length must be non-negative");
  ReleaseRuntimeLock unlocked;  // other threads run Python code meanwhile (DESIGN.md "Threads")
  std::this_thread::sleep_for(std::chrono::duration<double>(d));
  return Value::none();
}

static Value tm_to_tuple(const std::tm& t) {
  int wday = (t.tm_wday + 6) % 7;  // Python: Monday is 0
  return make_tuple({Value::from_int(t.tm_year + 1900), Value::from_int(t.tm_mon + 1), Value::from_int(t.tm_mday),
                     Value::from_int(t.tm_hour), Value::from_int(t.tm_min), Value::from_int(t.tm_sec),
                     Value::from_int(wday), Value::from_int(t.tm_yday + 1), Value::from_int(t.tm_isdst)});
}

static std::tm tuple_to_tm(const Value& v) {
  std::vector<Value> f = to_vector(v);
  if (f.size() != 9) raise_type_error("time.struct_time() takes a 9-sequence (" + std::to_string(f.size()) + "-sequence given)");
  std::tm t{};
  t.tm_year = static_cast<int>(to_i64(f[0])) - 1900;
  t.tm_mon = static_cast<int>(to_i64(f[1])) - 1;
  t.tm_mday = static_cast<int>(to_i64(f[2]));
  t.tm_hour = static_cast<int>(to_i64(f[3]));
  t.tm_min = static_cast<int>(to_i64(f[4]));
  t.tm_sec = static_cast<int>(to_i64(f[5]));
  t.tm_wday = (static_cast<int>(to_i64(f[6])) + 1) % 7;
  t.tm_yday = static_cast<int>(to_i64(f[7])) - 1;
  t.tm_isdst = static_cast<int>(to_i64(f[8]));
  return t;
}

static std::tm local_now(const CallArgs& a, std::size_t i) {
  time_t secs = a.npos > i && !a[i].is_none() ? static_cast<time_t>(std::floor(to_double(a[i]))) : time(nullptr);
  std::tm t{};
  localtime_r(&secs, &t);
  return t;
}

static Value t_strftime(const CallArgs& a) {
  check_nargs(a, "strftime", 1, 2);
  if (!is_str_like(a[0])) raise_type_error("strftime() argument 1 must be str, not " + type_of(a[0])->name);
  std::tm t = a.npos > 1 ? tuple_to_tm(a[1]) : local_now(a, 9);
  const std::string& fmt = str_data(a[0]);
  if (fmt.empty()) return str_lit("", 0);
  std::vector<char> buf(256 + fmt.size() * 8);
  std::size_t n = std::strftime(buf.data(), buf.size(), fmt.c_str(), &t);
  return make_str(std::string_view(buf.data(), n));
}

static Value t_localtime(const CallArgs& a) {
  check_nargs(a, "localtime", 0, 1);
  return tm_to_tuple(local_now(a, 0));
}
static Value t_gmtime(const CallArgs& a) {
  check_nargs(a, "gmtime", 0, 1);
  time_t secs = a.npos && !a[0].is_none() ? static_cast<time_t>(std::floor(to_double(a[0]))) : time(nullptr);
  std::tm t{};
  gmtime_r(&secs, &t);
  return tm_to_tuple(t);
}
static Value t_ctime(const CallArgs& a) {
  check_nargs(a, "ctime", 0, 1);
  std::tm t = local_now(a, 0);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a %b %e %H:%M:%S %Y", &t);
  return make_str(std::string_view(buf));
}

static Value create_time() {
  Value m = make_module("time");
  module_add_function(m, "time", &t_time);
  module_add_function(m, "time_ns", &t_time_ns);
  module_add_function(m, "monotonic", &t_monotonic);
  module_add_function(m, "perf_counter", &t_monotonic);
  module_add_function(m, "sleep", &t_sleep);
  module_add_function(m, "strftime", &t_strftime);
  module_add_function(m, "localtime", &t_localtime);
  module_add_function(m, "gmtime", &t_gmtime);
  module_add_function(m, "ctime", &t_ctime);
  return m;
}

void init_time_module() { register_module("time", &create_time); }

}  // namespace aio
