// Python exceptions: the builtin hierarchy as type objects, exception instances, and the
// C++ exception `PyException` that carries one through C++ frames.
//
// Design: an exception instance is an `ExceptionObject` (args tuple, __context__,
// __cause__, __suppress_context__, an attribute dict for user subclasses, and the
// traceback as a list of (CodeInfo*, line) entries, innermost first as they are recorded
// during unwinding). Python `raise` throws `PyException{value}`; every generated function
// catches it at its boundary, calls `add_traceback(frame)` and rethrows, which is how the
// traceback grows. Raising inside an `except` block links __context__ to the exception
// being handled, which generated code announces with `HandlerScope` (below).
//
// C++ code raises with `raise_error(exc::RuntimeError, "message")`. Exception type
// pointers live in namespace aio::exc and are valid after runtime_init().
//
// Thread model: the handled-exception stack is per thread (generated code must not keep
// a HandlerScope alive across an await; codegen leaves the C++ handler first anyway).
#pragma once

#include <exception>
#include <string>
#include <vector>

#include "aio/object.hpp"

namespace aio {

struct CodeInfo;

// One line of a traceback. Generated code holds one per function activation and updates
// `line` before each statement.
struct TraceFrame {
  const CodeInfo* code = nullptr;
  int line = 0;
};

struct TraceEntry {
  const CodeInfo* code;
  int line;
};

struct ExceptionObject : GcObject {
  Value args;     // tuple
  Value context;  // __context__ (Unbound = None)
  Value cause;    // __cause__
  bool suppress_context = false;
  Value dict;     // attributes of user subclasses (and StopIteration.value etc.)
  // BaseExceptionGroup instances only (exception_group.hpp): `message` and `exceptions`
  // (a tuple), fixed at construction as in CPython, whatever happens to args later.
  Value group_message;
  Value group_excs;
  std::vector<TraceEntry> traceback;  // innermost first
  explicit ExceptionObject(TypeObject* t);
  Value* instance_dict() noexcept override { return &dict; }
  void traverse(GcVisitFn visit, void* arg) override;
  void clear() override;
};

class PyException : public std::exception {
 public:
  explicit PyException(Value exc) : value_(std::move(exc)) {}
  const Value& value() const noexcept { return value_; }
  ExceptionObject* object() const noexcept;
  // Records the frame that the exception is leaving (or being caught in).
  void add_traceback(const TraceFrame& frame);
  // "TypeError: message" (for C++ users and tests).
  const char* what() const noexcept override;
  // Set by reraise(): the frame re-raising already has its traceback entry.
  bool skip_next_frame = false;

 private:
  Value value_;
  mutable std::string what_;
};

namespace exc {
extern TypeObject* BaseException;
extern TypeObject* Exception;
extern TypeObject* ArithmeticError;
extern TypeObject* ZeroDivisionError;
extern TypeObject* OverflowError;
extern TypeObject* LookupError;
extern TypeObject* IndexError;
extern TypeObject* KeyError;
extern TypeObject* ValueError;
extern TypeObject* UnicodeError;
extern TypeObject* UnicodeDecodeError;
extern TypeObject* UnicodeEncodeError;
extern TypeObject* TypeError;
extern TypeObject* NameError;
extern TypeObject* UnboundLocalError;
extern TypeObject* AttributeError;
extern TypeObject* RuntimeError;
extern TypeObject* NotImplementedError;
extern TypeObject* RecursionError;
extern TypeObject* StopIteration;
extern TypeObject* StopAsyncIteration;
extern TypeObject* GeneratorExit;
extern TypeObject* KeyboardInterrupt;
extern TypeObject* SystemExit;
extern TypeObject* AssertionError;
extern TypeObject* ImportError;
extern TypeObject* ModuleNotFoundError;
extern TypeObject* OSError;
extern TypeObject* FileNotFoundError;
extern TypeObject* FileExistsError;
extern TypeObject* PermissionError;
extern TypeObject* ConnectionError;
extern TypeObject* ConnectionRefusedError;
extern TypeObject* ConnectionResetError;
extern TypeObject* BrokenPipeError;
extern TypeObject* InterruptedError;
extern TypeObject* TimeoutError;
extern TypeObject* EOFError;
extern TypeObject* MemoryError;
extern TypeObject* BufferError;
extern TypeObject* Warning;
extern TypeObject* UserWarning;
extern TypeObject* DeprecationWarning;
extern TypeObject* RuntimeWarning;
extern TypeObject* BaseExceptionGroup;
extern TypeObject* ExceptionGroup;
}  // namespace exc

// A new exception class (e.g. asyncio.CancelledError with base exc::BaseException).
TypeObject* make_exception_type(const char* name, TypeObject* base, const char* module = "builtins");
// A builtin exception class by name ("ValueError"); nullptr if there is none.
TypeObject* builtin_exception(std::string_view name);
// The builtin class or function called `name` as a Value (contract name: aio::builtin).
Value builtin(std::string_view name);
inline Value builtin(const char* name) { return builtin(std::string_view(name)); }

// Instances.
Value make_exception(TypeObject* type, std::initializer_list<Value> args);
Value make_exception(TypeObject* type, std::string message);  // args = (message,)
bool is_exception_instance(const Value& v) noexcept;
ExceptionObject* as_exception(const Value& v) noexcept;  // nullptr if not an exception

// Raising. `raise(x)`: x is an exception instance or class (instantiated with no args);
// otherwise TypeError "exceptions must derive from BaseException". Sets __context__ from
// the innermost HandlerScope.
[[noreturn]] void raise(const Value& exc_or_class);
[[noreturn]] void raise_from(const Value& exc_or_class, const Value& cause);  // cause None ok
[[noreturn]] void raise_error(TypeObject* type, std::string message);
// OSError(err, strerror(err)[, filename]): the errno's subclass, CPython's message.
[[noreturn]] void raise_os_error(int err, const Value& filename = Value());
[[noreturn]] void raise_type_error(std::string message);
[[noreturn]] void raise_value_error(std::string message);
[[noreturn]] void raise_index_error(std::string message);
[[noreturn]] void raise_key_error(const Value& key);
[[noreturn]] void raise_attribute_error(const Value& obj, const Value& name);
[[noreturn]] void raise_name_error(std::string_view name);  // "name 'x' is not defined"
[[noreturn]] void raise_unbound_local(std::string_view name);
[[noreturn]] void raise_stop_iteration(const Value& value);  // StopIteration(value)
// Bare `raise` inside an except block: re-raise `caught` keeping its traceback.
[[noreturn]] void reraise(const Value& caught);
// Bare `raise` using the innermost HandlerScope; RuntimeError "No active exception to
// reraise" if none.
[[noreturn]] void reraise_current();

// isinstance(exc, type_or_tuple) for `except` clauses; TypeError for non-exception classes.
bool exception_matches(const Value& exc, const Value& type_or_tuple);

// Marks "an except/finally block handling `exc` is running" for the current thread:
// exceptions raised meanwhile get it as __context__; sys.exc_info() and bare raise see it.
class HandlerScope {
 public:
  explicit HandlerScope(const Value& exc);
  ~HandlerScope();
  HandlerScope(const HandlerScope&) = delete;
  HandlerScope& operator=(const HandlerScope&) = delete;
};
Value current_handled_exception();  // Unbound if none

// str(exc) and the "Type: message" last line of a traceback.
Value exception_str(const Value& exc);
std::string format_exception_only(const Value& exc);
// The StopIteration value (None if no args).
Value stop_iteration_value(const Value& exc);

}  // namespace aio
