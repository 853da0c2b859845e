#include "completion.hpp"

#include "app.hpp"
#include "commands.hpp"
#include "util/messages.hpp"

#include "cases/assessment.hpp"
#include "cases/intake.hpp"
#include "cases/plan.hpp"
#include "cases/report.hpp"
#include "cases/review.hpp"
#include "config/config.hpp"
#include "model/case.hpp"
#include "output/templates.hpp"
#include "store/case_store.hpp"
#include "util/date.hpp"
#include "util/text.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <set>

namespace casectl::cli {

namespace {

// How many case ids one Tab offers: enough to see the newest, few enough to read.
constexpr int k_case_ids_offered = 40;

// ---- the scripts -------------------------------------------------------------------------------

// bash splits the line at COMP_WORDBREAKS ('=' and ':' among them), so the line up to the cursor is
// split again here into whole words, and each candidate loses what precedes the last break in the
// word (the "--status=" of "--status=op"). With no candidate, bash completes file names.
const char* const k_bash = R"(# casectl completion for bash. Load it with
#   source <(casectl completion bash)
# or install it as /usr/share/bash-completion/completions/casectl (cmake --install does).
_casectl_dequote() {
  local w=$1
  if [[ $w == \'*\' || $w == \"*\" ]] && ((${#w} > 1)); then w=${w:1:${#w}-2}
  elif [[ $w == [\'\"]* ]]; then w=${w:1}
  else w=${w//\\/}; fi
  REPLY=$w
}
_casectl() {
  # bash splits words at COMP_WORDBREAKS ('=' and ':' among them): join "--db" "=" "x" again, and
  # read quoted words as the shell will ('my store.db', my\ store.db).
  local -a words
  local i w REPLY
  for ((i = 1; i <= COMP_CWORD; i++)); do
    w=${COMP_WORDS[i]}
    if ((i > 1 && ${#words[@]})) && [[ $w == [=:] || ${COMP_WORDS[i-1]} == [=:] ]]; then
      words[${#words[@]}-1]+=$w
    else
      words+=("$w")
    fi
  done
  for i in "${!words[@]}"; do _casectl_dequote "${words[i]}"; words[i]=$REPLY; done
  ((${#words[@]})) || words=("")
  local cur=${words[${#words[@]}-1]}
  # Each candidate loses what precedes the last break in the word ("--status=" of "--status=op").
  local head="" breaks=${COMP_WORDBREAKS//[^=:]/}
  if [[ -n $breaks && $cur == *["$breaks"]* ]]; then head=${cur%"${cur##*["$breaks"]}"}; fi
  local IFS=$'\n' c
  local -a found
  found=($("${COMP_WORDS[0]}" __complete -- "${words[@]}" 2>/dev/null))
  COMPREPLY=()
  for c in "${found[@]}"; do
    c=${c%%$'\t'*}
    COMPREPLY+=("${c#"$head"}")
  done
  if [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *[=:,] ]]; then compopt -o nospace 2>/dev/null; fi
  return 0
}
complete -o default -F _casectl casectl
)";

const char* const k_zsh = R"(#compdef casectl
# casectl completion for zsh. Load it with
#   source <(casectl completion zsh)        (after compinit)
# or install it as _casectl in a directory of $fpath (cmake --install puts it in
# share/zsh/vendor-completions).
_casectl() {
  local -a found spaced spaced_shown joined joined_shown
  local line word
  found=("${(@f)$("${words[1]}" __complete -- "${(@Q)words[2,CURRENT]}" 2>/dev/null)}")
  for line in "${found[@]}"; do
    [[ -z $line ]] && continue
    word=${line%%$'\t'*}
    if [[ $word == *[=:] ]]; then
      joined+=("$word"); joined_shown+=("${line/$'\t'/  -- }")
    else
      spaced+=("$word"); spaced_shown+=("${line/$'\t'/  -- }")
    fi
  done
  if (( ${#spaced} + ${#joined} == 0 )); then
    _files
    return
  fi
  (( ${#spaced} )) && compadd -l -d spaced_shown -a spaced
  (( ${#joined} )) && compadd -l -S '' -d joined_shown -a joined
  return 0
}
if [[ "${funcstack[1]}" == _casectl ]]; then
  _casectl "$@"
else
  compdef _casectl casectl
fi
)";

const char* const k_fish = R"(# casectl completion for fish. Load it with
#   casectl completion fish | source
# or install it as ~/.config/fish/completions/casectl.fish (cmake --install puts it in
# share/fish/vendor_completions.d).
function __casectl_complete
    set -l words (commandline -opc)
    set -l cur (commandline -ct)
    set -l found ($words[1] __complete -- $words[2..-1] $cur 2>/dev/null)
    if test (count $found) -eq 0
        __fish_complete_path $cur
        return
    end
    printf '%s\n' $found
end
complete -c casectl -f -a '(__casectl_complete)'
)";

// ---- where the cursor is -----------------------------------------------------------------------

struct Position {
  const CLI::App* command = nullptr;          // the deepest command named so far
  std::string path;                           // "plan tasks", "report caseload"; "" at the top
  int positionals = 0;                        // the command's positional words given so far
  const CLI::Option* awaiting = nullptr;      // the option whose value the word being completed is
  bool options_ended = false;                 // after "--"
  std::map<std::string, std::string> globals; // --db, --config, --lang as given before the cursor
};

bool takes_value(const CLI::Option& option) { return option.get_items_expected_max() > 0; }

// The option `name` ("--status", "-o") of `command`, or of the top (global options are accepted
// after the command name too).
const CLI::Option* option_named(const CLI::App& command, const CLI::App& root, const std::string& name) {
  for (const CLI::App* app : {&command, &root})
    for (const CLI::Option* option : app->get_options([](const CLI::Option* o) { return o->nonpositional(); }))
      if (option->check_name(name)) return option;
  return nullptr;
}

const CLI::App* subcommand_named(const CLI::App& command, const std::string& name) {
  for (const CLI::App* sub : command.get_subcommands([](const CLI::App*) { return true; }))
    if (sub->get_name() == name) return sub;
  return nullptr;
}

Position locate(const CLI::App& root, const std::vector<std::string>& before) {
  Position at;
  at.command = &root;
  for (const std::string& word : before) {
    if (at.awaiting) {
      for (const char* global : {"--db", "--config", "--lang"})
        if (at.awaiting->check_name(global)) at.globals[global] = word;
      at.awaiting = nullptr;
      continue;
    }
    if (!at.options_ended && word == "--") {
      at.options_ended = true;
      continue;
    }
    if (!at.options_ended && word.size() > 1 && word[0] == '-') {
      std::string name = word.substr(0, word.find('='));
      if (name.size() < word.size())
        for (const char* global : {"--db", "--config", "--lang"})
          if (name == global) at.globals[global] = word.substr(name.size() + 1);
      bool attached = name.size() < word.size() || (word[1] != '-' && word.size() > 2); // --a=b, -ojson
      if (word[1] != '-' && word.size() > 2) name = word.substr(0, 2);
      const CLI::Option* option = option_named(*at.command, root, name);
      if (option && takes_value(*option) && !attached) at.awaiting = option;
      continue;
    }
    if (const CLI::App* sub = at.options_ended ? nullptr : subcommand_named(*at.command, word)) {
      at.command = sub;
      at.path = at.path.empty() ? word : at.path + " " + word;
      at.positionals = 0;
      continue;
    }
    ++at.positionals;
  }
  return at;
}

// ---- what can be offered -----------------------------------------------------------------------

// The configuration and the store, read only when a value needs them, and quietly absent when
// they cannot be read.
class Sources {
 public:
  explicit Sources(const std::map<std::string, std::string>& globals) : m_globals(globals) {}

  const config::Config* config() {
    if (!m_config_tried) {
      m_config_tried = true;
      config::Sources sources;
      if (auto db = m_globals.find("--db"); db != m_globals.end()) sources.flags["store.path"] = db->second;
      if (auto lang = m_globals.find("--lang"); lang != m_globals.end()) sources.flags["language"] = lang->second;
      if (auto file = m_globals.find("--config"); file != m_globals.end()) sources.explicit_file = file->second;
      Result<config::Config> loaded = config::load(sources);
      if (loaded) m_config = std::move(*loaded);
    }
    return m_config ? &*m_config : nullptr;
  }

  store::CaseStore* store() {
    if (!m_store_tried) {
      m_store_tried = true;
      // A config that does not load still leaves the store that --db or CASECTL_DB names.
      const config::Config* c = config();
      std::string location = c ? c->store_path : std::string();
      if (!c) {
        auto db = m_globals.find("--db");
        const char* env = std::getenv("CASECTL_DB");
        location = db != m_globals.end() ? db->second : env ? env : "";
      }
      if (location.empty()) return nullptr;
      store::OpenOptions options;
      options.location = location;
      options.busy_timeout_ms = 200; // a Tab must not hang behind another process's write
      options.mode = store::Mode::read;
      Result<std::unique_ptr<store::CaseStore>> opened = store::open(options);
      if (opened) m_store = std::move(*opened);
    }
    return m_store.get();
  }

 private:
  std::map<std::string, std::string> m_globals;
  bool m_config_tried = false, m_store_tried = false;
  std::optional<config::Config> m_config;
  std::unique_ptr<store::CaseStore> m_store;
};

struct Candidates {
  std::string typed; // the word being completed
  std::vector<std::string> lines;
  std::set<std::string> seen;

  // Offers `word` (with `description`, shown by zsh and fish) when it continues what was typed.
  void add(const std::string& word, const std::string& description = "") {
    if (word.compare(0, typed.size(), typed) != 0 || !seen.insert(word).second) return;
    lines.push_back(description.empty() ? word : word + "\t" + text::trim(description.substr(0, description.find('\n'))));
  }
};

void add_codes(Candidates& out, const std::string& head, const std::vector<config::RefItem>& items,
               const std::string& tail = "") {
  for (const config::RefItem& item : items) out.add(head + item.code + tail);
}

void add_words(Candidates& out, const std::string& head, const std::vector<std::string>& words) {
  for (const std::string& word : words) out.add(head + word);
}

std::vector<std::string> staff_logins(Sources& sources) {
  std::vector<std::string> logins;
  if (const config::Config* c = sources.config())
    for (const StaffMember& member : c->staff) logins.push_back(member.login);
  if (store::CaseStore* s = sources.store())
    if (Result<std::vector<StoredStaff>> stored = s->load_staff(); stored)
      for (const StoredStaff& member : *stored) logins.push_back(member.member.login);
  return logins;
}

void add_case_ids(Candidates& out, Sources& sources) {
  store::CaseStore* s = sources.store();
  if (!s) return;
  Result<std::vector<std::string>> ids = s->case_ids_starting(out.typed, k_case_ids_offered);
  if (ids) add_words(out, "", *ids);
}

std::vector<std::string> period_examples(Sources& sources) {
  const config::Config* c = sources.config();
  date::Date today = c && c->today ? *c->today : date::local_day(date::now_utc());
  std::string year = date::format_date(today).substr(0, 4);
  std::string month = date::format_date(today).substr(0, 7);
  int quarter = (std::stoi(month.substr(5, 2)) - 1) / 3 + 1;
  return {year, month, fmt::format("{}-Q{}", year, quarter), std::to_string(std::stoi(year) - 1)};
}

// Options whose values are one fixed list on every command that has them.
const std::vector<std::pair<const char*, std::vector<std::string>>> k_fixed_values = {
    {"--output", {"table", "tsv", "csv", "json", "ndjson", "xlsx"}},
    {"--lang", {"ru", "kk", "en"}},
    {"--on-duplicate", {"fail", "skip", "link", "allow"}},
    {"--on-existing", {"update", "skip", "fail"}},
    {"--on-conflict", {"fail", "keep-ours", "keep-theirs"}},
    {"--consent", {"yes", "no"}},
    {"--encoding", {"utf-8", "cp1251", "kz1048"}},
    {"--delimiter", {";", ",", "tab"}},
    {"--compare", {"previous", "year"}},
    {"--document", {"case", "plan", "assessment", "passport"}},
    {"--within", {"7d", "14d", "30d", "2w"}},
};

// The values of `option` on `path` ("report caseload"), after `head` ("--by=" when the value is
// typed in the same word).
void add_values(Candidates& out, const std::string& path, const CLI::Option& option, const std::string& given_head,
                Sources& sources) {
  // A list typed so far ("--status active,c"): the values already given stay in front.
  std::string typed_value = out.typed.substr(std::min(given_head.size(), out.typed.size()));
  std::string head = given_head;
  if (std::size_t comma = typed_value.rfind(','); comma != std::string::npos) {
    head += typed_value.substr(0, comma + 1);
    typed_value.erase(0, comma + 1);
  }
  auto is = [&](const char* name) { return option.check_name(name); };
  auto on = [&](const char* command) { return path == command || path.rfind(std::string(command) + " ", 0) == 0; };
  const config::Config* c = nullptr;
  auto reference = [&](std::vector<config::RefItem> config::Config::*table, const std::string& tail = "") {
    if ((c = sources.config())) add_codes(out, head, c->*table, tail);
  };

  // The reports with a page take -o html too (cli/app.cpp: OutputFlags::html_page).
  if (is("--output") &&
      (path == "report kpi" || path == "report caseload" || path == "report outcomes" || path == "report services"))
    return add_words(out, head, {"table", "tsv", "csv", "json", "ndjson", "xlsx", "html"});
  for (const auto& [name, words] : k_fixed_values)
    if (is(name)) return add_words(out, head, words);
  if (is("--status")) add_codes(out, head, on("plan") || on("review") ? task_statuses() : statuses());
  else if (is("--urgency")) add_codes(out, head, urgencies());
  else if (is("--kind")) add_codes(out, head, kinds());
  else if (is("--outcome")) add_codes(out, head, outcomes());
  else if (is("--expectations")) add_codes(out, head, expectation_answers());
  else if (is("--risk")) add_codes(out, head, risk_levels());
  else if (is("--method")) add_codes(out, head, assessment_methods());
  else if (is("--priority")) add_codes(out, head, task_priorities());
  else if (is("--district")) reference(&config::Config::districts);
  else if (is("--group")) reference(&config::Config::groups);
  else if (is("--source")) reference(&config::Config::sources);
  else if (is("--agency")) reference(&config::Config::agencies);
  else if (is("--event")) reference(&config::Config::events);
  else if (is("--domain")) reference(&config::Config::domains, "=");
  else if (is("--manager") || is("--supervisor") || is("--as") || is("--worker") ||
           (on("reassign") && (is("--from") || is("--to"))) || (on("assess") && is("--by")))
    add_words(out, head, staff_logins(sources));
  else if (is("--team")) {
    for (const std::string& login : staff_logins(sources)) out.add(head + login + ":");
  } else if (is("--by")) {
    if (on("report caseload")) add_words(out, head, caseload_groupings());
    else if (on("report outcomes")) add_words(out, head, outcome_groupings());
    else if (on("report overdue")) add_words(out, head, overdue_groupings());
    else if (on("report services")) add_words(out, head, service_groupings());
  } else if (is("--sort")) {
    // The fields of the listings that sort in the store; the others sort by any field of their rows.
    std::string sort_head = typed_value.rfind('-', 0) == 0 ? head + "-" : head;
    if (on("list") || on("export")) add_words(out, sort_head, sort_fields());
    else if (on("find")) {
      add_words(out, head, {"rank"});
      add_words(out, sort_head, sort_fields());
    } else if (on("caseload")) add_words(out, sort_head, {"login", "name", "open_cases", "load_percent", "free"});
  } else if (is("--template")) {
    c = sources.config();
    add_words(out, head, templates::available(c ? c->templates_dir : std::string()));
  } else if (is("--input-format")) {
    add_words(out, head, on("intake") ? std::vector<std::string>{"csv", "ndjson"} : std::vector<std::string>{"toml", "json"});
  } else if (is("--period")) {
    add_words(out, head, period_examples(sources));
  }
}

// The values of the command's positional argument at `index`: case ids, help topics, logins.
void add_positional(Candidates& out, const Position& at, const CLI::App& root, Sources& sources) {
  int index = 0;
  for (const CLI::Option* arg : at.command->get_options([](const CLI::Option* o) { return o->get_positional(); })) {
    int width = arg->get_items_expected_max();
    bool here = at.positionals >= index && (width >= CLI::detail::expected_max_vector_size || at.positionals < index + width);
    if (here) {
      const std::string& name = arg->get_name();
      if (name == "CASE") add_case_ids(out, sources);
      else if (name == "LOGIN") add_words(out, "", staff_logins(sources));
      else if (name == "TOPIC") {
        for (const HelpTopic& topic : help_topics()) out.add(topic.name);
        for (const CLI::App* sub : root.get_subcommands([](const CLI::App*) { return true; }))
          if (!sub->get_name().empty() && sub->get_name()[0] != '_') out.add(sub->get_name(), sub->get_description());
      }
      return;
    }
    index += width;
  }
}

void add_options(Candidates& out, const CLI::App& command, const CLI::App& root) {
  for (const CLI::App* app : {&command, &root}) {
    for (const CLI::Option* option : app->get_options([](const CLI::Option* o) { return o->nonpositional(); })) {
      for (const std::string& name : option->get_lnames()) out.add("--" + name, option->get_description());
      if (out.typed.rfind("--", 0) != 0)
        for (const std::string& name : option->get_snames()) out.add("-" + name, option->get_description());
    }
    if (app == &root) break;
  }
  out.add("--help", "Print this help and exit");
}

} // namespace

std::string completion_script(const std::string& shell) {
  if (shell == "bash") return k_bash;
  if (shell == "zsh") return k_zsh;
  if (shell == "fish") return k_fish;
  return "";
}

void complete_command_line(const CLI::App& root, const std::vector<std::string>& words, std::FILE* out) {
  std::vector<std::string> before(words);
  Candidates found;
  if (!before.empty()) {
    found.typed = before.back();
    before.pop_back();
  }
  Position at = locate(root, before);
  Sources sources(at.globals);
  if (at.awaiting) {
    add_values(found, at.path, *at.awaiting, "", sources);
  } else if (!at.options_ended && found.typed.rfind("--", 0) == 0 && found.typed.find('=') != std::string::npos) {
    std::string name = found.typed.substr(0, found.typed.find('='));
    if (const CLI::Option* option = option_named(*at.command, root, name); option && takes_value(*option))
      add_values(found, at.path, *option, name + "=", sources);
  } else if (!at.options_ended && found.typed.size() > 2 && found.typed[0] == '-' && found.typed[1] != '-') {
    // A value attached to a short option: -ojs
    if (const CLI::Option* option = option_named(*at.command, root, found.typed.substr(0, 2)); option && takes_value(*option))
      add_values(found, at.path, *option, found.typed.substr(0, 2), sources);
  } else if (!at.options_ended && found.typed.rfind("-", 0) == 0) {
    add_options(found, *at.command, root);
  } else {
    if (!at.options_ended)
      for (const CLI::App* sub : at.command->get_subcommands([](const CLI::App*) { return true; }))
        if (sub->get_name().rfind("__", 0) != 0) found.add(sub->get_name(), sub->get_description());
    add_positional(found, at, root, sources);
  }
  for (const std::string& line : found.lines) std::fprintf(out, "%s\n", line.c_str());
}

void define_completion(CLI::App& command, Handler& handler) {
  auto shell = std::make_shared<std::string>();
  command.add_option("SHELL", *shell, "bash, zsh or fish")->required();
  handler = [shell](Context& context) -> Status {
    std::string script = completion_script(*shell);
    if (script.empty())
      return Status::usage(
          trf("completion: '{}' is not bash, zsh or fish{}", *shell, text::did_you_mean(*shell, {"bash", "zsh", "fish"})));
    std::fputs(script.c_str(), context.out);
    return Status::ok();
  };
}

} // namespace casectl::cli
