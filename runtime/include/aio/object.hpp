// The object model: TypeObject with C++ slots, native functions, and how builtin types,
// methods and attributes are declared from C++.
//
// Design: every heap object derives from `aio::Object` (value.hpp: refcount + type).
// A TypeObject is itself an object (its type is `type`). It carries its name, bases, the
// C3 MRO, an attribute dict (a Python dict Value mapping str -> attribute), and C++
// function-pointer SLOTS for the hot paths (repr, hash, compare, call, getattr, iter, ...)
// so operators on builtin objects never go through a dict lookup. User classes (class.hpp)
// get dispatcher slots that look up the dunder method along the MRO and fall back to the
// nearest builtin base's slot.
//
// Native code defines a type like this (all calls after runtime_init(); module `create`
// functions run lazily at import time, so they may use everything):
//
//   TypeObject* t = make_builtin_type("Future", object_type);   // immortal
//   t->repr = &future_repr;                                      // optional slots
//   add_method(t, "result", &future_result);   // Value f(const CallArgs&), args[0] = self
//   add_getset(t, "name", &getter, &setter_or_null);
//
// Native functions receive `CallArgs`: positional args as a pointer + count (for methods
// the first one is self) and keyword args as (name str, value) pairs. `parse_args` binds
// them to named parameters with CPython's TypeError messages.
//
// Thread model: not thread-safe; callers hold the runtime lock. Builtin types and the
// objects created by runtime_init() are immortal (never freed).
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aio/gc.hpp"
#include "aio/value.hpp"

namespace aio {

using KwArg = std::pair<Value, Value>;  // (name as str Value, value)

// Arguments of a call as seen by a callee. Non-owning views.
struct CallArgs {
  const Value* pos = nullptr;
  std::size_t npos = 0;
  const KwArg* kw = nullptr;
  std::size_t nkw = 0;
  const Value& operator[](std::size_t i) const { return pos[i]; }
  std::size_t size() const { return npos; }
};

enum class CompareOp : std::uint8_t { Lt, Le, Eq, Ne, Gt, Ge };
enum class BinaryOp : std::uint8_t {
  Add, Sub, Mul, MatMul, TrueDiv, FloorDiv, Mod, Pow, LShift, RShift, And, Or, Xor
};
enum class UnaryOp : std::uint8_t { Neg, Pos, Invert };

// Slot signatures. "Unbound" results mean NotImplemented / not found, never a Python value.
using ReprSlot = Value (*)(const Value& self);
using HashSlot = std::int64_t (*)(const Value& self);
using CompareSlot = Value (*)(const Value& a, const Value& b, CompareOp op);
using BinarySlot = Value (*)(const Value& a, const Value& b, BinaryOp op);
using UnarySlot = Value (*)(const Value& a, UnaryOp op);
using CallSlot = Value (*)(const Value& self, const CallArgs& args);
using GetAttrSlot = Value (*)(const Value& self, const Value& name);  // Unbound if missing
using SetAttrSlot = void (*)(const Value& self, const Value& name, const Value& v);  // v Unbound: delete
using IterSlot = Value (*)(const Value& self);
using NextSlot = bool (*)(const Value& self, Value& out);  // false at exhaustion
using LenSlot = std::int64_t (*)(const Value& self);
using GetItemSlot = Value (*)(const Value& self, const Value& key);
using SetItemSlot = void (*)(const Value& self, const Value& key, const Value& v);  // v Unbound: delete
using BoolSlot = bool (*)(const Value& self);
using ContainsSlot = bool (*)(const Value& self, const Value& item);
using NewSlot = Value (*)(TypeObject* type, const CallArgs& args);  // type(...) constructor
using DescrGetSlot = Value (*)(const Value& descr, const Value& obj, TypeObject* owner);
using DescrSetSlot = void (*)(const Value& descr, const Value& obj, const Value& v);  // v Unbound: delete

struct TypeObject : Object {
  std::string name;      // "int", "Future"
  std::string qualname;  // for user classes
  std::string module;    // "builtins" for builtin types
  TypeObject* base = nullptr;          // the first base (nullptr only for object)
  std::vector<TypeObject*> bases;      // all bases, in order
  std::vector<TypeObject*> mro;        // C3 linearisation, starting with this type
  Value dict;                          // dict: attribute name -> value
  bool is_heap = false;                // created by a class statement
  bool is_exception = false;           // BaseException or a subclass
  TypeObject* native_base = nullptr;   // nearest builtin type in the MRO (self if builtin)

  ReprSlot repr = nullptr;
  ReprSlot str = nullptr;
  HashSlot hash = nullptr;
  CompareSlot compare = nullptr;
  BinarySlot binary = nullptr;
  UnarySlot unary = nullptr;
  CallSlot call = nullptr;
  GetAttrSlot getattr = nullptr;
  SetAttrSlot setattr = nullptr;
  IterSlot iter = nullptr;
  NextSlot next = nullptr;
  LenSlot len = nullptr;
  GetItemSlot getitem = nullptr;
  SetItemSlot setitem = nullptr;
  BoolSlot truthy = nullptr;
  ContainsSlot contains = nullptr;
  NewSlot new_ = nullptr;
  DescrGetSlot descr_get = nullptr;
  DescrSetSlot descr_set = nullptr;

