// Value: the 16-byte handle every piece of generated code passes around.
//
// Design: a tag byte and an 8-byte payload. None, bool, int (int64) and float live inline
// so arithmetic on small numbers never allocates; everything else is a refcounted heap
// Object. Copying a Value increments the object's refcount, destroying it decrements it:
// refcounts are NOT atomic (the runtime lock, like CPython's GIL, serialises threads that
// run generated code). `Unbound` is not a Python value: it is the state of a variable that
// was never assigned, and the runtime also uses it internally for "absent" (an omitted
// argument, NotImplemented from a slot, a missing dict entry).
//
// Lifetime rules: `Value(Object*)` ADOPTS a new reference (objects are born with
// refcount 1); `Value::borrowed(Object*)` takes an additional one. Objects whose refcount
// reaches zero are deleted through their virtual destructor. Reference cycles are found
// by the cycle collector (gc.hpp) among containers, which derive from GcObject.
#pragma once

#include <cstdint>
#include <type_traits>
#include <utility>

#include "aio/small_alloc.hpp"

namespace aio {

struct TypeObject;
class Value;

// Base of every heap object. `type` is never null once constructed by the runtime.
// Allocated by the runtime's size-class allocator (small_alloc.hpp).
struct Object : PoolAllocated {
  std::uint32_t refcount = 1;
  std::uint32_t gc_flags = 0;  // GcFlag bits (gc.hpp); fills the padding before `type`
  TypeObject* type = nullptr;
  explicit Object(TypeObject* t) noexcept : type(t) {}
  Object(const Object&) = delete;
  Object& operator=(const Object&) = delete;
  virtual ~Object() = default;
  // The per-instance attribute dict (a dict Value) if this object has one, else nullptr.
  virtual Value* instance_dict() noexcept { return nullptr; }
};

// Deletes an object whose refcount reached zero (untracking containers first; gc.cpp).
void destroy_object(Object* o) noexcept;

class Value {
 public:
  enum class Tag : std::uint8_t { Unbound, None, Bool, Int, Float, Object };

  Value() noexcept : tag_(Tag::Unbound) { u_.i = 0; }
  Value(bool b) noexcept : tag_(Tag::Bool) { u_.i = b ? 1 : 0; }
  Value(double d) noexcept : tag_(Tag::Float) { u_.d = d; }
  // Adopts a new reference. A null pointer gives Unbound.
  explicit Value(Object* o) noexcept : tag_(o ? Tag::Object : Tag::Unbound) { u_.o = o; }
  template <class T>
    requires(std::is_base_of_v<Object, T> && !std::is_same_v<T, Object>)
  explicit Value(T* o) noexcept : Value(static_cast<Object*>(o)) {}
  // Any other pointer (notably const char*) must not silently become a bool.
  template <class T>
    requires(!std::is_base_of_v<Object, T>)
  Value(T*) = delete;

  static Value none() noexcept { Value v; v.tag_ = Tag::None; return v; }
  static Value from_int(std::int64_t i) noexcept { Value v; v.tag_ = Tag::Int; v.u_.i = i; return v; }
  static Value borrowed(Object* o) noexcept { if (o) incref(o); return Value(o); }

  Value(const Value& other) noexcept : tag_(other.tag_), u_(other.u_) {
    if (tag_ == Tag::Object) incref(u_.o);
  }
  Value(Value&& other) noexcept : tag_(other.tag_), u_(other.u_) { other.tag_ = Tag::Unbound; }
  Value& operator=(const Value& other) noexcept {
    if (other.tag_ == Tag::Object) incref(other.u_.o);
    reset_to(other.tag_, other.u_);
    return *this;
  }
  Value& operator=(Value&& other) noexcept {
    if (this != &other) {
      reset_to(other.tag_, other.u_);
      other.tag_ = Tag::Unbound;
    }
    return *this;
  }
  ~Value() { if (tag_ == Tag::Object) decref(u_.o); }

  Tag tag() const noexcept { return tag_; }
  bool is_unbound() const noexcept { return tag_ == Tag::Unbound; }
  bool is_bound() const noexcept { return tag_ != Tag::Unbound; }
  bool is_none() const noexcept { return tag_ == Tag::None; }
  bool is_bool() const noexcept { return tag_ == Tag::Bool; }
  bool is_int() const noexcept { return tag_ == Tag::Int; }  // inline int64 only (not bool)
  bool is_float() const noexcept { return tag_ == Tag::Float; }
  bool is_object() const noexcept { return tag_ == Tag::Object; }

  Object* object() const noexcept { return tag_ == Tag::Object ? u_.o : nullptr; }
  std::int64_t as_int() const noexcept { return u_.i; }  // valid for Int and Bool
  bool as_bool() const noexcept { return u_.i != 0; }
  double as_float() const noexcept { return u_.d; }
  // Gives up ownership of the object reference (Value becomes Unbound).
  Object* release() noexcept {
    Object* o = object();
    tag_ = Tag::Unbound;
    return o;
  }
  // Identity (Python `is`): same tag and payload bits.
  bool same(const Value& o) const noexcept { return tag_ == o.tag_ && u_.i == o.u_.i; }

  static void incref(Object* o) noexcept { ++o->refcount; }
  static void decref(Object* o) noexcept {
    if (--o->refcount == 0) destroy_object(o);
  }

 private:
  union Payload {
    std::int64_t i;
    double d;
    Object* o;
  };
  void reset_to(Tag t, Payload p) noexcept {
    Tag old_tag = tag_;
    Payload old = u_;
    tag_ = t;
    u_ = p;
    if (old_tag == Tag::Object) decref(old.o);
  }
  Tag tag_;
  Payload u_;
};

static_assert(sizeof(Value) == 16);

}  // namespace aio
