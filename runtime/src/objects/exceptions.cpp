// Exceptions: the builtin hierarchy, exception objects and their slots (str/repr/args),
// raising helpers, matching, and the per-thread handled-exception stack.
#include "aio/class.hpp"
#include "aio/exceptions.hpp"

#include <unordered_map>

#include "aio/builtins.hpp"
#include "aio/call.hpp"
#include "aio/dict.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"
#include "aio/tuple.hpp"

namespace aio {

namespace exc {
TypeObject *BaseException, *Exception, *ArithmeticError, *ZeroDivisionError, *OverflowError, *LookupError,
    *IndexError, *KeyError, *ValueError, *UnicodeError, *UnicodeDecodeError, *UnicodeEncodeError, *TypeError,
    *NameError, *UnboundLocalError, *AttributeError, *RuntimeError, *NotImplementedError, *RecursionError,
    *StopIteration, *StopAsyncIteration, *GeneratorExit, *KeyboardInterrupt, *SystemExit, *AssertionError,
    *ImportError, *ModuleNotFoundError, *OSError, *FileNotFoundError, *FileExistsError, *PermissionError,
    *ConnectionError, *ConnectionRefusedError, *ConnectionResetError, *BrokenPipeError, *InterruptedError,
    *TimeoutError, *EOFError, *MemoryError, *BufferError, *Warning, *UserWarning, *DeprecationWarning,
    *RuntimeWarning, *BaseExceptionGroup, *ExceptionGroup;
}  // namespace exc

static std::unordered_map<std::string, TypeObject*>& exception_registry() {
  static auto* m = new std::unordered_map<std::string, TypeObject*>();
  return *m;
}

// args is set in the body: a container allocated in a member initialiser could start a
// collection that traverses this half-built object (gc.hpp rule 2).
ExceptionObject::ExceptionObject(TypeObject* t) : GcObject(t) { args = make_tuple({}); }

ExceptionObject* as_exception(const Value& v) noexcept {
  if (!v.is_object() || !v.object()->type->is_exception) return nullptr;
  return static_cast<ExceptionObject*>(v.object());
}
bool is_exception_instance(const Value& v) noexcept { return as_exception(v) != nullptr; }

Value make_exception(TypeObject* type, std::initializer_list<Value> args) {
  return call_args(Value::borrowed(type), CallArgs{args.begin(), args.size(), nullptr, 0});
}
Value make_exception(TypeObject* type, std::string message) { return make_exception(type, {make_str(std::move(message))}); }

// ---- PyException ------------------------------------------------------------------------------

ExceptionObject* PyException::object() const noexcept { return as_exception(value_); }

void PyException::add_traceback(const TraceFrame& frame) {
  if (skip_next_frame) {
    skip_next_frame = false;
    return;
  }
  if (ExceptionObject* e = object()) e->traceback.push_back(TraceEntry{frame.code, frame.line});
}

const char* PyException::what() const noexcept {
  try {
    what_ = format_exception_only(value_);
  } catch (...) {
    what_ = "<exception>";
  }
  return what_.c_str();
}

// ---- handled-exception stack ---------------------------------------------------------------

// Objects finalised by static destructors at exit (a coroutine in a module global that
// catches GeneratorExit) run handlers after this thread's stack was destroyed: from then on
// the stack is gone (a trivially destructible flag says so) and handlers are not recorded.
static thread_local bool t_handled_stack_gone = false;
struct HandledStack {
  std::vector<Value> items;
  ~HandledStack() { t_handled_stack_gone = true; }
};
static std::vector<Value>* handled_stack() {
  static thread_local HandledStack stack;
  return t_handled_stack_gone ? nullptr : &stack.items;
}
HandlerScope::HandlerScope(const Value& exc) {
  if (auto* s = handled_stack()) s->push_back(exc);
}
HandlerScope::~HandlerScope() {
  if (auto* s = handled_stack()) s->pop_back();
}
Value current_handled_exception() {
  auto* s = handled_stack();
  return !s || s->empty() ? Value() : s->back();
}

// ---- raising ------------------------------------------------------------------------------------

static Value instantiate(const Value& exc_or_class) {
  if (is_exception_instance(exc_or_class)) return exc_or_class;
  if (exc_or_class.is_object() && exc_or_class.object()->type->is_subtype_of(type_type) &&
      static_cast<TypeObject*>(exc_or_class.object())->is_exception) {
    Value v = call(exc_or_class, {});
    if (!is_exception_instance(v))
      raise_type_error("calling " + str_data(repr(exc_or_class)) + " should have returned an instance of BaseException, not " + type_of(v)->name);
    return v;
  }
  raise_type_error("exceptions must derive from BaseException");
}

static void link_context(ExceptionObject* e) {
  Value ctx = current_handled_exception();
  if (!ctx.is_bound() || ctx.object() == e) return;
  // Avoid cycles: cut the chain where it would come back to e (as CPython does).
  for (ExceptionObject* o = as_exception(ctx); o; o = as_exception(o->context))
    if (o->context.object() == e) {
      o->context = Value();
      break;
    }
  e->context = ctx;
}

void raise(const Value& exc_or_class) {
  Value v = instantiate(exc_or_class);
  link_context(as_exception(v));
  throw PyException(std::move(v));
}

void raise_from(const Value& exc_or_class, const Value& cause) {
  Value v = instantiate(exc_or_class);
  ExceptionObject* e = as_exception(v);
  if (cause.is_none() || !cause.is_bound()) {
    e->cause = Value();
  } else {
    e->cause = instantiate(cause);
  }
  e->suppress_context = true;
  link_context(e);
  throw PyException(std::move(v));
}

void raise_error(TypeObject* type, std::string message) {
  auto* e = new ExceptionObject(type);
  e->args = make_tuple({make_str(std::move(message))});
  Value v(e);
  link_context(e);
  throw PyException(std::move(v));
}

void raise_type_error(std::string message) { raise_error(exc::TypeError, std::move(message)); }
void raise_value_error(std::string message) { raise_error(exc::ValueError, std::move(message)); }
void raise_index_error(std::string message) { raise_error(exc::IndexError, std::move(message)); }

void raise_key_error(const Value& key) {
  auto* e = new ExceptionObject(exc::KeyError);
  e->args = make_tuple({key});
  Value v(e);
  link_context(e);
  throw PyException(std::move(v));
}

void raise_attribute_error(const Value& obj, const Value& name) {
  TypeObject* t = type_of(obj);
  if (t == module_type) {
    Value mname = getattr_or(obj, str_lit("__name__", 8), Value());
    raise_error(exc::AttributeError, "module '" + (mname.is_bound() ? str_data(mname) : std::string("?")) +
                                         "' has no attribute '" + str_data(name) + "'");
  }
  if (t->is_subtype_of(type_type))
    raise_error(exc::AttributeError, "type object '" + static_cast<TypeObject*>(obj.object())->name +
                                         "' has no attribute '" + str_data(name) + "'");
  raise_error(exc::AttributeError, "'" + t->name + "' object has no attribute '" + str_data(name) + "'");
}

void raise_name_error(std::string_view name) {
  raise_error(exc::NameError, "name '" + std::string(name) + "' is not defined");
}
void raise_unbound_local(std::string_view name) {
  raise_error(exc::UnboundLocalError,
              "cannot access local variable '" + std::string(name) + "' where it is not associated with a value");
}
void raise_stop_iteration(const Value& value) {
  auto* e = new ExceptionObject(exc::StopIteration);
  e->args = value.is_bound() && !value.is_none() ? make_tuple({value}) : make_tuple({});
  Value v(e);
  throw PyException(std::move(v));
}

void reraise(const Value& caught) {
  PyException e(caught);
  e.skip_next_frame = true;
  throw e;
}

void reraise_current() {
  Value cur = current_handled_exception();
  if (!cur.is_bound()) raise_error(exc::RuntimeError, "No active exception to reraise");
  reraise(cur);
}

bool exception_matches(const Value& exc, const Value& type_or_tuple) {
  if (is_tuple_like(type_or_tuple)) {
    for (const Value& t : tuple_items(type_or_tuple))
      if (exception_matches(exc, t)) return true;
    return false;
  }
  if (!type_or_tuple.is_object() || !type_or_tuple.object()->type->is_subtype_of(type_type) ||
      !static_cast<TypeObject*>(type_or_tuple.object())->is_exception)
    raise_type_error("catching classes that do not inherit from BaseException is not allowed");
  return type_of(exc)->is_subtype_of(static_cast<TypeObject*>(type_or_tuple.object()));
}

// ---- str / repr -----------------------------------------------------------------------------------

Value exception_str(const Value& v) {
  ExceptionObject* e = as_exception(v);
  auto& args = tuple_items(e->args);
  if (e->type->is_subtype_of(exc::KeyError) && args.size() == 1) return repr(args[0]);
  if (args.empty()) return str_lit("", 0);
  if (args.size() == 1) return str(args[0]);
  return repr(e->args);
}

static Value exception_str_slot(const Value& v) { return exception_str(v); }

static Value exception_repr_slot(const Value& v) {
  ExceptionObject* e = as_exception(v);
  auto& args = tuple_items(e->args);
  std::string inner = args.size() == 1 ? str_data(repr(args[0])) : str_data(repr(e->args));
  if (args.size() != 1) inner = inner.size() >= 2 ? inner.substr(1, inner.size() - 2) : inner;
  if (args.size() == 1 && inner.empty()) inner = "";
  if (args.size() > 1 && inner.back() == ',') inner.pop_back();
  return make_str(e->type->name + "(" + inner + ")");
}

std::string format_exception_only(const Value& v) {
  TypeObject* t = type_of(v);
  std::string name = t->name;
  if (t->module != "builtins" && t->module != "__main__" && !t->module.empty()) name = t->module + "." + name;
  std::string msg = str_data(str(v));
  return msg.empty() ? name : name + ": " + msg;
}

Value stop_iteration_value(const Value& v) {
  ExceptionObject* e = as_exception(v);
  auto& args = tuple_items(e->args);
  return args.empty() ? Value::none() : args[0];
}

static Value exception_new(TypeObject* type, const CallArgs& a) {
  Value inst = alloc_instance(type);
  as_exception(inst)->args = make_tuple(std::vector<Value>(a.pos, a.pos + a.npos));
  return inst;
}

static Value m_init(const CallArgs& a) {
  as_exception(a[0])->args = make_tuple(std::vector<Value>(a.pos + 1, a.pos + a.npos));
  return Value::none();
}

static Value exception_getattr(const Value& self, const Value& name) {
  ExceptionObject* e = as_exception(self);
  std::string_view n = str_view(name);
  if (n == "args") return e->args;
  if (n == "__context__") return e->context.is_bound() ? e->context : Value::none();
  if (n == "__cause__") return e->cause.is_bound() ? e->cause : Value::none();
  if (n == "__suppress_context__") return Value(e->suppress_context);
  if (n == "__traceback__") return Value::none();
  Value r = generic_getattr(self, name);
  if (r.is_bound()) return r;
  if (n == "value" && e->type->is_subtype_of(exc::StopIteration)) return stop_iteration_value(self);
  if (n == "code" && e->type->is_subtype_of(exc::SystemExit)) return stop_iteration_value(self);
  if ((n == "errno" || n == "strerror" || n == "filename" || n == "filename2") && e->type->is_subtype_of(exc::OSError)) return Value::none();
  if (n == "name" && (e->type->is_subtype_of(exc::ImportError) || e->type->is_subtype_of(exc::NameError))) return Value::none();
  return r;
}

static void exception_setattr(const Value& self, const Value& name, const Value& v) {
  ExceptionObject* e = as_exception(self);
  std::string_view n = str_view(name);
  if (n == "args") { e->args = make_tuple(to_vector(v)); return; }
  if (n == "__context__") { e->context = v.is_none() ? Value() : v; return; }
  if (n == "__cause__") { e->cause = v.is_none() ? Value() : v; e->suppress_context = true; return; }
  if (n == "__suppress_context__") { e->suppress_context = truthy(v); return; }
  generic_setattr(self, name, v);
}

static Value m_with_traceback(const CallArgs& a) { return a[0]; }

void init_oserror(TypeObject* oserror);  // oserror.cpp

static TypeObject* def(const char* name, TypeObject* base) {
  TypeObject* t = make_builtin_type(name, base);
  exception_registry()[name] = t;
  return t;
}

TypeObject* make_exception_type(const char* name, TypeObject* base, const char* module) {
  TypeObject* t = make_builtin_type(name, base ? base : exc::Exception, module);
  t->is_exception = true;
  return t;
}

TypeObject* builtin_exception(std::string_view name) {
  auto it = exception_registry().find(std::string(name));
  return it == exception_registry().end() ? nullptr : it->second;
}

void init_exception_groups();

void init_exception_types() {
  using namespace exc;
  BaseException = def("BaseException", object_type);
  BaseException->is_exception = true;
  BaseException->str = &exception_str_slot;
  BaseException->repr = &exception_repr_slot;
  BaseException->new_ = &exception_new;
  BaseException->getattr = &exception_getattr;
  BaseException->setattr = &exception_setattr;
  add_method(BaseException, "__init__", &m_init);
  add_method(BaseException, "with_traceback", &m_with_traceback);
  Exception = def("Exception", BaseException);
  ArithmeticError = def("ArithmeticError", Exception);
  ZeroDivisionError = def("ZeroDivisionError", ArithmeticError);
  OverflowError = def("OverflowError", ArithmeticError);
  LookupError = def("LookupError", Exception);
  IndexError = def("IndexError", LookupError);
  KeyError = def("KeyError", LookupError);
  ValueError = def("ValueError", Exception);
  UnicodeError = def("UnicodeError", ValueError);
  UnicodeDecodeError = def("UnicodeDecodeError", UnicodeError);
  UnicodeEncodeError = def("UnicodeEncodeError", UnicodeError);
  TypeError = def("TypeError", Exception);
  NameError = def("NameError", Exception);
  UnboundLocalError = def("UnboundLocalError", NameError);
  AttributeError = def("AttributeError", Exception);
  RuntimeError = def("RuntimeError", Exception);
  NotImplementedError = def("NotImplementedError", RuntimeError);
  RecursionError = def("RecursionError", RuntimeError);
  StopIteration = def("StopIteration", Exception);
  StopAsyncIteration = def("StopAsyncIteration", Exception);
  GeneratorExit = def("GeneratorExit", BaseException);
  KeyboardInterrupt = def("KeyboardInterrupt", BaseException);
  SystemExit = def("SystemExit", BaseException);
  AssertionError = def("AssertionError", Exception);
  ImportError = def("ImportError", Exception);
  ModuleNotFoundError = def("ModuleNotFoundError", ImportError);
  OSError = def("OSError", Exception);
  init_oserror(OSError);  // before its subclasses, which copy its slots
  exception_registry()["IOError"] = OSError;
  exception_registry()["EnvironmentError"] = OSError;
  FileNotFoundError = def("FileNotFoundError", OSError);
  FileExistsError = def("FileExistsError", OSError);
  PermissionError = def("PermissionError", OSError);
  ConnectionError = def("ConnectionError", OSError);
  ConnectionRefusedError = def("ConnectionRefusedError", ConnectionError);
  ConnectionResetError = def("ConnectionResetError", ConnectionError);
  BrokenPipeError = def("BrokenPipeError", ConnectionError);
  InterruptedError = def("InterruptedError", OSError);
  TimeoutError = def("TimeoutError", OSError);
  def("BlockingIOError", OSError);
  def("ChildProcessError", OSError);
  def("ConnectionAbortedError", ConnectionError);
  def("IsADirectoryError", OSError);
  def("NotADirectoryError", OSError);
  def("ProcessLookupError", OSError);
  EOFError = def("EOFError", Exception);
  MemoryError = def("MemoryError", Exception);
  BufferError = def("BufferError", Exception);
  Warning = def("Warning", Exception);
  UserWarning = def("UserWarning", Warning);
  DeprecationWarning = def("DeprecationWarning", Warning);
  RuntimeWarning = def("RuntimeWarning", Warning);
  TypeObject* syntax_error = def("SyntaxError", Exception);
  TypeObject* indentation_error = def("IndentationError", syntax_error);
  def("TabError", indentation_error);
  def("SystemError", Exception);
  def("ReferenceError", Exception);
  def("FloatingPointError", ArithmeticError);
  def("UnicodeTranslateError", UnicodeError);
  for (const char* w : {"BytesWarning", "EncodingWarning", "FutureWarning", "ImportWarning",
                        "PendingDeprecationWarning", "ResourceWarning", "SyntaxWarning", "UnicodeWarning"})
    def(w, Warning);
  BaseExceptionGroup = def("BaseExceptionGroup", BaseException);
  ExceptionGroup = def("ExceptionGroup", BaseExceptionGroup);
  ExceptionGroup->bases.push_back(Exception);
  ExceptionGroup->mro = {ExceptionGroup, BaseExceptionGroup, Exception, BaseException, object_type};
  init_exception_groups();  // exception_group.cpp
}

}  // namespace aio
