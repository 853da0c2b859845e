#include "commands.hpp"

#include "cases/lookups.hpp"
#include "cases/views.hpp"
#include "util/messages.hpp"
#include "util/text.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>

namespace casectl::cli {

void define_find(CLI::App& command, Handler& handler) {
  struct Flags {
    std::vector<std::string> words;
    bool open_only = false;
    long long limit = 50;
    std::string sort = "rank";
    OutputFlags output;
  };
  auto flags = std::make_shared<Flags>();
  command.add_option("TEXT", flags->words, "Words to find: names, address, phone, note, problems")->required();
  command.add_flag("--open", flags->open_only, "Only cases in work: not closed, not consultations");
  add_limit_option(command, flags->limit, "Show at most N cases, best matches first (default 50)");
  command.add_option("--sort", flags->sort,
                     "rank (the default: the order below), or a field as for list: case_id, opened, name, urgency, status, "
                     "district, response_due, case_manager; -FIELD reverses");
  add_output_flags(command, flags->output);
  add_fields_flag(command, flags->output);
  command.footer("Matching ignores case, treats ё as е, and finds Cyrillic names from Latin spellings and back\n"
                 "(Семёнова, SEMENOVA, Semyonova). Each word matches the start of a word: 'Семён' finds Семёнова.\n"
                 "Digits alone find phone numbers by their last digits: 'casectl find 123-45-67'.\n"
                 "Order: cases whose names hold every word whole first ('Ким' before 'Кимова'), then the rest;\n"
                 "each part by name, then case id.");
  handler = [flags](Context& context) -> Status {
    CaseFilter filter;
    filter.search = text::join(flags->words, " ");
    filter.open_only = flags->open_only;
    filter.sort = flags->sort;
    if (!filter.sort.empty() && filter.sort[0] == '-') {
      filter.descending = true;
      filter.sort.erase(0, 1);
    }
    std::vector<std::string> fields = sort_fields();
    fields.insert(fields.begin(), "rank");
    if (std::find(fields.begin(), fields.end(), filter.sort) == fields.end() || (filter.sort == "rank" && filter.descending))
      return Status::usage(trf("--sort: cannot sort matches by '{}'{}; use rank or one of {} (prefix - to reverse)", flags->sort,
                               text::did_you_mean(filter.sort, fields), text::join(sort_fields(), ", ")));
    // One row past the limit tells whether there are more, without counting every match.
    filter.limit = flags->limit < 0 ? -1 : flags->limit + 1; // one more, to tell whether there are more
    long long shown = 0;
    bool more = false;
    const bool labels = shows_labels(flags->output, context);
    CASECTL_TRY(print_records(
        context, flags->output, views::summary_columns(), "cases",
        [&](const RecordSink& sink) {
          return list_cases(*context.store, filter, [&](const CaseSummary& s) {
            if (flags->limit >= 0 && shown == flags->limit) {
              more = true;
              return Status::ok();
            }
            ++shown;
            return sink(labels ? views::summary_record(s, context.config) : views::summary_record(s));
          });
        },
        {}, views::summary_record(CaseSummary{}, context.config)));
    if (more)
      fmt::print(context.err, "casectl: {}\n",
                 trf("the first {} matches shown, {}; --all for every match, or --limit N", flags->limit,
                     flags->sort == "rank" ? std::string(tr("best first")) : trf("by {}", flags->sort)));
    return Status::ok();
  };
}

} // namespace casectl::cli
