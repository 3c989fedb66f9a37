// The rpcs through an in-process channel on a real store, plus the plain
// handler functions and helpers that need no server.
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <future>

#include <fstream>
#include <set>
#include <sstream>

#include "base/proto_time.h"
#include "contract/reference_code.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "service/rpc/handlers.h"
#include "service/rpc/listen_address.h"
#include "contract/redaction.h"
#include "tests/service/test_server.h"

namespace carevoice::service::rpc {
namespace {

using testing::Feedback;
using testing::TestServer;

class RpcTest : public ::testing::Test {
 protected:
  absl::Time Now() { return server_.clock().Now(); }

  // Sends as `device` with the credential of `enrolled` (the same device
  // unless a test says otherwise).
  grpc::Status Submit(const std::vector<v1::Submission>& items,
                      v1::SubmitBatchResponse* response,
                      const std::string& device = "kiosk-test-1",
                      std::string enrolled = "") {
    v1::SubmitBatchRequest request;
    request.set_device_id(device);
    for (const auto& s : items) *request.add_submissions() = s;
    grpc::ClientContext context;
    server_.AsDevice(enrolled.empty() ? device : enrolled, &context);
    return server_.kiosk().SubmitBatch(&context, request, response);
  }

  v1::ListSubmissionsResponse List(int page_size, const std::string& token,
                                   bool include_text) {
    v1::ListSubmissionsRequest request;
    request.set_page_size(page_size);
    request.set_page_token(token);
    request.set_include_text(include_text);
    if (include_text) request.set_reason("following up a case");
    v1::ListSubmissionsResponse response;
    grpc::ClientContext context;
    server_.SignedInAs(auth::Role::kOfficer, &context);
    grpc::Status s = server_.officer().ListSubmissions(&context, request, &response);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return response;
  }

  std::vector<v1::SubmissionRecord> Export(bool identified) {
    v1::ExportSubmissionsRequest request;
    request.set_identified(identified);
    if (identified) request.set_reason("to call the person back");
    grpc::ClientContext context;
    server_.SignedInAs(auth::Role::kOfficer, &context);
    auto reader = server_.officer().ExportSubmissions(&context, request);
    std::vector<v1::SubmissionRecord> records;
    v1::SubmissionRecords run;
    while (reader->Read(&run)) {
      records.insert(records.end(), run.records().begin(), run.records().end());
    }
    grpc::Status s = reader->Finish();
    EXPECT_TRUE(s.ok()) << s.error_message();
    return records;
  }

