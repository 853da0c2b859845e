// Another program run by casectl, fed on its standard input: `age` encrypting an export.
#pragma once

#include "util/status.hpp"

#include <string>
#include <string_view>
#include <vector>

#include <sys/types.h>

namespace casectl::process {

// A program whose standard input is a pipe casectl writes to, and whose standard output is a file
// descriptor casectl gives it (its standard error is casectl's). The program is found on PATH and
// run without a shell: its arguments are passed as they are.
class PipedProgram {
 public:
  PipedProgram() = default;
  PipedProgram(const PipedProgram&) = delete;
  PipedProgram& operator=(const PipedProgram&) = delete;
  // Closes the program's input and waits for it, when finish() was not called.
  ~PipedProgram();

  // Starts argv[0] with `out_fd` as its standard output. A program that is not installed is
  // Status::cannot_write naming it and the Debian package (`package`) that has it. `environment`
  // ("NAME=value") is added to casectl's own, replacing a variable of the same name: how a secret
  // reaches the program without showing in its arguments.
  Status start(const std::vector<std::string>& argv, int out_fd, const std::string& package,
               const std::vector<std::string>& environment = {});
  bool running() const { return m_pid > 0; }
  // Writes to the program's input; false once it stopped reading (it exited, or failed).
  bool write(std::string_view bytes);
  // Closes the program's input and waits for it to end: ok when it exited with 0, else
  // Status::cannot_write naming the program and how it ended (its own message is on stderr).
  Status finish();

 private:
  std::string m_name;
  pid_t m_pid = -1;
  int m_input = -1;
};

// age's arguments to encrypt for these recipients: an age1... or ssh- public key as it is (-r),
// anything else as a file of recipients (-R).
std::vector<std::string> age_encrypt_arguments(const std::vector<std::string>& recipients);

} // namespace casectl::process
