// errno: the platform's error-number constants (the ones CPython maps to OSError
// subclasses and their usual companions) and errorcode, number -> name.
#include <cerrno>

#include "aio/dict.hpp"
#include "aio/module.hpp"
#include "aio/str.hpp"

namespace aio {

Value create_errno() {
  Value m = make_module("errno");
  Value codes = make_dict();
  struct Code {
    const char* name;
    int value;
  };
#define AIO_ERRNO(n) Code{#n, n}
  const Code all[] = {
      AIO_ERRNO(EPERM),    AIO_ERRNO(ENOENT),      AIO_ERRNO(ESRCH),        AIO_ERRNO(EINTR),
      AIO_ERRNO(EIO),      AIO_ERRNO(ENXIO),       AIO_ERRNO(E2BIG),        AIO_ERRNO(ENOEXEC),
      AIO_ERRNO(EBADF),    AIO_ERRNO(ECHILD),      AIO_ERRNO(EAGAIN),       AIO_ERRNO(ENOMEM),
      AIO_ERRNO(EACCES),   AIO_ERRNO(EFAULT),      AIO_ERRNO(EBUSY),        AIO_ERRNO(EEXIST),
      AIO_ERRNO(EXDEV),    AIO_ERRNO(ENODEV),      AIO_ERRNO(ENOTDIR),      AIO_ERRNO(EISDIR),
      AIO_ERRNO(EINVAL),   AIO_ERRNO(ENFILE),      AIO_ERRNO(EMFILE),       AIO_ERRNO(ENOTTY),
      AIO_ERRNO(EFBIG),    AIO_ERRNO(ENOSPC),      AIO_ERRNO(ESPIPE),       AIO_ERRNO(EROFS),
      AIO_ERRNO(EMLINK),   AIO_ERRNO(EPIPE),       AIO_ERRNO(EDOM),         AIO_ERRNO(ERANGE),
      AIO_ERRNO(EDEADLK),  AIO_ERRNO(ENAMETOOLONG), AIO_ERRNO(ENOSYS),      AIO_ERRNO(ENOTEMPTY),
      AIO_ERRNO(ELOOP),    AIO_ERRNO(ENOTSOCK),    AIO_ERRNO(EADDRINUSE),   AIO_ERRNO(EADDRNOTAVAIL),
      AIO_ERRNO(ENETDOWN), AIO_ERRNO(ENETUNREACH), AIO_ERRNO(ECONNABORTED), AIO_ERRNO(ECONNRESET),
      AIO_ERRNO(ENOBUFS),  AIO_ERRNO(EISCONN),     AIO_ERRNO(ENOTCONN),     AIO_ERRNO(ESHUTDOWN),
      AIO_ERRNO(ETIMEDOUT), AIO_ERRNO(ECONNREFUSED), AIO_ERRNO(EHOSTUNREACH), AIO_ERRNO(EALREADY),
      AIO_ERRNO(EINPROGRESS), AIO_ERRNO(ECANCELED),
  };
#undef AIO_ERRNO
  for (const Code& c : all) {
    module_add(m, c.name, Value::from_int(c.value));
    if (!dict_get(codes, Value::from_int(c.value)).is_bound()) dict_setitem(codes, Value::from_int(c.value), make_str(c.name));
  }
  module_add(m, "EWOULDBLOCK", Value::from_int(EWOULDBLOCK));
  module_add(m, "errorcode", codes);
  return m;
}

}  // namespace aio
