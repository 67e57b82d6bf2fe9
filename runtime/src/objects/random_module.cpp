// The `random` module with CPython-identical sequences: the MT19937 generator seeded as
// CPython's random.seed(int) does (init_by_array over the absolute value's 32-bit words,
// least significant first), random() from two draws (a>>5, b>>6), and randrange/randint/
// choice/shuffle/sample built on _randbelow (getrandbits(n.bit_length()) with rejection),
// so a seeded program prints the same numbers under aioc and python3.
//
// One module-level generator (CPython's hidden `_inst`); seeded from /dev/urandom at import.
#include <cmath>
#include <cstdint>
#include <algorithm>
#include <random>

#include "aio/call.hpp"
#include "aio/exceptions.hpp"
#include "aio/float.hpp"
#include "aio/int.hpp"
#include "aio/list.hpp"
#include "aio/module.hpp"
#include "aio/ops.hpp"
#include "aio/set.hpp"
#include "aio/str.hpp"
#include "aio/tuple.hpp"

namespace aio {

namespace {

class MersenneTwister {
 public:
  static constexpr int N = 624, M = 397;

  void init_genrand(std::uint32_t s) {
    mt_[0] = s;
    for (mti_ = 1; mti_ < N; ++mti_)
      mt_[mti_] = 1812433253U * (mt_[mti_ - 1] ^ (mt_[mti_ - 1] >> 30)) + static_cast<std::uint32_t>(mti_);
  }

  void init_by_array(const std::vector<std::uint32_t>& key) {
    init_genrand(19650218U);
    std::size_t i = 1, j = 0;
    std::size_t k = N > key.size() ? N : key.size();
    for (; k; --k) {
      mt_[i] = (mt_[i] ^ ((mt_[i - 1] ^ (mt_[i - 1] >> 30)) * 1664525U)) + key[j] + static_cast<std::uint32_t>(j);
      ++i;
      ++j;
      if (i >= N) { mt_[0] = mt_[N - 1]; i = 1; }
      if (j >= key.size()) j = 0;
    }
    for (k = N - 1; k; --k) {
      mt_[i] = (mt_[i] ^ ((mt_[i - 1] ^ (mt_[i - 1] >> 30)) * 1566083941U)) - static_cast<std::uint32_t>(i);
      ++i;
      if (i >= N) { mt_[0] = mt_[N - 1]; i = 1; }
    }
    mt_[0] = 0x80000000U;
  }

  std::uint32_t genrand() {
    static const std::uint32_t mag01[2] = {0x0U, 0x9908b0dfU};
    std::uint32_t y;
    if (mti_ >= N) {
      int kk = 0;
      for (; kk < N - M; ++kk) {
        y = (mt_[kk] & 0x80000000U) | (mt_[kk + 1] & 0x7fffffffU);
        mt_[kk] = mt_[kk + M] ^ (y >> 1) ^ mag01[y & 1U];
      }
      for (; kk < N - 1; ++kk) {
        y = (mt_[kk] & 0x80000000U) | (mt_[kk + 1] & 0x7fffffffU);
        mt_[kk] = mt_[kk + (M - N)] ^ (y >> 1) ^ mag01[y & 1U];
      }
      y = (mt_[N - 1] & 0x80000000U) | (mt_[0] & 0x7fffffffU);
      mt_[N - 1] = mt_[M - 1] ^ (y >> 1) ^ mag01[y & 1U];
      mti_ = 0;
    }
    y = mt_[mti_++];
    y ^= (y >> 11);
    y ^= (y << 7) & 0x9d2c5680U;
    y ^= (y << 15) & 0xefc60000U;
    y ^= (y >> 18);
    return y;
  }

  double random() {
    std::uint32_t a = genrand() >> 5, b = genrand() >> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
  }

