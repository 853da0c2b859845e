#include "commands.hpp"

#include "cases/intake.hpp"
#include "cases/journal.hpp"
#include "store/check.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace casectl::cli {

namespace {

// Rebuilds what is derived, in one transaction journaled as "repair" (when anything was done).
Status repair(Context& context, std::vector<std::string>& done) {
  return store::guarded("write to", context.store->path(), [&] {
    return context.store->write([&]() -> Status {
      Result<std::vector<std::string>> repaired = store::repair_store(*context.store);
      if (!repaired) return repaired.status();
      done = std::move(*repaired);
      if (done.empty()) return Status::ok();
      Record changes = Record::object();
      changes["repaired"] = done;
      return journal(*context.store, context.change, "", "repair", changes);
    });
  });
}

Record check_record(const store::CheckResult& r) { return {{"check", r.check}, {"ok", r.ok}, {"detail", r.detail}}; }

} // namespace

void define_check(CLI::App& command, Handler& handler) {
  struct Flags {
    bool head = false;
    std::string expect_head;
    bool repair = false;
    OutputFlags output;
  };
  auto f = std::make_shared<Flags>();
  command.add_flag("--head", f->head, "Print the hash of the journal's last row alone, to keep elsewhere (e.g. from cron)");
  command.add_option("--expect-head", f->expect_head,
                     "A head printed by --head earlier: fail unless the journal still contains it");
  command.add_flag("--repair", f->repair,
                   "First rebuild what is derived (the search index, missing journal triggers), journaled as 'repair'");
  add_format_flags(command, f->output);
  command.footer("Prints one line per check, 'ok   CHECK: DETAIL' or 'FAIL CHECK: DETAIL'; exits 65 when any fails.\n"
                 "The journal's hash chain is never repaired: a break means the history was changed outside casectl.");
  handler = [f, &command](Context& context) -> Status {
    if (f->head) {
      if (f->repair || command.count("--expect-head") > 0) return Status::usage("--head goes alone");
      Result<std::string> head = store::journal_head(*context.store);
      if (!head) return head.status();
      std::fprintf(context.out, "%s\n", head->c_str());
      return Status::ok();
    }
    if (f->repair) {
      std::vector<std::string> done;
      CASECTL_TRY(repair(context, done));
      for (const std::string& d : done) std::fprintf(context.err, "casectl: repaired: %s\n", d.c_str());
      if (done.empty()) std::fprintf(context.err, "casectl: nothing to repair\n");
    }
    store::CheckOptions options;
    const std::string format = context.config.case_id_format;
    options.per_year = format.find("{year") != std::string::npos;
    options.case_id_of = [format](int year, long long seq) { return format_case_id(format, year, seq); };
    if (command.count("--expect-head") > 0) options.expect_head = f->expect_head;
    Result<std::vector<store::CheckResult>> results = store::check_store(*context.store, options);
    if (!results) return results.status();
    if (f->output.format.empty()) {
      for (const store::CheckResult& r : *results)
        std::fprintf(context.out, "%s %s: %s\n", r.ok ? "ok  " : "FAIL", r.check.c_str(), r.detail.c_str());
    } else {
      CASECTL_TRY(print_records(context, f->output, {{"check", "CHECK"}, {"ok", "OK"}, {"detail", "DETAIL"}}, "checks",
                                [&](const RecordSink& sink) {
                                  for (const store::CheckResult& r : *results) CASECTL_TRY(sink(check_record(r)));
                                  return Status::ok();
                                }));
    }
    long long failed = std::count_if(results->begin(), results->end(), [](const store::CheckResult& r) { return !r.ok; });
    if (failed > 0)
      return Status::invalid(fmt::format("the store {} is not sound: {} of {} checks failed{}", context.store->path(), failed,
                                         results->size(), f->output.format.empty() ? " (the FAIL lines above)" : ""));
    return Status::ok();
  };
}

} // namespace casectl::cli
