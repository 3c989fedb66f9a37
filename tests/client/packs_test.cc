// Committee packs' renderers: every figure of the report reaches each
// format unchanged (read back by a reader written here from RFC 4180, not
// by the writer), hidden figures stay hidden, and words from catalog files
// cannot run as a spreadsheet formula or break a Markdown table.
#include <map>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "client/packs/packs.h"
#include "gtest/gtest.h"

namespace carevoice::client::packs {
namespace {

v1::ReportCell Count(std::int64_t n, bool difference = false) {
  v1::ReportCell c;
  c.set_count(n);
  c.set_difference(difference);
  return c;
}

v1::ReportCell Hidden(v1::ReportCell::Suppression why) {
  v1::ReportCell c;
  c.set_suppressed(why);
  return c;
}

v1::ReportCell Text(std::string text) {
  v1::ReportCell c;
  c.set_text(std::move(text));
  return c;
}

// A report as the service would send it, with words an officer's catalog
// file might hold: a formula, a pipe, quotes, a comma, Welsh.
v1::CommitteeReport Sample() {
  v1::CommitteeReport r;
  r.set_title("People's voices, 1 April 2026 to 31 March 2027: report to the Committee");
  r.set_from_date("2026-04-01");
  r.set_to_date("2027-03-31");
  r.set_previous_from_date("2025-04-01");
  r.set_previous_to_date("2026-03-31");
  r.set_period_words("1 April 2026 to 31 March 2027");
  r.set_previous_period_words("1 April 2025 to 31 March 2026");
  r.mutable_made_at()->set_seconds(1'807'000'000);
  r.set_data_version("catalog v9; 58 submissions stored");
  r.add_suppression_rules("Counts from 1 to 4 are shown as \"fewer than 5\".");
  v1::ReportSection* s = r.add_sections();
  s->set_id("told_us");
  s->set_title("What people told us");
  s->add_paragraphs("People told us 36 things.");
  v1::ReportTable* t = s->add_tables();
  t->set_id("by_provider");
  t->set_caption("By provider");
  for (const char* c : {"Provider", "Ownership model", "This period", "Previous period", "Change"}) {
    t->add_columns(c);
  }
  auto row = [&](const char* key, const char* label, std::vector<v1::ReportCell> cells) {
    v1::ReportRow* out = t->add_rows();
    out->set_key(key);
    out->set_label(label);
    for (auto& c : cells) *out->add_cells() = c;
  };
  row("coop", "Gofal Cydweithredol, \"Co-op\"",
      {Text("Co-operative"), Count(1234), Count(1240), Count(-6, true)});
  row("evil", "=HYPERLINK(\"http://x\",\"click\")",
      {Text("@SUM(A1)"), Hidden(v1::ReportCell::SUPPRESSION_SMALL), Count(0),
       Hidden(v1::ReportCell::SUPPRESSION_SECONDARY)});
  row("pipes", "A | B care", {Text("+private"), Count(7), Hidden(v1::ReportCell::SUPPRESSION_SECONDARY),
                               Hidden(v1::ReportCell::SUPPRESSION_SECONDARY)});
  v1::ReportRow* all = t->mutable_total();
  all->set_label("All");
  for (auto& c : std::vector<v1::ReportCell>{Text(""), Count(1244), Count(1250), Count(-6, true)}) {
    *all->add_cells() = c;
  }
  v1::ReportTable* ratings = s->add_tables();
  ratings->set_id("ratings");
  ratings->set_caption("Ratings");
  for (const char* c : {"Rating", "This period", "Share"}) ratings->add_columns(c);
  v1::ReportRow* good = ratings->add_rows();
  good->set_key("4");
  good->set_label("Good");
  *good->add_cells() = Count(4);
  good->add_cells()->set_percent(18.1818);
  return r;
}

// RFC 4180, read independently of the writer: fields split on commas
// outside quotes, "" inside quotes is one quote, records end in CRLF.
std::vector<std::vector<std::string>> ReadCsv(const std::string& text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      record.push_back(field);
      field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      record.push_back(field);
      field.clear();
      records.push_back(record);
      record.clear();
      ++i;
    } else {
      EXPECT_NE(c, '\n') << "a bare LF ends no record in RFC 4180";
      field += c;
    }
  }
  EXPECT_TRUE(field.empty() && record.empty()) << "the last record ends in CRLF";
  return records;
}

TEST(PacksCsvTest, EveryFigureReadsBackTheSameAndWordsStayWords) {
  const v1::CommitteeReport report = Sample();
  const std::string csv = Csv(report);
  ASSERT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF") << "UTF-8 with a byte-order mark";
  const auto records = ReadCsv(csv.substr(3));
  ASSERT_FALSE(records.empty());
  EXPECT_EQ(records[0], (std::vector<std::string>{"table", "caption", "row_key", "row", "column",
                                                  "value", "suppressed"}));
  std::map<std::string, std::pair<std::string, std::string>> figures;  // table/key/column
  std::map<std::string, std::string> about;
  for (std::size_t i = 1; i < records.size(); ++i) {
    ASSERT_EQ(records[i].size(), 7u) << i;
    const auto& r = records[i];
    if (r[0] == "about") {
      about[r[2]] = r[5];
    } else {
      figures[r[0] + "/" + r[2] + "/" + r[4]] = {r[5], r[6]};
    }
  }
  EXPECT_EQ(about["period"], "2026-04-01..2027-03-31");
  EXPECT_EQ(about["previous_period"], "2025-04-01..2026-03-31");
  EXPECT_EQ(about["data"], "catalog v9; 58 submissions stored");
  EXPECT_EQ(about["made_at"], "2027-04-06T08:26:40Z");
  EXPECT_EQ(about["rule_1"], "Counts from 1 to 4 are shown as \"fewer than 5\".");

  // Every figure of the report, as a number, or empty with why.
  for (const auto& table : report.sections(0).tables()) {
    auto check = [&](const v1::ReportRow& row, const std::string& key) {
      for (int i = 0; i < row.cells_size(); ++i) {
        const v1::ReportCell& c = row.cells(i);
        if (c.has_text()) continue;
        const auto found = figures.find(table.id() + "/" + key + "/" + table.columns(i + 1));
        ASSERT_NE(found, figures.end()) << table.id() << " " << key << " " << i;
        if (c.has_count()) {
          EXPECT_EQ(found->second.first, std::to_string(c.count()));
          EXPECT_EQ(found->second.second, "");
        } else if (c.has_percent()) {
          EXPECT_EQ(found->second.first, "18.2");
        } else {
          EXPECT_EQ(found->second.first, "");
          EXPECT_EQ(found->second.second,
                    c.suppressed() == v1::ReportCell::SUPPRESSION_SMALL ? "small" : "secondary");
        }
      }
    };
    for (const auto& row : table.rows()) check(row, row.key());
    check(table.total(), "(all)");
  }
  EXPECT_EQ(figures["by_provider/coop/Change"].first, "-6") << "a number's minus is its own";

  // Words a spreadsheet would run are defused, wherever they come.
  EXPECT_NE(csv.find(",\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\","), std::string::npos) << csv;
  EXPECT_NE(csv.find(",'@SUM(A1),"), std::string::npos);
  EXPECT_NE(csv.find(",'+private,"), std::string::npos);
  for (const auto& r : records) {
    for (const std::string& field : r) {
      if (field.empty() || field == "-6") continue;
      EXPECT_EQ(std::string("=+-@\t\r").find(field[0]), std::string::npos) << field;
    }
  }
}

TEST(PacksMarkdownTest, TablesHoldTheSameWordsAndPipesCannotSplitACell) {
  const std::string md = Markdown(Sample());
  EXPECT_EQ(md.rfind("# People's voices", 0), 0u);
  EXPECT_NE(md.find("- Period: 1 April 2026 to 31 March 2027\n"), std::string::npos);
  EXPECT_NE(md.find("## What people told us\n\nPeople told us 36 things.\n"), std::string::npos);
  EXPECT_NE(md.find("| Provider | Ownership model | This period | Previous period | Change |\n"
                    "| --- | --- | ---: | ---: | ---: |\n"
                    "| Gofal Cydweithredol, \"Co-op\" | Co-operative | 1,234 | 1,240 | -6 |\n"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("| =HYPERLINK(\"http://x\",\"click\") | @SUM(A1) | fewer than 5 | 0 | withheld |"),
            std::string::npos);
  EXPECT_NE(md.find("| A \\| B care | +private | 7 | withheld | withheld |"), std::string::npos);
  EXPECT_NE(md.find("| **All** |  | 1,244 | 1,250 | -6 |"), std::string::npos);
  EXPECT_NE(md.find("| Good | 4 | 18.2% |"), std::string::npos);
  // Every row has as many cells as the header: no pipe split one.
  for (absl::string_view line : absl::StrSplit(md, '\n')) {
    if (!absl::StartsWith(line, "| ")) continue;
    int pipes = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) ++pipes;
    }
    EXPECT_TRUE(pipes == 6 || pipes == 4) << line;
  }
  EXPECT_NE(md.find("## Small numbers\n\n- Counts from 1 to 4"), std::string::npos);
}

TEST(PacksCellTest, FiguresReadAsACommitteePaperWritesThem) {
  EXPECT_EQ(CellWords(Count(0)), "0");
  EXPECT_EQ(CellWords(Count(999)), "999");
  EXPECT_EQ(CellWords(Count(1000)), "1,000");
  EXPECT_EQ(CellWords(Count(1234567)), "1,234,567");
  EXPECT_EQ(CellWords(Count(12, true)), "+12");
  EXPECT_EQ(CellWords(Count(-1234, true)), "-1,234");
  EXPECT_EQ(CellWords(Count(0, true)), "0");
  EXPECT_EQ(CellWords(Hidden(v1::ReportCell::SUPPRESSION_SMALL)), "fewer than 5");
  EXPECT_EQ(CellWords(Hidden(v1::ReportCell::SUPPRESSION_SECONDARY)), "withheld");
  EXPECT_EQ(FormatFromName("csv"), Format::kCsv);
  EXPECT_EQ(FormatFromName("md"), Format::kMarkdown);
  EXPECT_EQ(FormatFromName("pdf"), std::nullopt);
}

}  // namespace
}  // namespace carevoice::client::packs
