// Registered Python locals of coroutine/generator frames (frame_locals.hpp).
#include "aio/frame_locals.hpp"

namespace aio {

void register_frame_locals(const CodeInfo& code, const TraceFrame& frame, std::initializer_list<const Value*> locals) {
  if (code.frame_locals) return;
  auto* table = new FrameLocals;  // lives as long as the static CodeInfo
  const char* base = reinterpret_cast<const char*>(&frame);
  for (const Value* v : locals) table->offsets.push_back(reinterpret_cast<const char*>(v) - base);
  code.frame_locals = table;
}

void gc_visit_frame_locals(const TraceFrame* frame, GcVisitFn visit, void* arg) {
  if (!frame || !frame->code || !frame->code->frame_locals) return;
  const char* base = reinterpret_cast<const char*>(frame);
  for (std::ptrdiff_t off : frame->code->frame_locals->offsets)
    gc_visit(*reinterpret_cast<const Value*>(base + off), visit, arg);
}

}  // namespace aio
