// Runner.close()'s shutdown sequence (run.hpp): cancel what is left, wait for it, then the
// two shutdown steps CPython runs as tasks (shutdown_asyncgens, shutdown_default_executor).
#include "aio/run.hpp"

#include "aio/thread_pool.hpp"

namespace aio {
namespace {

Coro<void> shutdown_step(EventLoop&) { co_return; }
AsyncgenShutdown g_asyncgen_shutdown = &shutdown_step;

void set_nothing(FutureBase& outer, GatherCore&) { static_cast<Future<void>&>(outer).set_result(); }

// The outer future of gather(*to_cancel, return_exceptions=True).
class ShutdownGather final : public Future<void> {
 public:
  ShutdownGather(EventLoop& loop, std::vector<Ref<FutureBase>> children) : Future<void>(loop) {
    core_ = make_ref<GatherCore>(*this, std::move(children), true, &set_nothing);
    core_->attach();
  }
  bool cancel(std::optional<std::string> msg) override {
    return !done() && core_->cancel_children(msg);
  }

 private:
  Ref<GatherCore> core_;
};

}  // namespace

void set_asyncgen_shutdown(AsyncgenShutdown fn) noexcept { g_asyncgen_shutdown = fn ? fn : &shutdown_step; }

void check_no_running_loop(const char* what) {
  if (EventLoop::running())
    throw_runtime_error(std::string(what) + " cannot be called from a running event loop");
}

void shutdown_loop(EventLoop& loop) {
  std::vector<Ref<TaskBase>> to_cancel = TaskBase::all_tasks(&loop);
  if (!to_cancel.empty()) {
    for (auto& t : to_cancel) t->cancel();
    std::vector<Ref<FutureBase>> children(to_cancel.begin(), to_cancel.end());
    auto outer = make_ref<ShutdownGather>(loop, std::move(children));
    loop.run_until_done(*outer);
    for (auto& t : to_cancel) {
      if (t->cancelled()) continue;
      if (std::exception_ptr e = t->exception())
        loop.call_exception_handler(
            {"unhandled exception during asyncio.run() shutdown", e, nullptr, t.get(), "task"});
    }
  }
  auto asyncgens = create_task(loop, g_asyncgen_shutdown(loop));
  loop.run_until_done(*asyncgens);
  auto executor = create_task(loop, shutdown_default_executor(loop));
  loop.run_until_done(*executor);
}

}  // namespace aio
