// SetTable follows CPython's Objects/setobject.c slot for slot; the expected positions
// and orders here were worked out from those rules and checked against python3 3.11.
#include <catch2/catch.hpp>

#include <vector>

#include "aio/python.hpp"
#include "aio/set_table.hpp"

using namespace aio;

namespace {
Value I(std::int64_t i) { return Value::from_int(i); }
void add(SetTable& t, std::int64_t x) { t.add(I(x), hash(I(x))); }
std::vector<std::int64_t> order(const SetTable& t) {
  std::vector<std::int64_t> out;
  for (const auto& s : t.slots())
    if (s.active()) out.push_back(s.key.as_int());
  return out;
}
std::int64_t slot_of(const SetTable& t, std::int64_t x) {
  for (std::size_t i = 0; i < t.slots().size(); ++i)
    if (t.slots()[i].active() && t.slots()[i].key.as_int() == x) return static_cast<std::int64_t>(i);
  return -1;
}
}  // namespace

TEST_CASE("small table probes by perturbation, not linearly", "[objects][set]") {
  runtime_init();
  SetTable t;
  CHECK(t.mask() == 7);
  add(t, 1);
  add(t, 9);  // home slot 1 taken; 8 slots are too few for linear probes: (1*5+1) & 7
  CHECK(slot_of(t, 1) == 1);
  CHECK(slot_of(t, 9) == 6);
  CHECK(t.size() == 2);
  CHECK(t.fill() == 2);
}

TEST_CASE("resize fires at fill*5 >= mask*3 and grows to used*4", "[objects][set]") {
  runtime_init();
  SetTable t;
  for (int x : {16, 0, 32, 48}) add(t, x);
  CHECK(t.mask() == 7);
  add(t, 1);  // fill 5: 25 >= 21
  CHECK(t.mask() == 31);
  CHECK(order(t) == std::vector<std::int64_t>{0, 32, 1, 16, 48});  // python3: {0, 32, 1, 16, 48}
}

TEST_CASE("discard leaves a dummy that a later add reuses", "[objects][set]") {
  runtime_init();
  SetTable t;
  add(t, 1);
  add(t, 9);
  CHECK(t.discard(I(1), 1));
  CHECK(t.size() == 1);
  CHECK(t.fill() == 2);  // the dummy still counts
  CHECK(t.slots()[1].hash == -1);
  CHECK_FALSE(t.slots()[1].active());
  CHECK_FALSE(t.discard(I(1), 1));
  add(t, 17);
  CHECK(slot_of(t, 17) == 1);  // python3: {17, 9}
  CHECK(t.fill() == 2);
}

TEST_CASE("pop walks from the finger and leaves dummies", "[objects][set]") {
  runtime_init();
  SetTable t;
  for (int x : {3, 1, 2}) add(t, x);
  CHECK(t.pop().as_int() == 1);
  CHECK(t.pop().as_int() == 2);
  add(t, 1);  // reuses slot 1, behind the finger
  CHECK(t.pop().as_int() == 3);
  CHECK(t.pop().as_int() == 1);
  CHECK(t.size() == 0);
  CHECK_THROWS(t.pop());
}

TEST_CASE("merge into an empty table of the same size copies the layout", "[objects][set]") {
  runtime_init();
  SetTable a;
  for (int x : {40, 8, 16, 3}) add(a, x);
  SetTable b;
  b.merge(a);
  CHECK(order(b) == order(a));
  CHECK(b.size() == 4);
  SetTable c;  // a different size: reinserted in a's order
  for (int x = 100; x < 140; ++x) add(c, x);
  c.clear();
  CHECK(c.mask() == 7);
  c.merge(a);
  CHECK(c.size() == 4);
}

TEST_CASE("shrink_dummies rebuilds once more than a quarter are dummies", "[objects][set]") {
  runtime_init();
  SetTable t;
  for (int x = 0; x < 60; ++x) add(t, x);
  std::size_t mask = t.mask();
  CHECK(mask == 127);
  for (int x = 0; x < 20; ++x) t.discard(I(x), x);
  t.shrink_dummies();  // 20 dummies <= 127/4: kept
  CHECK(t.fill() == 60);
  for (int x = 20; x < 55; ++x) t.discard(I(x), x);
  t.shrink_dummies();
  CHECK(t.fill() == t.size());
  CHECK(t.size() == 5);
  CHECK(t.mask() < mask);
}

TEST_CASE("int, float and tuple hashes are CPython's", "[objects][hash]") {
  runtime_init();
  CHECK(hash(I(-1)) == -2);
  CHECK(hash(I((std::int64_t{1} << 61) - 1)) == 0);
  CHECK(hash(I(std::int64_t{1} << 61)) == 1);
  CHECK(hash(I(-(std::int64_t{1} << 62) - 5)) == -7);
  CHECK(hash(Value(1.5)) == 1152921504606846977);
  CHECK(hash(Value(-1.0)) == -2);
  CHECK(hash(make_tuple({I(1), I(2)})) == -3550055125485641917);
  CHECK(hash(make_tuple({})) == 5740354900026072187);
}
