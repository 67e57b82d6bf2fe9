// The cycle collector (aio/gc.hpp): cycles are freed, anything reachable from outside the
// collected set survives, counts and generations follow CPython's rules.
#include <catch2/catch.hpp>

#include "aio/python.hpp"

using namespace aio;

namespace {

// A container that records its destruction and holds one reference.
struct Probe : GcObject {
  Value ref;
  int* freed;
  explicit Probe(int* f) : GcObject(object_type), freed(f) {}
  ~Probe() override { ++*freed; }
  void traverse(GcVisitFn visit, void* arg) override { gc_visit(ref, visit, arg); }
  void clear() override { Value gone = std::move(ref); }
};

Value probe(int* freed) { return Value(new Probe(freed)); }
Value& ref_of(const Value& p) { return static_cast<Probe*>(p.object())->ref; }

struct GcFixture {
  GcFixture() {
    runtime_init();
    gc_collect();
  }
  ~GcFixture() { gc_set_enabled(true); }
};

}  // namespace

TEST_CASE_METHOD(GcFixture, "a two-object cycle is freed by collect", "[gc]") {
  int freed = 0;
  {
    Value a = probe(&freed), b = probe(&freed);
    ref_of(a) = b;
    ref_of(b) = a;
  }
  CHECK(freed == 0);  // refcounting alone cannot free it
  CHECK(gc_collect() == 2);
  CHECK(freed == 2);
  CHECK(gc_collect() == 0);
}

TEST_CASE_METHOD(GcFixture, "a cycle reachable from a live object is kept", "[gc]") {
  int freed = 0;
  Value holder = make_list({});
  {
    Value a = probe(&freed), b = probe(&freed);
    ref_of(a) = b;
    ref_of(b) = a;
    list_append(holder, a);
  }
  CHECK(gc_collect() == 0);
  CHECK(freed == 0);
  list_items(holder).clear();
  CHECK(gc_collect() == 2);
  CHECK(freed == 2);
}

TEST_CASE_METHOD(GcFixture, "a reference held only by C++ code keeps a cycle alive", "[gc]") {
  int freed = 0;
  Value keep;
  {
    Value a = probe(&freed), b = probe(&freed);
    ref_of(a) = b;
    ref_of(b) = a;
    keep = b;
  }
  CHECK(gc_collect() == 0);
  CHECK(freed == 0);
  keep = Value();
  CHECK(gc_collect() == 2);
}

TEST_CASE_METHOD(GcFixture, "self-referencing list and dict are freed", "[gc]") {
  int freed = 0;
  {
    Value l = make_list({});
    list_append(l, l);
    list_append(l, probe(&freed));
  }
  CHECK(gc_collect() == 2);  // the list and the probe
  CHECK(freed == 1);
  {
    Value d = make_dict();
    dict_setitem(d, make_str("self"), d);
    dict_setitem(d, make_str("p"), probe(&freed));
  }
  CHECK(gc_collect() == 2);
  CHECK(freed == 2);
}

TEST_CASE_METHOD(GcFixture, "collect counts cycles through tuples, sets and cells", "[gc]") {
  {
    Value l = make_list({});
    Value t = make_tuple({l, Value::from_int(1)});
    list_append(l, t);
    Value c = make_cell();
    cell_ref(c) = make_list({c});
  }
  CHECK(gc_collect() == 4);
}

TEST_CASE_METHOD(GcFixture, "allocations trigger young collections that bound memory", "[gc]") {
  int freed = 0;
  std::int64_t before = gc_tracked_count();
  for (int i = 0; i < 20000; ++i) {
    Value a = probe(&freed), b = probe(&freed);
    ref_of(a) = b;
    ref_of(b) = a;
  }
  CHECK(freed > 39000);
  CHECK(gc_tracked_count() - before < 2000);
}

