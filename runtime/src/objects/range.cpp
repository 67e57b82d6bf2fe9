// range and slice objects, and index normalisation shared by every sequence.
#include "aio/builtins.hpp"
#include "aio/exceptions.hpp"
#include "aio/int.hpp"
#include "aio/list.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"
#include "sequence_util.hpp"

namespace aio {

std::int64_t RangeObject::length() const {
  if (step > 0 && start < stop) return (stop - start - 1) / step + 1;
  if (step < 0 && start > stop) return (start - stop - 1) / (-step) + 1;
  return 0;
}

Value make_range(std::int64_t start, std::int64_t stop, std::int64_t step) {
  if (step == 0) raise_value_error("range() arg 3 must not be zero");
  return Value(new RangeObject(start, stop, step));
}

std::int64_t normalize_index(const Value& index, std::int64_t length, const char* what) {
  std::int64_t i;
  if (index.is_int() || index.is_bool()) {
    i = index.as_int();
  } else if (is_big_int(index)) {
    raise_error(exc::IndexError, "cannot fit 'int' into an index-sized integer");
  } else {
    Value r = call_special_index(index);
    if (!r.is_bound()) {
      std::string w = what;
      if (w == "list assignment") w = "list";
      if (w == "string") raise_type_error("string indices must be integers, not '" + type_of(index)->name + "'");
      raise_type_error(w + " indices must be integers or slices, not " + type_of(index)->name);
    }
    i = r.as_int();
  }
  if (i < 0) i += length;
  if (i < 0 || i >= length) raise_index_error(std::string(what) + " index out of range");
  return i;
}

static std::int64_t slice_part(const Value& v, std::int64_t dflt) {
  if (!v.is_bound() || v.is_none()) return dflt;
  if (is_big_int(v)) return to_bigint(v).negative ? INT64_MIN / 2 : INT64_MAX / 2;
  if (!v.is_int() && !v.is_bool()) {
    Value r = call_special_index(v);
    if (!r.is_bound()) raise_type_error("slice indices must be integers or None or have an __index__ method");
    return r.as_int();
  }
  return v.as_int();
}

std::int64_t slice_indices(const Value& slice, std::int64_t length, std::int64_t& start, std::int64_t& stop,
                           std::int64_t& step) {
  auto* s = static_cast<SliceObject*>(slice.object());
  step = slice_part(s->step, 1);
  if (step == 0) raise_value_error("slice step cannot be zero");
  bool neg = step < 0;
  start = slice_part(s->start, neg ? length - 1 : 0);
  stop = slice_part(s->stop, neg ? -1 - length : length);
  auto adjust = [&](std::int64_t& x, bool is_stop) {
    (void)is_stop;
    if (x < 0) {
      x += length;
      if (x < 0) x = neg ? -1 : 0;
    } else if (x >= length) {
      x = neg ? length - 1 : length;
    }
  };
  adjust(start, false);
  adjust(stop, true);
  if (neg) return stop < start ? (start - stop - 1) / (-step) + 1 : 0;
  return start < stop ? (stop - start - 1) / step + 1 : 0;
}

Value make_slice(const Value& lo, const Value& hi, const Value& step) {
  auto* s = new SliceObject();
  s->start = lo.is_bound() ? lo : Value::none();
  s->stop = hi.is_bound() ? hi : Value::none();
  s->step = step.is_bound() ? step : Value::none();
  return Value(s);
}

static Value slice_repr(const Value& self) {
  auto* s = static_cast<SliceObject*>(self.object());
  return make_str("slice(" + str_data(repr(s->start)) + ", " + str_data(repr(s->stop)) + ", " +
                  str_data(repr(s->step)) + ")");
}

static Value slice_new(TypeObject*, const CallArgs& a) {
  check_nargs(a, "slice", 1, 3);
  if (a.npos == 1) return make_slice(Value(), a[0], Value());
  return make_slice(a[0], a[1], a.npos > 2 ? a[2] : Value());
}

static RangeObject* as_range(const Value& v) { return static_cast<RangeObject*>(v.object()); }

static Value range_repr(const Value& self) {
  auto* r = as_range(self);
  std::string s = "range(" + std::to_string(r->start) + ", " + std::to_string(r->stop);
  if (r->step != 1) s += ", " + std::to_string(r->step);
  return make_str(s + ")");
}

static std::int64_t range_len(const Value& self) { return as_range(self)->length(); }

static Value range_getitem(const Value& self, const Value& key) {
  auto* r = as_range(self);
  if (key.is_object() && key.object()->type == slice_type) {
    std::int64_t start, stop, step;
    std::int64_t n = slice_indices(key, r->length(), start, stop, step);
    std::int64_t first = r->start + start * r->step;
    return make_range(first, first + n * step * r->step, step * r->step);
  }
  std::int64_t i = normalize_index(key, r->length(), "range object");
  return Value::from_int(r->start + i * r->step);
}

static bool range_contains(const Value& self, const Value& x) {
  auto* r = as_range(self);
  if (!x.is_int() && !x.is_bool()) {
    Value it = iter(self), y;
    while (next(it, y))
      if (eq_bool(x, y)) return true;
    return false;
  }
  std::int64_t v = x.as_int();
  if (r->step > 0 ? (v < r->start || v >= r->stop) : (v > r->start || v <= r->stop)) return false;
  return (v - r->start) % r->step == 0;
}

struct RangeIterator : Object {
  std::int64_t cur, step, remaining;
  RangeIterator(std::int64_t c, std::int64_t s, std::int64_t n) : Object(iterator_type), cur(c), step(s), remaining(n) {}
};
static bool range_iter_next(const Value& self, Value& out) {
  auto* it = static_cast<RangeIterator*>(self.object());
  if (it->remaining <= 0) return false;
  out = Value::from_int(it->cur);
  it->cur += it->step;
  --it->remaining;
  return true;
}
static Value range_iter(const Value& self) {
  auto* r = as_range(self);
  return make_native_iterator(new RangeIterator(r->start, r->step, r->length()), &range_iter_next);
}
static bool range_truthy(const Value& self) { return as_range(self)->length() != 0; }

static Value range_compare(const Value& a, const Value& b, CompareOp op) {
  if (op != CompareOp::Eq && op != CompareOp::Ne) return Value();
  if (!a.is_object() || !b.is_object() || a.object()->type != range_type || b.object()->type != range_type) return Value();
  auto *x = as_range(a), *y = as_range(b);
  bool eq = x->length() == y->length() &&
            (x->length() == 0 || (x->start == y->start && (x->length() == 1 || x->step == y->step)));
  return Value(op == CompareOp::Eq ? eq : !eq);
}

static Value range_new(TypeObject*, const CallArgs& a) {
  no_kwargs(a, "range");
  if (a.npos == 0) raise_type_error("range expected at least 1 argument, got 0");
  if (a.npos > 3) raise_type_error("range expected at most 3 arguments, got " + std::to_string(a.npos));
  if (a.npos == 1) return make_range(0, index_value(a[0]), 1);
  return make_range(index_value(a[0]), index_value(a[1]), a.npos > 2 ? index_value(a[2]) : 1);
}

static Value range_attr(const Value& self, const Value& name) {
  auto* r = as_range(self);
  std::string_view n = str_view(name);
  if (n == "start") return Value::from_int(r->start);
  if (n == "stop") return Value::from_int(r->stop);
  if (n == "step") return Value::from_int(r->step);
  return generic_getattr(self, name);
}

// range.index / range.count for int values, in O(1).
static std::int64_t range_position(const Value& self, const Value& v) {
  auto* r = as_range(self);
  if (!v.is_int() && !v.is_bool()) return -1;
  std::int64_t x = v.as_int(), off = x - r->start;
  if (off % r->step != 0) return -1;
  std::int64_t i = off / r->step;
  return i >= 0 && i < r->length() ? i : -1;
}
static Value range_index(const CallArgs& a) {
  check_nargs(a, "index", 2, 2);
  std::int64_t i = range_position(a[0], a[1]);
  if (i < 0) raise_value_error(repr_std(a[1]) + " is not in range");
  return Value::from_int(i);
}
static Value range_count(const CallArgs& a) {
  check_nargs(a, "count", 2, 2);
  return Value::from_int(range_position(a[0], a[1]) >= 0 ? 1 : 0);
}

void init_range_slice_types() {
  TypeObject* t = range_type;
  add_method(t, "index", &range_index);
  add_method(t, "count", &range_count);
  t->repr = &range_repr;
  t->len = &range_len;
  t->getitem = &range_getitem;
  t->contains = &range_contains;
  t->iter = &range_iter;
  t->truthy = &range_truthy;
  t->compare = &range_compare;
  t->new_ = &range_new;
  t->getattr = &range_attr;
  slice_type->repr = &slice_repr;
  slice_type->new_ = &slice_new;
}

}  // namespace aio
