// Compound statements: if/while/for (sync and async), try/except/else/finally, with
// (sync and async), and the jumps (return/break/continue) that must cross them.
//
// Protected regions (the body of a try with `finally`, the body of a with) are emitted as
//
//   int aN = 0; aio::Value eN; aio::Value rN;
//   do { try { BODY } catch (aio::PyException& e) { e.add_traceback(frame); eN = e.value(); aN = 1; } } while (false);
//   CLEANUP                      // runs outside any C++ handler: it may co_await
//   if (aN == 1) aio::reraise(eN);
//   if (aN == 2) <return rN in the enclosing context> ...
//
// A jump inside BODY that leaves the region stores its action (2 return, 3 break,
// 4 continue) and `break`s out of the do-while; the epilogue re-issues it one level out.
// Except handlers likewise run after the catch block has been left.
#include <fmt/format.h>

#include "codegen/function_emitter.hpp"
#include "codegen/mangle.hpp"

namespace aioc::codegen {

void FunctionEmitter::if_(const ast::If& s) {
  w_.open();
  std::string test = expr(*s.test);
  w_.open(fmt::format("if (aio::truthy({}))", test));
  body(s.body);
  close_with_else(s.orelse);
  w_.close();
}

void FunctionEmitter::close_with_else(const ast::Body& orelse) {
  if (!orelse.empty()) {
    w_.close(" else {");
    w_.indent();
    body(orelse);
  }
  w_.close();
}

void FunctionEmitter::while_(const ast::While& s) {
  ast::Loc loc = current_loc_;
  w_.open();
  std::string flag;
  if (!s.orelse.empty()) {
    flag = new_name("brk");
    w_.line(fmt::format("bool {} = false;", flag));
  }
  w_.open("while (true)");
  w_.line(fmt::format("frame.line = {};", loc.line));  // the test runs on the while line
  std::string test = expr(*s.test);
  w_.line(fmt::format("if (!aio::truthy({})) break;", test));
  controls_.push_back(Control{Control::Loop, flag, {}, {}});
  body(s.body);
  controls_.pop_back();
  w_.close();
  if (!flag.empty()) {
    w_.open(fmt::format("if (!{})", flag));
    body(s.orelse);
    w_.close();
  }
  w_.close();
}

// Opens `while (true) {` and binds the next item of `iterable` to the returned variable,
// leaving the loop at exhaustion. The caller closes the loop.
std::string FunctionEmitter::open_iteration(const std::string& iterable, bool is_async, bool pre_iterated) {
  std::string it = new_name("it");
  std::string item = new_name("item");
  if (!is_async) {
    w_.line(fmt::format("aio::Value {} = {};", it, pre_iterated ? iterable : "aio::iter(" + iterable + ")"));
    w_.open("while (true)");
    w_.line(fmt::format("frame.line = {};", current_loc_.line));  // next() runs on the for line
    w_.line(fmt::format("aio::Value {};", item));
    w_.line(fmt::format("if (!aio::next({}, {})) break;", it, item));
    return item;
  }
  if (!coroutine_) unsupported(ast::Loc{}, "'async for' outside async function");
  w_.line(fmt::format("aio::Value {} = {};", it, pre_iterated ? iterable : "aioc_aiter(" + iterable + ")"));
  w_.open("while (true)");
  w_.line(fmt::format("frame.line = {};", current_loc_.line));
  std::string aw = new_name("aw");
  std::string stop = new_name("stop");
  w_.line(fmt::format("aio::Value {};", item));
  // A native async generator is stepped directly (no __anext__ object per item).
  w_.open(fmt::format("if (aio::is_async_generator({}))", it));
  w_.line(fmt::format("{} = co_await aio::AGenNext({});", item, it));
  w_.line(fmt::format("if ({}.is_unbound()) break;", item));
  w_.close();
  w_.open("else");
  w_.line(fmt::format("aio::Value {} = aioc_anext({});", aw, it));
  w_.line(fmt::format("aio::Value {};", stop));
  w_.open("try");
  w_.line(fmt::format("{} = co_await aio::await_({});", item, aw));
  w_.close(fmt::format(" catch (aio::PyException& e) {{ {} = e.value(); }}", stop));
  w_.open(fmt::format("if ({}.is_bound())", stop));
  w_.line(fmt::format(
      "if (aio::exception_matches({}, aio::Value::borrowed(aio::exc::StopAsyncIteration))) break;",
      stop));
  w_.line(fmt::format("aio::reraise({});", stop));
  w_.close();
  w_.close();
  return item;
}

void FunctionEmitter::for_(const ast::For& s) {
  w_.open();
  std::string flag;
  if (!s.orelse.empty()) {
    flag = new_name("brk");
    w_.line(fmt::format("bool {} = false;", flag));
  }
  std::string iterable = expr(*s.iter);
  std::string item = open_iteration(iterable, s.is_async);
  assign(*s.target, item);
  controls_.push_back(Control{Control::Loop, flag, {}, {}});
  body(s.body);
  controls_.pop_back();
  w_.close();
  if (!flag.empty()) {
    w_.open(fmt::format("if (!{})", flag));
    body(s.orelse);
    w_.close();
  }
  w_.close();
}

void FunctionEmitter::try_(const ast::Try& s, const ast::Loc&) {
  if (!s.finalbody.empty()) {
    try_finally(s);
  } else if (s.is_star) {
    try_except_star(s);
  } else {
    try_except(s);
  }
}

void FunctionEmitter::open_protected(Control& c) {
  c.kind = Control::Finally;
  c.action = new_name("act");
  c.retval = new_name("ret");
  w_.line(fmt::format("int {} = 0;", c.action));
  w_.line(fmt::format("[[maybe_unused]] aio::Value {};", c.retval));
  w_.open("do");
  w_.open("try");
}

void FunctionEmitter::close_protected(const std::string& caught) {
  const Control& c = controls_.back();
  w_.close(" catch (aio::PyException& e) {");
  w_.indent();
  w_.line("e.add_traceback(frame);");
  w_.line(fmt::format("{} = e.value();", caught));
  w_.line(fmt::format("{} = 1;", c.action));
  w_.close();
  w_.close(" while (false);");
}

void FunctionEmitter::try_finally(const ast::Try& s) {
  w_.open();
  Control c;
  std::string caught = new_name("exc");
  w_.line(fmt::format("aio::Value {};", caught));
  open_protected(c);
  controls_.push_back(c);
  if (s.handlers.empty()) {
    body(s.body);
    body(s.orelse);
  } else if (s.is_star) {
    try_except_star(s);
  } else {
    try_except(s);
  }
  close_protected(caught);
  Control done = controls_.back();
  controls_.pop_back();
  // The finally body; while an exception is pending it is the "handled" one (__context__).
  body(s.finalbody);
  w_.line(fmt::format("if ({} == 1) aio::reraise({});", done.action, caught));
  finally_epilogue(done, controls_.size());
  w_.close();
}

std::string FunctionEmitter::catching_body(const ast::Body& protected_body) {
  std::string caught = new_name("exc");
  w_.line(fmt::format("aio::Value {};", caught));
  w_.open("try");
  body(protected_body);
  w_.close(" catch (aio::PyException& e) {");
  w_.indent();
  w_.line("e.add_traceback(frame);");
  w_.line(fmt::format("{} = e.value();", caught));
  w_.close();
  return caught;
}

void FunctionEmitter::try_except(const ast::Try& s) {
  w_.open();
  std::string caught = catching_body(s.body);
  w_.open(fmt::format("if ({}.is_bound())", caught));
  int opened = 0;
  bool matched_all = false;
  for (const auto& h : s.handlers) {
    mark_line(h.loc);
    if (h.type) {
      std::string type = expr(*h.type);
      w_.open(fmt::format("if (aio::exception_matches({}, {}))", caught, type));
    } else {
      w_.open();
      matched_all = true;
    }
    if (!h.name.empty()) store_name(h.name, caught);
    handler_body(h.body, caught);
    if (!h.name.empty()) unbind_handler_name(h.name);
    if (matched_all) {
      w_.close();
      break;
    }
    w_.close(" else {");
    w_.indent();
    ++opened;
  }
  if (!matched_all) w_.line(fmt::format("aio::reraise({});", caught));
  for (int i = 0; i < opened; ++i) w_.close();
  close_with_else(s.orelse);
  w_.close();
}

void FunctionEmitter::handler_body(const ast::Body& handler, const std::string& handled) {
  handlers_.push_back(handled);  // a bare `raise` re-raises it
  // The handler runs with `handled` as the exception being handled (for __context__),
  // unless it awaits: a HandlerScope must not live across a suspension point.
  CodeWriter saved = std::move(w_);
  w_ = CodeWriter();
  for (int d = 0; d < saved.depth(); ++d) w_.indent();
  body(handler);
  std::string text = w_.take();
  w_ = std::move(saved);
  if (text.find("co_await") == std::string::npos && text.find("co_yield") == std::string::npos) {
    w_.line(fmt::format("aio::HandlerScope hs{{{}}};", handled));
  }
  w_.append(text);
  handlers_.pop_back();
}

void FunctionEmitter::unbind_handler_name(const std::string& name) {
  VarRef v = resolve(name);
  if (v.kind == VarRef::ClassNs) {
    w_.line(fmt::format("aio::dict_del({}, {});", v.cpp, attr_name(name)));
  } else {
    store_name(name, "aio::Value()");
  }
}

void FunctionEmitter::finally_epilogue(const Control& c, std::size_t depth) {
  static const Jump kinds[3] = {Jump::Return, Jump::Break, Jump::Continue};
  for (int k = 0; k < 3; ++k) {
    if (!c.used[k]) continue;
    w_.open(fmt::format("if ({} == {})", c.action, k + 2));
    jump(kinds[k], c.retval, depth);
    w_.close();
  }
}

void FunctionEmitter::jump(Jump kind, const std::string& value, std::size_t depth) {
  for (std::size_t i = depth; i-- > 0;) {
    Control& c = controls_[i];
    if (c.kind == Control::Loop) {
      if (kind == Jump::Return) continue;
      if (kind == Jump::Break) {
        if (!c.flag.empty()) w_.line(fmt::format("{} = true;", c.flag));
        w_.line("break;");
      } else {
        w_.line("continue;");
      }
      return;
    }
    int k = kind == Jump::Return ? 0 : kind == Jump::Break ? 1 : 2;
    c.used[k] = true;
    if (kind == Jump::Return) w_.line(fmt::format("{} = {};", c.retval, value));
    w_.line(fmt::format("{} = {};", c.action, k + 2));
    w_.line("break;");
    return;
  }
  if (kind != Jump::Return) return;  // sema rejects break/continue outside a loop
  w_.line(fmt::format("{} {};", coroutine_ || generator_ ? "co_return" : "return", value));
}

// `with a as x, b as y:` is `with a as x: with b as y:`.
void FunctionEmitter::with_(const ast::With& s, std::size_t item) {
  if (item == s.items.size()) {
    body(s.body);
    return;
  }
  if (s.is_async && !coroutine_) unsupported(ast::Loc{}, "'async with' outside async function");
  const ast::WithItem& wi = s.items[item];
  int with_line = current_loc_.line;
  w_.open();
  std::string mgr = expr(*wi.context_expr);
  std::string entered;
  if (s.is_async) {
    std::string aw = temp(fmt::format("aioc_aenter({})", mgr));
    entered = await_(aw);
  } else {
    entered = temp(fmt::format("aioc_enter({})", mgr));
  }
  Control c;
  std::string caught = new_name("exc");
  w_.line(fmt::format("aio::Value {};", caught));
  open_protected(c);
  controls_.push_back(c);
  if (wi.optional_vars) assign(*wi.optional_vars, entered);
  with_(s, item + 1);
  close_protected(caught);
  Control done = controls_.back();
  controls_.pop_back();
  w_.line(fmt::format("frame.line = {};", with_line));  // __exit__ runs on the with line
  const char* exit_fn = s.is_async ? "aioc_aexit" : "aioc_exit";
  std::string res = temp(fmt::format("{}({}, {})", exit_fn, mgr, caught));
  if (s.is_async) res = await_(res);
  w_.line(fmt::format("if ({} == 1 && !aio::truthy({})) aio::reraise({});", done.action, res,
                      caught));
  finally_epilogue(done, controls_.size());
  w_.close();
}

}  // namespace aioc::codegen
