#include "cases/documents.hpp"

#include "cases/assessment.hpp"
#include "cases/intake.hpp"
#include "store/case_store.hpp"
#include "fixtures.hpp"
#include "registered.hpp"
#include "store_engines.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>
#include <string>
#include <vector>

using namespace casectl;
using casectl::testing::builtin_config;
using casectl::testing::k_clock;
using casectl::testing::slurp;
using casectl::testing::TempDir;

TEST_CASE("document_file_name: the case id, made safe") {
  SUBCASE("an ordinary id is the name") {
    CHECK(document_file_name("2026-00017", false) == "2026-00017.txt");
    CHECK(document_file_name("2026-00017", true) == "2026-00017.html");
    CHECK(document_file_name("ALM.2026_7", false) == "ALM.2026_7.txt");
  }
  SUBCASE("characters outside [A-Za-z0-9._-] become '_', one per character, and a hash of the id follows") {
    CHECK(document_file_name("СЗ/17", false) == "___17-ad962ce0.txt");
    CHECK(document_file_name("../../etc/passwd", false).find('/') == std::string::npos);
  }
  SUBCASE("never a hidden file, nor '.' or '..'") {
    CHECK(document_file_name(".hidden", false) == "_hidden-4747f185.txt");
    CHECK(document_file_name("..", false) == "_.-a3d4a70d.txt");
  }
  SUBCASE("ids that differ only where characters were replaced do not share a file") {
    CHECK(document_file_name("2026/1", false) == "2026_1-2ccda01f.txt");
    CHECK(document_file_name("2026_1", false) == "2026_1.txt");
  }
}

TEST_CASE("document kinds: names, and the kind a template is for") {
  CHECK(parse_document_kind("plan").value() == DocumentKind::plan);
  CHECK(parse_document_kind("case").value() == DocumentKind::case_card);
  Result<DocumentKind> bad = parse_document_kind("plna");
  REQUIRE_FALSE(bad.is_ok());
  CHECK(bad.status().kind() == ErrorKind::usage);
  CHECK(bad.status().message() ==
        "--document: 'plna' is not a kind of document (did you mean 'plan'?); use case, plan, assessment or passport");
  CHECK(document_kind_of_template("plan") == DocumentKind::plan);
  CHECK(document_kind_of_template("assessment.en") == DocumentKind::assessment);
  CHECK(document_kind_of_template("/region/plan.ru.html.mustache") == DocumentKind::plan);
  CHECK(document_kind_of_template("summary") == DocumentKind::case_card);
  CHECK(document_kind_of_template("plans/summary.mustache") == DocumentKind::case_card);
}

namespace {

const ChangeContext k_context{"tester", "casectl test", k_clock};

// A store with two cases: the first assessed, the second not.
// What one write_documents run gave: its summary and what it reported along the way.
struct DocumentsRun {
  Result<DocumentsSummary> summary = Status::internal("not run");
  std::vector<WrittenDocument> written;
  std::vector<std::string> skipped;
};

// The documents go to a temporary directory; the store is a fresh one of the engine under test.
template <class Engine> struct DocumentsFixture {
  TempDir dir;
  config::Config config = builtin_config();
  std::unique_ptr<store::CaseStore> store = Engine::open();
  std::string assessed, not_assessed;

  DocumentsFixture() {
    assessed = intake("Ахметова Айгерим", "ул. Абая 10");
    not_assessed = intake("Семья Тарасовых", "");
    AssessmentRequest r;
    r.scores = {{"housing", "2"}};
    Result<AssessmentChange> done = record_assessment(*store, assessed, r, config, k_context);
    REQUIRE_MESSAGE(done.is_ok(), done.status().message());
  }

  std::string intake(const std::string& name, const std::string& address) {
    IntakeRequest r;
    r.name = name;
    if (!address.empty()) r.address = address;
    return testing::registered(*store, r, config, k_context);
  }

  DocumentsRequest request(DocumentKind kind, const std::string& template_text) {
    DocumentsRequest r;
    r.kind = kind;
    r.document = templates::Template{"test", "test.mustache", template_text, false};
    r.out_dir = dir.path("out");
    return r;
  }

  DocumentsRun write(const DocumentsRequest& r) {
    DocumentsRun run;
    DocumentsProgress progress;
    progress.written = [&](const WrittenDocument& w) {
      run.written.push_back(w);
      return Status::ok();
    };
    progress.skipped = [&](const std::string& id, const std::string& why) { run.skipped.push_back(id + ": " + why); };
    run.summary = write_documents(*store, config, r, k_clock.today, progress);
    return run;
  }
};

unsigned mode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 0777u;
}

} // namespace

