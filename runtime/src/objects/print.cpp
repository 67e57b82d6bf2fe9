// print() and the buffered stdout shared by print and sys.stdout.write.
#include "aio/print.hpp"

#include <unistd.h>

#include <cstdio>
#include <string>

#include "aio/builtins.hpp"
#include "aio/call.hpp"
#include "aio/exceptions.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"

namespace aio {

namespace {
constexpr std::size_t kBufferSize = 8192;  // CPython's io.DEFAULT_BUFFER_SIZE
struct StdoutBuffer {
  std::string data;
  int tty = -1;  // unknown until first write
};
StdoutBuffer& out_buffer() {
  static auto* b = new StdoutBuffer();
  return *b;
}
void write_all(int fd, const char* p, std::size_t n) {
  while (n) {
    ssize_t w = ::write(fd, p, n);
    if (w <= 0) return;
    p += w;
    n -= static_cast<std::size_t>(w);
  }
}
}  // namespace

void stdout_flush() {
  StdoutBuffer& b = out_buffer();
  if (b.data.empty()) return;
  write_all(1, b.data.data(), b.data.size());
  b.data.clear();
}

void stdout_write(std::string_view text) {
  StdoutBuffer& b = out_buffer();
  if (b.tty < 0) b.tty = ::isatty(1) ? 1 : 0;
  b.data.append(text);
  if (b.tty ? text.find('\n') != std::string_view::npos : b.data.size() >= kBufferSize) stdout_flush();
}

void stderr_write(std::string_view text) { write_all(2, text.data(), text.size()); }

Value builtin_print(const CallArgs& a) {
  Value sep, end, file, flush;
  for (std::size_t k = 0; k < a.nkw; ++k) {
    std::string_view key = str_view(a.kw[k].first);
    const Value& v = a.kw[k].second;
    if (key == "sep") sep = v;
    else if (key == "end") end = v;
    else if (key == "file") file = v;
    else if (key == "flush") flush = v;
    else raise_type_error("'" + std::string(key) + "' is an invalid keyword argument for print()");
  }
  auto check = [](const Value& v, const char* what) {
    if (v.is_bound() && !v.is_none() && !is_str_like(v))
      raise_type_error(std::string(what) + " must be None or a string, not " + type_of(v)->name);
  };
  check(sep, "sep");
  check(end, "end");
  std::string text;
  for (std::size_t i = 0; i < a.npos; ++i) {
    if (i) text += sep.is_bound() && !sep.is_none() ? str_data(sep) : std::string(" ");
    text += str_data(str(a.pos[i]));
  }
  text += end.is_bound() && !end.is_none() ? str_data(end) : std::string("\n");
  if (file.is_bound() && !file.is_none()) {
    call_method(file, str_lit("write", 5), {make_str(std::move(text))});
    if (flush.is_bound() && truthy(flush)) call_method(file, str_lit("flush", 5), {});
    return Value::none();
  }
  stdout_write(text);
  if (flush.is_bound() && truthy(flush)) stdout_flush();
  return Value::none();
}

void print_value(const Value& v) {
  Value args[1] = {v};
  builtin_print(CallArgs{args, 1, nullptr, 0});
}

}  // namespace aio
