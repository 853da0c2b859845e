#include "commands.hpp"
#include "listing.hpp"
#include "util/messages.hpp"

#include "cases/store_check.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace casectl::cli {

namespace {

Record check_record(const CheckResult& r) { return {{"check", r.check}, {"ok", r.ok}, {"detail", r.detail}}; }

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
  add_listing_flags(command, f->output);
  command.footer("Prints one line per check, 'ok   CHECK: DETAIL' or 'FAIL CHECK: DETAIL'; exits 65 when any fails.\n"
                 "The journal's hash chain is never repaired: a break means the history was changed outside casectl.");
  handler = [f, &command](Context& context) -> Status {
    // Checked before --repair writes anything: a misspelt field is the script's mistake (exit 2).
    const std::vector<Column> columns = {{"check", "CHECK"}, {"ok", "OK"}, {"detail", "DETAIL"}};
    if (Result<std::vector<Column>> chosen = chosen_columns(f->output.fields, columns, Record()); !chosen) return chosen.status();
    if (Result<std::vector<SortKey>> keys = sort_keys(f->output.sort, columns, Record()); !keys) return keys.status();
    if (f->head) {
      if (f->repair || command.count("--expect-head") > 0) return Status::usage(tr("--head goes alone"));
      Result<std::string> head = journal_head(*context.store);
      if (!head) return head.status();
      std::fprintf(context.out, "%s\n", head->c_str());
      return Status::ok();
    }
    if (f->repair) {
      Result<std::vector<std::string>> done = repair_store(*context.store, context.change);
      if (!done) return done.status();
      for (const std::string& d : *done) fmt::print(context.err, "casectl: {}\n", trf("repaired: {}", d.c_str()));
      if (done->empty()) fmt::print(context.err, "casectl: {}\n", tr("nothing to repair"));
    }
    std::optional<std::string> expect_head;
    if (command.count("--expect-head") > 0) expect_head = f->expect_head;
    Result<std::vector<CheckResult>> results = check_store(*context.store, context.config, expect_head);
    if (!results) return results.status();
    // The lines people read, unless a format or a listing option asks for records.
    const OutputFlags& o = f->output;
    const bool as_lines = o.format.empty() && o.fields.empty() && o.sort.empty() && o.limit < 0;
    if (as_lines) {
      for (const CheckResult& r : *results)
        std::fprintf(context.out, "%s %s: %s\n", r.ok ? "ok  " : "FAIL", r.check.c_str(), r.detail.c_str());
    } else {
      CASECTL_TRY(print_records(context, f->output, columns, "checks", [&](const RecordSink& sink) {
        for (const CheckResult& r : *results) CASECTL_TRY(sink(check_record(r)));
        return Status::ok();
      }));
    }
    long long failed = std::count_if(results->begin(), results->end(), [](const CheckResult& r) { return !r.ok; });
    if (failed > 0)
      return Status::invalid(trf("the store {} is not sound: {} of {} checks failed{}", context.store->location(), failed,
                                 results->size(), as_lines ? tr(" (the FAIL lines above)") : ""));
    return Status::ok();
  };
}

} // namespace casectl::cli
