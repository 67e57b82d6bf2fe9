// GatherCore: CPython's gather() _done_callback and _GatheringFuture.cancel (gather.hpp).
#include "aio/gather.hpp"

#include "aio/first_index_map.hpp"

namespace aio {

GatherCore::GatherCore(FutureBase& outer, std::vector<Ref<FutureBase>> children,
                       bool return_exceptions, Finish on_all_done)
    : outer_(&outer),
      children_(std::move(children)),
      return_exceptions_(return_exceptions),
      on_all_done_(on_all_done) {}

void GatherCore::attach() {
  // A future passed twice gets one callback (CPython's arg_to_fut dict): a hash set keeps
  // this linear in the number of children.
  FirstIndexMap seen(children_.size());
  for (std::size_t i = 0; i < children_.size(); ++i) {
    if (seen.first_index(children_[i].get(), i) != i) continue;
    children_[i]->add_done_callback(Ref<DoneCallback>(this));
  }
  n_distinct_ = seen.size();
  if (n_distinct_ == 0) {  // gather() of nothing: done at once
    Ref<FutureBase> outer = std::move(outer_);
    on_all_done_(*outer, *this);
  }
}

bool GatherCore::cancel_children(const std::optional<std::string>& msg) {
  bool any = false;
  for (auto& c : children_)
    if (c->cancel(msg)) any = true;
  if (any) cancel_requested_ = true;
  return any;
}

void GatherCore::on_done(FutureBase& fut) {
  ++n_finished_;
  Ref<FutureBase> outer = outer_;
  if (n_finished_ == n_distinct_) outer_.reset();  // last child: break the cycle
  if (!outer || outer->done()) {
    if (!fut.cancelled()) fut.mark_retrieved();
    return;
  }
  if (!return_exceptions_) {
    if (fut.cancelled()) {
      outer->set_exception(fut.make_cancelled_error());
      return;
    }
    if (std::exception_ptr e = fut.exception()) {
      outer->set_exception(e);
      return;
    }
  }
  if (n_finished_ == n_distinct_) {
    if (cancel_requested_) outer->set_exception(fut.make_cancelled_error());
    else on_all_done_(*outer, *this);
  }
}

namespace {
void set_void_result(FutureBase& outer, GatherCore&) { static_cast<GatherFuture&>(outer).set_result(); }
}  // namespace

GatherFuture::GatherFuture(EventLoop& loop, std::vector<Ref<FutureBase>> children)
    : Future<void>(loop) {
  core_ = make_ref<GatherCore>(*this, std::move(children), false, &set_void_result);
  core_->attach();
}

bool GatherFuture::cancel(std::optional<std::string> msg) {
  if (done()) return false;
  return core_->cancel_children(msg);
}

}  // namespace aio
