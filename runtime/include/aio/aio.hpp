// <aio/aio.hpp>: the typed core in one include, for C++ programs embedding the runtime
// (docs/embedding.md). Generated .aio code includes <aio/python.hpp> instead.
#pragma once

#include "aio/coro.hpp"
#include "aio/errors.hpp"
#include "aio/event_loop.hpp"
#include "aio/future.hpp"
#include "aio/gather.hpp"
#include "aio/run.hpp"
#include "aio/sleep.hpp"
#include "aio/task.hpp"
#include "aio/wait_for.hpp"
#include "aio/thread_pool.hpp"
