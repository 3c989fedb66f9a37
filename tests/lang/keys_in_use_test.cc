// Every language key the kiosk's journeys ask for is in en-GB.json (and so,
// by lang_files_test, in every language). The keys are collected at run
// time by walking every journey spec, the keys of each step's type and the
// contract's error keys -- not by searching the source for string literals
// -- so a new journey or step type cannot ship a key that would be drawn
// as "[key]".
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "client/app/ballot_journey.h"
#include "client/app/consultation_journey.h"
#include "client/app/journey_spec.h"
#include "google/protobuf/util/json_util.h"
#include "contract/validation.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lang_util.h"

namespace carevoice::lang_test {
namespace {

using client::JourneySpec;

std::set<std::string> KeysInUse(const std::vector<JourneySpec>& journeys) {
  std::set<std::string> keys;
  for (const JourneySpec& spec : journeys) {
    // A follow-on is offered at the end (SpecKeys), a consultation by its
    // own title: neither has a home-screen key.
    if (!spec.follow_on && !spec.consultation) {
      keys.insert(client::HomeKey(spec));
      keys.insert(client::HomeKey(spec) + ".hint");
    }
    for (const client::Step& step : spec.steps) {
      for (const std::string& key : client::KeysFor(spec, step).All()) keys.insert(key);
      // A refused field is named in the error message.
      if (!step.field.empty()) keys.insert("field." + step.field);
      if (!step.check_field.empty()) keys.insert("field." + step.check_field);
    }
    for (const std::string& key : client::SpecKeys(spec)) keys.insert(key);
  }
  for (std::string_view key : contract::kAllErrorKeys) keys.insert(std::string(key));
  keys.insert("field.other");
  keys.insert("error.save_failed");
  return keys;
}

std::vector<std::string> Missing(const client::Strings& strings,
                                 const std::set<std::string>& keys) {
  std::vector<std::string> missing;
  for (const std::string& key : keys) {
    if (!strings.Has(key)) missing.push_back(key);
  }
  return missing;
}

TEST(KeysInUse, EveryKeyOfEveryJourneyIsInTheMasterFile) {
  std::optional<client::Strings> master = Load(kMaster);
  ASSERT_TRUE(master.has_value());
  std::set<std::string> keys = KeysInUse(client::AllJourneys());
  EXPECT_GT(keys.size(), 40u) << "the walk found suspiciously few keys";
  std::vector<std::string> missing = Missing(*master, keys);
  std::string listing;
  for (const std::string& key : missing) listing += "  " + key + "\n";
  EXPECT_THAT(missing, ::testing::IsEmpty()) << "add to en-GB.json:\n" << listing;
}

TEST(KeysInUse, AJourneyWhoseKeysAreMissingIsCaught) {
  // The same walk over a spec whose step has no keys in the files: the
  // check must name them (it can fail, and says what to add).
  std::optional<client::Strings> master = Load(kMaster);
  ASSERT_TRUE(master.has_value());
  JourneySpec spec = client::AllJourneys().front();
  spec.id = "untranslated";
  spec.steps.insert(spec.steps.begin(),
                    client::Step{.id = "no_such_step", .type = client::StepType::kWords,
                                 .field = "feedback.text", .max_chars = 10});
  std::vector<std::string> missing = Missing(*master, KeysInUse({spec}));
  EXPECT_THAT(missing, ::testing::IsSupersetOf({"home.untranslated", "no_such_step.title",
                                                "no_such_step.instruction",
                                                "no_such_step.field.hint"}));
}

// The consultation in assets that asks every kind of question, as
// carevoice-admin would publish it.
std::shared_ptr<const v1::Consultation> SampleConsultation() {
  std::ifstream in(std::string(CAREVOICE_ASSETS_DIR) + "/consultations/getting_out_2027.json");
  std::stringstream json;
  json << in.rdbuf();
  auto consultation = std::make_shared<v1::Consultation>();
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(json.str(), consultation.get()).ok());
  return consultation;
}

TEST(KeysInUse, EveryKeyOfAConsultationIsInTheMasterFile) {
  std::optional<client::Strings> master = Load(kMaster);
  ASSERT_TRUE(master.has_value());
  std::shared_ptr<const v1::Consultation> sample = SampleConsultation();
  std::set<v1::Question::Kind> kinds;
  for (const v1::Question& q : sample->questions()) kinds.insert(q.kind());
  ASSERT_EQ(kinds.size(), 5u) << "the sample should ask every kind of question";
  JourneySpec spec = client::ConsultationJourney(sample);
  EXPECT_TRUE(client::CheckSpec(spec).ok()) << client::CheckSpec(spec);
  std::set<std::string> keys = KeysInUse({spec});
  for (const std::string& key : client::ConsultationKeys()) keys.insert(key);
  std::vector<std::string> missing = Missing(*master, keys);
  std::string listing;
  for (const std::string& key : missing) listing += "  " + key + "\n";
  EXPECT_THAT(missing, ::testing::IsEmpty()) << "add to en-GB.json:\n" << listing;
}

TEST(KeysInUse, EveryKeyOfAForumBallotIsInTheMasterFile) {
  std::optional<client::Strings> master = Load(kMaster);
  ASSERT_TRUE(master.has_value());
  std::ifstream in(std::string(CAREVOICE_ASSETS_DIR) + "/ballots/forum_reps_2027.json");
  std::stringstream json;
  json << in.rdbuf();
  v1::ForumBallot ranked;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json.str(), &ranked).ok());
  v1::ForumBallot single = ranked;
  single.mutable_question()->set_kind(v1::Question::KIND_SINGLE_CHOICE);
  std::set<std::string> keys;
  for (const v1::ForumBallot& ballot : {ranked, single}) {
    JourneySpec spec = client::BallotJourney(std::make_shared<const v1::ForumBallot>(ballot));
    EXPECT_TRUE(client::CheckSpec(spec).ok()) << client::CheckSpec(spec);
    std::set<std::string> its = KeysInUse({spec});
    keys.insert(its.begin(), its.end());
    // The question's own words, overridden for a ballot.
    keys.insert("ballot." + client::QuestionInstructionKey(ballot.question()));
  }
  for (const std::string& key : client::BallotKeys()) keys.insert(key);
  for (const char* key : {"ballot.question.review", "ballot.question.change", "ballot.code_used",
                          "ballot.code_unknown", "field.forum_vote.code"}) {
    keys.insert(key);
  }
  std::vector<std::string> missing = Missing(*master, keys);
  std::string listing;
  for (const std::string& key : missing) listing += "  " + key + "\n";
  EXPECT_THAT(missing, ::testing::IsEmpty()) << "add to en-GB.json:\n" << listing;
}

TEST(KeysInUse, EveryJourneySpecIsRunnable) {
  for (const JourneySpec& spec : client::AllJourneys()) {
    EXPECT_TRUE(client::CheckSpec(spec).ok()) << client::CheckSpec(spec);
  }
}

}  // namespace
}  // namespace carevoice::lang_test
