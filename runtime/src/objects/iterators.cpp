// Native iterators: one Python type (`iterator`) whose instances carry their own C++ next
// function, used by str/list/tuple/dict/set/range iteration and the lazy builtins
// (enumerate, zip, map, filter, reversed).
#include "aio/exceptions.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"

namespace aio {

// A NativeIterator wraps an iterator object with its next function.
struct NativeIterator : Object {
  Value state;
  NextSlot next_fn;
  NativeIterator(Value s, NextSlot n) : Object(iterator_type), state(std::move(s)), next_fn(n) {}
};

Value make_native_iterator(Object* it, NextSlot next) {
  return Value(new NativeIterator(Value(it), next));
}

static bool native_next(const Value& self, Value& out) {
  auto* it = static_cast<NativeIterator*>(self.object());
  return it->next_fn(it->state, out);
}

static Value native_iter(const Value& self) { return self; }

static Value m_next(const CallArgs& a) {
  Value out;
  if (!native_next(a[0], out)) raise_error(exc::StopIteration, std::string());
  return out;
}

static Value iterator_repr(const Value& self) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "<iterator object at %p>", static_cast<void*>(self.object()));
  return make_str(std::string(buf));
}

void init_iterator_type() {
  iterator_type->iter = &native_iter;
  iterator_type->next = &native_next;
  iterator_type->repr = &iterator_repr;
  add_method(iterator_type, "__next__", &m_next);
}

}  // namespace aio