  explicit TypeObject(TypeObject* metatype) : Object(metatype) {}
  ~TypeObject() override;  // invalidates the type-attribute cache (its address may be reused)
  // Looks `name` (a str Value) up along the MRO; Unbound if absent. Interned names go
  // through a per-thread cache (type_object.cpp) that any change to a type dict invalidates.
  Value lookup(const Value& name) const;
  Value lookup(std::string_view name) const;
  // The same restricted to the heap (class-statement) types of the MRO.
  Value heap_lookup(const Value& name) const;
  bool is_subtype_of(const TypeObject* other) const;
};

// ---- builtin types (set by runtime_init; never null afterwards) -------------------------
extern TypeObject* type_type;
extern TypeObject* object_type;
extern TypeObject* none_type;
extern TypeObject* bool_type;
extern TypeObject* int_type;
extern TypeObject* float_type;
extern TypeObject* str_type;
extern TypeObject* bytes_type;
extern TypeObject* list_type;
extern TypeObject* tuple_type;
extern TypeObject* dict_type;
extern TypeObject* set_type;
extern TypeObject* frozenset_type;
extern TypeObject* range_type;
extern TypeObject* slice_type;
extern TypeObject* function_type;
extern TypeObject* builtin_function_type;  // native functions
extern TypeObject* method_type;            // bound methods
extern TypeObject* cell_type;
extern TypeObject* module_type;
extern TypeObject* property_type;
extern TypeObject* staticmethod_type;
extern TypeObject* classmethod_type;
extern TypeObject* super_type;
extern TypeObject* not_implemented_type;
extern TypeObject* ellipsis_type;
extern TypeObject* iterator_type;  // generic native iterators (list_iterator etc. share layout)

// Initialises every builtin type, exception class and builtin function. Idempotent;
// run_main and the unit tests call it; static initialisers in other TUs that need the
// runtime call it first (str_lit, make_builtin_type and make_native_function do).
void runtime_init();
bool runtime_ready() noexcept;

// The type of any value (inline values included).
TypeObject* type_of(const Value& v) noexcept;
bool isinstance_of(const Value& v, const TypeObject* t) noexcept;

// ---- defining types from C++ ----------------------------------------------------------
// A new immortal builtin type inheriting base's slots (base nullptr = object).
TypeObject* make_builtin_type(const char* name, TypeObject* base, const char* module = "builtins");
using NativeFn = Value (*)(const CallArgs& args);
using NativeDataFn = Value (*)(const Value& data, const CallArgs& args);
void add_method(TypeObject* t, const char* name, NativeFn fn);           // args[0] is self
void add_static_method(TypeObject* t, const char* name, NativeFn fn);    // no self
void add_class_method(TypeObject* t, const char* name, NativeFn fn);     // args[0] is the class
// A data descriptor. getter(args[0]=self); setter(args[0]=self, args[1]=value) or nullptr
// (then assignment raises AttributeError "property 'x' of 'T' object has no setter").
void add_getset(TypeObject* t, const char* name, NativeFn getter, NativeFn setter = nullptr);
void set_type_attr(TypeObject* t, const char* name, const Value& v);

// ---- native functions ------------------------------------------------------------------
struct NativeFunctionObject : GcObject {
  std::string name;
  std::string qualname;  // "list.append" for methods
  NativeFn fn = nullptr;
  NativeDataFn data_fn = nullptr;
  Value data;  // passed to data_fn (a closure substitute: no capturing lambdas)
  Value self;  // Unbound unless this is a method bound to self (prepended to args)
  bool is_method = false;  // a method descriptor in a type dict: binds on attribute access
  NativeFunctionObject() : GcObject(builtin_function_type) {}
  void traverse(GcVisitFn visit, void* arg) override;
  void clear() override;
};
Value make_native_function(const char* name, NativeFn fn);
Value make_native_function(const char* name, NativeDataFn fn, Value data);

// Binds a native call's arguments to parameter `names` (positional-or-keyword, in order;
// the first `n_required` are required, `n_posonly` of them positional-only). Missing ones
// stay Unbound in `out`. Raises TypeError with CPython's messages.
void parse_args(const CallArgs& a, const char* fname, std::initializer_list<const char*> names,
                std::size_t n_required, Value* out, std::size_t n_posonly = 0);
// Positional-only arity check: "f() takes exactly one argument (2 given)" etc.
void check_nargs(const CallArgs& a, const char* fname, std::size_t min, std::size_t max);
void no_kwargs(const CallArgs& a, const char* fname);  // "f() takes no keyword arguments"

// ---- singletons ------------------------------------------------------------------------
Value not_implemented();
Value ellipsis();

// Bound method object (Python functions and native methods bound to an instance).
struct MethodObject : GcObject {
  Value func;
  Value self;
  MethodObject(Value f, Value s) : GcObject(method_type), func(std::move(f)), self(std::move(s)) {}
  void traverse(GcVisitFn visit, void* arg) override;
  void clear() override;
};
Value make_method(const Value& func, const Value& self);

// Simple instance of a user class: just an attribute dict (class.hpp builds these).
struct InstanceObject : GcObject {
  Value dict;
  explicit InstanceObject(TypeObject* t);
  Value* instance_dict() noexcept override { return &dict; }
  void traverse(GcVisitFn visit, void* arg) override;
  void clear() override;
};

}  // namespace aio
