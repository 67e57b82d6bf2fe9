// int: int64 inline, arbitrary precision on the heap when a result overflows.
//
// Design: Values tagged Int hold an int64; every operation checks for overflow with
// __builtin_*_overflow and, on overflow, redoes the operation with BigInt (sign +
// magnitude in base 2^32). Results that fit back in int64 are always normalised to the
// inline form, so a heap int is never in int64 range.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "aio/object.hpp"

namespace aio {

struct BigInt {
  bool negative = false;
  std::vector<std::uint32_t> mag;  // little-endian limbs, no leading zeros; zero = empty

  static BigInt from_i64(std::int64_t v);
  static BigInt from_string(std::string_view digits, int base = 10);  // validated by caller
  bool is_zero() const { return mag.empty(); }
  bool fits_i64() const;
  std::int64_t to_i64() const;  // precondition fits_i64
  double to_double() const;
  std::string to_string(int base = 10) const;  // without prefix, with '-'
  static int compare(const BigInt& a, const BigInt& b);
  static BigInt add(const BigInt& a, const BigInt& b);
  static BigInt sub(const BigInt& a, const BigInt& b);
  static BigInt mul(const BigInt& a, const BigInt& b);
  // Floor division and modulo with Python's sign rules; b must be non-zero.
  static void divmod(const BigInt& a, const BigInt& b, BigInt& q, BigInt& r);
  static BigInt pow(const BigInt& a, std::uint64_t e);
  static BigInt shl(const BigInt& a, std::uint64_t n);
  static BigInt shr(const BigInt& a, std::uint64_t n);  // floor
};

struct IntObject : Object {
  BigInt value;
  IntObject() : Object(int_type) {}
};

Value int_lit(const char* decimal);               // big decimal literal
Value make_int(BigInt v);                         // normalises to inline when it fits
bool is_int_like(const Value& v);                 // int, bool, big int (or subclass)
bool is_big_int(const Value& v);
BigInt to_bigint(const Value& v);                 // precondition is_int_like
// Converts an int-like Value to int64, raising OverflowError if it does not fit.
std::int64_t to_i64(const Value& v);
// Index protocol (int-like or __index__); TypeError message with `what`.
std::int64_t index_value(const Value& v);
Value int_from_string(std::string_view text, int base);  // int("..."), ValueError text
std::string int_repr(const Value& v);
Value int_binary(const Value& a, const Value& b, BinaryOp op);  // Unbound if not ints
double int_to_double(const Value& v);  // OverflowError "int too large to convert to float"

// CPython's hash of a machine-size int: the value modulo 2**61 - 1 keeping the sign
// (C++ % truncates toward zero, which is exactly that), -1 reserved.
inline std::int64_t small_int_hash(std::int64_t x) {
  std::int64_t h = x % ((std::int64_t{1} << 61) - 1);
  return h == -1 ? -2 : h;
}

}  // namespace aio
