// Small file-system helpers. Domain-free.
#pragma once

#include "util/status.hpp"

#include <cstdio>
#include <streambuf>
#include <string>
#include <string_view>

namespace casectl::files {

// Reads a whole file. Fails with Status::unreadable naming the path and the system's reason.
Result<std::string> read_file(const std::string& path);

bool exists(const std::string& path);

// What is at `path`, without following a symbolic link (a link counts as `other`).
enum class Entry { none, directory, other };
Entry entry_at(const std::string& path);

// Writes `content` to `path` (mode 0600, replacing a file already there) so that `path` holds
// either the whole new content or what it held before, even when the process is killed half way:
// the content goes to a temporary file beside it (".casectl-NAME.XXXXXX", in the same directory),
// which is then renamed to `path`. Fails with Status::cannot_write naming the path and the
// system's reason, after removing the temporary file. A killed process may leave the temporary
// file behind, never a half-written `path`.
Status write_file_atomically(const std::string& path, std::string_view content);

// A file written whole or not at all, for output that comes piece by piece (an errors file):
// the bytes go to a temporary file beside `path` (mode 0600, created with O_EXCL); commit()
// renames it over `path`, so an existing file is replaced atomically by a private one. Without
// commit() (a failure, a rolled-back run) the destructor removes the temporary file and `path`
// keeps what it held. open() refuses a `path` that is a symbolic link (writing through it could
// overwrite whatever it points at) or a directory: Status::cannot_write naming the path. A path
// that is neither a regular file nor missing (/dev/null, a named pipe) is written directly, as
// it comes: there is nothing to replace atomically, and a rename would replace the device. Its
// reader may then get part of the output of a run that fails after all; a pipe that nobody reads
// is refused at open() (Status::cannot_write), rather than waited for.
class AtomicOutput {
 public:
  AtomicOutput() = default;
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;
  ~AtomicOutput();

  Status open(const std::string& path);
  bool is_open() const { return m_file != nullptr; }
  // Appends `bytes`; false once a write failed (disk full, ...), with errno set.
  bool write(std::string_view bytes);
  // The temporary file's descriptor, for another program to write to (what write() gave is
  // flushed first); -1 when not open. commit() then syncs and renames what the program wrote.
  int descriptor();
  // Flushes and syncs what was written to the temporary file: after it succeeded, only the
  // rename of commit() can fail (call it before committing what the file goes with).
  Status flush();
  // Flushes, syncs and renames the temporary file to the path given to open().
  Status commit();

 private:
  void discard();
  std::string m_path;
  std::string m_temporary;
  std::FILE* m_file = nullptr;
  bool m_failed = false;
  bool m_direct = false; // writing to a device or pipe itself: no temporary file, no rename
};

// A read-only stream buffer over a file descriptor. A failed read(2) throws std::system_error
// (as std::filebuf of libstdc++ does), so that readers tell a failed read from the end of the
// input; std::cin's buffer only reports EOF. Closes the descriptor when it owns it.
class InputBuffer : public std::streambuf {
 public:
  InputBuffer(int fd, bool owns) : m_fd(fd), m_owns(owns) {}
  InputBuffer(const InputBuffer&) = delete;
  InputBuffer& operator=(const InputBuffer&) = delete;
  ~InputBuffer() override;

 protected:
  int_type underflow() override;

 private:
  int m_fd;
  bool m_owns;
  char m_buffer[1 << 16];
};

// Makes the existing file `path` readable by its owner only when it is readable or writable by
// others (group/other bits), provided the running user owns it. Fails with Status::cannot_write
// naming the file, its mode and what to do when it belongs to someone else or cannot be changed.
// It is not an error if `path` does not exist. `what` names the file in messages ("the store").
Status make_private(const std::string& path, const std::string& what);

// Creates `dir` and its missing parents with mode 0700. It is not an error if they exist.
Status make_private_dirs(const std::string& dir);

// The directory part of a path ("a/b/c.db" gives "a/b"; "c.db" gives ".").
std::string parent_dir(const std::string& path);

// Value of environment variable `name`, or "" when unset.
std::string env(const char* name);

// The login of the operating-system user running this process (the effective user id's name in
// the password database, whatever --as or $USER say), or "uid N" when it has no name. Never fails.
std::string os_login();

} // namespace casectl::files
