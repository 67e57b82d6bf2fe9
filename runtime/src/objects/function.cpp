// Python functions: make_function, CPython-exact argument binding, the function type's
// slots (call, repr `<function f at 0x...>`, binding to instances), and cells.
#include "aio/function.hpp"

#include <cstdio>
#include <cstring>

#include "aio/builtins.hpp"
#include "aio/dict.hpp"
#include "aio/exceptions.hpp"
#include "aio/generator.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"
#include "aio/tuple.hpp"

namespace aio {

Value make_function(const CodeInfo* code, Value defaults, Value kwdefaults, std::vector<Value> closure) {
  auto* f = new FunctionObject(code);
  f->defaults = std::move(defaults);
  f->kwdefaults = std::move(kwdefaults);
  f->cells = std::move(closure);
  f->name = intern(code->name);
  f->qualname = make_str(std::string_view(code->qualname));
  return Value(f);
}

static std::string fname(FunctionObject* f) { return str_data(f->qualname) + "()"; }

static std::string name_list(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i) out += names.size() > 2 ? ", " : " ";
    if (i && i + 1 == names.size()) out += "and ";
    out += "'" + names[i] + "'";
  }
  return out;
}

[[noreturn]] static void too_many_positional(FunctionObject* f, std::size_t given, std::size_t kwonly_given) {
  const CodeInfo* c = f->code;
  std::size_t n_defaults = f->defaults.is_bound() ? tuple_items(f->defaults).size() : 0;
  std::size_t max = static_cast<std::size_t>(c->n_positional);
  std::size_t min = max - n_defaults;
  std::string takes = min != max ? "from " + std::to_string(min) + " to " + std::to_string(max) + " positional arguments"
                                 : std::to_string(max) + " positional argument" + (max == 1 ? "" : "s");
  std::string msg = fname(f) + " takes " + takes + " but " + std::to_string(given);
  if (kwonly_given)
    msg += " positional argument" + std::string(given == 1 ? "" : "s") + " (and " + std::to_string(kwonly_given) +
           " keyword-only argument" + (kwonly_given == 1 ? "" : "s") + ")";
  msg += given == 1 && !kwonly_given ? " was given" : " were given";
  raise_type_error(msg);
}

void bind_arguments(FunctionObject* f, const CallArgs& args, Value* slots) {
  const CodeInfo* c = f->code;
  std::size_t n_params = c->params.size();
  std::size_t n_pos = static_cast<std::size_t>(c->n_positional);
  std::size_t vararg_slot = n_params, kwarg_slot = n_params + (c->vararg ? 1 : 0);
  Value kwdict;
  if (c->kwarg) kwdict = make_dict();

  // Positional arguments.
  std::size_t take = args.npos < n_pos ? args.npos : n_pos;
  for (std::size_t i = 0; i < take; ++i) slots[i] = args.pos[i];
  if (c->vararg) {
    slots[vararg_slot] = make_tuple(std::vector<Value>(args.pos + take, args.pos + args.npos));
  } else if (args.npos > n_pos) {
    std::size_t kwonly_given = 0;
    for (std::size_t k = 0; k < args.nkw; ++k)
      for (std::size_t i = n_pos; i < n_params; ++i)
        if (str_view(args.kw[k].first) == c->params[i]) ++kwonly_given;
    too_many_positional(f, args.npos, kwonly_given);
  }

  // Keyword arguments.
  std::vector<std::string> posonly_as_kw;
  for (std::size_t k = 0; k < args.nkw; ++k) {
    std::string_view key = str_view(args.kw[k].first);
    std::size_t i = static_cast<std::size_t>(c->n_posonly);
    for (; i < n_params; ++i)
      if (key == c->params[i]) break;
    if (i == n_params) {
      bool posonly = false;
      for (int p = 0; p < c->n_posonly; ++p)
        if (key == c->params[p]) posonly = true;
      if (c->kwarg) {
        dict_setitem(kwdict, args.kw[k].first, args.kw[k].second);
        continue;
      }
      if (posonly) {
        posonly_as_kw.emplace_back(key);
        continue;
      }
      raise_type_error(fname(f) + " got an unexpected keyword argument '" + std::string(key) + "'");
    }
    if (slots[i].is_bound()) raise_type_error(fname(f) + " got multiple values for argument '" + std::string(key) + "'");
    slots[i] = args.kw[k].second;
  }
  if (!posonly_as_kw.empty()) {
    std::string list;
    for (std::size_t i = 0; i < posonly_as_kw.size(); ++i) list += (i ? ", '" : "'") + posonly_as_kw[i] + "'";
    raise_type_error(fname(f) + " got some positional-only arguments passed as keyword arguments: " + list);
  }

  // Defaults and missing arguments.
  const std::vector<Value>* defaults = f->defaults.is_bound() ? &tuple_items(f->defaults) : nullptr;
  std::size_t n_defaults = defaults ? defaults->size() : 0;
  std::vector<std::string> missing;
  for (std::size_t i = 0; i < n_pos; ++i) {
    if (slots[i].is_bound()) continue;
    if (i + n_defaults >= n_pos) slots[i] = (*defaults)[i + n_defaults - n_pos];
    else missing.emplace_back(c->params[i]);
  }
  if (!missing.empty())
    raise_type_error(fname(f) + " missing " + std::to_string(missing.size()) + " required positional argument" +
                     (missing.size() == 1 ? "" : "s") + ": " + name_list(missing));
  for (std::size_t i = n_pos; i < n_params; ++i) {
    if (slots[i].is_bound()) continue;
    Value d = f->kwdefaults.is_bound() ? dict_get(f->kwdefaults, intern(c->params[i])) : Value();
    if (d.is_bound()) slots[i] = d;
    else missing.emplace_back(c->params[i]);
  }
  if (!missing.empty())
    raise_type_error(fname(f) + " missing " + std::to_string(missing.size()) + " required keyword-only argument" +
                     (missing.size() == 1 ? "" : "s") + ": " + name_list(missing));
  if (c->kwarg) slots[kwarg_slot] = kwdict;
}

