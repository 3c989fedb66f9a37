// Consultations at the kiosk, in-process: on the home screen while open
// (one published while the kiosk runs appears at the catalog refresh, one
// closed goes), each found by what is said; a ranking put in order with two
// switches; and the review reading back every answer before one Send.
#include <algorithm>

#include "base/proto_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "kiosk_harness.h"

namespace carevoice::client::ui::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kConsultation[] = "consultation.getting_out_2027";

bool OnScreen(KioskHarness& h, const std::string& id) {
  return h.kiosk().registry().Find(id) != nullptr;
}

TEST(Consultations, PublishedWhileRunningAppearsAndClosedOneGoes) {
  std::optional<v1::Catalog> without = SampleCatalog();
  ASSERT_TRUE(without.has_value());
  without->clear_consultations();
  KioskHarness h(1280, 800, without);
  h.Press(SDLK_SPACE);
  ASSERT_EQ(h.View(), "home");
  EXPECT_FALSE(OnScreen(h, kConsultation));

  // The council publishes; the kiosk's next catalog refresh brings it.
  h.catalog() = CatalogAskingEveryKind();
  ASSERT_TRUE(h.catalog().has_value());
  h.CatalogChanged();
  h.Settle();
  ASSERT_TRUE(OnScreen(h, kConsultation));
  // Found by ear: its title, who it is for and how long is left.
  ASSERT_TRUE(h.TabUntilHeard("The council is asking: Getting out and about"));
  EXPECT_EQ(h.FocusedId(), kConsultation);
  const std::string said = h.Spoken().back();
  EXPECT_THAT(said, HasSubstr("Everyone who uses care services"));
  EXPECT_THAT(said, HasSubstr("days left to answer"));

  // Closed early: gone at the next refresh, no restart.
  v1::Consultation& c = *std::find_if(
      h.catalog()->mutable_consultations()->begin(), h.catalog()->mutable_consultations()->end(),
      [](const v1::Consultation& x) { return x.id() == "getting_out_2027"; });
  base::SetProtoTimestamp(h.clock().Now(), c.mutable_closes_at());
  c.set_closed_early(true);
  h.CatalogChanged();
  h.Settle();
  EXPECT_FALSE(OnScreen(h, kConsultation));
}

