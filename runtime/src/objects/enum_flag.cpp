// Flag and IntFlag: members are single bits (multi-bit names are aliases); `| & ^ ~` make
// pseudo-members named like CPython 3.11 (`R|W`, cached in _value2member_map_); `in`
// tests bits; iterating a value yields its canonical members, len counts them.
#include <algorithm>

#include "aio/dict.hpp"
#include "aio/exceptions.hpp"
#include "aio/int.hpp"
#include "aio/list.hpp"
#include "aio/ops.hpp"
#include "enum_internal.hpp"

namespace aio::enum_impl {
namespace {

int bit_length(std::int64_t x) {
  int n = 0;
  for (std::uint64_t u = static_cast<std::uint64_t>(x < 0 ? -x : x); u; u >>= 1) ++n;
  return n;
}

// enum.bin(): two's complement with a sign digit, `0b0 0110`, padded to max_bits.
std::string flag_bin(std::int64_t num, int max_bits) {
  std::int64_t ceiling = std::int64_t{1} << bit_length(num);
  std::int64_t shown = num >= 0 ? num + ceiling : (~num ^ (ceiling - 1 + ceiling));
  std::string s;
  for (std::uint64_t u = static_cast<std::uint64_t>(shown); u; u >>= 1) s.insert(s.begin(), u & 1 ? '1' : '0');
  if (num >= 0) s[0] = '0';  // the leading 1 is the ceiling bit
  std::string sign = std::string("0b") + (s.empty() ? '0' : s[0]), digits = s.empty() ? "" : s.substr(1);
  if (static_cast<int>(digits.size()) < max_bits)
    digits = (std::string(static_cast<std::size_t>(max_bits), sign.back()) + digits).substr(digits.size());
  return sign + " " + digits;
}

// 2**n - 1 covering every value given in the class body, aliases included (_all_bits_).
std::int64_t all_bits(TypeObject* t) {
  std::int64_t any = 0;
  Value map = t->lookup(std::string_view("_member_map_"));
  for (auto& e : dict_table(map).entries())
    if (e.key.is_bound()) any |= to_i64(member_value(e.value));
  return (std::int64_t{1} << bit_length(any)) - 1;
}

std::string boundary_of(TypeObject* t) {
  Value b = t->lookup(std::string_view("_boundary_"));
  return b.is_bound() && is_str_like(b) ? str_data(b) : "strict";
}


// The OR of the canonical (single-bit) members' values.
std::int64_t flag_mask(TypeObject* t) {
  std::int64_t mask = 0;
  for (const Value& m : members_of(t)) mask |= to_i64(member_value(m));
  return mask;
}

// The canonical members whose bits are in x. CPython yields them by value when members
// were defined in increasing order, else in definition order: both are definition order.
std::vector<Value> members_in(TypeObject* t, std::int64_t x) {
  std::vector<Value> out;
  for (const Value& m : members_of(t))
    if (x & to_i64(member_value(m))) out.push_back(m);
  return out;
}

Value flag_binary(const Value& a, const Value& b, BinaryOp op) {
  bool bitwise = op == BinaryOp::Or || op == BinaryOp::And || op == BinaryOp::Xor;
  TypeObject* t = is_member(a) && is_flag(type_of(a)) ? type_of(a) : type_of(b);
  bool int_flag = data_type(t) == DataType::Int;
  auto operand = [&](const Value& v) -> Value {
    if (is_member(v) && type_of(v) == t) return member_value(v);
    if (int_flag && v.is_int()) return v;
    return Value();
  };
  Value x = operand(a), y = operand(b);
  if (bitwise && x.is_bound() && y.is_bound()) {
    std::int64_t p = x.as_int(), q = y.as_int();
    std::int64_t r = op == BinaryOp::Or ? (p | q) : op == BinaryOp::And ? (p & q) : (p ^ q);
    return flag_lookup(t, Value::from_int(r));
  }
  if (int_flag) return binary_op(unwrap_int(a), unwrap_int(b), op);
  return Value();
}

Value flag_unary(const Value& a, UnaryOp op) {
  TypeObject* t = type_of(a);
  std::int64_t v = to_i64(member_value(a));
  if (op == UnaryOp::Invert) return flag_lookup(t, Value::from_int(boundary_of(t) == "keep" ? ~v : (flag_mask(t) ^ v)));
  if (data_type(t) == DataType::Int) return op == UnaryOp::Neg ? neg(member_value(a)) : pos(member_value(a));
  raise_type_error(std::string("bad operand type for unary ") + (op == UnaryOp::Neg ? "-" : "+") + ": '" + t->name + "'");
}

bool flag_contains(const Value& self, const Value& x) {
  TypeObject* t = type_of(self);
  if (!(is_member(x) && type_of(x)->is_subtype_of(t)))
    raise_type_error("unsupported operand type(s) for 'in': '" + type_of(x)->qualname + "' and '" + t->qualname + "'");
  std::int64_t v = to_i64(member_value(x));
  return (to_i64(member_value(self)) & v) == v;
}

bool flag_truthy(const Value& a) { return to_i64(member_value(a)) != 0; }

Value flag_iter(const Value& self) {
  return iter(make_list(members_in(type_of(self), to_i64(member_value(self)))));
}

std::int64_t flag_len(const Value& self) {
  return static_cast<std::int64_t>(__builtin_popcountll(static_cast<std::uint64_t>(to_i64(member_value(self)))));
}

}  // namespace

// CPython 3.11's Flag._missing_: values outside the members' bits follow the class's
// boundary (strict: ValueError, conform: dropped, eject: a plain int, keep: kept); then a
// pseudo-member named by its canonical members (`R|W`), plus the bits no member covers
// (`R|8`); no members, no name. Pseudo-members without unknown bits are cached.
Value flag_lookup(TypeObject* t, const Value& v) {
  if (is_member(v) && type_of(v)->is_subtype_of(t)) return v;
  Value by_value = t->lookup(std::string_view("_value2member_map_"));
  Value found = dict_get(by_value, v);
  if (found.is_bound()) return found;
  if (!v.is_int()) raise_value_error(repr_std(v) + " is not a valid " + t->qualname);
  std::int64_t x = v.as_int(), mask = flag_mask(t), all = all_bits(t);
  std::string boundary = boundary_of(t);
  if (x < ~all || x > all || (x & (all ^ mask))) {
    if (boundary == "strict") {
      int max_bits = std::max(bit_length(x), bit_length(mask));
      raise_value_error("<flag '" + t->name + "'> invalid value " + std::to_string(x) + "\n    given " +
                        flag_bin(x, max_bits) + "\n  allowed " + flag_bin(mask, max_bits));
    }
    if (boundary == "conform") x &= mask;
    if (boundary == "eject") return Value::from_int(x);
    if (boundary == "keep" && x < 0) x += std::max(all + 1, std::int64_t{1} << bit_length(x));
  }
  std::int64_t negative = x < 0 ? x : 0;
  if (x < 0) x += all + 1;
  std::int64_t unknown = x & ~mask, known = x & mask;
  if (unknown && boundary != "keep")
    raise_value_error(t->name + "(" + std::to_string(x) + ") -->  unknown values " + std::to_string(unknown));
  std::string name;
  for (const Value& m : members_in(t, known)) name += (name.empty() ? "" : "|") + str_data(member_name(m));
  if (known && unknown) name += "|" + std::to_string(unknown);
  Value member = new_member(t, known ? make_str(name) : Value::none(), Value::from_int(x));
  if (!unknown) {
    Value cached = dict_get(by_value, Value::from_int(x));
    if (cached.is_bound()) return cached;
    dict_setitem(by_value, Value::from_int(x), member);
    if (negative) dict_setitem(by_value, Value::from_int(negative), member);
  }
  return member;
}

void install_flag_slots(TypeObject* cls) {
  if (data_type(cls) == DataType::Int) install_int_slots(cls);
  cls->binary = &flag_binary;
  cls->unary = &flag_unary;
  cls->contains = &flag_contains;
  cls->truthy = &flag_truthy;
  cls->iter = &flag_iter;
  cls->len = &flag_len;
}

}  // namespace aio::enum_impl
