// Shared sequence machinery: reprs, lexicographic comparison, slicing, iteration over a
// vector that may change while iterating (like CPython's list iterator).
#include "sequence_util.hpp"

#include <algorithm>
#include <vector>

#include "aio/builtins.hpp"
#include "aio/exceptions.hpp"
#include "aio/int.hpp"
#include "aio/list.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"
#include "aio/tuple.hpp"

namespace aio {

static std::vector<const Object*>& repr_stack() {
  static thread_local std::vector<const Object*> stack;
  return stack;
}

bool repr_enter(const Object* o) {
  auto& s = repr_stack();
  if (std::find(s.begin(), s.end(), o) != s.end()) return false;
  s.push_back(o);
  return true;
}

void repr_leave(const Object* o) {
  auto& s = repr_stack();
  if (!s.empty() && s.back() == o) s.pop_back();
}

std::string seq_repr(const std::vector<Value>& items, char open, char close, bool one_tuple) {
  std::string out(1, open);
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    out += str_data(repr(items[i]));
  }
  if (one_tuple && items.size() == 1) out += ',';
  out += close;
  return out;
}

Value seq_compare(const std::vector<Value>& a, const std::vector<Value>& b, CompareOp op) {
  std::size_t n = std::min(a.size(), b.size()), i = 0;
  for (; i < n; ++i)
    if (!eq_bool(a[i], b[i])) break;
  if (i >= n) {
    std::size_t x = a.size(), y = b.size();
    switch (op) {
      case CompareOp::Lt: return Value(x < y);
      case CompareOp::Le: return Value(x <= y);
      case CompareOp::Eq: return Value(x == y);
      case CompareOp::Ne: return Value(x != y);
      case CompareOp::Gt: return Value(x > y);
      case CompareOp::Ge: return Value(x >= y);
    }
  }
  if (op == CompareOp::Eq) return Value(false);
  if (op == CompareOp::Ne) return Value(true);
  return compare(a[i], b[i], op);
}

struct VectorIterator : Object {
  Value owner;
  const std::vector<Value>* items;
  std::size_t pos = 0;
  VectorIterator(Value o, const std::vector<Value>* v) : Object(iterator_type), owner(std::move(o)), items(v) {}
};

static bool vector_next(const Value& self, Value& out) {
  auto* it = static_cast<VectorIterator*>(self.object());
  if (!it->items || it->pos >= it->items->size()) {
    it->items = nullptr;
    return false;
  }
  out = (*it->items)[it->pos++];
  return true;
}

Value make_vector_iterator(const Value& owner, const std::vector<Value>* items) {
  return make_native_iterator(new VectorIterator(owner, items), &vector_next);
}

Value seq_slice(const std::vector<Value>& items, const Value& slice, bool as_tuple) {
  std::int64_t start, stop, step;
  std::int64_t n = slice_indices(slice, static_cast<std::int64_t>(items.size()), start, stop, step);
  std::vector<Value> out;
  out.reserve(n > 0 ? n : 0);
  for (std::int64_t k = 0, i = start; k < n; ++k, i += step) out.push_back(items[i]);
  return as_tuple ? make_tuple(std::move(out)) : make_list(std::move(out));
}

std::int64_t seq_index(const std::vector<Value>& items, const CallArgs& a, const char* what) {
  check_nargs(a, "index", 2, 4);
  std::int64_t n = static_cast<std::int64_t>(items.size());
  std::int64_t start = 0, stop = n;
  if (a.npos > 2) { start = index_value(a[2]); if (start < 0) start = std::max<std::int64_t>(0, start + n); }
  if (a.npos > 3) { stop = index_value(a[3]); if (stop < 0) stop = std::max<std::int64_t>(0, stop + n); }
  for (std::int64_t i = start; i < std::min(stop, static_cast<std::int64_t>(items.size())); ++i)
    if (eq_bool(items[i], a[1])) return i;
  raise_value_error(std::string(what));
}

std::int64_t seq_count(const std::vector<Value>& items, const Value& x) {
  std::int64_t c = 0;
  for (std::size_t i = 0; i < items.size(); ++i)
    if (eq_bool(items[i], x)) ++c;
  return c;
}

}  // namespace aio