 private:
  std::uint32_t mt_[N];
  int mti_ = N + 1;
};

MersenneTwister& gen() {
  static auto* g = new MersenneTwister();
  return *g;
}

void seed_from_urandom() {
  std::vector<std::uint32_t> key(MersenneTwister::N);
  std::random_device rd;
  for (auto& w : key) w = rd();
  gen().init_by_array(key);
}

}  // namespace

static Value r_seed(const CallArgs& a) {
  Value p[2];
  parse_args(a, "seed", {"a", "version"}, 0, p);
  if (!p[0].is_bound() || p[0].is_none()) {
    seed_from_urandom();
    return Value::none();
  }
  Value v = p[0];
  if (v.is_float() || is_str_like(v)) {
    // CPython hashes floats (and uses SHA-512 for str); aioc seeds from hash() for both.
    v = Value::from_int(hash(v));
  }
  if (!is_int_like(v)) raise_type_error("The only supported seed types are: None,\nint, float, str, bytes, and bytearray.");
  BigInt b = to_bigint(v);
  std::vector<std::uint32_t> key = b.mag;
  if (key.empty()) key.push_back(0);
  gen().init_by_array(key);
  return Value::none();
}

static Value r_random(const CallArgs& a) {
  check_nargs(a, "random", 0, 0);
  return Value(gen().random());
}

static Value getrandbits(std::int64_t k) {
  if (k <= 32) return Value::from_int(k == 0 ? 0 : gen().genrand() >> (32 - k));
  BigInt r;
  for (std::int64_t left = k; left > 0; left -= 32) {
    std::uint32_t w = gen().genrand();
    if (left < 32) w >>= (32 - left);
    r.mag.push_back(w);
  }
  while (!r.mag.empty() && r.mag.back() == 0) r.mag.pop_back();
  return make_int(std::move(r));
}

static Value r_getrandbits(const CallArgs& a) {
  check_nargs(a, "getrandbits", 1, 1);
  std::int64_t k = index_value(a[0]);
  if (k < 0) raise_value_error("number of bits must be non-negative");
  return getrandbits(k);
}

static std::int64_t bit_length(const Value& n) {
  BigInt b = to_bigint(n);
  if (b.is_zero()) return 0;
  return static_cast<std::int64_t>((b.mag.size() - 1) * 32 + (32 - __builtin_clz(b.mag.back())));
}

static Value randbelow(const Value& n) {
  if (!lt_bool(Value::from_int(0), n)) return Value::from_int(0);
  std::int64_t k = bit_length(n);
  Value r = getrandbits(k);
  while (!lt_bool(r, n)) r = getrandbits(k);
  return r;
}

static Value randrange(const Value& start, const Value& stop, const Value& step) {
  Value istart = Value::from_int(0);
  if (!is_int_like(start)) raise_type_error("'" + type_of(start)->name + "' object cannot be interpreted as an integer");
  istart = start.is_bool() ? Value::from_int(start.as_int()) : start;
  if (!stop.is_bound() || stop.is_none()) {
    if (step.is_bound() && !(step.is_int() && step.as_int() == 1))
      raise_type_error("Missing a non-None stop argument");
    if (lt_bool(Value::from_int(0), istart)) return randbelow(istart);
    raise_value_error("empty range for randrange()");
  }
  if (!is_int_like(stop)) raise_type_error("'" + type_of(stop)->name + "' object cannot be interpreted as an integer");
  Value width = sub(stop, istart);
  Value istep = step.is_bound() ? step : Value::from_int(1);
  if (istep.is_int() && istep.as_int() == 1) {
    if (lt_bool(Value::from_int(0), width)) return add(istart, randbelow(width));
    raise_value_error("empty range for randrange() (" + int_repr(istart) + ", " + int_repr(stop) + ", " +
                      int_repr(width) + ")");
  }
  Value n;
  if (lt_bool(Value::from_int(0), istep)) n = floordiv(sub(add(width, istep), Value::from_int(1)), istep);
  else if (lt_bool(istep, Value::from_int(0))) n = floordiv(add(add(width, istep), Value::from_int(1)), istep);
  else raise_value_error("zero step for randrange()");
  if (!lt_bool(Value::from_int(0), n)) raise_value_error("empty range for randrange()");
  return add(istart, mul(istep, randbelow(n)));
}

static Value r_randrange(const CallArgs& a) {
  Value p[3];
  parse_args(a, "randrange", {"start", "stop", "step"}, 1, p);
  return randrange(p[0], p[1], p[2]);
}
static Value r_randint(const CallArgs& a) {
  Value p[2];
  parse_args(a, "randint", {"a", "b"}, 2, p);
  return randrange(p[0], add(p[1], Value::from_int(1)), Value());
}
static Value r_choice(const CallArgs& a) {
  Value p[1];
  parse_args(a, "choice", {"seq"}, 1, p);
  std::int64_t n = len(p[0]);
  if (n == 0) raise_index_error("Cannot choose from an empty sequence");
  return getitem(p[0], randbelow(Value::from_int(n)));
}
static Value r_shuffle(const CallArgs& a) {
  Value p[1];
  parse_args(a, "shuffle", {"x"}, 1, p);
  for (std::int64_t i = len(p[0]) - 1; i > 0; --i) {
    Value j = randbelow(Value::from_int(i + 1));
    Value xi = getitem(p[0], Value::from_int(i));
    Value xj = getitem(p[0], j);
    setitem(p[0], Value::from_int(i), xj);
    setitem(p[0], j, xi);
  }
  return Value::none();
}
static Value r_sample(const CallArgs& a) {
  Value p[3];
  parse_args(a, "sample", {"population", "k", "counts"}, 2, p);
  TypeObject* pt = type_of(p[0]);
  if (pt->is_subtype_of(set_type) || pt->is_subtype_of(frozenset_type) || pt->is_subtype_of(dict_type) || !pt->getitem)
    raise_type_error("Population must be a sequence.  For dicts or sets, use sorted(d).");
  std::int64_t n = len(p[0]);
  std::int64_t k = index_value(p[1]);
  if (k < 0 || k > n) raise_value_error("Sample larger than population or is negative");
  std::vector<Value> result(static_cast<std::size_t>(k), Value::none());
  std::int64_t setsize = 21;
  if (k > 5) setsize += static_cast<std::int64_t>(std::pow(4.0, std::ceil(std::log(static_cast<double>(k * 3)) / std::log(4.0))));
  if (n <= setsize) {
    std::vector<Value> pool = to_vector(p[0]);
    for (std::int64_t i = 0; i < k; ++i) {
      std::int64_t j = to_i64(randbelow(Value::from_int(n - i)));
      result[static_cast<std::size_t>(i)] = pool[static_cast<std::size_t>(j)];
      pool[static_cast<std::size_t>(j)] = pool[static_cast<std::size_t>(n - i - 1)];
    }
  } else {
    std::vector<std::int64_t> selected;
    for (std::int64_t i = 0; i < k; ++i) {
      std::int64_t j = to_i64(randbelow(Value::from_int(n)));
      while (std::find(selected.begin(), selected.end(), j) != selected.end()) j = to_i64(randbelow(Value::from_int(n)));
      selected.push_back(j);
      result[static_cast<std::size_t>(i)] = getitem(p[0], Value::from_int(j));
    }
  }
  return make_list(std::move(result));
}
static Value r_uniform(const CallArgs& a) {
  Value p[2];
  parse_args(a, "uniform", {"a", "b"}, 2, p);
  double x = to_double(p[0]), y = to_double(p[1]);
  return Value(x + (y - x) * gen().random());
}

Value create_random() {
  seed_from_urandom();
  Value m = make_module("random");
  module_add_function(m, "seed", &r_seed);
  module_add_function(m, "random", &r_random);
  module_add_function(m, "getrandbits", &r_getrandbits);
  module_add_function(m, "randrange", &r_randrange);
  module_add_function(m, "randint", &r_randint);
  module_add_function(m, "choice", &r_choice);
  module_add_function(m, "shuffle", &r_shuffle);
  module_add_function(m, "sample", &r_sample);
  module_add_function(m, "uniform", &r_uniform);
  return m;
}

}  // namespace aio
