#include "cases/store_check.hpp"

#include "cases/intake.hpp"
#include "cases/journal.hpp"
#include "util/messages.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

namespace casectl {

Result<std::vector<CheckResult>> check_store(store::CaseStore& store, const config::Config& config,
                                             const std::optional<std::string>& expect_head) {
  CheckOptions options;
  const std::string format = config.case_id_format;
  options.per_year = format.find("{year") != std::string::npos;
  options.case_id_of = [format](int year, long long seq) { return format_case_id(format, year, seq); };
  options.expect_head = expect_head;
  return store.check(options);
}

Result<std::vector<std::string>> repair_store(store::CaseStore& store, const ChangeContext& context) {
  std::vector<std::string> done;
  Status status = store.write([&]() -> Status {
    Result<std::vector<std::string>> repaired = store.repair();
    if (!repaired) return repaired.status();
    done = std::move(*repaired);
    if (done.empty()) return Status::ok();
    Record changes = Record::object();
    changes["repaired"] = done;
    return journal(store, context, "", "repair", changes);
  });
  if (!status) return status;
  return done;
}

Result<std::string> journal_head(store::CaseStore& store) { return store.journal_head(); }

Status refuse_missing_triggers(store::CaseStore& store) {
  Result<std::vector<std::string>> missing = store.missing_triggers();
  if (!missing) return missing.status();
  if (missing->empty()) return Status::ok();
  return Status::invalid(trf("the store {} lacks the journal trigger(s) {}: its history can be rewritten; "
                             "see 'casectl check', then run 'casectl check --repair'",
                             store.location(), text::join(*missing, ", ")));
}

} // namespace casectl
