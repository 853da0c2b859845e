#include "util/shared_library.hpp"

#include "util/messages.hpp"
#include "util/text.hpp"

#include <dlfcn.h>
#include <fmt/format.h>

#include <string>
#include <vector>

namespace casectl::shared_library {

Status load(const Library& library, std::initializer_list<Symbol> symbols) {
  void* handle = dlopen(library.soname, RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char* why = dlerror();
    return Status::cannot_write(trf("cannot {}: the library {} is not installed ({}); on Debian: apt-get install {}",
                                    library.purpose, library.soname, why ? why : "dlopen failed", library.package));
  }
  std::vector<std::string> missing;
  for (const Symbol& s : symbols) {
    *s.slot = dlsym(handle, s.name);
    if (!*s.slot) missing.emplace_back(s.name);
  }
  if (!missing.empty())
    return Status::cannot_write(trf("cannot {}: the library {} has no {}; install a newer {}", library.purpose, library.soname,
                                    text::join(missing, ", "), library.package));
  return Status::ok();
}

} // namespace casectl::shared_library
