// BigInt: sign + magnitude arbitrary-precision integers in base 2^32. Schoolbook
// algorithms; division is Knuth's algorithm D on 32-bit limbs. Sizes in the programs
// aioc runs are small, so simplicity wins over asymptotics.
#include <algorithm>
#include <cmath>

#include "aio/int.hpp"

namespace aio {

using Mag = std::vector<std::uint32_t>;

static void trim(Mag& m) { while (!m.empty() && m.back() == 0) m.pop_back(); }

static int cmp_mag(const Mag& a, const Mag& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  for (std::size_t i = a.size(); i-- > 0;)
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

static Mag add_mag(const Mag& a, const Mag& b) {
  Mag r(std::max(a.size(), b.size()) + 1, 0);
  std::uint64_t carry = 0;
  for (std::size_t i = 0; i < r.size(); ++i) {
    std::uint64_t s = carry + (i < a.size() ? a[i] : 0) + (i < b.size() ? b[i] : 0);
    r[i] = static_cast<std::uint32_t>(s);
    carry = s >> 32;
  }
  trim(r);
  return r;
}

static Mag sub_mag(const Mag& a, const Mag& b) {  // |a| >= |b|
  Mag r(a.size(), 0);
  std::int64_t borrow = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    std::int64_t d = static_cast<std::int64_t>(a[i]) - borrow - (i < b.size() ? b[i] : 0);
    borrow = d < 0;
    r[i] = static_cast<std::uint32_t>(d + (borrow ? (1ll << 32) : 0));
  }
  trim(r);
  return r;
}

static Mag mul_mag(const Mag& a, const Mag& b) {
  if (a.empty() || b.empty()) return {};
  Mag r(a.size() + b.size(), 0);
  for (std::size_t i = 0; i < a.size(); ++i) {
    std::uint64_t carry = 0;
    for (std::size_t j = 0; j < b.size(); ++j) {
      std::uint64_t t = static_cast<std::uint64_t>(a[i]) * b[j] + r[i + j] + carry;
      r[i + j] = static_cast<std::uint32_t>(t);
      carry = t >> 32;
    }
    r[i + b.size()] = static_cast<std::uint32_t>(carry);
  }
  trim(r);
  return r;
}

static std::uint32_t divmod_small(Mag& a, std::uint32_t d) {  // a /= d, returns remainder
  std::uint64_t rem = 0;
  for (std::size_t i = a.size(); i-- > 0;) {
    std::uint64_t cur = (rem << 32) | a[i];
    a[i] = static_cast<std::uint32_t>(cur / d);
    rem = cur % d;
  }
  trim(a);
  return static_cast<std::uint32_t>(rem);
}

static Mag shl_mag(const Mag& a, std::uint64_t n) {
  if (a.empty()) return {};
  std::size_t words = n / 32, bits = n % 32;
  Mag r(a.size() + words + 1, 0);
  for (std::size_t i = 0; i < a.size(); ++i) {
    std::uint64_t v = static_cast<std::uint64_t>(a[i]) << bits;
    r[i + words] |= static_cast<std::uint32_t>(v);
    r[i + words + 1] |= static_cast<std::uint32_t>(v >> 32);
  }
  trim(r);
  return r;
}

static Mag shr_mag(const Mag& a, std::uint64_t n) {
  std::size_t words = n / 32, bits = n % 32;
  if (words >= a.size()) return {};
  Mag r(a.size() - words, 0);
  for (std::size_t i = 0; i < r.size(); ++i) {
    std::uint64_t v = a[i + words];
    if (i + words + 1 < a.size()) v |= static_cast<std::uint64_t>(a[i + words + 1]) << 32;
    r[i] = static_cast<std::uint32_t>(v >> bits);
  }
  trim(r);
  return r;
}

// Truncating division of magnitudes (Knuth D).
static void divmod_mag(const Mag& a, const Mag& b, Mag& q, Mag& r) {
  if (cmp_mag(a, b) < 0) { q.clear(); r = a; return; }
  if (b.size() == 1) {
    q = a;
    std::uint32_t rem = divmod_small(q, b[0]);
    r.clear();
    if (rem) r.push_back(rem);
    return;
  }
  int s = __builtin_clz(b.back());
  Mag v = shl_mag(b, s), u = shl_mag(a, s);
  if (u.size() == a.size()) u.push_back(0);
  if (u.size() < a.size() + 1) u.resize(a.size() + 1, 0);
  std::size_t n = v.size(), m = u.size() - n;
  q.assign(m, 0);
  for (std::size_t j = m; j-- > 0;) {
    std::uint64_t num = (static_cast<std::uint64_t>(u[j + n]) << 32) | u[j + n - 1];
    std::uint64_t qhat = num / v[n - 1], rhat = num % v[n - 1];
    while (qhat >= (1ull << 32) || qhat * v[n - 2] > ((rhat << 32) | u[j + n - 2])) {
      --qhat;
      rhat += v[n - 1];
      if (rhat >= (1ull << 32)) break;
    }
    std::int64_t borrow = 0;
    std::uint64_t carry = 0;
    for (std::size_t i = 0; i < n; ++i) {
      std::uint64_t p = qhat * v[i] + carry;
      carry = p >> 32;
      std::int64_t t = static_cast<std::int64_t>(u[i + j]) - borrow - static_cast<std::int64_t>(p & 0xFFFFFFFFull);
      borrow = t < 0;
      u[i + j] = static_cast<std::uint32_t>(t);
    }
    std::int64_t t = static_cast<std::int64_t>(u[j + n]) - borrow - static_cast<std::int64_t>(carry);
    u[j + n] = static_cast<std::uint32_t>(t);
    if (t < 0) {
      --qhat;
      std::uint64_t c = 0;
      for (std::size_t i = 0; i < n; ++i) {
        std::uint64_t sum = static_cast<std::uint64_t>(u[i + j]) + v[i] + c;
        u[i + j] = static_cast<std::uint32_t>(sum);
        c = sum >> 32;
      }
      u[j + n] += static_cast<std::uint32_t>(c);
    }
    q[j] = static_cast<std::uint32_t>(qhat);
  }
  trim(q);
  u.resize(n);
  trim(u);
  r = shr_mag(u, s);
}

BigInt BigInt::from_i64(std::int64_t v) {
  BigInt r;
  r.negative = v < 0;
  std::uint64_t m = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
  while (m) { r.mag.push_back(static_cast<std::uint32_t>(m)); m >>= 32; }
  return r;
}

BigInt BigInt::from_string(std::string_view digits, int base) {
  BigInt r;
  for (char c : digits) {
    if (c == '_') continue;
    int d = c <= '9' ? c - '0' : (c | 32) - 'a' + 10;
    Mag t = mul_mag(r.mag, Mag{static_cast<std::uint32_t>(base)});
    r.mag = add_mag(t, d ? Mag{static_cast<std::uint32_t>(d)} : Mag{});
  }
  return r;
}

bool BigInt::fits_i64() const {
  if (mag.size() > 2) return false;
  std::uint64_t m = mag.empty() ? 0 : mag[0] | (mag.size() > 1 ? static_cast<std::uint64_t>(mag[1]) << 32 : 0);
  return negative ? m <= (1ull << 63) : m < (1ull << 63);
}

std::int64_t BigInt::to_i64() const {
  std::uint64_t m = mag.empty() ? 0 : mag[0] | (mag.size() > 1 ? static_cast<std::uint64_t>(mag[1]) << 32 : 0);
  return negative ? static_cast<std::int64_t>(0 - m) : static_cast<std::int64_t>(m);
}

double BigInt::to_double() const {
  double r = 0;
  for (std::size_t i = mag.size(); i-- > 0;) r = r * 4294967296.0 + mag[i];
  return negative ? -r : r;
}

std::string BigInt::to_string(int base) const {
  if (mag.empty()) return "0";
  Mag m = mag;
  std::string out;
  static const char* digits = "0123456789abcdefghijklmnopqrstuvwxyz";
  if (base == 10) {
    while (!m.empty()) {
      std::uint32_t chunk = divmod_small(m, 1000000000u);
      for (int k = 0; k < 9; ++k) { out += static_cast<char>('0' + chunk % 10); chunk /= 10; if (m.empty() && chunk == 0) break; }
    }
  } else {
    while (!m.empty()) out += digits[divmod_small(m, static_cast<std::uint32_t>(base))];
  }
  while (out.size() > 1 && out.back() == '0') out.pop_back();
  if (negative) out += '-';
  std::reverse(out.begin(), out.end());
  return out;
}

int BigInt::compare(const BigInt& a, const BigInt& b) {
  if (a.negative != b.negative) return a.negative ? -1 : 1;
  int c = cmp_mag(a.mag, b.mag);
  return a.negative ? -c : c;
}

BigInt BigInt::add(const BigInt& a, const BigInt& b) {
  BigInt r;
  if (a.negative == b.negative) {
    r.mag = add_mag(a.mag, b.mag);
    r.negative = a.negative;
  } else if (cmp_mag(a.mag, b.mag) >= 0) {
    r.mag = sub_mag(a.mag, b.mag);
    r.negative = a.negative;
  } else {
    r.mag = sub_mag(b.mag, a.mag);
    r.negative = b.negative;
  }
  if (r.mag.empty()) r.negative = false;
  return r;
}

BigInt BigInt::sub(const BigInt& a, const BigInt& b) {
  BigInt nb = b;
  if (!nb.mag.empty()) nb.negative = !nb.negative;
  return add(a, nb);
}

BigInt BigInt::mul(const BigInt& a, const BigInt& b) {
  BigInt r;
  r.mag = mul_mag(a.mag, b.mag);
  r.negative = !r.mag.empty() && a.negative != b.negative;
  return r;
}

void BigInt::divmod(const BigInt& a, const BigInt& b, BigInt& q, BigInt& r) {
  BigInt tq, tr;
  divmod_mag(a.mag, b.mag, tq.mag, tr.mag);
  tq.negative = !tq.mag.empty() && a.negative != b.negative;
  tr.negative = !tr.mag.empty() && a.negative;
  if (!tr.mag.empty() && a.negative != b.negative) {  // floor semantics
    tq = sub(tq, from_i64(1));
    tr = add(tr, b);
  }
  q = std::move(tq);
  r = std::move(tr);
}

BigInt BigInt::pow(const BigInt& a, std::uint64_t e) {
  BigInt result = from_i64(1), base = a;
  while (e) {
    if (e & 1) result = mul(result, base);
    e >>= 1;
    if (e) base = mul(base, base);
  }
  return result;
}

BigInt BigInt::shl(const BigInt& a, std::uint64_t n) {
  BigInt r;
  r.mag = shl_mag(a.mag, n);
  r.negative = a.negative && !r.mag.empty();
  return r;
}

BigInt BigInt::shr(const BigInt& a, std::uint64_t n) {
  if (!a.negative) {
    BigInt r;
    r.mag = shr_mag(a.mag, n);
    return r;
  }
  // floor(a / 2^n) for negative a = -ceil(|a| / 2^n)
  BigInt q, r;
  divmod(a, shl(from_i64(1), n), q, r);
  return q;
}

}  // namespace aio
