// Traceback text exactly as CPython 3.11 prints it, and run_main, the program entry.
#include "aio/traceback.hpp"

#include <algorithm>
#include <fstream>
#include <unordered_map>

#include "aio/builtins.hpp"
#include "aio/function.hpp"
#include "aio/module.hpp"
#include "aio/ops.hpp"
#include "aio/print.hpp"
#include "aio/str.hpp"
#include "aio/thread_pool.hpp"
#include "aio/tuple.hpp"
#include "aio/list.hpp"

namespace aio {

// Like linecache: the file is read when the traceback is printed.
static std::string source_line(const char* filename, int line) {
  static std::unordered_map<std::string, std::vector<std::string>> cache;
  auto it = cache.find(filename);
  if (it == cache.end()) {
    std::vector<std::string> lines;
    std::ifstream in(filename);
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    it = cache.emplace(filename, std::move(lines)).first;
  }
  if (line < 1 || static_cast<std::size_t>(line) > it->second.size()) return "";
  std::string s = it->second[line - 1];
  std::size_t b = s.find_first_not_of(" \t\f\r"), e = s.find_last_not_of(" \t\f\r\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

static void format_one(const Value& exc, std::string& out) {
  ExceptionObject* e = as_exception(exc);
  if (e && !e->traceback.empty()) {
    out += "Traceback (most recent call last):\n";
    for (std::size_t i = e->traceback.size(); i-- > 0;) {
      const TraceEntry& t = e->traceback[i];
      const char* file = t.code ? t.code->filename : "<unknown>";
      const char* name = t.code ? t.code->name : "<module>";
      out += "  File \"" + std::string(file) + "\", line " + std::to_string(t.line) + ", in " + name + "\n";
      std::string src = source_line(file, t.line);
      if (!src.empty()) out += "    " + src + "\n";
    }
  }
  out += format_exception_only(exc) + "\n";
}

static void format_chain(const Value& exc, std::string& out, std::vector<const Object*>& seen) {
  seen.push_back(exc.object());
  ExceptionObject* e = as_exception(exc);
  if (e) {
    auto unseen = [&](const Value& v) {
      return v.is_bound() && std::find(seen.begin(), seen.end(), static_cast<const Object*>(v.object())) == seen.end();
    };
    if (unseen(e->cause)) {
      format_chain(e->cause, out, seen);
      out += "\nThe above exception was the direct cause of the following exception:\n\n";
    } else if (!e->suppress_context && unseen(e->context)) {
      format_chain(e->context, out, seen);
      out += "\nDuring handling of the above exception, another exception occurred:\n\n";
    }
  }
  format_one(exc, out);
}

std::string format_traceback(const Value& exc) {
  std::string out;
  std::vector<const Object*> seen;
  format_chain(exc, out, seen);
  return out;
}

void print_exception(const Value& exc) {
  stdout_flush();
  std::string text;
  try {
    text = format_traceback(exc);
  } catch (PyException&) {
    text = "<exception str() failed>\n";
  }
  stderr_write(text);
}

int system_exit_status(const Value& exc) {
  Value code = stop_iteration_value(exc);
  auto& args = tuple_items(as_exception(exc)->args);
  if (args.size() > 1) code = as_exception(exc)->args;
  if (code.is_none()) return 0;
  if (code.is_int() || code.is_bool()) return static_cast<int>(code.as_int());
  stdout_flush();
  stderr_write(str_data(str(code)) + "\n");
  return 1;
}

namespace {
bool g_finalizing = false;
}  // namespace

bool program_finalizing() noexcept { return g_finalizing; }

int run_main(void (*module_body)(), int argc, char** argv) {
  runtime_init();
  Value sys = import_module(std::string_view("sys"));
  std::vector<Value> args;
  for (int i = 0; i < argc; ++i) args.push_back(make_str(std::string_view(argv[i])));
  setattr(sys, str_lit("argv", 4), make_list(std::move(args)));
  int status = 0;
  try {
    module_body();
  } catch (PyException& e) {
    Value v = e.value();
    if (type_of(v)->is_subtype_of(exc::SystemExit)) {
      try {
        status = system_exit_status(v);
      } catch (PyException&) {
        status = 1;
      }
    } else {
      print_exception(v);
      status = 1;
    }
  }
  join_executor_threads();  // like CPython's threading._shutdown: executor jobs finish first
  stdout_flush();
  g_finalizing = true;
#if defined(__SANITIZE_ADDRESS__)
  // Leak checks (scripts/leakcheck) report what even the collector cannot free; CPython
  // also collects at finalization. Normal builds skip it: exit frees everything anyway.
  gc_collect();
#endif
  return status;
}

}  // namespace aio