// Python-level call depth (CPython's recursion limit, default 1000; the module frame
// counts as one). Deep recursion raises RecursionError instead of overflowing the stack.
static int g_recursion_limit = 1000;
static thread_local int g_depth = 1;

int recursion_limit() { return g_recursion_limit; }
int recursion_depth() { return g_depth; }
void set_recursion_limit(int limit) { g_recursion_limit = limit; }

namespace {
struct DepthGuard {
  DepthGuard() {
    if (g_depth >= g_recursion_limit) raise_error(exc::RecursionError, "maximum recursion depth exceeded");
    ++g_depth;
  }
  ~DepthGuard() { --g_depth; }
  DepthGuard(const DepthGuard&) = delete;
  DepthGuard& operator=(const DepthGuard&) = delete;
};
}  // namespace

Value call_function(FunctionObject* f, const CallArgs& args) {
  DepthGuard depth;
  const CodeInfo* c = f->code;
  std::size_t n = c->params.size() + (c->vararg ? 1 : 0) + (c->kwarg ? 1 : 0);
  constexpr std::size_t kInline = 8;  // most functions have few parameters: no heap slots
  Value result;
  if (n <= kInline) {
    Value slots[kInline];
    bind_arguments(f, args, slots);
    result = c->entry(f, slots);
  } else {
    std::vector<Value> slots(n);
    bind_arguments(f, args, slots.data());
    result = c->entry(f, slots.data());
  }
  if (f->iterable_coroutine && is_generator(result))
    static_cast<GeneratorObject*>(result.object())->iterable_coroutine = true;
  return result;
}

static Value function_call(const Value& self, const CallArgs& args) {
  // Keep the function alive while it runs even if the caller drops its reference.
  Value keep = self;
  return call_function(static_cast<FunctionObject*>(self.object()), args);
}

static Value function_repr(const Value& self) {
  auto* f = static_cast<FunctionObject*>(self.object());
  char buf[48];
  std::snprintf(buf, sizeof buf, " at %p>", static_cast<void*>(f));
  return make_str("<function " + str_data(f->qualname) + buf);
}

static Value function_descr_get(const Value& descr, const Value& obj, TypeObject*) {
  if (!obj.is_bound() || obj.is_none()) return descr;
  return make_method(descr, obj);
}

static Value function_getattr(const Value& self, const Value& name) {
  auto* f = static_cast<FunctionObject*>(self.object());
  std::string_view n = str_view(name);
  if (n == "__name__") return f->name;
  if (n == "__qualname__") return f->qualname;
  if (n == "__module__") return f->module.is_bound() ? f->module : str_lit("__main__", 8);
  if (n == "__doc__") return f->doc.is_bound() ? f->doc : Value::none();
  if (n == "__defaults__") return f->defaults.is_bound() ? f->defaults : Value::none();
  if (n == "__kwdefaults__") return f->kwdefaults.is_bound() ? f->kwdefaults : Value::none();
  if (n == "__closure__") return f->cells.empty() ? Value::none() : make_tuple(f->cells);
  if (n == "__dict__") {
    if (!f->dict.is_bound()) f->dict = make_dict();
    return f->dict;
  }
  return generic_getattr(self, name);
}

static void function_setattr(const Value& self, const Value& name, const Value& v) {
  auto* f = static_cast<FunctionObject*>(self.object());
  std::string_view n = str_view(name);
  if (n == "__name__") { f->name = v; return; }
  if (n == "__qualname__") { f->qualname = v; return; }
  if (n == "__module__") { f->module = v; return; }
  if (n == "__doc__") { f->doc = v; return; }
  generic_setattr(self, name, v);
}

static std::int64_t identity_hash(const Value& self) {
  return static_cast<std::int64_t>(reinterpret_cast<std::uintptr_t>(self.object()) >> 4);
}

Value make_cell(Value v) { return Value(new CellObject(std::move(v))); }

Value cell_get(const Value& cell, const char* name) {
  Value& v = cell_ref(cell);
  if (!v.is_bound())
    raise_error(exc::NameError, std::string("cannot access free variable '") + name +
                                    "' where it is not associated with a value in enclosing scope");
  return v;
}

void init_function_type() {
  TypeObject* t = function_type;
  t->call = &function_call;
  t->repr = &function_repr;
  t->descr_get = &function_descr_get;
  t->getattr = &function_getattr;
  t->setattr = &function_setattr;
  t->hash = &identity_hash;
}

}  // namespace aio
