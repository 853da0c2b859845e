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

// When a change to a case is made, as the case's row records it: the moment (cases.updated_at)
// and the business day (cases.updated_on): the local day in the configured zone, --today, or the
// command's own date (review --on, assess --on, a plan's meeting), the day the journal dates the
// change by. The history reports read (who managed a case, its district, urgency and target
// groups on a past day) dates the change by `on`, never by the UTC date of `at`.
struct ChangeTime {
  std::string at; // YYYY-MM-DDTHH:MM:SSZ
  std::string on; // YYYY-MM-DD
};

} // namespace casectl