TEST(Consultations, ThoseToComeWaitForTheirDay) {
  std::optional<v1::Catalog> catalog = CatalogAskingEveryKind();
  ASSERT_TRUE(catalog.has_value());
  for (v1::Consultation& c : *catalog->mutable_consultations()) {
    base::SetProtoTimestamp(absl::FromUnixSeconds(1'790'000'000) + absl::Seconds(20),
                            c.mutable_opens_at());
  }
  KioskHarness h(1280, 800, catalog);
  h.Press(SDLK_SPACE);
  EXPECT_FALSE(OnScreen(h, kConsultation));
  // Nothing touched: the kiosk's own deadline brings the frame.
  // (Well within the idle time: the person is still on the home screen.)
  h.clock().Advance(absl::Seconds(30));
  EXPECT_TRUE(h.kiosk().NeedsFrame());
  h.Settle();
  EXPECT_TRUE(OnScreen(h, kConsultation)) << "opened while the kiosk ran";
}

// Moves with Space until `id` has focus, then chooses it with Return: the
// two switches, nothing else.
void Choose(KioskHarness& h, const std::string& id) {
  for (int i = 0; i < 80 && h.FocusedId() != id; ++i) h.Press(SDLK_SPACE);
  ASSERT_EQ(h.FocusedId(), id) << "never reached on " << h.View();
  h.Press(SDLK_RETURN);
}

TEST(Consultations, ARankingIsPutInOrderWithTwoSwitches) {
  KioskOptions options;
  options.defaults.input = "switch2";
  KioskHarness h(1280, 800, CatalogAskingEveryKind(), options);
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "home");
  ASSERT_NO_FATAL_FAILURE(Choose(h, kConsultation));
  ASSERT_EQ(h.View(), "consultation");
  EXPECT_THAT(h.SpokenSince(h.ViewEntryMark()), HasSubstr("There are 5 questions"));
  ASSERT_NO_FATAL_FAILURE(Choose(h, "consultation.continue"));
  ASSERT_EQ(h.View(), "question.how_often");
  EXPECT_THAT(h.SpokenSince(h.ViewEntryMark()), HasSubstr("Question 1 of 5"));
  ASSERT_NO_FATAL_FAILURE(Choose(h, "question.how_often.skip"));
  ASSERT_NO_FATAL_FAILURE(Choose(h, "question.what_helps.skip"));
  ASSERT_EQ(h.View(), "question.priorities");
  EXPECT_THAT(h.SpokenSince(h.ViewEntryMark()), HasSubstr("Nothing is in order yet"));
  ASSERT_NO_FATAL_FAILURE(Choose(h, "question.priorities.buddies"));
  // Placed: no longer offered, and the order so far is read out.
  EXPECT_FALSE(OnScreen(h, "question.priorities.buddies"));
  ASSERT_NO_FATAL_FAILURE(Choose(h, "question.priorities.benches"));
  // The one left went last by itself.
  EXPECT_FALSE(OnScreen(h, "question.priorities.minibus"));
  ASSERT_TRUE(OnScreen(h, "question.priorities.order"));
  const std::string order = h.kiosk().registry().Find("question.priorities.order")->label;
  EXPECT_THAT(order, HasSubstr("1. A volunteer buddy scheme"));
  EXPECT_LT(order.find("buddy"), order.find("benches"));
  EXPECT_LT(order.find("benches"), order.find("minibus"));
  // Begun again, and put in a different order.
  ASSERT_NO_FATAL_FAILURE(Choose(h, "question.priorities.again"));
  ASSERT_NO_FATAL_FAILURE(Choose(h, "question.priorities.minibus"));
  ASSERT_NO_FATAL_FAILURE(Choose(h, "question.priorities.buddies"));
  ASSERT_NO_FATAL_FAILURE(Choose(h, "question.priorities.continue"));
  ASSERT_EQ(h.View(), "question.lonely");
  ASSERT_NO_FATAL_FAILURE(Choose(h, "question.lonely.agreement_1"));
  ASSERT_EQ(h.View(), "question.anything_else");
  ASSERT_NO_FATAL_FAILURE(Choose(h, "question.anything_else.skip"));
  ASSERT_EQ(h.View(), "review");
  // Read back before anything is sent, skipped ones said as skipped.
  const std::string review = h.SpokenSince(h.ViewEntryMark());
  ASSERT_TRUE(OnScreen(h, "review.question.priorities"));
  const std::string line = h.kiosk().registry().Find("review.question.priorities")->label;
  EXPECT_THAT(line, HasSubstr("Question 3"));
  EXPECT_LT(line.find("minibus"), line.find("buddy"));
  EXPECT_THAT(h.kiosk().registry().Find("review.question.how_often")->label,
              HasSubstr("skipped"));
  EXPECT_THAT(h.kiosk().registry().Find("review.question.lonely")->label,
              HasSubstr("Strongly agree"));
  ASSERT_NO_FATAL_FAILURE(Choose(h, "review.send"));
  ASSERT_EQ(h.View(), "thanks");
  EXPECT_FALSE(OnScreen(h, "thanks.reference")) << "answers are counted, not replied to";
  auto pending = h.outbox().Pending(10);
  ASSERT_TRUE(pending.ok());
  ASSERT_EQ(pending->size(), 1u);
  const v1::ConsultationAnswer& sent = pending->front().submission.consultation_answer();
  EXPECT_EQ(sent.consultation_id(), "getting_out_2027");
  ASSERT_EQ(sent.answers_size(), 2) << "two answered, three skipped";
  EXPECT_EQ(sent.answers(0).question_id(), "priorities");
  ASSERT_EQ(sent.answers(0).ranking().option_ids_size(), 3);
  EXPECT_EQ(sent.answers(0).ranking().option_ids(0), "minibus");
  EXPECT_EQ(sent.answers(0).ranking().option_ids(1), "buddies");
  EXPECT_EQ(sent.answers(0).ranking().option_ids(2), "benches");
  EXPECT_EQ(sent.answers(1).agreement(), v1::AGREEMENT_STRONGLY_AGREE);
}

