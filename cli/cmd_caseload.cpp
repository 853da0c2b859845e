// casectl caseload: open cases per case manager against capacity, by district.
#include "commands.hpp"

#include "cases/assign.hpp"
#include "util/messages.hpp"
#include "util/text.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>

namespace casectl::cli {

namespace {

const std::vector<std::string>& caseload_sort_fields() {
  static const std::vector<std::string> fields = {"login", "name", "open_cases", "load_percent", "free"};
  return fields;
}

// Orders rows by `field` (one of caseload_sort_fields), then login; a row without a capacity has no
// load or free count and sorts last either way.
void sort_rows(std::vector<CaseloadRow>& rows, const std::string& field, bool descending) {
  auto key = [&](const CaseloadRow& r) -> std::optional<long long> {
    if (field == "open_cases") return r.open_cases;
    if (r.capacity <= 0) return std::nullopt;
    if (field == "load_percent") return r.open_cases * 100 / r.capacity;
    return std::max<long long>(0, r.capacity - r.open_cases);
  };
  std::stable_sort(rows.begin(), rows.end(), [&](const CaseloadRow& a, const CaseloadRow& b) {
    if (field == "login") return descending ? b.login < a.login : a.login < b.login;
    if (field == "name") {
      std::string x = text::sort_key(a.name.empty() ? a.login : a.name), y = text::sort_key(b.name.empty() ? b.login : b.name);
      if (x != y) return descending ? y < x : x < y;
      return a.login < b.login;
    }
    std::optional<long long> x = key(a), y = key(b);
    if (x.has_value() != y.has_value()) return x.has_value();
    if (x && *x != *y) return descending ? *y < *x : *x < *y;
    return a.login < b.login;
  });
}

} // namespace

void define_caseload(CLI::App& command, Handler& handler) {
  struct Flags {
    std::string district, sort = "login";
    long long limit = -1;
    OutputFlags output;
  };
  auto flags = std::make_shared<Flags>();
  command.add_option("--district", flags->district, "Only managers serving this district, and its cases");
  command.add_option("--sort", flags->sort, "Sort by login, name, open_cases, load_percent, free; -FIELD reverses");
  add_limit_option(command, flags->limit, "Show at most N managers");
  add_output_flags(command, flags->output);
  add_fields_flag(command, flags->output);
  handler = [flags](Context& context) -> Status {
    std::string sort = flags->sort;
    bool descending = !sort.empty() && sort[0] == '-';
    if (descending) sort = sort.substr(1);
    const auto& fields = caseload_sort_fields();
    if (std::find(fields.begin(), fields.end(), sort) == fields.end())
      return Status::usage(trf("--sort: cannot sort by '{}'{}; use one of {} (prefix - to reverse)", sort,
                               text::did_you_mean(sort, fields), text::join(fields, ", ")));
    std::string district;
    if (!flags->district.empty()) {
      Result<std::string> code = config::resolve(context.config.districts, flags->district, "district");
      if (!code) return Status::invalid("--district: " + code.status().message());
      district = *code;
    }
    Result<Caseload> computed = caseload(*context.store, context.config, district);
    if (!computed) return computed.status();
    Caseload& load = *computed;
    sort_rows(load.rows, sort, descending);
    if (flags->limit >= 0 && load.rows.size() > static_cast<std::size_t>(flags->limit))
      load.rows.resize(static_cast<std::size_t>(flags->limit));
    CASECTL_TRY(print_records(context, flags->output, views::caseload_columns(), "managers", [&](const RecordSink& sink) {
      for (const CaseloadRow& row : load.rows) CASECTL_TRY(sink(views::caseload_record(row)));
      return Status::ok();
    }));
    // Someone who has left still holding work: their cases wait for nobody.
    for (const CaseloadRow& row : load.rows) {
      if (!row.known || row.active || (row.open_cases == 0 && row.team_cases == 0)) continue;
      std::vector<std::string> holds;
      if (row.open_cases > 0)
        holds.push_back(ntrf("manages {} open case", "manages {} open cases", row.open_cases, row.open_cases));
      if (row.team_cases > 0)
        holds.push_back(
            ntrf("is on the team of {} open case", "is on the team of {} open cases", row.team_cases, row.team_cases));
      fmt::print(context.err, "casectl: {}\n",
                 trf("{} has left but still {}; move them with 'casectl reassign --from {} --to LOGIN'", row.login,
                     text::join(holds, tr(" and ")), row.login));
    }
    if (load.unassigned > 0)
      fmt::print(context.err, "casectl: {}\n",
                 district.empty()
                     ? ntrf("{} open case without a case manager; 'casectl reassign --unassigned --auto' spreads them by load",
                            "{} open cases without a case manager; 'casectl reassign --unassigned --auto' spreads them by load",
                            load.unassigned, load.unassigned)
                     : ntrf("{} open case without a case manager in {}; 'casectl reassign --unassigned --auto' spreads "
                            "them by load",
                            "{} open cases without a case manager in {}; 'casectl reassign --unassigned --auto' spreads "
                            "them by load",
                            load.unassigned, load.unassigned, district));
    return Status::ok();
  };
}

} // namespace casectl::cli
