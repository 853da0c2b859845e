// Who makes a change, with which command, and when: given by the front end to every domain
// operation that writes, and journaled with it.
#pragma once

#include "util/date.hpp"
#include <optional>
#include <string>

namespace casectl {

// Who is making a change, with which command, when.
struct ChangeContext {
  std::string actor; // the acting user: --as, CASECTL_USER, or the login name
  std::string command;
  date::Clock clock;
  std::optional<date::Date> effective_on; // the command's own date (review --on); else clock.today
  std::string login;                      // the OS login running casectl (files::os_login); "" = looked up when journaling
};

} // namespace casectl
