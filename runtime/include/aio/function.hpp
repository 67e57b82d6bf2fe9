// Python functions defined in .aio files: CodeInfo (static, one per def), FunctionObject
// (one per evaluation of the def statement), argument binding, and closure cells.
//
// Design: generated code emits a static CodeInfo per function and calls make_function at
// the point of the `def`. Calling a FunctionObject binds the call's arguments into one
// slot per parameter (order: params..., then *args tuple, then **kwargs dict) exactly as
// CPython's argument parser does, with its TypeError messages, then calls `entry`.
// Closures: each captured variable lives in a heap `cell`; the FunctionObject keeps the
// cells of its free variables in `closure()`.
#pragma once

#include <string>
#include <vector>

#include "aio/object.hpp"

namespace aio {

struct FunctionObject;
struct FrameLocals;  // frame_locals.hpp

struct CodeInfo {
  const char* name;
  const char* qualname;
  const char* filename;
  int first_line;
  enum Kind { Plain, Coroutine, Generator, AsyncGenerator } kind;
  std::vector<const char*> params;  // posonly, positional-or-keyword, keyword-only
  int n_posonly;
  int n_positional;  // posonly + positional-or-keyword
  int n_kwonly;
  const char* vararg;  // nullptr if absent
  const char* kwarg;   // nullptr if absent
  Value (*entry)(FunctionObject* self, Value* slots);
  // Coroutine/generator bodies: where their Python locals sit in the C++ frame, registered
  // by the first call (frame_locals.hpp), so the cycle collector can walk suspended frames.
  mutable const FrameLocals* frame_locals = nullptr;
};

struct FunctionObject : GcObject {
  const CodeInfo* code;
  Value defaults;    // tuple or Unbound
  Value kwdefaults;  // dict or Unbound
  std::vector<Value> cells;
  Value name;      // str (assignable __name__)
  Value qualname;  // str
  Value module;    // str or Unbound
  Value doc;
  Value dict;      // function attributes
  // Set by @asyncio.coroutine on a generator function (CPython's CO_ITERABLE_COROUTINE):
  // the generators it returns can be awaited.
  bool iterable_coroutine = false;
  FunctionObject(const CodeInfo* c) : GcObject(function_type), code(c) {}
  std::vector<Value>& closure() { return cells; }
  Value* instance_dict() noexcept override { return &dict; }
  void traverse(GcVisitFn visit, void* arg) override;
  void clear() override;
};

Value make_function(const CodeInfo* code, Value defaults, Value kwdefaults, std::vector<Value> closure);
// Binds `args` to `slots` (size = code->params.size() + (vararg?1:0) + (kwarg?1:0)).
void bind_arguments(FunctionObject* f, const CallArgs& args, Value* slots);
Value call_function(FunctionObject* f, const CallArgs& args);
// sys.getrecursionlimit / setrecursionlimit: call_function raises RecursionError
// "maximum recursion depth exceeded" past the limit (the call depth is per thread).
int recursion_limit();
int recursion_depth();
void set_recursion_limit(int limit);

// Cells.
struct CellObject : GcObject {
  Value value;  // Unbound = empty
  explicit CellObject(Value v) : GcObject(cell_type), value(std::move(v)) {}
  void traverse(GcVisitFn visit, void* arg) override;
  void clear() override;
};
Value make_cell(Value v = Value());
inline Value& cell_ref(const Value& cell) { return static_cast<CellObject*>(cell.object())->value; }
// Reads a cell, raising NameError "cannot access free variable 'x' where it is not
// associated with a value in enclosing scope" when empty.
Value cell_get(const Value& cell, const char* name);

}  // namespace aio
