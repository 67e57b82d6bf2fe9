// The bytes type's behaviour beyond storage (str.hpp's BytesObject): CPython's repr
// (b'...' with \x escapes and its quote choice), len, comparisons, hashing, indexing and
// slicing, iteration over ints, `in`, concatenation and repetition, and the constructor forms
// bytes(), bytes(n), bytes(iterable_of_ints) and bytes(str, encoding); methods decode and hex
// (the others: bytes_methods.cpp).
// Installed by stdlib_modules.cpp unless the bytes type already has a repr.
#include <cstdio>
#include <functional>

#include "aio/exceptions.hpp"
#include "aio/int.hpp"
#include "aio/list.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"
#include "sequence_util.hpp"

namespace aio {


static Value bytes_repr(const Value& self) {
  const std::string& d = bytes_data(self);
  char quote = d.find('\'') != std::string::npos && d.find('"') == std::string::npos ? '"' : '\'';
  std::string s = "b";
  s += quote;
  for (unsigned char c : d) {
    if (c == static_cast<unsigned char>(quote) || c == '\\') { s += '\\'; s += static_cast<char>(c); }
    else if (c == '\t') s += "\\t";
    else if (c == '\n') s += "\\n";
    else if (c == '\r') s += "\\r";
    else if (c < ' ' || c >= 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      s += buf;
    } else s += static_cast<char>(c);
  }
  s += quote;
  return make_str(s);
}

static std::int64_t bytes_len(const Value& self) { return static_cast<std::int64_t>(bytes_data(self).size()); }
static bool bytes_truthy(const Value& self) { return !bytes_data(self).empty(); }
static std::int64_t bytes_hash(const Value& self) {
  std::int64_t h = static_cast<std::int64_t>(std::hash<std::string>{}(bytes_data(self)));
  return h == -1 ? -2 : h;
}

static Value bytes_compare(const Value& a, const Value& b, CompareOp op) {
  if (!is_bytes_like(a) || !is_bytes_like(b)) return Value();
  int c = bytes_data(a).compare(bytes_data(b));
  switch (op) {
    case CompareOp::Lt: return Value(c < 0);
    case CompareOp::Le: return Value(c <= 0);
    case CompareOp::Eq: return Value(c == 0);
    case CompareOp::Ne: return Value(c != 0);
    case CompareOp::Gt: return Value(c > 0);
    default: return Value(c >= 0);
  }
}

static Value bytes_binary(const Value& a, const Value& b, BinaryOp op) {
  if (op == BinaryOp::Add && is_bytes_like(a) && is_bytes_like(b)) return make_bytes(bytes_data(a) + bytes_data(b));
  if (op == BinaryOp::Mul && (is_bytes_like(a) != is_bytes_like(b))) {  // b"ab" * 3, 3 * b"ab"
    const Value& seq = is_bytes_like(a) ? a : b;
    const Value& count = is_bytes_like(a) ? b : a;
    if (!is_int_like(count)) return Value();
    std::int64_t n = to_i64(count);
    std::string out;
    for (std::int64_t i = 0; i < n; ++i) out += bytes_data(seq);
    return make_bytes(std::move(out));
  }
  return Value();
}

static Value bytes_getitem(const Value& self, const Value& key) {
  const std::string& d = bytes_data(self);
  if (key.is_object() && key.object()->type == slice_type) {
    std::int64_t start, stop, step;
    std::int64_t n = slice_indices(key, static_cast<std::int64_t>(d.size()), start, stop, step);
    std::string out;
    for (std::int64_t i = 0, k = start; i < n; ++i, k += step) out += d[static_cast<std::size_t>(k)];
    return make_bytes(std::move(out));
  }
  std::int64_t i = normalize_index(key, static_cast<std::int64_t>(d.size()), "index");
  return Value::from_int(static_cast<unsigned char>(d[static_cast<std::size_t>(i)]));
}

static bool bytes_contains(const Value& self, const Value& item) {
  if (is_int_like(item)) return bytes_data(self).find(static_cast<char>(to_i64(item))) != std::string::npos;
  if (is_bytes_like(item)) return bytes_data(self).find(bytes_data(item)) != std::string::npos;
  raise_type_error("a bytes-like object is required, not '" + type_of(item)->name + "'");
}

struct BytesIter : Object {
  Value bytes;
  std::size_t i = 0;
  explicit BytesIter(Value b) : Object(object_type), bytes(std::move(b)) {}
};
static bool bytes_iter_next(const Value& self, Value& out) {
  auto* it = static_cast<BytesIter*>(self.object());
  const std::string& d = bytes_data(it->bytes);
  if (it->i >= d.size()) return false;
  out = Value::from_int(static_cast<unsigned char>(d[it->i++]));
  return true;
}
static Value bytes_iter(const Value& self) { return make_native_iterator(new BytesIter(self), &bytes_iter_next); }

static Value bytes_new(TypeObject*, const CallArgs& a) {
  Value p[3];
  parse_args(a, "bytes", {"source", "encoding", "errors"}, 0, p);
  if (!p[0].is_bound()) return make_bytes("");
  if (is_str_like(p[0])) {
    if (!p[1].is_bound()) raise_type_error("string argument without an encoding");
    return make_bytes(str_data(p[0]));
  }
  if (is_bytes_like(p[0])) return p[0];
  if (is_int_like(p[0])) {
    std::int64_t n = to_i64(p[0]);
    if (n < 0) raise_value_error("negative count");
    return make_bytes(std::string(static_cast<std::size_t>(n), '\0'));
  }
  std::string out;
  for (const Value& v : to_vector(p[0])) {
    if (!is_int_like(v)) raise_type_error("'" + type_of(v)->name + "' object cannot be interpreted as an integer");
    std::int64_t x = to_i64(v);
    if (x < 0 || x > 255) raise_value_error("bytes must be in range(0, 256)");
    out += static_cast<char>(x);
  }
  return make_bytes(std::move(out));
}

static Value m_decode(const CallArgs& a) {
  Value p[3];
  parse_args(a, "decode", {"self", "encoding", "errors"}, 1, p);
  return make_str(bytes_data(p[0]));
}
static Value m_hex(const CallArgs& a) {
  std::string s;
  char buf[4];
  for (unsigned char c : bytes_data(a[0])) {
    std::snprintf(buf, sizeof buf, "%02x", c);
    s += buf;
  }
  return make_str(s);
}

void init_bytes_methods(TypeObject* t);
void add_bytes_slot_wrappers();

void install_bytes_behaviour() {
  TypeObject* t = bytes_type;
  if (t->repr && t->repr != object_type->repr) return;  // someone else gave bytes a repr
  t->repr = &bytes_repr;
  t->len = &bytes_len;
  t->truthy = &bytes_truthy;
  t->hash = &bytes_hash;
  t->compare = &bytes_compare;
  t->binary = &bytes_binary;
  t->getitem = &bytes_getitem;
  t->contains = &bytes_contains;
  t->iter = &bytes_iter;
  t->new_ = &bytes_new;
  add_method(t, "decode", &m_decode);
  add_method(t, "hex", &m_hex);
  init_bytes_methods(t);     // bytes_methods.cpp
  add_bytes_slot_wrappers();  // slot_wrappers.cpp: bytes.__len__ etc., now that the slots exist
}

}  // namespace aio
