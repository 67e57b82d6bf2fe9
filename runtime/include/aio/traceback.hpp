// Traceback printing and the program entry point.
//
// Design: the traceback is printed as CPython 3.11 prints it: chained exceptions first
// (__cause__ "The above exception was the direct cause of the following exception:",
// __context__ "During handling of the above exception, another exception occurred:"),
// then "Traceback (most recent call last):", one `  File "x.aio", line N, in name` per
// entry with the stripped source line read from the file at print time (like linecache),
// then "Type: message".
#pragma once

#include <string>

#include "aio/exceptions.hpp"

namespace aio {

std::string format_traceback(const Value& exc);  // the whole text CPython would print
void print_exception(const Value& exc);          // to stderr (after flushing stdout)
// Runs a program: runtime_init, sys.argv, the module body; prints an uncaught exception;
// handles SystemExit; finalizes the module globals as CPython does at exit (gc.hpp's
// gc_finalize_module: finalizers run, then the globals are cleared); flushes stdout.
// Returns the exit status.
int run_main(void (*module_body)(), Value* const* globals, std::size_t nglobals, int argc, char** argv);
int run_main(void (*module_body)(), int argc, char** argv);  // no globals to finalize
// True once run_main's module body has finished: objects dying now die in the interpreter's
// teardown (module globals), where CPython's warnings name "sys:1".
bool program_finalizing() noexcept;
// Exit status for a SystemExit exception (prints its message to stderr when not int/None).
int system_exit_status(const Value& exc);

}  // namespace aio
