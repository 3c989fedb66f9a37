// Letters in each format, judged by the real tools a person's letter would
// meet: the PDFs are read back with poppler (pdfinfo, pdftotext, pdftoppm)
// and the audio is measured with sox, its length fitting its words.
#include "client/letters/letter.h"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "tests/service/testing.h"

namespace carevoice::client::letters {
namespace {

std::string Shell(const std::string& command) {
  std::string out;
  std::FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  ::pclose(pipe);
  return out;
}

v1::CaseDetail Detail(bool responded) {
  v1::CaseDetail d;
  d.mutable_case_()->set_reference("TJXKYDQW");
  d.mutable_case_()->set_kind("complaint");
  d.mutable_case_()->set_statutory(true);
  d.mutable_case_()->set_state(responded ? "responded" : "acknowledged");
  d.mutable_case_()->mutable_told_at()->set_seconds(1796637600);  // 2026-12-07 10:00 London
  d.mutable_case_()->set_respond_by("2027-01-29");
  d.mutable_record()->set_kind("complaint");
  d.mutable_record()->mutable_submission()->mutable_contact()->set_name("Ada Quillfeather");
  if (responded) {
    v1::CaseEventRecord* e = d.add_history();
    e->set_action("respond");
    e->set_detail(
        "partly_upheld: The day centre bus was late because a driver was off sick and no cover "
        "was booked. From January a second driver is on call every weekday, and you will get a "
        "phone call if the bus is more than ten minutes late.");
  }
  return d;
}

const absl::CivilDay kToday(2026, 12, 8);

TEST(Letters, TheAcknowledgementSaysWhenItWasReceivedItsReferenceAndWhenTheAnswerIsDue) {
  absl::StatusOr<Letter> letter =
      Build(Detail(false), Kind::kAcknowledgement, false, kToday, {"Leeds City Council", "Sam Officer"});
  ASSERT_TRUE(letter.ok()) << letter.status();
  const std::string text = RenderText(*letter);
  EXPECT_NE(text.find("Dear Ada Quillfeather,"), std::string::npos) << text;
  EXPECT_NE(text.find("on 7 December 2026"), std::string::npos) << text;
  EXPECT_NE(text.find("TJXK-YDQW"), std::string::npos);
  EXPECT_NE(text.find("by 29 January 2027"), std::string::npos);
  EXPECT_NE(text.find("talk it through"), std::string::npos) << "an offer to discuss";
  EXPECT_NE(text.find("Sam Officer, Leeds City Council\n8 December 2026"), std::string::npos);
  EXPECT_EQ(text.find("Ombudsman"), std::string::npos);
}

TEST(Letters, TheResponseGivesTheOutcomeTheResponseAndTheOmbudsman) {
  EXPECT_EQ(Build(Detail(false), Kind::kResponse, false, kToday, {}).status().code(),
            absl::StatusCode::kFailedPrecondition);
  absl::StatusOr<Letter> letter = Build(Detail(true), Kind::kResponse, false, kToday, {});
  ASSERT_TRUE(letter.ok()) << letter.status();
  const std::string text = RenderText(*letter);
  EXPECT_NE(text.find("We have partly upheld your complaint."), std::string::npos) << text;
  EXPECT_NE(text.find("a second driver is on call"), std::string::npos);
  EXPECT_EQ(text.find("partly_upheld:"), std::string::npos) << "the outcome in words only";
  EXPECT_NE(text.find("Local Government and Social Care Ombudsman"), std::string::npos);
  EXPECT_NE(text.find("0300 061 0614"), std::string::npos);
}

TEST(Letters, TheLargePrintPdfIsAnA4DocumentWhoseWordsReadBack) {
  service::testing::TempDir dir;
  const std::string pdf = dir.File("response.pdf");
  absl::StatusOr<Letter> letter = Build(Detail(true), Kind::kResponse, false, kToday, {});
  ASSERT_TRUE(letter.ok());
  ASSERT_TRUE(RenderPdf(*letter, pdf).ok());
  const std::string info = Shell("pdfinfo '" + pdf + "' 2>&1");
  EXPECT_NE(info.find("(A4)"), std::string::npos) << info;
  EXPECT_NE(info.find("Our response to your complaint"), std::string::npos) << info;
  // The words are text, not pictures of text: a screen reader can read them.
  std::string words = Shell("pdftotext -layout '" + pdf + "' - 2>&1");
  for (char& c : words) if (c == '\n') c = ' ';
  EXPECT_NE(words.find("Local Government and Social"), std::string::npos) << words;
  EXPECT_NE(words.find("second driver"), std::string::npos);
  // Large: at 18 point, about 40 characters to a line of an A4 page.
  const std::string first = Shell("pdftotext -layout -f 1 -l 1 '" + pdf + "' - | head -n 5");
  for (absl::string_view line : absl::StrSplit(first, '\n')) EXPECT_LE(line.size(), 60u) << line;
  // And it renders.
  Shell("pdftoppm -r 30 -png -singlefile '" + pdf + "' '" + dir.File("page") + "'");
  std::ifstream png(dir.File("page.png"), std::ios::binary | std::ios::ate);
  ASSERT_TRUE(png.good()) << "pdftoppm did not render it";
  EXPECT_GT(png.tellg(), 1000);
}

// The share of dark pixels in a column of page 1, rendered grey at 36 dpi.
double DarkShare(const std::string& pdf, const std::string& pgm_stem, int x, int w) {
  Shell("pdftoppm -gray -r 36 -f 1 -l 1 -singlefile -x " + std::to_string(x) + " -y 0 -W " +
      std::to_string(w) + " -H 420 '" + pdf + "' '" + pgm_stem + "'");
  std::ifstream in(pgm_stem + ".pgm", std::ios::binary);
  std::string magic;
  int width = 0, height = 0, max = 0;
  in >> magic >> width >> height >> max;
  in.get();
  if (magic != "P5" || width <= 0 || height <= 0) return -1;
  std::string pixels(static_cast<std::size_t>(width) * height, '\0');
  in.read(pixels.data(), static_cast<std::streamsize>(pixels.size()));
  int dark = 0;
  for (char p : pixels) dark += static_cast<unsigned char>(p) < 128 ? 1 : 0;
  return static_cast<double>(dark) / static_cast<double>(pixels.size());
}

TEST(Letters, TheEasyReadPdfHasAPictureBesideEachIdea) {
  service::testing::TempDir dir;
  absl::StatusOr<Letter> easy = Build(Detail(true), Kind::kResponse, true, kToday, {});
  ASSERT_TRUE(easy.ok());
  for (const Idea& idea : easy->ideas) EXPECT_FALSE(idea.picture.empty()) << idea.text;
  const std::string text = RenderText(*easy);
  EXPECT_NE(text.find("We agree with some of what you told us."), std::string::npos) << text;
  EXPECT_NE(text.find("0300 061 0614"), std::string::npos);
  ASSERT_TRUE(RenderPdf(*easy, dir.File("easy.pdf")).ok());
  absl::StatusOr<Letter> plain = Build(Detail(true), Kind::kResponse, false, kToday, {});
  ASSERT_TRUE(RenderPdf(*plain, dir.File("plain.pdf")).ok());
  // The picture column has ink, and the ideas' words stand to its right
  // (in large print they start at the margin).
  const int column_x = 56 * 36 / 72, column_w = 80 * 36 / 72;
  EXPECT_GT(DarkShare(dir.File("easy.pdf"), dir.File("easy"), column_x, column_w), 0.02)
      << "no pictures drawn";
  auto x_of = [&](const std::string& pdf, const std::string& word) {
    const std::string boxes = Shell("pdftotext -bbox '" + pdf + "' - 2>&1");
    const std::size_t at = boxes.find(">" + word + "<");
    const std::size_t x = boxes.rfind("xMin=\"", at);
    return at == std::string::npos || x == std::string::npos ? -1.0
                                                             : std::stod(boxes.substr(x + 6));
  };
  EXPECT_GE(x_of(dir.File("easy.pdf"), "looked"), 56.0 + 90.0);
  EXPECT_LT(x_of(dir.File("easy.pdf"), "Our"), 60.0) << "the title spans the page";
  std::string words = Shell("pdftotext '" + dir.File("easy.pdf") + "' - 2>&1");
  EXPECT_NE(words.find("We looked into it."), std::string::npos) << words;
}

TEST(Letters, TheAudioIsSpeechOfALengthThatFitsItsWords) {
  service::testing::TempDir dir;
  const std::string wav = dir.File("response.wav");
  absl::StatusOr<Letter> letter = Build(Detail(true), Kind::kResponse, false, kToday, {});
  ASSERT_TRUE(letter.ok());
  absl::Status spoken = RenderAudio(*letter, wav);
  ASSERT_TRUE(spoken.ok()) << spoken;
  const std::string text = RenderText(*letter);
  std::size_t words = 0;
  for (absl::string_view w : absl::StrSplit(text, absl::ByAnyChar(" \n"), absl::SkipEmpty())) {
    (void)w;
    ++words;
  }
  const double seconds = std::stod(Shell("soxi -D '" + wav + "'"));
  // At 140 words a minute, about 2.3 words a second; pauses between
  // paragraphs and numbers read digit by digit stretch it.
  EXPECT_GT(seconds, static_cast<double>(words) / 5.0) << words << " words";
  EXPECT_LT(seconds, static_cast<double>(words) / 1.0) << words << " words";
  // Sound, not silence.
  const std::string stat = Shell("sox '" + wav + "' -n stat 2>&1");
  const std::size_t at = stat.find("RMS     amplitude:");
  ASSERT_NE(at, std::string::npos) << stat;
  EXPECT_GT(std::stod(stat.substr(at + 18)), 0.01) << stat;
}

}  // namespace
}  // namespace carevoice::client::letters
