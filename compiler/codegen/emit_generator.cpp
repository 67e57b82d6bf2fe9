// Generators: `yield`, `yield from`, and generator expressions.
//
// A generator function's body is a C++ coroutine returning aio::Gen (see
// runtime/include/aio/generator.hpp); entry() wraps it with make_generator, so calling it runs
// nothing. `yield v` is `co_yield`, hoisted into a named local like `co_await`. `yield from`
// is a loop around aio::yield_from_step whose yields hand the resumption (sent value or thrown
// exception) back unraised, so it is forwarded to the subiterator.
//
// A generator expression is a nested generator function, as in CPython: the first iterable
// is evaluated (and iter() called on it, or __aiter__ for `async for`) in the enclosing scope
// and passed as the parameter ".0"; everything else runs lazily inside the generator's own
// scope, with enclosing variables reached through closure cells. One containing `async for`
// or `await` is an async generator (body aio::AGen, wrapped by make_async_generator).
#include <algorithm>

#include <fmt/format.h>

#include "codegen/function_emitter.hpp"
#include "codegen/mangle.hpp"

namespace aioc::codegen {

namespace {

// A hoisted temporary ("t<N>"), which only its one consumer reads.
bool is_temp(const std::string& name) {
  return name.size() > 1 && name[0] == 't' &&
         std::all_of(name.begin() + 1, name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

// The yielded value is moved, not copied, into the operand and from there into the promise
// (yield_value(Value&)): a suspended frame keeps no unregistered copy of it, which the
// cycle collector would count as an external reference (`me = yield; yield me`).
std::string FunctionEmitter::yield_(const std::string& value) {
  std::string operand = new_name("y");  // a named local: see the GCC 12 trap in DESIGN.md
  bool owned = is_temp(value) || (value.size() > 1 && value[0] == 'v' && is_temp("t" + value.substr(1)));
  w_.line(fmt::format("aio::Value {} = {};", operand, owned ? "std::move(" + value + ")" : value));
  std::string name = new_name("t");
  w_.line(fmt::format("aio::Value {} = co_yield {};", name, operand));
  return name;
}

// The operand is computed in a block of its own, so the temporaries of its expression
// (`yield len(items)` copies `items`) are gone before the frame suspends: they are not
// registered with the collector, and a hidden copy would keep a cycle alive.
std::string FunctionEmitter::yield_expr(const ast::Expr* value) {
  if (!value) return yield_("aio::Value::none()");
  std::string operand = new_name("v");
  w_.line(fmt::format("aio::Value {};", operand));
  w_.open();
  std::string v = expr(*value);
  w_.line(fmt::format("{} = {};", operand, is_temp(v) ? "std::move(" + v + ")" : v));
  w_.close();
  return yield_(operand);
}

std::string FunctionEmitter::yield_from(const std::string& iterable) {
  std::string sub = temp(fmt::format("aio::yield_from_iter({})", iterable));
  std::string result = new_name("t");
  std::string in = new_name("in");
  std::string out = new_name("out");
  w_.line(fmt::format("aio::Value {};", result));
  w_.line(fmt::format("aio::GenInput {};", in));
  w_.open("while (true)");
  w_.line(fmt::format("aio::Value {};", out));
  w_.line(fmt::format("if (!aio::yield_from_step({}, std::move({}), {}, {})) break;", sub, in, out,
                      result));
  std::string raw = new_name("raw");
  w_.line(fmt::format("aio::GenRaw {}{{std::move({})}};", raw, out));
  w_.line(fmt::format("{} = co_yield {};", in, raw));
  w_.close();
  return result;
}

std::string FunctionEmitter::generator_expression(const ast::GeneratorExp& e, const ast::Expr& node) {
  const sema::Scope* inner = ctx_.analysis.scope_of(&node);
  if (!inner) unsupported(node.loc, "internal error: no scope for generator expression");
  std::string first = expr(*e.generators[0].iter);
  const char* get_iter = e.generators[0].is_async ? "aioc_aiter" : "aio::iter";
  std::string it = temp(fmt::format("{}({})", get_iter, first));
  FunctionEmitter sub(ctx_, *inner, inner->is_async);
  std::string code = sub.emit_genexpr(e, node);
  std::string f = temp(fmt::format("aio::make_function(&{}, aio::Value(), aio::Value(), {})", code,
                                   closure_list(*inner)));
  return temp(fmt::format("aio::call({}, {{{}}})", f, it));
}

std::string FunctionEmitter::emit_genexpr(const ast::GeneratorExp& e, const ast::Expr& node) {
  const sema::Scope& scope = *function_;
  int line = node.loc.line;
  int id = ctx_.next_id();
  std::string code = fmt::format("code_{}", id);
  std::string fn = fmt::format("fn_{}", id);
  ctx_.decls.line(fmt::format("static aio::Value {}_entry(aio::FunctionObject* self, aio::Value* slots);", fn));
  ctx_.codeinfos.line(fmt::format(
      "static const aio::CodeInfo {}{{{}, {}, {}, {}, aio::CodeInfo::{}, {{\".0\"}}, 0, 1, 0, "
      "nullptr, nullptr, &{}_entry}};",
      code, cpp_string_literal(scope.name), cpp_string_literal(scope.qualname), ctx_.path_literal(),
      line, async_generator_ ? "AsyncGenerator" : "Generator", fn));
  const char* body_type = async_generator_ ? "aio::AGen" : "aio::Gen";
  std::string params = "aio::Value p0";
  std::string call_args = "std::move(slots[0])";
  for (std::size_t i = 0; i < scope.freevars.size(); ++i) {
    params += fmt::format(", aio::Value {}", mangle("c_", scope.freevars[i]));
    call_args += fmt::format(", self->cells[{}]", i);
  }
  ctx_.decls.line(fmt::format("static {} {}({});", body_type, fn, params));
  w_.open(fmt::format("static {} {}({})", body_type, fn, params));
  w_.line(fmt::format("aio::TraceFrame frame{{&{}, {}}};", code, line));
  w_.line("aio::Value it0 = std::move(p0);");
  declare_locals(scope, {".0"});
  std::vector<std::string> names{"it0"};
  for (const auto& f : scope.freevars) names.push_back(mangle("c_", f));
  for (auto& n : local_names(scope, {".0"})) names.push_back(std::move(n));
  track_frame(code, names);
  w_.open("try");
  comprehension_loops(e.generators, 0, "it0", "", node);
  w_.close(" catch (aio::PyException& e) {");
  w_.indent();
  w_.line("e.add_traceback(frame);");
  w_.line("throw;");
  w_.close();
  w_.line("co_return aio::Value::none();");
  w_.close();
  w_.open(fmt::format("static aio::Value {}_entry([[maybe_unused]] aio::FunctionObject* self, "
                      "[[maybe_unused]] aio::Value* slots)", fn));
  w_.line(fmt::format("return aio::{}({}({}), &{});",
                      async_generator_ ? "make_async_generator" : "make_generator", fn, call_args, code));
  w_.close();
  ctx_.bodies.append(w_.str());
  return code;
}

}  // namespace aioc::codegen
