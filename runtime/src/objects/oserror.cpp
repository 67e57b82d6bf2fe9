// OSError as CPython's Objects/exceptions.c builds it: OSError(errno, strerror[, filename
// [, winerror[, filename2]]]) picks the subclass for the errno (ENOENT ->
// FileNotFoundError, ...), sets .errno/.strerror/.filename/.filename2, keeps only
// (errno, strerror) in .args when a filename is given, and prints
// "[Errno 2] No such file or directory: 'x'".
#include <cerrno>
#include <cstring>

#include "aio/builtins.hpp"
#include "aio/call.hpp"
#include "aio/class.hpp"
#include "aio/exceptions.hpp"
#include "aio/int.hpp"
#include "aio/ops.hpp"
#include "aio/str.hpp"
#include "aio/tuple.hpp"

namespace aio {

namespace {

TypeObject* subclass_for_errno(std::int64_t err) {
  const char* name = nullptr;
  switch (err) {
    case EAGAIN: case EALREADY: case EINPROGRESS: name = "BlockingIOError"; break;
    case ECHILD: name = "ChildProcessError"; break;
    case EPIPE: case ESHUTDOWN: name = "BrokenPipeError"; break;
    case ECONNABORTED: name = "ConnectionAbortedError"; break;
    case ECONNREFUSED: name = "ConnectionRefusedError"; break;
    case ECONNRESET: name = "ConnectionResetError"; break;
    case EEXIST: name = "FileExistsError"; break;
    case ENOENT: name = "FileNotFoundError"; break;
    case EISDIR: name = "IsADirectoryError"; break;
    case ENOTDIR: name = "NotADirectoryError"; break;
    case EINTR: name = "InterruptedError"; break;
    case EACCES: case EPERM: name = "PermissionError"; break;
    case ESRCH: name = "ProcessLookupError"; break;
    case ETIMEDOUT: name = "TimeoutError"; break;
    default: return nullptr;
  }
  return builtin_exception(name);
}

// oserror_parse_args + oserror_init: attributes from 2..5 positional arguments.
void parse_args(const Value& self, const Value* pos, std::size_t n) {
  ExceptionObject* e = as_exception(self);
  std::vector<Value> args(pos, pos + n);
  if (n >= 2 && n <= 5) {
    setattr(self, intern("errno"), pos[0]);
    setattr(self, intern("strerror"), pos[1]);
    if (n >= 3 && !pos[2].is_none()) {
      setattr(self, intern("filename"), pos[2]);
      if (n == 5 && !pos[4].is_none()) setattr(self, intern("filename2"), pos[4]);
      args.resize(2);
    }
  }
  e->args = make_tuple(std::move(args));
}

Value oserror_new(TypeObject* type, const CallArgs& a) {
  if (type == exc::OSError && a.npos >= 2 && a.npos <= 5 && is_int_like(a[0]) && !is_big_int(a[0]))
    if (TypeObject* sub = subclass_for_errno(to_i64(a[0]))) type = sub;
  Value inst = alloc_instance(type);
  parse_args(inst, a.pos, a.npos);
  return inst;
}

// OSError.__init__ again parses (a subclass's __init__ may call it with new arguments).
Value oserror_init(const CallArgs& a) {
  parse_args(a[0], a.pos + 1, a.npos - 1);
  return Value::none();
}

Value oserror_str(const Value& self) {
  Value err = getattr(self, intern("errno")), msg = getattr(self, intern("strerror"));
  Value file = getattr(self, intern("filename")), file2 = getattr(self, intern("filename2"));
  auto text = [](const Value& v) { return str_data(str(v)); };
  if (!file.is_none()) {
    std::string s = "[Errno " + text(err) + "] " + text(msg) + ": " + str_data(repr(file));
    if (!file2.is_none()) s += " -> " + str_data(repr(file2));
    return make_str(std::move(s));
  }
  if (!err.is_none() && !msg.is_none()) return make_str("[Errno " + text(err) + "] " + text(msg));
  return exception_str(self);
}

}  // namespace

void init_oserror(TypeObject* oserror) {
  oserror->new_ = &oserror_new;
  oserror->str = &oserror_str;
  add_method(oserror, "__init__", &oserror_init);
}

[[noreturn]] void raise_os_error(int err, const Value& filename) {
  Value args[3] = {Value::from_int(err), make_str(std::strerror(err)), filename};
  std::size_t n = filename.is_bound() ? 3 : 2;
  raise(call_args(Value::borrowed(exc::OSError), CallArgs{args, n, nullptr, 0}));
}

}  // namespace aio
