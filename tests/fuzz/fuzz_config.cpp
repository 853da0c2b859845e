// The configuration reader (lib/config: config::load) on any text as the --config file, with no
// other file and an empty environment. The text goes to an in-memory file (memfd), read through
// /proc/self/fd, so that nothing is written to disk.
// Invariants: a failure is a configuration error with a message; a loaded config has five scale
// labels and every entry a key and an origin.
#include "fuzz_check.hpp"

#include "config/config.hpp"

#include <sys/mman.h>
#include <unistd.h>

using namespace casectl;

namespace {

// The --config file: one in-memory file, rewritten for each input.
const std::string& config_file(const std::uint8_t* data, std::size_t size) {
  static const int fd = ::memfd_create("casectl-fuzz-config", 0);
  static const std::string path = "/proc/self/fd/" + std::to_string(fd);
  FUZZ_CHECK(fd >= 0, "memfd_create failed");
  FUZZ_CHECK(::ftruncate(fd, 0) == 0, "ftruncate failed");
  FUZZ_CHECK(size == 0 || ::pwrite(fd, data, size, 0) == static_cast<ssize_t>(size), "pwrite failed");
  return path;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  config::Sources sources;
  sources.system_file = "";
  sources.project_file = "";
  sources.explicit_file = config_file(data, size);
  sources.getenv = [](const char* name) { return std::string(name) == "USER" ? std::string("fuzz") : std::string(); };
  Result<config::Config> loaded = config::load(sources);
  if (!loaded) {
    FUZZ_CHECK(loaded.status().kind() == ErrorKind::config, "a config failure that is not a configuration error");
    FUZZ_CHECK(!loaded.status().message().empty(), "a config failure without a message");
    return 0;
  }
  FUZZ_CHECK(loaded->scale.size() == 5, "a loaded config without five scale labels");
  for (const config::Entry& entry : loaded->entries)
    FUZZ_CHECK(!entry.key.empty() && !entry.origin.empty(), "a config entry without a key or an origin");
  return 0;
}