TEST_CASE_TEMPLATE("write_documents: one file per case, private, what the single document holds", Engine, CASECTL_STORE_ENGINES) {
  DocumentsFixture<Engine> f;
  DocumentsRun run = f.write(f.request(DocumentKind::case_card, "{{case_id}} {{name}} {{address}}\n"));
  REQUIRE_MESSAGE(run.summary.is_ok(), run.summary.status().message());
  CHECK(run.summary->matched == 2);
  CHECK(run.summary->written == 2);
  REQUIRE(run.written.size() == 2);
  CHECK(run.written[0].file == f.dir.path("out/" + f.assessed + ".txt"));
  CHECK(slurp(run.written[0].file) == f.assessed + " Ахметова Айгерим ул. Абая 10\n");
  CHECK(run.written[0].bytes == slurp(run.written[0].file).size());
  CHECK(mode_of(f.dir.path("out")) == 0700u);
  CHECK(mode_of(run.written[0].file) == 0600u);
  SUBCASE("the record is the case card of show") {
    Result<std::optional<Record>> card = document_record(*f.store, f.config, DocumentKind::case_card, f.assessed, k_clock.today);
    REQUIRE(card.is_ok());
    REQUIRE(card->has_value());
    CHECK((**card)["assessments"].size() == 1);
    CHECK((**card).contains("services"));
  }
  SUBCASE("redacted when asked") {
    DocumentsRequest r = f.request(DocumentKind::case_card, "{{name}} {{address}}\n");
    r.force = true;
    r.redact = true;
    DocumentsRun again = f.write(r);
    REQUIRE(again.summary.is_ok());
    CHECK(slurp(again.written[0].file) == "А. А. [адрес скрыт]\n");
  }
}

TEST_CASE_TEMPLATE("write_documents: refusals write nothing", Engine, CASECTL_STORE_ENGINES) {
  DocumentsFixture<Engine> f;
  SUBCASE("an existing file without --force: conflict, naming it; nothing else written") {
    std::filesystem::create_directory(f.dir.path("out"));
    f.dir.write("out/" + f.not_assessed + ".txt", "kept");
    DocumentsRun run = f.write(f.request(DocumentKind::case_card, "{{case_id}}\n"));
    REQUIRE_FALSE(run.summary.is_ok());
    CHECK(run.summary.status().kind() == ErrorKind::conflict);
    CHECK(run.summary.status().message() == f.dir.path("out/" + f.not_assessed + ".txt") + " exists (case " + f.not_assessed +
                                                "); nothing was written; give --force to replace the documents already there");
    CHECK(run.written.empty());
    CHECK_FALSE(std::filesystem::exists(f.dir.path("out/" + f.assessed + ".txt")));
    CHECK(slurp(f.dir.path("out/" + f.not_assessed + ".txt")) == "kept");
  }
  SUBCASE("with --force it is replaced") {
    std::filesystem::create_directory(f.dir.path("out"));
    f.dir.write("out/" + f.not_assessed + ".txt", "old");
    DocumentsRequest r = f.request(DocumentKind::case_card, "{{case_id}}\n");
    r.force = true;
    REQUIRE(f.write(r).summary.is_ok());
    CHECK(slurp(f.dir.path("out/" + f.not_assessed + ".txt")) == f.not_assessed + "\n");
    CHECK(mode_of(f.dir.path("out/" + f.not_assessed + ".txt")) == 0600u);
  }
  SUBCASE("the directory is a file: cannot write") {
    f.dir.write("out", "a file");
    DocumentsRun run = f.write(f.request(DocumentKind::case_card, "{{case_id}}\n"));
    REQUIRE_FALSE(run.summary.is_ok());
    CHECK(run.summary.status().kind() == ErrorKind::cannot_write);
    CHECK(run.summary.status().message() ==
          "cannot write documents to " + f.dir.path("out") + ": it exists and is not a directory");
  }
  SUBCASE("a field the template names that the record lacks: invalid, with the template's line") {
    DocumentsRun run = f.write(f.request(DocumentKind::case_card, "{{case_id}}\n{{nmae}}\n"));
    REQUIRE_FALSE(run.summary.is_ok());
    CHECK(run.summary.status().kind() == ErrorKind::invalid_input);
    CHECK(run.summary.status().message().rfind("template test (test.mustache), line 2: field 'nmae' does not exist", 0) == 0);
    CHECK(run.written.empty());
  }
}

TEST_CASE_TEMPLATE("write_documents: skipped cases and no match", Engine, CASECTL_STORE_ENGINES) {
  DocumentsFixture<Engine> f;
  SUBCASE("an assessment document skips the case without one") {
    DocumentsRun run = f.write(f.request(DocumentKind::assessment, "{{case_id}} {{number}} {{assessed_on}}\n"));
    REQUIRE(run.summary.is_ok());
    CHECK(run.summary->matched == 2);
    CHECK(run.summary->written == 1);
    CHECK(run.summary->skipped == 1);
    CHECK(run.skipped == std::vector<std::string>{f.not_assessed + ": no assessment"});
    CHECK(slurp(f.dir.path("out/" + f.assessed + ".txt")) == f.assessed + " 1 2026-03-15\n");
  }
  SUBCASE("a plan document skips every case here") {
    DocumentsRun run = f.write(f.request(DocumentKind::plan, "{{case_id}}\n"));
    REQUIRE(run.summary.is_ok());
    CHECK(run.summary->written == 0);
    CHECK(run.skipped.size() == 2);
  }
  SUBCASE("no case matching is not an error, and the directory is not created") {
    DocumentsRequest r = f.request(DocumentKind::case_card, "{{case_id}}\n");
    r.filter.statuses = {"closed"};
    DocumentsRun run = f.write(r);
    REQUIRE(run.summary.is_ok());
    CHECK(run.summary->matched == 0);
    CHECK_FALSE(std::filesystem::exists(f.dir.path("out")));
  }
}