  TestServer server_;
};

// Contract changes are additive: what a kiosk queued before them (encoded
// with the old protos) is still accepted, stored and listed whole.
TEST_F(RpcTest, ASubmissionMadeBeforeTheContractGrewIsStored) {
  std::ifstream in(CAREVOICE_CONTRACT_TESTDATA "/feedback_before_speaker.binpb",
                   std::ios::binary);
  v1::Submission old;
  ASSERT_TRUE(old.ParseFromIstream(&in));
  v1::SubmitBatchResponse response;
  ASSERT_TRUE(Submit({old}, &response).ok());
  ASSERT_EQ(response.results_size(), 1);
  EXPECT_EQ(response.results(0).outcome(), v1::ItemResult::OUTCOME_STORED)
      << response.results(0).field() << " " << response.results(0).message_key();
  auto page = List(10, "", /*include_text=*/true);
  ASSERT_EQ(page.records_size(), 1);
  EXPECT_EQ(page.records(0).submission().SerializeAsString(), old.SerializeAsString());
}

TEST_F(RpcTest, MixedBatchStoresTheGoodAndNamesTheBadField) {
  v1::Submission bad = Feedback(2, Now());
  bad.mutable_feedback()->set_text(std::string(5001, 'x'));
  v1::SubmitBatchResponse response;
  ASSERT_TRUE(Submit({Feedback(1, Now()), bad, Feedback(3, Now())}, &response).ok());
  ASSERT_EQ(response.results_size(), 3);
  EXPECT_EQ(response.results(0).outcome(), v1::ItemResult::OUTCOME_STORED);
  EXPECT_EQ(response.results(0).submission_id(), testing::TestSubmissionId(1));
  EXPECT_EQ(response.results(1).outcome(), v1::ItemResult::OUTCOME_REJECTED);
  EXPECT_EQ(response.results(1).code(), 3);
  EXPECT_EQ(response.results(1).field(), "feedback.text");
  EXPECT_EQ(response.results(1).message_key(), "error.too_long");
  EXPECT_EQ(response.results(2).outcome(), v1::ItemResult::OUTCOME_STORED);
  EXPECT_EQ(response.results(2).received_at().seconds(), absl::ToUnixSeconds(Now()));

  EXPECT_EQ(List(0, "", false).records_size(), 2);
}

// Answers to the sample catalog's consultation (day centre hours), given
// at `given`: a choice, an agreement and words.
v1::Submission DayCentreAnswers(int n, absl::Time given) {
  v1::Submission s = Feedback(n, given);
  s.clear_feedback();
  v1::ConsultationAnswer* a = s.mutable_consultation_answer();
  a->set_consultation_id("day_centre_hours_2026");
  v1::QuestionAnswer* hours = a->add_answers();
  hours->set_question_id("hours");
  hours->set_choice_id("weekdays_8_to_8");
  v1::QuestionAnswer* transport = a->add_answers();
  transport->set_question_id("transport_matters");
  transport->set_agreement(v1::AGREEMENT_STRONGLY_AGREE);
  v1::QuestionAnswer* words = a->add_answers();
  words->set_question_id("anything_else");
  words->set_free_text("Evenings would let my daughter come with me.");
  return s;
}

// A kiosk offline when a consultation closed still delivers what people
// answered while it was open; what was answered after is refused (and
// kept in the quarantine), as is an answer that does not fit a question.
TEST_F(RpcTest, AnswersGivenWhileAConsultationWasOpenCountHoweverLateTheyArrive) {
  const absl::Time before_close = Now() - absl::Minutes(30);
  v1::SubmitBatchResponse open;
  ASSERT_TRUE(Submit({DayCentreAnswers(1, Now())}, &open).ok());
  EXPECT_EQ(open.results(0).outcome(), v1::ItemResult::OUTCOME_STORED);

  {
    v1::CloseConsultationRequest close;
    close.set_id("day_centre_hours_2026");
    v1::CloseConsultationResponse closed;
    grpc::ClientContext context;
    server_.SignedInAs(auth::Role::kOfficer, &context);
    ASSERT_TRUE(server_.officer().CloseConsultation(&context, close, &closed).ok());
  }
  server_.clock().Advance(absl::Minutes(20));  // the kiosk comes back online
  v1::Submission unknown_option = DayCentreAnswers(4, before_close);
  unknown_option.mutable_consultation_answer()->mutable_answers(0)->set_choice_id("midnight");
  v1::SubmitBatchResponse late;
  ASSERT_TRUE(Submit({DayCentreAnswers(2, before_close),
                      DayCentreAnswers(3, Now() - absl::Minutes(5)), unknown_option},
                     &late)
                  .ok());
  ASSERT_EQ(late.results_size(), 3);
  EXPECT_EQ(late.results(0).outcome(), v1::ItemResult::OUTCOME_STORED)
      << "given while it was open: counted, with the time it was given";
  EXPECT_EQ(late.results(1).outcome(), v1::ItemResult::OUTCOME_REJECTED);
  EXPECT_EQ(late.results(1).field(), "created_at");
  EXPECT_EQ(late.results(1).message_key(), "error.not_open");
  EXPECT_EQ(late.results(2).outcome(), v1::ItemResult::OUTCOME_REJECTED);
  EXPECT_EQ(late.results(2).field(), "consultation_answer.answers[0].choice_id");

  const v1::ListSubmissionsResponse listed = List(0, "", true);
  ASSERT_EQ(listed.records_size(), 2);
  for (const v1::SubmissionRecord& r : listed.records()) {
    EXPECT_EQ(r.submission().consultation_answer().answers_size(), 3);
  }
  EXPECT_EQ(listed.records(0).submission().created_at().seconds(),
            absl::ToUnixSeconds(before_close));
}

// What people answered, counted question by question for every role; the
// words of free text are not in the counts.
// A Forum ballot through the real service: published, its codes issued,
// votes cast by kiosks as submissions; each code casts once (a retry is
// answered as taken, a second use refused plainly); nothing of a vote is
// kept as a submission or quarantined; counted only once closed, the
// result published to kiosks, and counted again the same.
TEST_F(RpcTest, ForumBallotCastOnceACodeKeptApartAndCounted) {
  v1::ForumBallot ballot;
  {
    std::ifstream in(CAREVOICE_SAMPLE_BALLOT);
    std::stringstream json;
    json << in.rdbuf();
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json.str(), &ballot).ok());
  }
  base::SetProtoTimestamp(Now() + absl::Minutes(20), ballot.mutable_closes_at());
  auto officer = [&](auto call, const auto& request, auto* response) {
    grpc::ClientContext context;
    server_.SignedInAs(auth::Role::kOfficer, &context);
    return (server_.officer().*call)(&context, request, response);
  };
  {
    v1::PublishBallotRequest publish;
    ASSERT_TRUE(google::protobuf::util::MessageToJsonString(ballot, publish.mutable_json()).ok());
    v1::PublishBallotResponse published;
    grpc::Status s = officer(&v1::Officer::Stub::PublishBallot, publish, &published);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  v1::IssueBallotCodesRequest issue;
  issue.set_ballot_id("forum_reps_2027");
  issue.set_count(3);
  v1::IssueBallotCodesResponse codes;
  grpc::Status issued = officer(&v1::Officer::Stub::IssueBallotCodes, issue, &codes);
  ASSERT_TRUE(issued.ok()) << issued.error_message();
  ASSERT_EQ(codes.codes_size(), 3);
  EXPECT_EQ(codes.issued(), 3);
  for (const std::string& code : codes.codes()) EXPECT_TRUE(contract::IsValidReference(code));

  auto vote = [&](int n, const std::string& code, std::vector<std::string> order) {
    v1::Submission s = Feedback(n, Now());
    s.clear_feedback();
    v1::ForumVote* v = s.mutable_forum_vote();
    v->set_ballot_id("forum_reps_2027");
    v->set_code(code);
    v->mutable_mark()->set_question_id("vote");
    for (const std::string& id : order) v->mutable_mark()->mutable_ranking()->add_option_ids(id);
    return s;
  };
  const v1::Submission first = vote(1, codes.codes(0), {"amara_okafor", "dewi_price"});
  v1::SubmitBatchResponse cast;
  ASSERT_TRUE(Submit({first, vote(2, codes.codes(1), {"grace_liu", "amara_okafor"}),
                      vote(3, codes.codes(0), {"tomasz_nowak"}),
                      vote(4, "ACDEFHJKM", {"tomasz_nowak"}),
                      vote(5, contract::WithCheckCharacter("ACDEFHJ").value(), {"grace_liu"})},
                     &cast)
                  .ok());
  ASSERT_EQ(cast.results_size(), 5);
  EXPECT_EQ(cast.results(0).outcome(), v1::ItemResult::OUTCOME_STORED);
  EXPECT_EQ(cast.results(1).outcome(), v1::ItemResult::OUTCOME_STORED);
  EXPECT_EQ(cast.results(2).outcome(), v1::ItemResult::OUTCOME_REJECTED);
  EXPECT_EQ(cast.results(2).message_key(), "ballot.code_used");
  EXPECT_EQ(cast.results(3).message_key(), "error.bad_reference");
  EXPECT_EQ(cast.results(4).message_key(), "ballot.code_unknown");
  // The first kiosk did not hear back, and sends it again.
  v1::SubmitBatchResponse again;
  ASSERT_TRUE(Submit({first}, &again).ok());
  EXPECT_EQ(again.results(0).outcome(), v1::ItemResult::OUTCOME_ALREADY_STORED);
  // No vote is a submission, and none is kept in the quarantine.
  EXPECT_EQ(List(100, "", false).records_size(), 0);
  {
    v1::ListQuarantineRequest request;
    v1::ListQuarantineResponse quarantined;
    ASSERT_TRUE(officer(&v1::Officer::Stub::ListQuarantine, request, &quarantined).ok());
    EXPECT_EQ(quarantined.records_size(), 0);
  }
  v1::ListBallotsResponse listed;
  ASSERT_TRUE(officer(&v1::Officer::Stub::ListBallots, v1::ListBallotsRequest(), &listed).ok());
  ASSERT_EQ(listed.turnout_size(), 1);
  EXPECT_EQ(listed.turnout(0).codes_issued(), 3);
  EXPECT_EQ(listed.turnout(0).votes_cast(), 2);

  v1::CountBallotRequest count;
  count.set_id("forum_reps_2027");
  v1::CountBallotResponse counted;
  grpc::Status early = officer(&v1::Officer::Stub::CountBallot, count, &counted);
  EXPECT_EQ(early.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << early.error_message();

  // Within the officer's session's 30 minutes unused.
  server_.clock().Advance(absl::Minutes(25));
  // Cast after the close: refused.
  v1::SubmitBatchResponse late;
  ASSERT_TRUE(Submit({vote(6, codes.codes(2), {"dewi_price"})}, &late).ok());
  EXPECT_EQ(late.results(0).message_key(), "error.not_open");
  // Cast before the close on a kiosk that was offline, arriving after it:
  // counted.
  v1::Submission offline = vote(7, codes.codes(2), {"amara_okafor"});
  base::SetProtoTimestamp(Now() - absl::Minutes(10), offline.mutable_created_at());
  v1::SubmitBatchResponse arrived;
  ASSERT_TRUE(Submit({offline}, &arrived).ok());
  EXPECT_EQ(arrived.results(0).outcome(), v1::ItemResult::OUTCOME_STORED)
      << arrived.results(0).message_key();

  grpc::Status s = officer(&v1::Officer::Stub::CountBallot, count, &counted);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_FALSE(counted.recounted());
  const v1::BallotResult& result = counted.ballot().result();
  EXPECT_EQ(result.method(), "stv_wigm");
  EXPECT_EQ(result.valid(), 3);
  // Two seats, three papers: the Droop quota is 2 (the whole of 3 / 3,
  // plus one). Amara has two first preferences and is elected at once;
  // Grace, with one, takes the other seat as the rest are excluded.
  EXPECT_EQ(result.quota(), 200000);
  EXPECT_EQ(result.elected(0), "amara_okafor");
  EXPECT_EQ(std::set<std::string>(result.elected().begin(), result.elected().end()),
            (std::set<std::string>{"amara_okafor", "grace_liu"}));
  // Kiosks are served the result.
  v1::GetCatalogRequest get;
  get.set_device_id("kiosk-test-1");
  v1::GetCatalogResponse served;
  {
    grpc::ClientContext context;
    server_.AsDevice("kiosk-test-1", &context);
    ASSERT_TRUE(server_.kiosk().GetCatalog(&context, get, &served).ok());
  }
  ASSERT_EQ(served.catalog().ballots_size(), 1);
  EXPECT_EQ(served.catalog().ballots(0).result().elected_size(), 2);
  // Counted again from the stored papers, with the recorded seed: the same.
  v1::CountBallotResponse recount;
  ASSERT_TRUE(officer(&v1::Officer::Stub::CountBallot, count, &recount).ok());
  EXPECT_TRUE(recount.recounted());
  EXPECT_EQ(recount.ballot().result().seed(), result.seed());
}

TEST_F(RpcTest, ConsultationResultsCountEveryKindOfAnswer) {
  {
    std::ifstream in(CAREVOICE_SAMPLE_CONSULTATION);
    std::stringstream json;
    json << in.rdbuf();
    v1::PublishConsultationRequest publish;
    publish.set_json(json.str());
    v1::PublishConsultationResponse published;
    grpc::ClientContext context;
    server_.SignedInAs(auth::Role::kOfficer, &context);
    grpc::Status s = server_.officer().PublishConsultation(&context, publish, &published);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  // Three people: a choice, two of several, an order (two complete, one
  // stopped after the first), a point on the scale, words; one skips most.
  auto answers = [&](int n, const std::string& often, std::vector<std::string> helps,
                     std::vector<std::string> order, v1::Agreement agree) {
    v1::Submission s = Feedback(n, Now());
    s.clear_feedback();
    v1::ConsultationAnswer* a = s.mutable_consultation_answer();
    a->set_consultation_id("getting_out_2027");
    auto add = [&](const std::string& id) {
      v1::QuestionAnswer* q = a->add_answers();
      q->set_question_id(id);
      return q;
    };
    add("how_often")->set_choice_id(often);
    if (!helps.empty()) {
      v1::QuestionAnswer* q = add("what_helps");
      for (const std::string& h : helps) q->mutable_choices()->add_option_ids(h);
    }
    if (!order.empty()) {
      v1::QuestionAnswer* q = add("priorities");
      for (const std::string& o : order) q->mutable_ranking()->add_option_ids(o);
    }
    if (agree != v1::AGREEMENT_UNSPECIFIED) {
      add("lonely")->set_agreement(agree);
      add("anything_else")->set_free_text("Benches by the bus stop.");
    }
    return s;
  };
  v1::Submission first = answers(1, "most_days", {"company", "money"},
                                 {"buddies", "minibus", "benches"}, v1::AGREEMENT_AGREE);
  v1::SubmitBatchResponse stored;
  const std::vector<v1::Submission> batch = {
      first,
      answers(2, "less", {"company"}, {"minibus", "buddies", "benches"},
              v1::AGREEMENT_STRONGLY_DISAGREE),
      answers(3, "less", {}, {"buddies"}, v1::AGREEMENT_UNSPECIFIED)};
  ASSERT_TRUE(Submit(batch, &stored).ok());
  for (const auto& r : stored.results()) {
    ASSERT_EQ(r.outcome(), v1::ItemResult::OUTCOME_STORED) << r.field() << " " << r.message_key();
  }

  v1::ConsultationResultsRequest request;
  request.set_id("getting_out_2027");
  v1::ConsultationResultsResponse results;
  grpc::ClientContext context;
  server_.SignedInAs(auth::Role::kClerk, &context);
  grpc::Status s = server_.officer().ConsultationResults(&context, request, &results);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(results.responses(), 3);
  ASSERT_EQ(results.questions_size(), 5);
  auto count = [&](int q, const std::string& option) {
    for (const auto& o : results.questions(q).options()) {
      if (o.option_id() == option) return o;
    }
    ADD_FAILURE() << "no option " << option;
    return v1::ConsultationResultsResponse::OptionCount();
  };
  EXPECT_EQ(results.questions(0).answered(), 3);
  EXPECT_EQ(count(0, "less").chosen(), 2);
  EXPECT_EQ(count(0, "most_days").chosen(), 1);
  EXPECT_EQ(count(0, "once_a_week").chosen(), 0);
  EXPECT_EQ(results.questions(1).answered(), 2);
  EXPECT_EQ(count(1, "company").chosen(), 2);
  EXPECT_EQ(count(1, "money").chosen(), 1);
  EXPECT_EQ(results.questions(2).answered(), 3);
  EXPECT_EQ(count(2, "buddies").chosen(), 2) << "first places";
  EXPECT_EQ(count(2, "buddies").ranked(), 3);
  EXPECT_EQ(count(2, "buddies").rank_total(), 1 + 2 + 1);
  EXPECT_EQ(count(2, "benches").ranked(), 2) << "one order stopped after the first";
  EXPECT_EQ(count(2, "benches").rank_total(), 3 + 3);
  ASSERT_EQ(results.questions(3).agreement_size(), 5);
  EXPECT_EQ(results.questions(3).agreement(1), 1) << "agree";
  EXPECT_EQ(results.questions(3).agreement(4), 1) << "strongly disagree";
  EXPECT_EQ(results.questions(4).answered(), 2);
  EXPECT_EQ(results.SerializeAsString().find("Benches by the bus stop"), std::string::npos)
      << "no one's words in the counts";

  request.set_id("no_such_consultation");
  grpc::ClientContext again;
  server_.SignedInAs(auth::Role::kClerk, &again);
  EXPECT_EQ(server_.officer().ConsultationResults(&again, request, &results).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(RpcTest, MalformedBatchesAreRefusedAsAWhole) {
  v1::SubmitBatchResponse response;
  EXPECT_EQ(Submit({}, &response).error_code(), grpc::StatusCode::INVALID_ARGUMENT);

  std::vector<v1::Submission> too_many;
  for (int i = 0; i < 101; ++i) too_many.push_back(Feedback(i, Now()));
  EXPECT_EQ(Submit(too_many, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  too_many.pop_back();
  EXPECT_TRUE(Submit(too_many, &response).ok());
  EXPECT_EQ(response.results_size(), 100);

  grpc::Status s = Submit({Feedback(200, Now())}, &response, "", "kiosk-test-1");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << "no device id";
  EXPECT_FALSE(s.error_message().empty());
  // An enrolled device naming any other id, well-formed or not, is refused.
  for (const std::string& device : std::vector<std::string>{
           "ab", "bad device", std::string(65, 'a'), "kiosk-test-2"}) {
    s = Submit({Feedback(200, Now())}, &response, device, "kiosk-test-1");
    EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED) << device;
    EXPECT_NE(s.error_message().find("only as itself"), std::string::npos);
  }
}

TEST_F(RpcTest, RefusedAndHandedOverItemsAreKeptInTheQuarantine) {
  v1::Submission bad = Feedback(1, Now(), std::string(5001, 'w'));  // over the limit
  v1::SubmitBatchResponse response;
  ASSERT_TRUE(Submit({bad, Feedback(2, Now())}, &response).ok());
  ASSERT_EQ(response.results(0).outcome(), v1::ItemResult::OUTCOME_REJECTED);
  // Sent again (as a kiosk retrying would): kept once.
  ASSERT_TRUE(Submit({bad}, &response).ok());
  // And the same id with other words: the second body is not lost either.
  ASSERT_TRUE(Submit({Feedback(2, Now(), "Other words, same id")}, &response).ok());
  ASSERT_EQ(response.results(0).message_key(), "error.conflict");

  v1::QuarantineRequest handed;
  handed.set_device_id("kiosk-test-1");
  v1::QuarantinedItem* item = handed.add_items();
  item->set_submission_id("damaged-1");
  item->set_raw(std::string("\x0a\xff\x01", 3));
  item->set_reason("its bytes were damaged on the device");
  {
    grpc::ClientContext context;
    server_.AsDevice("kiosk-test-1", &context);
    v1::QuarantineResponse out;
    ASSERT_TRUE(server_.kiosk().Quarantine(&context, handed, &out).ok());
  }
  {
    grpc::ClientContext context;  // as another device: refused
    server_.AsDevice("kiosk-test-2", &context);
    v1::QuarantineResponse out;
    EXPECT_EQ(server_.kiosk().Quarantine(&context, handed, &out).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
  }

  v1::ListQuarantineResponse listed;
  grpc::ClientContext context;
  server_.SignedInAs(auth::Role::kOfficer, &context);
  ASSERT_TRUE(
      server_.officer().ListQuarantine(&context, v1::ListQuarantineRequest(), &listed).ok());
  ASSERT_EQ(listed.records_size(), 3);
  EXPECT_EQ(listed.records(0).submission_id(), "damaged-1");
  EXPECT_EQ(listed.records(0).size_bytes(), 3);
  EXPECT_EQ(listed.records(0).reason(), "from the device: its bytes were damaged on the device");
  EXPECT_EQ(listed.records(1).submission_id(), testing::TestSubmissionId(2));
  EXPECT_NE(listed.records(1).reason().find("reused with a different body"), std::string::npos);
  EXPECT_EQ(listed.records(2).submission_id(), testing::TestSubmissionId(1));
  EXPECT_EQ(listed.records(2).reason(), "refused: feedback.text error.too_long");
  EXPECT_GT(listed.records(2).size_bytes(), 5001) << "kept whole";
  EXPECT_EQ(server_.store().ListAudit(1)->front().action, "quarantine_list");
}

TEST_F(RpcTest, KioskCallsNeedTheCredentialOfAnEnrolledDevice) {
  v1::SubmitBatchRequest request;
  request.set_device_id("kiosk-test-1");
  *request.add_submissions() = Feedback(1, Now());
  auto submit_with = [&](const std::string& credential) {
    grpc::ClientContext context;
    if (!credential.empty()) context.AddMetadata("authorization", "Bearer " + credential);
    v1::SubmitBatchResponse response;
    return server_.kiosk().SubmitBatch(&context, request, &response);
  };
  std::set<std::string> messages;
  for (const std::string& credential :
       {std::string(), std::string("cvd_garbage"),
        std::string("cvd_") + std::string(43, 'A')}) {
    grpc::Status s = submit_with(credential);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << credential;
    messages.insert(s.error_message());
  }
  const std::string credential = server_.CredentialOf("kiosk-test-1");
  EXPECT_TRUE(submit_with(credential).ok());
  ASSERT_TRUE(server_.devices().Revoke({"admin.test", auth::Role::kAdmin}, "kiosk-test-1").ok());
  grpc::Status revoked = submit_with(credential);
  EXPECT_EQ(revoked.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_NE(revoked.error_message().find("revoked"), std::string::npos);
  messages.insert(revoked.error_message());
  EXPECT_EQ(messages.size(), 4u) << "none, malformed, unknown and revoked each say so";
}

TEST_F(RpcTest, ReplayAnswersAlreadyStoredWithTheFirstTime) {
  v1::SubmitBatchResponse first, replay;
  const v1::Submission s = Feedback(1, Now());
  ASSERT_TRUE(Submit({s}, &first).ok());
  server_.clock().Advance(absl::Hours(30));
  ASSERT_TRUE(Submit({s}, &replay).ok());
  ASSERT_EQ(replay.results_size(), 1);
  EXPECT_EQ(replay.results(0).outcome(), v1::ItemResult::OUTCOME_ALREADY_STORED);
  EXPECT_EQ(replay.results(0).received_at().SerializeAsString(),
            first.results(0).received_at().SerializeAsString());
}

TEST_F(RpcTest, SameIdWithDifferentBodyIsAConflict) {
  v1::SubmitBatchResponse first, conflict;
  ASSERT_TRUE(Submit({Feedback(1, Now(), "first")}, &first).ok());
  ASSERT_TRUE(Submit({Feedback(1, Now(), "second")}, &conflict).ok());
  ASSERT_EQ(conflict.results_size(), 1);
  EXPECT_EQ(conflict.results(0).outcome(), v1::ItemResult::OUTCOME_REJECTED);
  EXPECT_EQ(conflict.results(0).code(), 6);
  EXPECT_EQ(conflict.results(0).field(), "submission_id");
  EXPECT_EQ(conflict.results(0).message_key(), "error.conflict");
  auto listed = List(0, "", true);
  ASSERT_EQ(listed.records_size(), 1);
  EXPECT_EQ(listed.records(0).submission().feedback().text(), "first");
}

TEST_F(RpcTest, GetCatalogSaysUnchangedForTheCurrentVersion) {
  v1::GetCatalogRequest request;
  request.set_device_id("kiosk-test-1");
  v1::GetCatalogResponse full;
  {
    grpc::ClientContext context;
    server_.AsDevice("kiosk-test-1", &context);
    ASSERT_TRUE(server_.kiosk().GetCatalog(&context, request, &full).ok());
  }
  EXPECT_FALSE(full.unchanged());
  EXPECT_EQ(full.catalog().council_name(), "Northshire Council");
  ASSERT_FALSE(full.catalog().version().empty());

  request.set_known_version(full.catalog().version());
  v1::GetCatalogResponse same;
  {
    grpc::ClientContext context;
    server_.AsDevice("kiosk-test-1", &context);
    ASSERT_TRUE(server_.kiosk().GetCatalog(&context, request, &same).ok());
  }
  EXPECT_TRUE(same.unchanged());
  EXPECT_FALSE(same.has_catalog());

  request.set_known_version("0000000000000000");
  v1::GetCatalogResponse stale;
  grpc::ClientContext context;
  server_.AsDevice("kiosk-test-1", &context);
  ASSERT_TRUE(server_.kiosk().GetCatalog(&context, request, &stale).ok());
  EXPECT_FALSE(stale.unchanged());
  EXPECT_EQ(stale.catalog().version(), full.catalog().version());
}

// Bytes that are no request at all (damaged on a device's disk, or from a
// broken client) are the caller's fault: INVALID_ARGUMENT, never gRPC's
// INTERNAL; and only once the caller has shown who it is.
TEST_F(RpcTest, BytesThatAreNoRequestAreRefusedAsTheCallersFault) {
  grpc::GenericStub raw(server_.channel());
  auto call = [&](const std::string& method, const std::string& bytes, bool enrolled) {
    grpc::Slice slice(bytes);
    grpc::ByteBuffer request(&slice, 1);
    grpc::ByteBuffer response;
    grpc::ClientContext context;
    if (enrolled) server_.AsDevice("kiosk-test-1", &context);
    std::promise<grpc::Status> done;
    raw.UnaryCall(&context, "/carevoice.v1.KioskSync/" + method, grpc::StubOptions(), &request,
                  &response, [&](grpc::Status s) { done.set_value(std::move(s)); });
    return done.get_future().get();
  };
  // A length-delimited field whose length runs past the end.
  const std::string damaged = "\x0a\x0ckiosk-test-1\x12\xff\x7f\x0a";
  for (const std::string method : {"SubmitBatch", "Quarantine"}) {
    grpc::Status refused = call(method, damaged, true);
    EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << method;
    EXPECT_NE(refused.error_message().find("cannot be read"), std::string::npos)
        << refused.error_message();
    EXPECT_EQ(call(method, damaged, false).error_code(), grpc::StatusCode::UNAUTHENTICATED)
        << method;
  }
  EXPECT_TRUE(server_.store().ListSubmissions(10, std::nullopt)->records.empty());

  // Well-formed bytes on the same raw path are stored as ever.
  v1::SubmitBatchRequest good;
  good.set_device_id("kiosk-test-1");
  *good.add_submissions() = Feedback(1, Now());
  EXPECT_TRUE(call("SubmitBatch", good.SerializeAsString(), true).ok());
  EXPECT_EQ(server_.store().ListSubmissions(10, std::nullopt)->records.size(), 1u);
}

TEST_F(RpcTest, CheckReferenceFindsAStoredSubmission) {
  v1::Submission s = Feedback(1, Now());
  s.set_pin("620714");
  v1::SubmitBatchResponse response;
  ASSERT_TRUE(Submit({s}, &response).ok());

  auto check = [&](const std::string& typed, const std::string& pin = "620714") {
    v1::CheckReferenceRequest request;
    request.set_reference(typed);
    request.set_pin(pin);
    v1::CheckReferenceResponse out;
    grpc::ClientContext context;
    server_.AsDevice("kiosk-test-1", &context);
    EXPECT_TRUE(server_.kiosk().CheckReference(&context, request, &out).ok());
    return out;
  };
  // As a person might type it: lower case, with a dash and spaces.
  std::string typed = contract::FormatReference(s.reference());
  for (char& c : typed) c = static_cast<char>(std::tolower(c));
  v1::CheckReferenceResponse found = check(" " + typed + " ");
  EXPECT_TRUE(found.found());
  EXPECT_EQ(found.status(), v1::CASE_STATUS_RECEIVED);
  EXPECT_EQ(found.reply(), "");
  EXPECT_EQ(found.updated_at().seconds(), absl::ToUnixSeconds(Now()));

  EXPECT_FALSE(check(testing::TestReference(99)).found());
  EXPECT_FALSE(check("not a reference").found());
  EXPECT_FALSE(check(s.reference(), "620715").found());
}

TEST_F(RpcTest, ListPagesNewestFirstAndHidesWordsUnlessAsked) {
  for (int i = 0; i < 5; ++i) {
    v1::Submission s = Feedback(i, Now());
    s.set_anonymous(false);
    s.mutable_contact()->set_name("Pat Example");
    s.mutable_contact()->set_phone("01632 960001");
    v1::SubmitBatchResponse response;
    ASSERT_TRUE(Submit({s}, &response).ok());
    server_.clock().Advance(absl::Seconds(1));
  }
  std::vector<std::string> ids;
  std::string token;
  for (int pages = 0; pages < 10; ++pages) {
    auto page = List(2, token, false);
    for (const auto& r : page.records()) {
      ids.push_back(r.submission_id());
      EXPECT_EQ(r.submission().feedback().text(), "");
      EXPECT_EQ(r.submission().feedback().rating(), v1::RATING_GOOD);
      EXPECT_FALSE(r.submission().has_contact());
    }
    token = page.next_page_token();
    if (token.empty()) break;
  }
  EXPECT_EQ(ids, (std::vector<std::string>{
                     testing::TestSubmissionId(4), testing::TestSubmissionId(3),
                     testing::TestSubmissionId(2), testing::TestSubmissionId(1),
                     testing::TestSubmissionId(0)}));

  auto with_text = List(1, "", true);
  ASSERT_EQ(with_text.records_size(), 1);
  EXPECT_EQ(with_text.records(0).submission().feedback().text(),
            "The carers are kind.");
  EXPECT_FALSE(with_text.records(0).submission().has_contact());

  // Every call was audited: 3 pages and one more.
  auto audit = server_.store().ListAudit(4);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 4u);
  EXPECT_EQ((*audit)[0].action, "list_with_text");
  EXPECT_EQ((*audit)[0].officer, "officer.test");
  EXPECT_EQ((*audit)[0].count, 1);
  EXPECT_EQ((*audit)[0].reason, "following up a case");
  for (int i = 1; i < 4; ++i) {
    EXPECT_EQ((*audit)[i].action, "list");
    EXPECT_EQ((*audit)[i].reason, "") << "no words read, no reason needed";
  }
}

TEST_F(RpcTest, ListRefusesBadArguments) {
  auto call = [&](v1::ListSubmissionsRequest request) {
    v1::ListSubmissionsResponse response;
    grpc::ClientContext context;
    server_.SignedInAs(auth::Role::kOfficer, &context);
    return server_.officer().ListSubmissions(&context, request, &response).error_code();
  };
  v1::ListSubmissionsRequest request;
  request.set_include_text(true);
  EXPECT_EQ(call(request), grpc::StatusCode::INVALID_ARGUMENT) << "words without a reason";
  request.set_reason("   why ");
  EXPECT_EQ(call(request), grpc::StatusCode::INVALID_ARGUMENT) << "a reason of 3 letters";
  request.set_reason(std::string(501, 'x'));
  EXPECT_EQ(call(request), grpc::StatusCode::INVALID_ARGUMENT) << "a reason too long";
  request.set_include_text(false);
  request.set_page_size(1001);
  EXPECT_EQ(call(request), grpc::StatusCode::INVALID_ARGUMENT);
  request.set_page_size(10);
  request.set_page_token("garbage!");
  EXPECT_EQ(call(request), grpc::StatusCode::INVALID_ARGUMENT);
}

// Records travel many to a message: an export longer than a run (500)
// arrives whole, once each, oldest first.
TEST_F(RpcTest, AnExportOfManyRunsArrivesWholeAndInOrder) {
  constexpr int kMany = 1203;
  for (int first = 1; first <= kMany; first += 100) {
    std::vector<v1::Submission> batch;
    for (int n = first; n < first + 100 && n <= kMany; ++n) {
      batch.push_back(Feedback(n, Now(), "Kind staff."));
    }
    v1::SubmitBatchResponse response;
    ASSERT_TRUE(Submit(batch, &response).ok());
  }
  const std::vector<v1::SubmissionRecord> records = Export(false);
  ASSERT_EQ(records.size(), static_cast<std::size_t>(kMany));
  std::set<std::string> ids;
  for (std::size_t i = 0; i < records.size(); ++i) {
    ids.insert(records[i].submission_id());
    if (i > 0) {
      EXPECT_LE(base::FromProtoTimestamp(records[i - 1].received_at()),
                base::FromProtoTimestamp(records[i].received_at()));
    }
  }
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kMany));
}

TEST_F(RpcTest, ExportIsAnonymisedUnlessIdentified) {
  v1::Submission quotable = Feedback(1, Now(), "Please quote me.");
  quotable.set_anonymous(false);
  quotable.mutable_contact()->set_name("Pat Example");
  quotable.mutable_contact()->set_email("pat@example.org");
  quotable.mutable_consent()->set_may_quote(true);
  v1::Submission private_words = Feedback(2, Now(), "Do not quote me.");
  private_words.set_anonymous(false);
  private_words.mutable_contact()->set_name("Sam Example");
  private_words.mutable_contact()->set_phone("01632 960002");
  v1::SubmitBatchResponse response;
  ASSERT_TRUE(Submit({quotable, private_words}, &response).ok());

  auto anonymised = Export(false);
  ASSERT_EQ(anonymised.size(), 2u);
  EXPECT_EQ(anonymised[0].submission().feedback().text(), "Please quote me.");
  EXPECT_EQ(anonymised[1].submission().feedback().text(), "");
  for (const auto& r : anonymised) EXPECT_FALSE(r.submission().has_contact());

  auto identified = Export(true);
  ASSERT_EQ(identified.size(), 2u);
  EXPECT_EQ(identified[0].submission().contact().email(), "pat@example.org");
  EXPECT_EQ(identified[1].submission().feedback().text(), "Do not quote me.");

  auto audit = server_.store().ListAudit(2);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 2u);
  EXPECT_EQ((*audit)[0].action, "export_identified");
  EXPECT_EQ((*audit)[0].reason, "to call the person back");
  EXPECT_EQ((*audit)[1].action, "export_anonymised");
  EXPECT_EQ((*audit)[1].count, 2);

  v1::ExportSubmissionsRequest unexplained;
  unexplained.set_identified(true);
  grpc::ClientContext context;
  server_.SignedInAs(auth::Role::kOfficer, &context);
  auto reader = server_.officer().ExportSubmissions(&context, unexplained);
  v1::SubmissionRecords run;
  EXPECT_FALSE(reader->Read(&run)) << "nothing leaves without a reason";
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST(RpcFunctionTest, SubmitBatchNeedsNoServer) {
  testing::TempDir dir;
  auto store = store::OpenSqliteStore(dir.File("plain.db"));
  ASSERT_TRUE(store.ok());
  base::FakeClock clock;
  v1::SubmitBatchRequest request;
  request.set_device_id("kiosk-test-1");
  *request.add_submissions() = testing::Safeguarding(1, clock.Now());
  absl::Status whole_call = absl::UnknownError("unset");
  auto response = SubmitBatch(**store, clock, auth::PinKey::Random(), request, &whole_call);
  ASSERT_TRUE(whole_call.ok()) << whole_call;
  ASSERT_EQ(response.results_size(), 1);
  EXPECT_EQ(response.results(0).outcome(), v1::ItemResult::OUTCOME_STORED);
  auto page = (*store)->ListSubmissions(1, std::nullopt);
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->records[0].urgent());
}

TEST(RedactionTest, ClearWordsLeavesChoicesAndIds) {
  v1::Submission s;
  s.mutable_complaint()->set_service_id("home_care");
  s.mutable_complaint()->set_what_happened("words");
  s.mutable_complaint()->set_desired_outcome("words");
  s.mutable_complaint()->set_late_reason("words");
  s.mutable_on_behalf_of()->set_no_consent_reason("words");
  contract::ClearWords(&s);
  EXPECT_EQ(s.complaint().service_id(), "home_care");
  EXPECT_EQ(s.complaint().what_happened() + s.complaint().desired_outcome() +
                s.complaint().late_reason() + s.on_behalf_of().no_consent_reason(),
            "");

  v1::Submission answer;
  answer.mutable_consultation_answer()->set_consultation_id("c");
  v1::QuestionAnswer* words = answer.mutable_consultation_answer()->add_answers();
  words->set_question_id("else");
  words->set_free_text("words");
  v1::QuestionAnswer* choice = answer.mutable_consultation_answer()->add_answers();
  choice->set_question_id("hours");
  choice->set_choice_id("mornings");
  contract::ClearWords(&answer);
  EXPECT_TRUE(answer.consultation_answer().answers(0).has_free_text());
  EXPECT_EQ(answer.consultation_answer().answers(0).free_text(), "");
  EXPECT_EQ(answer.consultation_answer().answers(1).choice_id(), "mornings");
}

TEST(ListenAddressTest, ParsesAndRecognisesLoopback) {
  auto a = ParseHostPort("127.0.0.1:7000");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->host, "127.0.0.1");
  EXPECT_EQ(a->port, 7000);
  EXPECT_TRUE(ParseHostPort("[::1]:0").ok());
  EXPECT_FALSE(ParseHostPort("::1:0").ok());
  EXPECT_FALSE(ParseHostPort("localhost").ok());
  EXPECT_FALSE(ParseHostPort("localhost:99999").ok());
  EXPECT_FALSE(ParseHostPort(":7000").ok());

  EXPECT_TRUE(IsLoopbackHost("127.0.0.1"));
  EXPECT_TRUE(IsLoopbackHost("127.1.2.3"));
  EXPECT_TRUE(IsLoopbackHost("localhost"));
  EXPECT_TRUE(IsLoopbackHost("[::1]"));
  EXPECT_FALSE(IsLoopbackHost("0.0.0.0"));
  EXPECT_FALSE(IsLoopbackHost("192.168.1.10"));
  EXPECT_FALSE(IsLoopbackHost("[::]"));
  EXPECT_FALSE(IsLoopbackHost("example.org"));
}

}  // namespace
}  // namespace carevoice::service::rpc
