// Shared declarations of the glue for asyncio's synchronisation primitives, queues and
// combinators (not a public header).
#pragma once

#include <string>

#include "aio/value.hpp"

namespace aio {

// Adds Lock, Event, Condition, Semaphore, BoundedSemaphore (sync_objects.cpp), the queues
// (queue_objects.cpp), wait/as_completed/shield/timeout (combinators.cpp) and TaskGroup
// (task_group.cpp) to `asyncio`.
void add_sync_attributes(const Value& module);
void add_queue_attributes(const Value& module);
void add_combinator_attributes(const Value& module);
void add_task_group_attributes(const Value& module);  // task_group.cpp
void add_barrier_attributes(const Value& module);     // barrier_object.cpp

// "<asyncio.locks.Lock object at 0x7f.. [extra]>": CPython's object.__repr__ with `extra`.
std::string object_repr_with(const Value& self, const std::string& extra);

}  // namespace aio