TEST(Consultations, ChoosingTooManyIsSaidAndAllSkippedSendsNothing) {
  KioskHarness h(1280, 800, CatalogAskingEveryKind());
  h.Press(SDLK_SPACE);
  ASSERT_TRUE(h.FocusOn(kConsultation));
  h.Press(SDLK_RETURN);
  ASSERT_TRUE(h.FocusOn("consultation.continue"));
  h.Press(SDLK_RETURN);
  ASSERT_TRUE(h.FocusOn("question.how_often.skip"));
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "question.what_helps");
  EXPECT_THAT(h.SpokenSince(h.ViewEntryMark()), HasSubstr("Choose up to 2 answers"));
  for (const char* option : {"transport", "company", "money"}) {
    ASSERT_TRUE(h.FocusOn(std::string("question.what_helps.") + option));
    h.Press(SDLK_RETURN);
  }
  EXPECT_THAT(h.Spoken().back(), HasSubstr("as many as you can"));
  EXPECT_THAT(h.kiosk().registry().Find("question.what_helps.money")->state,
              HasSubstr("not selected"));
  // Taken away again: nothing chosen is nothing sent.
  for (const char* option : {"transport", "company"}) {
    ASSERT_TRUE(h.FocusOn(std::string("question.what_helps.") + option));
    h.Press(SDLK_RETURN);
  }
  ASSERT_TRUE(h.FocusOn("question.what_helps.continue"));
  h.Press(SDLK_RETURN);
  for (const char* q : {"priorities", "lonely", "anything_else"}) {
    ASSERT_TRUE(h.FocusOn(std::string("question.") + q + ".skip"));
    h.Press(SDLK_RETURN);
  }
  ASSERT_EQ(h.View(), "review");
  EXPECT_FALSE(OnScreen(h, "review.send"));
  EXPECT_THAT(h.SpokenSince(h.ViewEntryMark()), HasSubstr("nothing to send"));
  // Changing one answer from the review makes it sendable.
  ASSERT_TRUE(h.FocusOn("review.change_question.how_often"));
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "question.how_often");
  ASSERT_TRUE(h.FocusOn("question.how_often.most_days"));
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "review");
  ASSERT_TRUE(h.FocusOn("review.send"));
  h.Press(SDLK_RETURN);
  ASSERT_EQ(h.View(), "thanks");
  EXPECT_EQ(h.outbox().Pending(10)->size(), 1u);
}

TEST(WhatChanged, NoticesAreReadNewestFirstAndCloseBackToHome) {
  std::optional<v1::Catalog> catalog = SampleCatalog();
  ASSERT_TRUE(catalog.has_value());
  ASSERT_EQ(catalog->notices_size(), 1);  // the minibus, undated
  v1::Notice* later = catalog->add_notices();
  later->set_id("benches");
  (*later->mutable_title()->mutable_text())["en-GB"] = "You said there was nowhere to sit.";
  (*later->mutable_body()->mutable_text())["en-GB"] = "We put benches on Mill Lane.";
  base::SetProtoTimestamp(absl::FromUnixSeconds(1'780'000'000), later->mutable_published_at());
  {  // one kiosk at a time: the harness owns ImGui's context
    KioskHarness h(1280, 800, catalog);
    h.Press(SDLK_SPACE);
    ASSERT_TRUE(h.TabUntilHeard("What changed because people spoke up"));
    h.Press(SDLK_RETURN);
    ASSERT_EQ(h.View(), "changed");
    const std::string said = h.SpokenSince(h.ViewEntryMark());
    const std::size_t benches = said.find("We put benches on Mill Lane.");
    const std::size_t minibus = said.find("We have added a second minibus");
    ASSERT_NE(benches, std::string::npos) << said;
    ASSERT_NE(minibus, std::string::npos) << said;
    EXPECT_LT(benches, minibus) << "the dated one is the newest";
    EXPECT_LT(said.find("You said there was nowhere to sit."), benches) << "said, then done";
    ASSERT_TRUE(h.FocusOn("changed.close"));
    h.Press(SDLK_RETURN);
    EXPECT_EQ(h.View(), "home");
  }
  // No notices published: no button for them.
  catalog->clear_notices();
  KioskHarness none(1280, 800, catalog);
  none.Press(SDLK_SPACE);
  EXPECT_EQ(none.kiosk().registry().Find("home.changed"), nullptr);
}

}  // namespace
}  // namespace carevoice::client::ui::testing
