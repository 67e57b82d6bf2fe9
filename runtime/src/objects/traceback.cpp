// Traceback text exactly as CPython 3.11 prints it, and run_main, the program entry.
#include "aio/traceback.hpp"

#include <algorithm>
#include <fstream>
#include <unordered_map>

#include "aio/builtins.hpp"
#include "aio/dict.hpp"
#include "aio/exception_group.hpp"
#include "aio/function.hpp"
#include "aio/gc.hpp"
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

namespace {

// CPython's traceback._ExceptionPrintContext: exception groups are drawn as nested boxes,
// every line inside one prefixed by its indent and margin ("| ", "+ " for a top-level
// group's first line).
struct PrintContext {
  std::string out;
  int group_depth = 0;
  bool need_close = false;
  std::vector<const Object*> seen;

  std::string indent() const { return std::string(static_cast<std::size_t>(2 * group_depth), ' '); }

  void emit(const std::string& text, char margin = '|') {
    std::string prefix = indent();
    if (group_depth) prefix += std::string(1, margin) + " ";
    std::size_t pos = 0;
    while (pos < text.size()) {
      std::size_t nl = text.find('\n', pos);
      std::size_t end = nl == std::string::npos ? text.size() : nl + 1;
      out += prefix;
      out.append(text, pos, end - pos);
      pos = end;
    }
  }
};

constexpr std::size_t kMaxGroupWidth = 15;
constexpr int kMaxGroupDepth = 10;

std::string format_stack(const ExceptionObject* e) {
  std::string text;
  for (std::size_t i = e->traceback.size(); i-- > 0;) {
    const TraceEntry& t = e->traceback[i];
    const char* file = t.code ? t.code->filename : "<unknown>";
    const char* name = t.code ? t.code->name : "<module>";
    text += "  File \"" + std::string(file) + "\", line " + std::to_string(t.line) + ", in " + name + "\n";
    std::string src = source_line(file, t.line);
    if (!src.empty()) text += "    " + src + "\n";
  }
  return text;
}

// The "Type: message" line and the exception's __notes__, one line each.
std::string format_exception_and_notes(const Value& exc) {
  std::string text = format_exception_only(exc) + "\n";
  ExceptionObject* e = as_exception(exc);
  if (!e || !e->dict.is_bound()) return text;
  Value notes = dict_get(e->dict, std::string_view("__notes__"));
  if (!notes.is_bound()) return text;
  if (!is_tuple_like(notes) && type_of(notes) != list_type) return text + str_data(repr(notes)) + "\n";
  for (const Value& note : to_vector(notes)) {
    std::string n = str_data(str(note));
    for (std::size_t pos = 0;;) {
      std::size_t nl = n.find('\n', pos);
      text += n.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos) + "\n";
      if (nl == std::string::npos) break;
      pos = nl + 1;
    }
  }
  return text;
}

void format_exception(const Value& exc, PrintContext& ctx);

void format_group(const Value& exc, const ExceptionObject* e, PrintContext& ctx) {
  if (ctx.group_depth > kMaxGroupDepth) {
    ctx.emit("... (max_group_depth is " + std::to_string(kMaxGroupDepth) + ")\n");
    return;
  }
  bool toplevel = ctx.group_depth == 0;
  if (toplevel) ++ctx.group_depth;
  if (!e->traceback.empty()) {
    ctx.emit("Exception Group Traceback (most recent call last):\n", toplevel ? '+' : '|');
    ctx.emit(format_stack(e));
  }
  ctx.emit(format_exception_and_notes(exc));
  const std::vector<Value>& subs = tuple_items(e->group_excs);
  std::size_t n = subs.size() <= kMaxGroupWidth ? subs.size() : kMaxGroupWidth + 1;
  ctx.need_close = false;
  for (std::size_t i = 0; i < n; ++i) {
    bool last = i == n - 1;
    if (last) ctx.need_close = true;  // a nested group may draw the closing line instead
    bool truncated = i >= kMaxGroupWidth;
    std::string title = truncated ? "..." : std::to_string(i + 1);
    ctx.out += ctx.indent() + (i == 0 ? "+-" : "  ") + "+---------------- " + title + " ----------------\n";
    ++ctx.group_depth;
    if (!truncated) {
      format_exception(subs[i], ctx);
    } else {
      std::size_t remaining = subs.size() - kMaxGroupWidth;
      ctx.emit("and " + std::to_string(remaining) + " more exception" + (remaining > 1 ? "s" : "") + "\n");
    }
    if (last && ctx.need_close) {
      ctx.out += ctx.indent() + "+------------------------------------\n";
      ctx.need_close = false;
    }
    --ctx.group_depth;
  }
  if (toplevel) ctx.group_depth = 0;
}

// One exception with its chain (__cause__ / __context__ first), as TracebackException.format.
void format_exception(const Value& exc, PrintContext& ctx) {
  std::vector<std::pair<const char*, Value>> chain;
  auto unseen = [&](const Value& v) {
    return v.is_bound() && std::find(ctx.seen.begin(), ctx.seen.end(), static_cast<const Object*>(v.object())) == ctx.seen.end();
  };
  Value cur = exc;
  const char* msg = nullptr;
  while (cur.is_bound()) {
    ctx.seen.push_back(cur.object());
    chain.emplace_back(msg, cur);
    ExceptionObject* e = as_exception(cur);
    if (!e) break;
    if (unseen(e->cause)) {
      msg = "\nThe above exception was the direct cause of the following exception:\n\n";
      cur = e->cause;
    } else if (!e->suppress_context && unseen(e->context)) {
      msg = "\nDuring handling of the above exception, another exception occurred:\n\n";
      cur = e->context;
    } else {
      break;
    }
  }
  // chain[i] is printed after chain[i+1], followed by the message that links them.
  for (std::size_t i = chain.size(); i-- > 0;) {
    const Value& v = chain[i].second;
    ExceptionObject* e = as_exception(v);
    if (e && is_exception_group(v) && e->group_excs.is_bound()) {
      format_group(v, e, ctx);
    } else {
      if (e && !e->traceback.empty()) {
        ctx.emit("Traceback (most recent call last):\n");
        ctx.emit(format_stack(e));
      }
      ctx.emit(format_exception_and_notes(v));
    }
    if (chain[i].first) ctx.emit(chain[i].first);
  }
}

}  // namespace

std::string format_traceback(const Value& exc) {
  PrintContext ctx;
  format_exception(exc, ctx);
  return std::move(ctx.out);
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

int run_main(void (*module_body)(), int argc, char** argv) { return run_main(module_body, nullptr, 0, argc, argv); }

int run_main(void (*module_body)(), Value* const* globals, std::size_t nglobals, int argc, char** argv) {
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
  gc_finalize_module(globals, nglobals);
  stdout_flush();
  // What is left lives in C++ statics, destroyed after main returns: no Python code then.
  disable_del_finalizers();
  return status;
}

}  // namespace aio
