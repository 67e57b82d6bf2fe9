// The Python locals of suspended coroutine, generator and async-generator frames, for the
// cycle collector (gc.hpp).
//
// Design: generated code keeps Python locals (and cells) as C++ locals of a C++20
// coroutine frame. Their layout inside the frame is fixed per body, so the first call of a
// body records each local's offset from the body's TraceFrame (also in the frame) in a
// FrameLocals table hung off its static CodeInfo:
//   if (!code_3.frame_locals) [[unlikely]] aio::register_frame_locals(code_3, frame, {&l_x, &c_y});
//   co_await aio::TrackFrame{&frame};   // the promise now points at `frame`
// Later calls pay one load and a branch. The owning object (generator, coroutine, async
// generator) finds the frame through its promise's `frame_` and visits the locals with
// gc_visit_frame_locals, but only while the frame is suspended: TrackFrame runs after the
// locals are constructed and no suspension happens before it, and a finished body has
// destroyed them (the owner checks done()).
//
// Not registered: hoisted temporaries (values an expression holds across an await or a
// yield, awaiters, `yield from` subiterators), parameters before they are moved into
// locals, and locals of inlined comprehension scopes. Leaving a reference out of a traverse
// only makes its referent look externally owned, so it survives: always safe, it can only
// leak a cycle through that temporary.
// Thread model: the runtime lock (registration is idempotent anyway).
#pragma once

#include <cstddef>
#include <initializer_list>
#include <vector>

#include "aio/exceptions.hpp"
#include "aio/function.hpp"
#include "aio/gc.hpp"
#include "aio/value.hpp"

namespace aio {

struct FrameLocals {
  std::vector<std::ptrdiff_t> offsets;  // of each Value from the TraceFrame, in bytes
};

void register_frame_locals(const CodeInfo& code, const TraceFrame& frame, std::initializer_list<const Value*> locals);

// Visits every registered local of a suspended frame (nothing if its body registered none).
void gc_visit_frame_locals(const TraceFrame* frame, GcVisitFn visit, void* arg);

}  // namespace aio