TEST_CASE_METHOD(GcFixture, "a disabled collector only collects on request", "[gc]") {
  int freed = 0;
  gc_set_enabled(false);
  CHECK_FALSE(gc_enabled());
  for (int i = 0; i < 2000; ++i) {
    Value a = probe(&freed);
    ref_of(a) = a;
  }
  CHECK(freed == 0);
  CHECK(gc_collect() == 2000);
  CHECK(freed == 2000);
}

TEST_CASE_METHOD(GcFixture, "counts and thresholds follow CPython's generations", "[gc]") {
  int c[3], t[3];
  gc_get_count(c);
  CHECK((c[0] == 0 && c[1] == 0 && c[2] == 0));
  gc_get_threshold(t);
  CHECK((t[0] == 700 && t[1] == 10 && t[2] == 10));
  Value keep = make_list({});
  gc_get_count(c);
  CHECK(c[0] == 1);
  gc_collect(0);
  gc_get_count(c);
  CHECK((c[0] == 0 && c[1] == 1));
  keep = Value();  // a dealloc lowers count 0 only while it is positive
  gc_get_count(c);
  CHECK(c[0] == 0);
}

namespace {

const CodeInfo kGenCode{"g", "g", "test_gc.cpp", 1, CodeInfo::Generator, {}, 0, 0, 0, nullptr, nullptr, nullptr};

// What codegen emits for `def g(x): yield` (frame_locals.hpp): x is a registered local.
Gen one_yield_body(Value p0) {
  TraceFrame frame{&kGenCode, 1};
  Value l_x = std::move(p0);
  if (!kGenCode.frame_locals) register_frame_locals(kGenCode, frame, {&l_x});
  co_await TrackFrame{&frame};
  Value y = Value::none();
  Value sent = co_yield y;
  co_return Value::none();
}

// A container whose finalizer stores it in `saved` (resurrection).
struct Resurrector : Probe {
  Value* saved;
  Resurrector(int* f, Value* s) : Probe(f), saved(s) {}
  bool gc_finalize() override {
    if (saved->is_bound()) return false;
    *saved = Value::borrowed(this);
    return true;
  }
};

}  // namespace

TEST_CASE_METHOD(GcFixture, "a suspended generator's registered local closes a collectable cycle", "[gc]") {
  int freed = 0;
  Value p = probe(&freed);
  Value g = make_generator(one_yield_body(p), &kGenCode);
  ref_of(p) = g;
  Value out;
  REQUIRE(generator_resume(static_cast<GeneratorObject*>(g.object()), GenInput{}, out));
  p = Value();
  g = Value();
  // The finalizer closes the generator, whose frame drops the probe: everything is freed by
  // refcounting before any clear, so nothing is left to count (as CPython reports).
  CHECK(gc_collect() == 0);
  CHECK(freed == 1);
}

TEST_CASE_METHOD(GcFixture, "an unstarted generator's arguments count as external", "[gc]") {
  int freed = 0;
  Value p = probe(&freed);
  Value g = make_generator(one_yield_body(p), &kGenCode);
  ref_of(p) = g;
  Object* gen = g.object();
  Value::incref(gen);  // a borrowed observer for the check below
  p = Value();
  g = Value();
  CHECK(gc_collect() == 0);
  CHECK(freed == 0);
  CHECK(gen->refcount == 2);  // the probe's reference and ours
  Value keep(gen);
  static_cast<GeneratorObject*>(gen)->gen.reset();  // drops the parameter: the cycle is gone
  keep = Value();
  CHECK(freed == 1);
}

TEST_CASE_METHOD(GcFixture, "an object resurrected by a finalizer is not cleared", "[gc]") {
  int freed = 0;
  Value saved;
  Value a(new Resurrector(&freed, &saved));
  Value b = probe(&freed);
  ref_of(a) = b;
  ref_of(b) = a;
  a = Value();
  b = Value();
  CHECK(gc_collect() == 0);
  CHECK(freed == 0);
  REQUIRE(saved.is_bound());
  CHECK(ref_of(ref_of(saved)).object() == saved.object());  // the cycle is intact
  ref_of(saved) = Value();
  saved = Value();
  CHECK(freed == 2);
}
